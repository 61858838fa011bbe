//! Output sizes of every layer kind: the one place this arithmetic is written.
//!
//! The `network!` macro calls these functions to check an architecture and the
//! kernels call them inside `const { assert!(..) }`, so the two can never disagree.
//! Each returns `None` where PyTorch would refuse the layer: a zero size, a window
//! larger than its padded input, or an output below 1.
//!
//! The crate has no dependencies, so the macro does not pull the rest of `net`
//! into the host build.

#![no_std]

/// Size of one axis after a convolution or pooling window:
/// `floor((d + 2p - k) / s) + 1`.
///
/// ```
/// assert_eq!(net_shape::conv_output(28, 5, 1, 0), Some(24));
/// assert_eq!(net_shape::conv_output(4, 5, 1, 0), None);
/// ```
pub const fn conv_output(d: usize, k: usize, s: usize, p: usize) -> Option<usize> {
    if d == 0 || k == 0 || s == 0 || d + 2 * p < k {
        return None;
    }
    Some((d + 2 * p - k) / s + 1)
}

/// Size of one axis after a max or average pooling window: [`conv_output`], with
/// PyTorch's extra rule that the padding is at most half the window, so that
/// every window holds at least one real cell.
pub const fn pool_output(d: usize, k: usize, s: usize, p: usize) -> Option<usize> {
    if 2 * p > k {
        return None;
    }
    conv_output(d, k, s, p)
}

/// Size of one axis after a transposed convolution:
/// `(d - 1) s - 2p + k + output_padding`.
///
/// As in PyTorch, `output_padding` must be smaller than the stride: it only picks
/// one of the `s` input sizes that a strided convolution maps to the same output.
pub const fn conv_transpose_output(
    d: usize,
    k: usize,
    s: usize,
    p: usize,
    output_padding: usize,
) -> Option<usize> {
    if d == 0 || k == 0 || s == 0 || output_padding >= s {
        return None;
    }
    let full = (d - 1) * s + k + output_padding;
    if full <= 2 * p {
        return None;
    }
    Some(full - 2 * p)
}

/// Size of one axis after nearest-neighbour upsampling: `d * scale`.
pub const fn upsample_output(d: usize, scale: usize) -> Option<usize> {
    if d == 0 || scale == 0 {
        return None;
    }
    Some(d * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn convolution_sizes_follow_the_formula() {
        assert_eq!(conv_output(10, 3, 1, 0), Some(8));
        assert_eq!(conv_output(28, 5, 1, 0), Some(24));
        assert_eq!(conv_output(28, 3, 1, 1), Some(28));
        assert_eq!(conv_output(7, 3, 2, 0), Some(3));
        assert_eq!(conv_output(8, 3, 2, 1), Some(4));
        assert_eq!(conv_output(24, 2, 2, 0), Some(12));
        assert_eq!(conv_output(4, 5, 1, 0), None);
        assert_eq!(conv_output(4, 5, 1, 1), Some(2));
        assert_eq!(conv_output(4, 0, 1, 0), None);
        assert_eq!(conv_output(4, 2, 0, 0), None);
        assert_eq!(conv_output(0, 1, 1, 0), None);
    }

    #[test]
    fn transposed_convolution_inverts_the_convolution_size() {
        assert_eq!(conv_transpose_output(7, 2, 2, 0, 0), Some(14));
        assert_eq!(conv_transpose_output(14, 2, 2, 0, 0), Some(28));
        assert_eq!(conv_transpose_output(4, 3, 2, 1, 1), Some(8));
        assert_eq!(conv_transpose_output(1, 1, 1, 1, 0), None);
        assert_eq!(conv_transpose_output(3, 3, 2, 0, 2), None);
        for d in 1..20 {
            for k in 1..5 {
                for s in 1..4 {
                    for p in 0..k {
                        if let Some(up) = conv_transpose_output(d, k, s, p, 0) {
                            assert_eq!(conv_output(up, k, s, p), Some(d));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn pooling_refuses_padding_over_half_the_window() {
        assert_eq!(pool_output(24, 2, 2, 0), Some(12));
        assert_eq!(pool_output(5, 3, 2, 1), Some(3));
        assert_eq!(pool_output(5, 2, 2, 2), None);
    }

    #[test]
    fn upsampling_multiplies() {
        assert_eq!(upsample_output(7, 2), Some(14));
        assert_eq!(upsample_output(7, 0), None);
    }
}
