//! Tensors, shape arithmetic and the seeded random generator shared by every
//! part of `net`.

pub mod error;
pub mod rng;
pub mod shape;
pub mod tensor;

pub use error::{Error, ShapeError};
pub use rng::Rng;
pub use tensor::{
    batch_as_mut_slice, batch_as_slice, Tensor, Tensor1, Tensor2, Tensor3, Tensor4, Tensor5,
};
