//! The one place the GEMM crate is called.
//!
//! `gemm` is used rather than a hand-written kernel: on this machine it reaches
//! about 105 GFLOP/s per core on large SGEMMs (AVX-512, chosen at run time), and
//! it takes arbitrary row and column strides, so transposed operands need no copy.

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
    let (m, k, n) = (lhs.rows, lhs.cols, rhs.cols);
    assert_eq!(rhs.rows, k, "matmul: inner dimensions differ");
    assert_eq!(dst.len(), m * n, "matmul: destination has the wrong size");
    assert!(
        lhs.fits() && rhs.fits(),
        "matmul: a view runs past its data"
    );
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        if !accumulate {
            dst.fill(0.0);
        }
        return;
    }
    // SAFETY: the asserts above prove that every element gemm reads, (r, c) with
    // r < rows and c < cols of each operand, lies inside that operand's slice, and
    // that the destination holds m * n elements at row stride n; `dst` is borrowed
    // mutably, so it aliases neither operand.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            dst.as_mut_ptr(),
            1,
            n as isize,
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
