//! Fixed-size f32 tensors stored as row-major nested arrays (PyTorch's order).

use crate::error::ShapeError;
use core::fmt;
use core::ops::{Index, IndexMut};

/// What every fixed-size tensor offers, whatever its rank.
///
/// The elements are contiguous in row-major order, so `as_slice` is the same
/// memory PyTorch would hold for a contiguous tensor of `SHAPE`.
pub trait Tensor: Copy + Send + Sync + 'static {
    /// The shape, channels first, without a batch axis.
    const SHAPE: &'static [usize];
    /// The number of elements.
    const LEN: usize;

    /// A tensor of zeros.
    fn zeros() -> Self;
    /// The shape, [`Tensor::SHAPE`], from a value.
    fn shape(&self) -> &'static [usize] {
        Self::SHAPE
    }
    /// The elements in row-major order.
    fn as_slice(&self) -> &[f32];
    /// The elements in row-major order, mutable.
    fn as_mut_slice(&mut self) -> &mut [f32];

    /// Builds a tensor from `LEN` values in row-major order.
    fn from_slice(values: &[f32]) -> Result<Self, ShapeError> {
        let mut tensor = Self::zeros();
        if values.len() != Self::LEN {
            return Err(ShapeError {
                shape: Self::SHAPE,
                expected: Self::LEN,
                found: values.len(),
            });
        }
        tensor.as_mut_slice().copy_from_slice(values);
        Ok(tensor)
    }

    /// A tensor whose element at flat (row-major) index `i` is `f(i)`.
    fn map_indexed(&self, mut f: impl FnMut(usize) -> f32) -> Self {
        let mut out = *self;
        out.as_mut_slice()
            .iter_mut()
            .enumerate()
            .for_each(|(i, v)| *v = f(i));
        out
    }

    /// Applies `f` to every element.
    fn map(&self, mut f: impl FnMut(f32) -> f32) -> Self {
        let mut out = *self;
        out.as_mut_slice().iter_mut().for_each(|v| *v = f(*v));
        out
    }
}

/// Values per piece when an element-wise pass (a batch's activations, an
/// optimizer's update of a parameter tensor) is split across threads. Each
/// value is computed alone, so the split changes no result; a slice of one
/// piece stays on the calling thread.
pub const PARALLEL_PIECE: usize = 1 << 14;

/// The elements of a batch of tensors as one contiguous slice, sample after sample.
pub fn batch_as_slice<T: Tensor>(batch: &[T]) -> &[f32] {
    debug_assert_eq!(
        core::mem::size_of::<T>(),
        T::LEN * core::mem::size_of::<f32>()
    );
    // SAFETY: every tensor type is `repr(transparent)` over nested `f32` arrays,
    // which have no padding, so `batch` is `batch.len() * T::LEN` contiguous,
    // initialised `f32`s with the alignment of `f32`; the borrow is carried over.
    unsafe { core::slice::from_raw_parts(batch.as_ptr().cast::<f32>(), batch.len() * T::LEN) }
}

/// The elements of a batch of tensors as one contiguous mutable slice.
pub fn batch_as_mut_slice<T: Tensor>(batch: &mut [T]) -> &mut [f32] {
    debug_assert_eq!(
        core::mem::size_of::<T>(),
        T::LEN * core::mem::size_of::<f32>()
    );
    // SAFETY: as in `batch_as_slice`; the exclusive borrow is carried over, and any
    // bit pattern written through the slice is a valid `f32`.
    unsafe {
        core::slice::from_raw_parts_mut(batch.as_mut_ptr().cast::<f32>(), batch.len() * T::LEN)
    }
}

fn debug_tensor(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    shape: &[usize],
    values: &[f32],
) -> fmt::Result {
    const SHOWN: usize = 8;
    write!(f, "{name}{shape:?} ")?;
    let mut list = f.debug_list();
    list.entries(values.iter().take(SHOWN));
    if values.len() > SHOWN {
        list.entry(&format_args!("... {} more", values.len() - SHOWN));
    }
    list.finish()
}

macro_rules! tensor_type {
    (
        $(#[$doc:meta])*
        $name:ident [$($dim:ident),+] = $array:ty, flatten: |$data:ident| $flat:expr, $flat_mut:expr
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq)]
        #[repr(transparent)]
        pub struct $name<$(const $dim: usize),+> {
            /// The elements as nested arrays, outermost axis first.
            pub data: $array,
        }

        impl<$(const $dim: usize),+> Tensor for $name<$($dim),+> {
            const SHAPE: &'static [usize] = &[$($dim),+];
            const LEN: usize = 1 $(* $dim)+;

            fn zeros() -> Self {
                Self { data: zeros_array() }
            }
            fn as_slice(&self) -> &[f32] {
                let $data = &self.data;
                $flat
            }
            fn as_mut_slice(&mut self) -> &mut [f32] {
                let $data = &mut self.data;
                $flat_mut
            }
        }

        impl<$(const $dim: usize),+> $name<$($dim),+> {
            /// A tensor of zeros.
            pub fn zeros() -> Self {
                <Self as Tensor>::zeros()
            }
            /// Builds a tensor from its values in row-major order.
            pub fn from_slice(values: &[f32]) -> Result<Self, ShapeError> {
                <Self as Tensor>::from_slice(values)
            }
            /// The elements in row-major order.
            pub fn as_slice(&self) -> &[f32] {
                <Self as Tensor>::as_slice(self)
            }
            /// The elements in row-major order, mutable.
            pub fn as_mut_slice(&mut self) -> &mut [f32] {
                <Self as Tensor>::as_mut_slice(self)
            }
            /// Applies `f` to every element.
            pub fn map(&self, f: impl FnMut(f32) -> f32) -> Self {
                <Self as Tensor>::map(self, f)
            }
            /// The tensor whose elements are `bytes`: little-endian `f32`s in
            /// row-major order, as safetensors stores them. A `const fn`, so
            /// that a `static` model is read from its file while it compiles
            /// (`network!`'s `#[weights(..)]`); in a const, its panics are
            /// compile errors.
            ///
            /// # Panics
            /// If `bytes` is not `4 * LEN` long, or the target is big-endian.
            pub const fn from_le_bytes(bytes: &[u8]) -> Self {
                assert!(
                    bytes.len() == core::mem::size_of::<$array>(),
                    "from_le_bytes takes 4 bytes per element"
                );
                assert!(
                    cfg!(target_endian = "little"),
                    "net reads little-endian f32s as they lie in memory, so it needs a little-endian target"
                );
                // SAFETY: `bytes` holds exactly one `$array` (checked above) and
                // `read_unaligned` needs no alignment; every bit pattern is an
                // `f32`, and on a little-endian target a little-endian `f32`'s
                // bytes are its bytes in memory.
                let data = unsafe { core::ptr::read_unaligned(bytes.as_ptr().cast::<$array>()) };
                Self { data }
            }
        }

        // SAFETY: `repr(transparent)` over nested f32 arrays: all-zero bytes are 0.0s.
        unsafe impl<$(const $dim: usize),+> crate::params::Zeroable for $name<$($dim),+> {}

        impl<$(const $dim: usize),+> Default for $name<$($dim),+> {
            fn default() -> Self {
                Self::zeros()
            }
        }

        impl<$(const $dim: usize),+> From<$array> for $name<$($dim),+> {
            fn from(data: $array) -> Self {
                Self { data }
            }
        }

        impl<$(const $dim: usize),+> fmt::Debug for $name<$($dim),+> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                debug_tensor(f, stringify!($name), Self::SHAPE, self.as_slice())
            }
        }

        impl<$(const $dim: usize),+> Index<[usize; tensor_type!(@count $($dim)+)]> for $name<$($dim),+> {
            type Output = f32;
            fn index(&self, index: [usize; tensor_type!(@count $($dim)+)]) -> &f32 {
                &self.as_slice()[flat_index(Self::SHAPE, &index)]
            }
        }

        impl<$(const $dim: usize),+> IndexMut<[usize; tensor_type!(@count $($dim)+)]> for $name<$($dim),+> {
            fn index_mut(&mut self, index: [usize; tensor_type!(@count $($dim)+)]) -> &mut f32 {
                let at = flat_index(Self::SHAPE, &index);
                &mut self.as_mut_slice()[at]
            }
        }
    };
    (@count $($dim:ident)+) => { 0 $(+ tensor_type!(@one $dim))+ };
    (@one $dim:ident) => { 1 };
}

/// The same elements in another shape with as many elements (Flatten, Reshape).
/// A call with different element counts fails to compile.
pub fn reshape<A: Tensor, B: Tensor>(a: &A) -> B {
    const {
        assert!(
            A::LEN == B::LEN,
            "reshape: the shapes hold different numbers of elements"
        )
    };
    let mut b = B::zeros();
    b.as_mut_slice().copy_from_slice(a.as_slice());
    b
}

/// Row-major offset of `index` in `shape`; panics, as slice indexing does, when an
/// index is out of range.
fn flat_index(shape: &[usize], index: &[usize]) -> usize {
    shape.iter().zip(index).fold(0, |offset, (&size, &i)| {
        assert!(
            i < size,
            "index {index:?} is out of range for shape {shape:?}"
        );
        offset * size + i
    })
}

/// Nested arrays of zeros of any size, without building them on the stack twice.
fn zeros_array<A: ZeroArray>() -> A {
    A::ZERO
}

trait ZeroArray {
    const ZERO: Self;
}

impl ZeroArray for f32 {
    const ZERO: Self = 0.0;
}

impl<A: ZeroArray, const N: usize> ZeroArray for [A; N] {
    const ZERO: Self = [A::ZERO; N];
}

tensor_type! {
    /// A vector of `N` values.
    Tensor1[N] = [f32; N], flatten: |d| d.as_slice(), d.as_mut_slice()
}
tensor_type! {
    /// `C` channels of length `L` (the input of a 1d layer).
    Tensor2[C, L] = [[f32; L]; C], flatten: |d| d.as_flattened(), d.as_flattened_mut()
}
tensor_type! {
    /// `C` channels of `H` x `W` (an image).
    Tensor3[C, H, W] = [[[f32; W]; H]; C],
    flatten: |d| d.as_flattened().as_flattened(), d.as_flattened_mut().as_flattened_mut()
}
tensor_type! {
    /// `C` channels of `D` x `H` x `W` (a volume).
    Tensor4[C, D, H, W] = [[[[f32; W]; H]; D]; C],
    flatten: |d| d.as_flattened().as_flattened().as_flattened(),
        d.as_flattened_mut().as_flattened_mut().as_flattened_mut()
}

tensor_type! {
    /// Five axes: the weight of a 3d convolution, `[out, in, KD, KH, KW]`.
    Tensor5[A, B, C, D, E] = [[[[[f32; E]; D]; C]; B]; A],
    flatten: |d| d.as_flattened().as_flattened().as_flattened().as_flattened(),
        d.as_flattened_mut().as_flattened_mut().as_flattened_mut().as_flattened_mut()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_slice_keeps_row_major_order() {
        let values: Vec<f32> = (0..24).map(|v| v as f32).collect();
        let t = Tensor3::<2, 3, 4>::from_slice(&values).unwrap();
        assert_eq!(t.data[1][2][3], 23.0);
        assert_eq!(t.data[1][0][2], 14.0);
        assert_eq!(t[[1, 0, 2]], 14.0);
        assert_eq!(t.as_slice(), &values[..]);
    }

    #[test]
    fn from_le_bytes_reads_row_major_little_endian() {
        let values: Vec<f32> = (0..24).map(|v| v as f32 * -0.37 + 1e-3).collect();
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        // At an odd address too: the file's tensors need not be aligned.
        let unaligned = [&[0u8][..], &bytes].concat();
        let t = Tensor3::<2, 3, 4>::from_le_bytes(&unaligned[1..]);
        assert_eq!(t.as_slice(), &values[..]);
        const HALF: Tensor1<2> = Tensor1::from_le_bytes(&[0, 0, 0, 63, 0, 0, 128, 191]);
        assert_eq!(HALF.data, [0.5, -1.0]);
    }

    #[test]
    #[should_panic(expected = "4 bytes per element")]
    fn from_le_bytes_refuses_a_wrong_length() {
        Tensor2::<2, 2>::from_le_bytes(&[0; 12]);
    }

    #[test]
    fn from_slice_names_both_lengths() {
        let err = Tensor2::<2, 5>::from_slice(&[0.0; 7]).unwrap_err();
        assert_eq!(err.expected, 10);
        assert_eq!(err.found, 7);
        assert_eq!(
            err.to_string(),
            "expected 10 values for a tensor of shape [2, 5], found 7"
        );
    }

    #[test]
    fn debug_shows_the_shape() {
        let t = Tensor4::<1, 2, 3, 4>::zeros();
        let text = format!("{t:?}");
        assert!(text.starts_with("Tensor4[1, 2, 3, 4] [0.0,"), "{text}");
        assert!(text.ends_with("... 16 more]"), "{text}");
        assert_eq!(
            format!("{:?}", Tensor1::from([1.0, 2.0])),
            "Tensor1[2] [1.0, 2.0]"
        );
    }

    #[test]
    fn map_and_index_mut() {
        let mut t = Tensor1::<3>::from([1.0, -2.0, 3.0]).map(f32::abs);
        t[[1]] += 1.0;
        assert_eq!(t.data, [1.0, 3.0, 3.0]);
    }

    #[test]
    #[should_panic(expected = "out of range")]
    fn index_out_of_range_panics_like_a_slice() {
        let t = Tensor2::<2, 2>::zeros();
        let _ = t[[0, 2]];
    }

    #[test]
    fn reshape_keeps_the_order() {
        let t = Tensor3::<2, 1, 2>::from([[[1.0, 2.0]], [[3.0, 4.0]]]);
        let flat: Tensor1<4> = reshape(&t);
        assert_eq!(flat.data, [1.0, 2.0, 3.0, 4.0]);
        let back: Tensor2<1, 4> = reshape(&flat);
        assert_eq!(back.data, [[1.0, 2.0, 3.0, 4.0]]);
    }

    #[test]
    fn batches_are_contiguous() {
        let mut batch = [Tensor2::<2, 3>::zeros(); 3];
        batch[2].data[1][2] = 7.0;
        assert_eq!(batch_as_slice(&batch).len(), 18);
        assert_eq!(batch_as_slice(&batch)[17], 7.0);
        batch_as_mut_slice(&mut batch)[6] = 5.0;
        assert_eq!(batch[1].data[0][0], 5.0);
    }
}
