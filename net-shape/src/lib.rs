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
    window_output(d, k, s, 1, p, p)
}

/// Size of one axis after a window with dilation and padding that may differ
/// before and after: `floor((d + before + after - dilation (k - 1) - 1) / s) + 1`.
///
/// ```
/// // A 3-tap kernel dilated by 2 spans 5 cells.
/// assert_eq!(net_shape::window_output(10, 3, 1, 2, 0, 0), Some(6));
/// // TensorFlow's "same" at stride 2 on 96: one cell of padding, after.
/// assert_eq!(net_shape::window_output(96, 3, 2, 1, 0, 1), Some(48));
/// ```
pub const fn window_output(
    d: usize,
    k: usize,
    s: usize,
    dilation: usize,
    before: usize,
    after: usize,
) -> Option<usize> {
    if d == 0 || k == 0 || s == 0 || dilation == 0 {
        return None;
    }
    let span = dilation * (k - 1) + 1;
    if d + before + after < span {
        return None;
    }
    Some((d + before + after - span) / s + 1)
}

/// TensorFlow's "same" padding of one axis, `[before, after]`: the output is
/// `ceil(d / s)`, and the total padding that needs, `max((out - 1) s +
/// dilation (k - 1) + 1 - d, 0)`, is split with the extra cell after. At
/// stride 1 this is also PyTorch's `padding="same"`. Zero sizes give `[0, 0]`.
///
/// ```
/// assert_eq!(net_shape::same_padding(49, 10, 2, 1), [4, 5]);
/// assert_eq!(net_shape::same_padding(96, 3, 2, 1), [0, 1]);
/// assert_eq!(net_shape::same_padding(25, 3, 1, 1), [1, 1]);
/// ```
pub const fn same_padding(d: usize, k: usize, s: usize, dilation: usize) -> [usize; 2] {
    // Zero sizes have no output; `window_output` refuses them.
    if d == 0 || k == 0 || s == 0 || dilation == 0 {
        return [0, 0];
    }
    let out = d.div_ceil(s);
    let span = dilation * (k - 1) + 1;
    let needed = (out - 1) * s + span;
    let total = needed.saturating_sub(d);
    [total / 2, total - total / 2]
}

/// Size of one axis after a max or average pooling window: [`conv_output`], with
/// PyTorch's extra rule that the padding is at most half the window, so that
/// every window holds at least one real cell.
pub const fn pool_output(d: usize, k: usize, s: usize, p: usize) -> Option<usize> {
    pool_window_output(d, k, s, p, p)
}

/// [`pool_output`] with padding that may differ before and after (a max
/// pooling's "same" padding); each side is at most half the window.
pub const fn pool_window_output(
    d: usize,
    k: usize,
    s: usize,
    before: usize,
    after: usize,
) -> Option<usize> {
    if 2 * before > k || 2 * after > k {
        return None;
    }
    window_output(d, k, s, 1, before, after)
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
    fn same_padding_keeps_ceil_d_over_s() {
        for d in 1..30 {
            for k in 1..6 {
                for s in 1..4 {
                    for dilation in 1..3 {
                        let [before, after] = same_padding(d, k, s, dilation);
                        assert!(before <= after && after <= before + 1);
                        assert_eq!(
                            window_output(d, k, s, dilation, before, after),
                            Some(d.div_ceil(s)),
                            "d {d} k {k} s {s} dilation {dilation}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn dilation_spreads_the_kernel() {
        assert_eq!(window_output(5, 3, 1, 2, 0, 0), Some(1));
        assert_eq!(window_output(4, 3, 1, 2, 0, 0), None);
        assert_eq!(window_output(4, 3, 1, 2, 1, 0), Some(1));
        assert_eq!(window_output(4, 3, 1, 0, 0, 0), None);
    }

    #[test]
    fn upsampling_multiplies() {
        assert_eq!(upsample_output(7, 2), Some(14));
        assert_eq!(upsample_output(7, 0), None);
    }
}
