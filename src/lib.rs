//! `net`: convolutional networks and autoencoders whose shapes are checked when
//! the program compiles.
//!
//! An architecture is written once, in [`network!`]. The macro works out every
//! layer's shape, rejects a bad architecture with an error that points at the
//! layer and shows the arithmetic, and expands into a plain struct whose layers
//! call the const-generic kernels of [`kernels`], with a generated backward pass.
//!
//! ```
//! use net::prelude::*;
//!
//! network! {
//!     /// A small digit classifier.
//!     pub struct Tiny: [1, 12, 12] {
//!         conv: Conv2d(4, kernel = 3) -> [4, 10, 10],
//!         Relu,
//!         MaxPool2d(2),
//!         Flatten,
//!         fc: Dense(10),
//!     } -> [10]
//! }
//!
//! let model = Tiny::new(0);
//! let logits = model.forward(&Tensor3::zeros());
//! assert_eq!(logits.as_slice().len(), 10);
//! assert_eq!(Tiny::NUM_PARAMS, 4 * 9 + 4 + 100 * 10 + 10);
//! println!("{}", Tiny::summary());
//!
//! // The same model for onnxruntime, Netron and the other ONNX tools: `input`
//! // of shape [N, 1, 12, 12], `output`, initializers named `conv.weight`, ...
//! let path = std::env::temp_dir().join("tiny.onnx");
//! model.save_onnx(&path)?;
//! assert_eq!(Tiny::ONNX.nodes[0].op, "Conv");
//! # Ok::<(), net::Error>(())
//! ```
//!
//! The kernels can also be called by hand; they check their sizes at compile
//! time too:
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

#![cfg_attr(not(feature = "std"), no_std)]

// Lets the code `network!` generates name this crate as `::net` inside it too.
extern crate self as net;

pub use net_core::params::fill_zeros;
#[cfg(feature = "std")]
pub use net_core::{
    augment, clone_boxed, data, evaluate, evaluate_reconstruction, limits, loss, metrics, onnx,
    optim, train, zeroed_box, Adam, Augmentation, Confusion, Dataset, EpochStats, Error,
    Evaluation, Fit, History, LayerSummary, Optimizer, ParamVisitor, Progress, Rng, Schedule, Sgd,
    Summary, TensorMismatch,
};
pub use net_core::{
    reshape, shape, Autoencoder, BatchNormGrads, BatchNormState, NamedTensors, Network, ShapeError,
    Tensor, Tensor1, Tensor2, Tensor3, Tensor4, Tensor5, TensorData, TensorDataMut, Weights,
    WeightsNoBias, Zeroable,
};
pub use net_kernels as kernels;

pub mod models;
pub use net_macros::network;

/// What only the code that [`network!`] generates calls: batch slicing, the
/// bookkeeping of training in chunks, initialisation, the buffers of
/// inference. Not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use crate::scratch::*;
    #[cfg(feature = "std")]
    pub use net_core::params::{default_init_bound, init_uniform};
    #[cfg(feature = "std")]
    pub use net_core::{batch_as_mut_slice, batch_as_slice, chunks};
    #[cfg(feature = "std")]
    pub use std::{boxed::Box, path::Path, vec, vec::Vec};

    /// Its input where `net` has the `std` feature, nothing where it has
    /// not: the code `network!` generates wraps what needs `std` in it, so
    /// that one expansion serves both builds.
    #[cfg(feature = "std")]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __std_only {
        ($($item:tt)*) => { $($item)* };
    }
    /// See above.
    #[cfg(not(feature = "std"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __std_only {
        ($($item:tt)*) => {};
    }
    pub use crate::__std_only as std_only;

    /// `len` bytes of `bytes` from `start`, in a const.
    pub const fn bytes_at(bytes: &[u8], start: usize, len: usize) -> &[u8] {
        bytes.split_at(start).1.split_at(len).0
    }

    /// The little-endian `i64` at `start` (batch norm's counter), in a const.
    pub const fn i64_at(bytes: &[u8], start: usize) -> i64 {
        let Some(le) = bytes.split_at(start).1.first_chunk::<8>() else {
            panic!("an i64 needs 8 bytes")
        };
        i64::from_le_bytes(*le)
    }
}

mod scratch;

/// What a program that builds or runs a model needs in scope.
pub mod prelude {
    #[cfg(feature = "std")]
    pub use net_core::Rng;
    pub use net_core::{
        Autoencoder, NamedTensors, Network, Tensor, Tensor1, Tensor2, Tensor3, Tensor4, Tensor5,
    };
    pub use net_macros::network;
}
