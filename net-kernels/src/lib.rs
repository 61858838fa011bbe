//! Const-generic forward and backward kernels for `net`'s layers.
//!
//! Every kernel takes its sizes as const parameters and checks them against
//! `net_core::shape` in an inline `const { assert!(..) }`, so a call with
//! inconsistent sizes does not compile. Batched kernels run their samples in
//! parallel with rayon and sum parameter gradients in a fixed order, so results
//! are bitwise the same for any number of threads.

mod depthwise;
mod direct;
mod matmul;
mod path;
#[cfg(target_arch = "x86_64")]
mod shifted;
mod window;

pub mod activation;
pub mod batch_norm;
pub mod conv;
pub mod conv_transpose;
pub mod dense;
pub mod dropout;
pub mod grouped;
pub mod pool;
pub mod residual;
pub mod upsample;

#[cfg(test)]
mod testing;
