//! The parameter blocks a generated network's fields are made of, in PyTorch's
//! names and layouts, and their initialisation.

use crate::network::NamedTensors;
#[cfg(feature = "std")]
use crate::rng::Rng;
use crate::tensor::{Tensor, Tensor1};

/// A tensor's elements as stored in a file: f32 values, or the i64 counter
/// batch norm keeps (`num_batches_tracked`).
#[derive(Debug, Clone, Copy)]
pub enum TensorData<'a> {
    /// 32-bit floats.
    F32(&'a [f32]),
    /// 64-bit integers.
    I64(&'a [i64]),
}

impl TensorData<'_> {
    /// The elements as little-endian bytes, as safetensors and ONNX store them.
    #[cfg(feature = "std")]
    pub fn to_le_bytes(&self) -> Vec<u8> {
        match self {
            TensorData::F32(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
            TensorData::I64(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
        }
    }
}

/// Mutable access to a tensor's elements.
#[derive(Debug)]
pub enum TensorDataMut<'a> {
    /// 32-bit floats.
    F32(&'a mut [f32]),
    /// 64-bit integers.
    I64(&'a mut [i64]),
}

/// A layer's weight and bias (`weight`, `bias`), as PyTorch's `Conv*d` and `Linear`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Weights<W: Tensor, const O: usize> {
    /// The weight, `[out, in, k...]` (transposed convolution: `[in, out, k...]`).
    pub weight: W,
    /// One bias per output channel.
    pub bias: Tensor1<O>,
}

/// A layer's weight without a bias (`bias = false`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WeightsNoBias<W: Tensor> {
    /// The weight, `[out, in, k...]` (transposed convolution: `[in, out, k...]`).
    pub weight: W,
}

/// Batch norm's parameters and buffers, as PyTorch's `BatchNorm*d`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchNormState<const C: usize> {
    /// Scale (gamma), trainable.
    pub weight: Tensor1<C>,
    /// Shift (beta), trainable.
    pub bias: Tensor1<C>,
    /// Running mean, updated in training.
    pub running_mean: Tensor1<C>,
    /// Running (unbiased) variance, updated in training.
    pub running_var: Tensor1<C>,
    /// Training steps taken, as PyTorch counts them.
    pub num_batches_tracked: i64,
}

impl<const C: usize> Default for BatchNormState<C> {
    /// PyTorch's initial state: weight 1, bias 0, running mean 0, running variance 1.
    fn default() -> Self {
        let ones = Tensor1::zeros().map(|_| 1.0);
        Self {
            weight: ones,
            bias: Tensor1::zeros(),
            running_mean: Tensor1::zeros(),
            running_var: ones,
            num_batches_tracked: 0,
        }
    }
}

/// Gradients of batch norm's trainable parameters.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BatchNormGrads<const C: usize> {
    /// Gradient of the scale.
    pub weight: Tensor1<C>,
    /// Gradient of the shift.
    pub bias: Tensor1<C>,
}

/// Fills `values` from U(-bound, bound), in order.
#[cfg(feature = "std")]
pub fn init_uniform(rng: &mut Rng, values: &mut [f32], bound: f32) {
    values
        .iter_mut()
        .for_each(|v| *v = rng.uniform(-bound, bound));
}

/// PyTorch's default bound for `Conv*d`, `ConvTranspose*d` and `Linear` weights
/// and biases (`kaiming_uniform_(a = sqrt(5))`): `1 / sqrt(fan_in)`, where
/// `fan_in` is the weight's second axis times its kernel cells (for a transposed
/// convolution that is its output channels, as PyTorch computes it).
#[cfg(feature = "std")]
pub fn default_init_bound(fan_in: usize) -> f32 {
    1.0 / (fan_in as f32).sqrt()
}

/// Types whose all-zero bit pattern is a valid value (0.0 for floats, 0 for
/// integers), so they can be built directly on the heap with [`zeroed_box`].
///
/// # Safety
/// Every bit of the type must belong to fields of types that are themselves
/// `Zeroable`; no padding may carry meaning, no field may be a reference,
/// pointer, `bool`, `char`, enum or `NonZero*`.
pub unsafe trait Zeroable: Sized {}

// SAFETY: the all-zero pattern is 0.0 / 0, and arrays of zeroable values are zeroable.
unsafe impl Zeroable for f32 {}
// SAFETY: see above.
unsafe impl Zeroable for i64 {}
// SAFETY: no bytes at all (the scratch of a model that needs none).
unsafe impl Zeroable for () {}
// SAFETY: see above.
unsafe impl<T: Zeroable, const N: usize> Zeroable for [T; N] {}
// SAFETY: the fields are zeroable tensors, and tensors are arrays of f32.
unsafe impl<W: Tensor + Zeroable, const O: usize> Zeroable for Weights<W, O> {}
// SAFETY: as above.
unsafe impl<W: Tensor + Zeroable> Zeroable for WeightsNoBias<W> {}
// SAFETY: f32 tensors and an i64.
unsafe impl<const C: usize> Zeroable for BatchNormState<C> {}
// SAFETY: f32 tensors.
unsafe impl<const C: usize> Zeroable for BatchNormGrads<C> {}

/// A zeroed `T` built directly on the heap: a model of many megabytes never
/// passes through the stack.
#[cfg(feature = "std")]
pub fn zeroed_box<T: Zeroable>() -> Box<T> {
    // SAFETY: `T: Zeroable` guarantees that all-zero bytes are a valid `T`.
    unsafe { Box::<T>::new_zeroed().assume_init() }
}

/// A copy of `value` built directly on the heap, tensor by tensor: `Clone`
/// would pass a model of many megabytes through the stack.
#[cfg(feature = "std")]
pub fn clone_boxed<T: NamedTensors + Zeroable>(value: &T) -> Box<T> {
    let mut sources = Vec::new();
    value.visit(&mut |_, _, data| sources.push(data));
    let mut copy = zeroed_box::<T>();
    let mut next = sources.into_iter();
    copy.visit_mut(&mut |_, _, data| match (data, next.next()) {
        (TensorDataMut::F32(to), Some(TensorData::F32(from))) => to.copy_from_slice(from),
        (TensorDataMut::I64(to), Some(TensorData::I64(from))) => to.copy_from_slice(from),
        _ => unreachable!("visit and visit_mut list the same tensors in the same order"),
    });
    copy
}

/// Sets every tensor of `tensors` to zero, as a training step does to its
/// gradients before each backward pass.
pub fn fill_zeros<T: NamedTensors + ?Sized>(tensors: &mut T) {
    tensors.visit_mut(&mut |_, _, data| match data {
        TensorDataMut::F32(values) => values.fill(0.0),
        TensorDataMut::I64(values) => values.fill(0),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::{Tensor2, Tensor4};

    #[test]
    fn zeroed_boxes_hold_zeros() {
        let w = zeroed_box::<Weights<Tensor4<64, 64, 3, 3>, 64>>();
        assert!(w.weight.as_slice().iter().all(|&v| v == 0.0));
        let bn = zeroed_box::<BatchNormState<3>>();
        assert_eq!(bn.num_batches_tracked, 0);
        let big = zeroed_box::<WeightsNoBias<Tensor2<2000, 2500>>>();
        assert_eq!(big.weight.data[1999][2499], 0.0);
    }

    // Two of batch norm's tensors and its counter, visited by hand as
    // `network!` visits a model's.
    impl NamedTensors for BatchNormState<2> {
        fn visit<'a>(&'a self, f: &mut dyn FnMut(&str, &'static [usize], TensorData<'a>)) {
            f("weight", &[2], TensorData::F32(self.weight.as_slice()));
            f(
                "running_var",
                &[2],
                TensorData::F32(self.running_var.as_slice()),
            );
            let count = std::slice::from_ref(&self.num_batches_tracked);
            f("num_batches_tracked", &[], TensorData::I64(count));
        }
        fn visit_mut(&mut self, f: &mut dyn FnMut(&str, &'static [usize], TensorDataMut<'_>)) {
            f(
                "weight",
                &[2],
                TensorDataMut::F32(self.weight.as_mut_slice()),
            );
            f(
                "running_var",
                &[2],
                TensorDataMut::F32(self.running_var.as_mut_slice()),
            );
            let count = std::slice::from_mut(&mut self.num_batches_tracked);
            f("num_batches_tracked", &[], TensorDataMut::I64(count));
        }
    }

    #[test]
    fn filling_with_zeros_reaches_every_visited_tensor_and_nothing_else() {
        let mut bn = BatchNormState::<2> {
            num_batches_tracked: 7,
            ..Default::default()
        };
        bn.bias.data = [3.0, 4.0];
        fill_zeros(&mut bn);
        assert_eq!((bn.weight.data, bn.running_var.data), ([0.0; 2], [0.0; 2]));
        assert_eq!(bn.num_batches_tracked, 0);
        assert_eq!(bn.bias.data, [3.0, 4.0]);
    }

    #[test]
    fn batch_norm_starts_as_pytorch_does() {
        let bn = BatchNormState::<2>::default();
        assert_eq!((bn.weight.data, bn.bias.data), ([1.0; 2], [0.0; 2]));
        assert_eq!(
            (bn.running_mean.data, bn.running_var.data),
            ([0.0; 2], [1.0; 2])
        );
    }

    #[test]
    fn init_stays_in_bounds() {
        let mut rng = Rng::seed_from_u64(1);
        let mut v = [0.0; 1000];
        init_uniform(&mut rng, &mut v, default_init_bound(25));
        assert!(v.iter().all(|x| x.abs() <= 0.2));
        assert!(v.iter().any(|x| x.abs() > 0.19));
    }
}
