//! Tensors, shape arithmetic, the seeded random generator, the `Network`
//! traits, parameter blocks, losses, optimizers, training, data sets,
//! augmentation, summaries and safetensors I/O shared by every part of `net`.

pub mod augment;
pub mod chunks;
pub mod data;
pub mod error;
pub mod loss;
pub mod network;
pub mod optim;
pub mod params;
pub mod rng;
pub mod safetensors;
pub mod summary;
pub mod tensor;
pub mod train;

pub use net_shape as shape;

pub use augment::Augmentation;
pub use data::{load_mnist, Dataset};
pub use error::{Error, ShapeError, TensorMismatch};
pub use network::{Autoencoder, NamedTensors, Network, ParamVisitor};
pub use optim::{Adam, Optimizer, Schedule, Sgd};
pub use params::{
    clone_boxed, zeroed_box, BatchNormGrads, BatchNormState, TensorData, TensorDataMut, Weights,
    WeightsNoBias, Zeroable,
};
pub use rng::Rng;
pub use summary::{LayerSummary, Summary};
pub use tensor::{
    batch_as_mut_slice, batch_as_slice, reshape, Tensor, Tensor1, Tensor2, Tensor3, Tensor4,
    Tensor5, PARALLEL_PIECE,
};
pub use train::{
    evaluate, evaluate_reconstruction, EpochStats, Evaluation, Fit, History, Progress,
};
