//! What the inference code `network!` generates works with: the floats of a
//! model's `Scratch`, and typed views of the activations planned in them.

use net_core::Tensor;

/// `N` floats on a 64-byte boundary: the storage of every generated
/// `Scratch`.
#[repr(C, align(64))]
pub struct Floats<const N: usize>(pub [f32; N]);

impl<const N: usize> Floats<N> {
    /// All zeros; a `const fn`, so that a scratch can be a `static`.
    pub const fn new() -> Self {
        Self([0.0; N])
    }
}

impl<const N: usize> Default for Floats<N> {
    fn default() -> Self {
        Self::new()
    }
}

// SAFETY: an array of f32, whose all-zero bit pattern is 0.0.
unsafe impl<const N: usize> net_core::Zeroable for Floats<N> {}

/// The larger of two sizes, for the working space of several kernels.
pub const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// The activations one step reads, the one it writes and the kernels'
/// working space, from a scratch's floats: `reads` and `write` are `(offset,
/// floats)` within the activations, which end at `work`. Panics if a read
/// overlaps the write, which the plan rules out.
#[inline(always)]
#[allow(clippy::type_complexity)]
pub fn step<const R: usize>(
    floats: &mut [f32],
    reads: [(usize, usize); R],
    write: (usize, usize),
    work: usize,
) -> ([&[f32]; R], &mut [f32], &mut [f32]) {
    let (activations, working) = floats.split_at_mut(work);
    let (below, rest) = activations.split_at_mut(write.0);
    let (written, above) = rest.split_at_mut(write.1);
    let (below, above): (&[f32], &[f32]) = (below, above);
    let read = |(offset, len): (usize, usize)| -> &[f32] {
        if offset + len <= write.0 {
            &below[offset..offset + len]
        } else {
            assert!(offset >= write.0 + write.1, "a step reads what it writes");
            &above[offset - write.0 - write.1..][..len]
        }
    };
    (reads.map(read), written, working)
}

/// `values` as the tensor `T` (as many floats as it holds).
#[inline(always)]
pub fn view<T: Tensor>(values: &[f32]) -> &T {
    assert_eq!(values.len(), T::LEN, "a view of the wrong length");
    // SAFETY: every tensor type is `repr(transparent)` over nested `f32`
    // arrays without padding, so `T::LEN` contiguous initialised floats with
    // the alignment of `f32` are a valid `T`; the borrow is carried over.
    unsafe { &*values.as_ptr().cast::<T>() }
}

/// `values` as the tensor `T`, mutable.
#[inline(always)]
pub fn view_mut<T: Tensor>(values: &mut [f32]) -> &mut T {
    assert_eq!(values.len(), T::LEN, "a view of the wrong length");
    // SAFETY: as in `view`; the borrow is unique, as `values`'s was.
    unsafe { &mut *values.as_mut_ptr().cast::<T>() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use net_core::Tensor2;

    #[test]
    fn a_step_splits_reads_on_both_sides_of_its_write() {
        let mut floats: Vec<f32> = (0..10).map(|v| v as f32).collect();
        let ([left, right], out, work) = step(&mut floats, [(0, 2), (6, 2)], (3, 2), 8);
        assert_eq!((left, right), (&[0.0, 1.0][..], &[6.0, 7.0][..]));
        out.fill(-1.0);
        assert_eq!(work, &[8.0, 9.0]);
        assert_eq!(floats[3..5], [-1.0, -1.0]);
    }

    #[test]
    #[should_panic(expected = "a step reads what it writes")]
    fn a_read_overlapping_the_write_panics() {
        let mut floats = [0.0; 8];
        step(&mut floats, [(2, 3)], (4, 2), 8);
    }

    #[test]
    fn views_are_the_same_floats_in_row_major_order() {
        let mut floats = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let t: &Tensor2<2, 3> = view(&floats);
        assert_eq!(t.data, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
        view_mut::<Tensor2<3, 2>>(&mut floats).data[2][1] = 0.0;
        assert_eq!(floats[5], 0.0);
    }
}
