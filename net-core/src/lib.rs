//! Tensors, shape arithmetic, the seeded random generator, the `Network`
//! traits, parameter blocks, summaries and safetensors I/O shared by every part
//! of `net`.

pub mod error;
pub mod network;
pub mod params;
pub mod rng;
pub mod safetensors;
pub mod shape;
pub mod summary;
pub mod tensor;

pub use error::{Error, ShapeError, TensorMismatch};
pub use network::{Autoencoder, NamedTensors, Network, ParamVisitor};
pub use params::{
    clone_boxed, zeroed_box, BatchNormGrads, BatchNormState, TensorData, TensorDataMut, Weights,
    WeightsNoBias, Zeroable,
};
pub use rng::Rng;
pub use summary::{LayerSummary, Summary};
pub use tensor::{
    batch_as_mut_slice, batch_as_slice, reshape, Tensor, Tensor1, Tensor2, Tensor3, Tensor4,
    Tensor5,
};
