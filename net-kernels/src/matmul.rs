//! The one place the GEMM crate is called.
//!
//! `gemm` is used rather than a hand-written kernel: it picks its kernels for
//! the CPU at run time (BENCHMARKS.md has its rate next to ours), and it takes
//! arbitrary row and column strides, so transposed operands need no copy.

/// A read-only matrix view: element (r, c) is `data[r * row_stride + c * col_stride]`.
#[derive(Clone, Copy)]
pub(crate) struct MatRef<'a> {
    data: &'a [f32],
    rows: usize,
    cols: usize,
    row_stride: usize,
    col_stride: usize,
}

impl<'a> MatRef<'a> {
    /// `data` as a row-major `rows` x `cols` matrix.
    pub(crate) fn row_major(data: &'a [f32], rows: usize, cols: usize) -> Self {
        Self {
            data,
            rows,
            cols,
            row_stride: cols,
            col_stride: 1,
        }
    }

    /// The transpose, without copying.
    pub(crate) fn t(self) -> Self {
        Self {
            rows: self.cols,
            cols: self.rows,
            row_stride: self.col_stride,
            col_stride: self.row_stride,
            ..self
        }
    }

    fn fits(&self) -> bool {
        self.rows == 0
            || self.cols == 0
            || (self.rows - 1) * self.row_stride + (self.cols - 1) * self.col_stride
                < self.data.len()
    }
}

/// `dst = lhs * rhs`, or `dst += lhs * rhs` when `accumulate`; `dst` is row-major
/// with `lhs.rows` rows and `rhs.cols` columns. Runs on the calling thread only:
/// the callers parallelise over fixed chunks of the batch, which keeps sums in
/// the same order whatever the number of threads.
pub(crate) fn matmul(dst: &mut [f32], accumulate: bool, lhs: MatRef<'_>, rhs: MatRef<'_>) {
    check_operands(dst, lhs, rhs);
    // SAFETY: `check_operands` proves every element gemm reads lies inside its
    // operand and that `dst` holds `lhs.rows` x `rhs.cols` elements at row
    // stride `rhs.cols`; `dst` is borrowed mutably, so it aliases neither operand.
    unsafe { gemm_into(dst.as_mut_ptr(), rhs.cols, accumulate, lhs, rhs) }
}

/// `dst = lhs * rhs`, with `dst`'s columns cut in two pieces that two rayon
/// tasks compute, when `rhs` has at least [`MIN_SPLIT_COLUMNS`] columns. For a
/// product too small to be cut along its rows: each task packs only its own
/// columns of `rhs`, so one thread does no more work than with one product.
/// The cut depends on the sizes only, so the values do not depend on the
/// number of threads (they may differ from [`matmul`]'s in the last bit: the
/// GEMM crate picks its kernels by size).
pub(crate) fn matmul_column_halves(dst: &mut [f32], lhs: MatRef<'_>, rhs: MatRef<'_>) {
    check_operands(dst, lhs, rhs);
    let n = rhs.cols;
    if n < MIN_SPLIT_COLUMNS {
        return matmul(dst, false, lhs, rhs);
    }
    // The first piece a whole number of 16-lane vectors wide.
    let split = (n / 2).next_multiple_of(16);
    let right = MatRef {
        data: &rhs.data[split * rhs.col_stride..],
        cols: n - split,
        ..rhs
    };
    let left = MatRef { cols: split, ..rhs };
    let dst = SharedDst(dst.as_mut_ptr());
    // SAFETY: `check_operands` covers the whole product, hence both pieces
    // (`left` and `right` are column ranges of `rhs`, within its data); the
    // pieces write disjoint column ranges, [0, split) and [split, n), of the
    // rows of `dst`, which is borrowed mutably for the whole call, so the two
    // tasks never write the same element and nothing else reads `dst` meanwhile.
    rayon::join(
        || unsafe { gemm_into(dst.get(), n, false, lhs, left) },
        || unsafe { gemm_into(dst.get().add(split), n, false, lhs, right) },
    );
}

/// Below this many columns a product is not worth two tasks.
const MIN_SPLIT_COLUMNS: usize = 32;

/// The destination of [`matmul_column_halves`], shared by its two tasks.
#[derive(Clone, Copy)]
struct SharedDst(*mut f32);

// SAFETY: the tasks sharing it write disjoint elements (see `matmul_column_halves`).
unsafe impl Sync for SharedDst {}

impl SharedDst {
    /// A method, so that closures capture the `Sync` wrapper, not the pointer.
    fn get(self) -> *mut f32 {
        self.0
    }
}

fn check_operands(dst: &[f32], lhs: MatRef<'_>, rhs: MatRef<'_>) {
    assert_eq!(rhs.rows, lhs.cols, "matmul: inner dimensions differ");
    assert_eq!(
        dst.len(),
        lhs.rows * rhs.cols,
        "matmul: destination has the wrong size"
    );
    assert!(
        lhs.fits() && rhs.fits(),
        "matmul: a view runs past its data"
    );
}

/// # Safety
/// Every element of `lhs` and `rhs` must lie inside its slice, `dst` must be
/// valid for writes of `lhs.rows` rows of `rhs.cols` elements at row stride
/// `dst_row_stride`, and nothing else may access those elements meanwhile.
unsafe fn gemm_into(
    dst: *mut f32,
    dst_row_stride: usize,
    accumulate: bool,
    lhs: MatRef<'_>,
    rhs: MatRef<'_>,
) {
    let (m, k, n) = (lhs.rows, lhs.cols, rhs.cols);
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        if !accumulate {
            for row in 0..m {
                // SAFETY: row `row` of `dst` is valid for `n` writes (caller).
                unsafe { std::slice::from_raw_parts_mut(dst.add(row * dst_row_stride), n) }
                    .fill(0.0);
            }
        }
        return;
    }
    // SAFETY: the caller guarantees the operands' bounds and `dst`'s.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            dst,
            1,
            dst_row_stride as isize,
            accumulate,
            lhs.data.as_ptr(),
            lhs.col_stride as isize,
            lhs.row_stride as isize,
            rhs.data.as_ptr(),
            rhs.col_stride as isize,
            rhs.row_stride as isize,
            1.0,
            1.0,
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(
        m: usize,
        n: usize,
        k: usize,
        a: impl Fn(usize, usize) -> f32,
        b: impl Fn(usize, usize) -> f32,
    ) -> Vec<f32> {
        let mut out = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                out[i * n + j] = (0..k).map(|l| a(i, l) * b(l, j)).sum();
            }
        }
        out
    }

    #[test]
    fn products_with_transposed_views_match_plain_loops() {
        let (m, n, k) = (5, 7, 3);
        let a: Vec<f32> = (0..m * k).map(|v| v as f32 * 0.5 - 3.0).collect();
        let b: Vec<f32> = (0..n * k).map(|v| (v % 5) as f32 - 2.0).collect();
        // a is m x k row-major; b is stored n x k and used transposed.
        let want = naive(m, n, k, |i, l| a[i * k + l], |l, j| b[j * k + l]);
        let mut dst = vec![1.0; m * n];
        matmul(
            &mut dst,
            false,
            MatRef::row_major(&a, m, k),
            MatRef::row_major(&b, n, k).t(),
        );
        assert_eq!(dst, want);
        matmul(
            &mut dst,
            true,
            MatRef::row_major(&a, m, k),
            MatRef::row_major(&b, n, k).t(),
        );
        let doubled: Vec<f32> = want.iter().map(|v| 2.0 * v).collect();
        assert_eq!(dst, doubled);
    }

    proptest::proptest! {
        // Narrow products (one piece) and wide ones (two, the first cut at a
        // multiple of 16), `rhs` stored plainly or used transposed: the single
        // product's values, and bit for bit the same on one thread and on two.
        #[test]
        fn column_halves_match_the_product_on_any_number_of_threads(
            seed: u64, m in 1..40usize, k in 1..50usize, n in 1..140usize, transposed: bool,
        ) {
            use crate::testing::{assert_close, on_threads, random_vec, to_f64};
            let mut rng = net_core::Rng::seed_from_u64(seed);
            let (a, b) = (random_vec(&mut rng, m * k), random_vec(&mut rng, k * n));
            let lhs = MatRef::row_major(&a, m, k);
            let rhs = if transposed {
                MatRef::row_major(&b, n, k).t()
            } else {
                MatRef::row_major(&b, k, n)
            };
            let mut single = vec![0.0; m * n];
            matmul(&mut single, false, lhs, rhs);
            let halves = |threads: usize| {
                let mut dst = vec![f32::NAN; m * n];
                on_threads(threads, || matmul_column_halves(&mut dst, lhs, rhs));
                dst
            };
            let one = halves(1);
            assert_close(&one, &to_f64(&single), 1e-5);
            proptest::prop_assert_eq!(one, halves(2));
        }
    }

    #[test]
    #[should_panic(expected = "runs past")]
    fn a_view_larger_than_its_data_is_refused() {
        let a = [0.0; 5];
        let mut dst = [0.0; 4];
        matmul(
            &mut dst,
            false,
            MatRef::row_major(&a, 2, 3),
            MatRef::row_major(&a, 3, 2),
        );
    }
}
