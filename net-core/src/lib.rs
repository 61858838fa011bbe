//! Tensors, shape arithmetic, the seeded random generator, the `Network`
//! traits, parameter blocks, losses, optimizers, training, data sets,
//! augmentation, summaries and safetensors I/O shared by every part of `net`.
//!
//! Without the default feature `std` the crate is `no_std` and needs no
//! allocator: what is left is what inference needs (tensors, the traits,
//! parameter blocks, the shape arithmetic).

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "std")]
pub mod augment;
#[cfg(feature = "std")]
pub mod chunks;
#[cfg(feature = "std")]
pub mod data;
pub mod error;
#[cfg(feature = "std")]
pub mod limits;
#[cfg(feature = "std")]
pub mod loss;
#[cfg(feature = "std")]
pub mod metrics;
pub mod network;
#[cfg(feature = "std")]
pub mod onnx;
#[cfg(feature = "std")]
pub mod optim;
pub mod params;
#[cfg(feature = "std")]
pub mod rng;
#[cfg(feature = "std")]
pub mod safetensors;
#[cfg(feature = "std")]
pub mod summary;
pub mod tensor;
#[cfg(feature = "std")]
pub mod train;

pub use net_shape as shape;

pub use error::ShapeError;
pub use network::{Autoencoder, NamedTensors, Network};
pub use params::{
    BatchNormGrads, BatchNormState, TensorData, TensorDataMut, Weights, WeightsNoBias, Zeroable,
};
pub use tensor::{
    batch_as_mut_slice, batch_as_slice, reshape, Tensor, Tensor1, Tensor2, Tensor3, Tensor4,
    Tensor5, PARALLEL_PIECE,
};

#[cfg(feature = "std")]
pub use {
    augment::Augmentation,
    data::{load_mnist, Dataset},
    error::{Error, TensorMismatch},
    metrics::Confusion,
    network::ParamVisitor,
    optim::{Adam, Optimizer, Schedule, Sgd},
    params::{clone_boxed, zeroed_box},
    rng::Rng,
    summary::{LayerSummary, Summary},
    train::{evaluate, evaluate_reconstruction, EpochStats, Evaluation, Fit, History, Progress},
};
