//! Const-generic forward and backward kernels for `net`'s layers.
//!
//! Every kernel takes its sizes as const parameters and checks them against
//! `net_core::shape` in an inline `const { assert!(..) }`, so a call with
//! inconsistent sizes does not compile. Batched kernels run their samples in
//! parallel with rayon and sum parameter gradients in a fixed order, so results
//! are bitwise the same for any number of threads.
//!
//! Without the default feature `std` the crate is `no_std` and needs no
//! allocator: it keeps the one-sample forward kernels, which is what
//! inference calls. The instruction set is then chosen when the crate is
//! compiled (`-C target-feature`), as there is no run-time detection.

#![cfg_attr(not(feature = "std"), no_std)]

mod depthwise;
mod direct;
mod math;
#[cfg(feature = "std")]
mod matmul;
mod path;
#[cfg(target_arch = "x86_64")]
mod rows;
#[cfg(target_arch = "x86_64")]
mod shifted;
mod window;

pub mod activation;
pub mod batch_norm;
pub mod conv;
pub mod conv_transpose;
pub mod dense;
#[cfg(feature = "std")]
pub mod dropout;
pub mod grouped;
pub mod pool;
pub mod residual;
pub mod upsample;

#[cfg(test)]
mod testing;
