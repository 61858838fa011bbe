//! `net`: convolutional networks and autoencoders whose shapes are checked when
//! the program compiles.
//!
//! This crate gathers the parts: [`net_core`] (tensors, shape arithmetic, the
//! random generator) and [`kernels`] (const-generic forward and backward kernels).
//! `use net::prelude::*;` brings in what a model needs.
//!
//! ```
//! use net::prelude::*;
//!
//! // A Sobel filter finds the vertical edge of a half-bright image.
//! let mut image = Tensor3::<1, 5, 5>::zeros();
//! for row in image.data[0].iter_mut() {
//!     row[3..].fill(1.0);
//! }
//! let sobel = Tensor4::from([[[[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]]]);
//! let mut edges = Tensor3::<1, 3, 3>::zeros();
//! net::kernels::conv::conv2d_forward::<1, 5, 5, 1, 3, 3, 1, 1, 0, 0, 3, 3>(&image, &sobel, None, &mut edges);
//! assert_eq!(edges.data[0][0], [0.0, -4.0, -4.0]);
//! ```

pub use net_core::{
    batch_as_mut_slice, batch_as_slice, shape, Error, Rng, ShapeError, Tensor, Tensor1, Tensor2,
    Tensor3, Tensor4, Tensor5,
};
pub use net_kernels as kernels;

/// What a program that builds or runs a model needs in scope.
pub mod prelude {
    pub use net_core::{Rng, Tensor, Tensor1, Tensor2, Tensor3, Tensor4, Tensor5};
}
