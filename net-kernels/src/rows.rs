//! Stride-1 2d convolution along output rows on AVX-512, padded or not: the
//! forward pass of one sample (which also computes the input gradient of a
//! convolution padded to keep its size, `direct::conv2d_input_grad_same`)
//! and the weight gradient of a batch. A tap is one masked 16-lane load per
//! 16 output columns, straight from the input row: the mask drops the lanes
//! that would read padding (they add nothing) and those past the row's end,
//! so neither a padded copy nor im2col is made.
//!
//! The forward pass keeps a block of output channels by a block of vectors of
//! one output row in registers (`shifted::block_shape`, up to 24
//! accumulators); `direct::conv2d_rows` on AVX2 holds four channels of a whole
//! row, which for a U-Net's 84-wide rows is 44 registers' worth and spills.
//! Where the shifted copies pay (no padding), they run instead: they fill the
//! lanes that rows narrower than a multiple of 16 leave idle here.

use crate::shifted::{biased_block, block_shape, lanes_in, store_block, ACCUMULATORS, LANES};
#[cfg(feature = "std")]
use crate::shifted::{weight_grad_channels, weight_grad_taps};
use core::arch::x86_64::*;

/// The lanes of output columns `start .. start + 16` that read input columns
/// inside the row at tap column `kw` (`0 <= ow + kw - pw < w`) and are
/// output columns (`ow < ow_len`).
#[inline(always)]
fn tap_lanes(start: usize, kw: usize, pw: usize, w: usize, ow_len: usize) -> u16 {
    lanes_in(
        start,
        pw.saturating_sub(kw),
        (w + pw).saturating_sub(kw).min(ow_len),
    )
}

/// `y = conv(x, w) + bias` for one sample at stride 1, flat row-major slices;
/// the sizes were checked by the caller.
///
/// # Safety
/// The CPU must have AVX-512F.
#[target_feature(enable = "avx512f")]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn conv2d<
    const C: usize,
    const H: usize,
    const W: usize,
    const O: usize,
    const KH: usize,
    const KW: usize,
    const PH: usize,
    const PW: usize,
    const OH: usize,
    const OW: usize,
>(
    x: &[f32],
    w: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
) {
    let vectors = OW.div_ceil(LANES);
    let (ob, vb) = const { block_shape(O, OW.div_ceil(LANES)) };
    let patch = C * KH * KW;
    // Stride 1: the caller's `checked_window` proved the sizes.
    debug_assert!(OH + KH == H + 2 * PH + 1 && OW + KW == W + 2 * PW + 1);
    assert!(x.len() >= C * H * W && w.len() >= O * patch && y.len() >= O * OH * OW);
    assert!(bias.is_none_or(|b| b.len() >= O));
    let x_ptr = x.as_ptr();

    let mut first_vector = 0;
    while first_vector < vectors {
        // The last block of a row overlaps the one before rather than run
        // short; it writes, not adds, so a value computed twice is the same.
        let v0 = first_vector.min(vectors - vb);
        let mut tap_masks = [[0u16; ACCUMULATORS]; KW];
        for (kw, masks) in tap_masks.iter_mut().enumerate() {
            for (v, mask) in masks.iter_mut().enumerate().take(vb) {
                *mask = tap_lanes((v0 + v) * LANES, kw, PW, W, OW);
            }
        }
        let mut out_masks = [0u16; ACCUMULATORS];
        for (v, mask) in out_masks.iter_mut().enumerate().take(vb) {
            *mask = lanes_in((v0 + v) * LANES, 0, OW);
        }
        for oh in 0..OH {
            let mut first_channel = 0;
            while first_channel < O {
                let o0 = first_channel.min(O - ob);
                let mut acc = biased_block(bias, o0, ob, vb);
                for c in 0..C {
                    for kh in 0..KH {
                        // Rows of padding add nothing.
                        let Some(ih) = (oh + kh).checked_sub(PH).filter(|&ih| ih < H) else {
                            continue;
                        };
                        let row = x_ptr.wrapping_add((c * H + ih) * W);
                        for (kw, masks) in tap_masks.iter().enumerate() {
                            let tap = (c * KH + kh) * KW + kw;
                            let mut xs = [_mm512_setzero_ps(); ACCUMULATORS];
                            for (v, x) in xs.iter_mut().enumerate().take(vb) {
                                // SAFETY: lane `i` reads input column
                                // `16 (v0 + v) + i + kw - PW` of row `ih < H`
                                // of channel `c < C`; the mask keeps only the
                                // lanes whose column lies in `0 .. W`, so
                                // every lane read is inside `x`. The first
                                // lane's address may lie outside (wrapping
                                // arithmetic); masked lanes are not read.
                                *x = unsafe {
                                    _mm512_maskz_loadu_ps(
                                        masks[v],
                                        row.wrapping_add((v0 + v) * LANES + kw).wrapping_sub(PW),
                                    )
                                };
                            }
                            for j in 0..ob {
                                let wv = _mm512_set1_ps(w[(o0 + j) * patch + tap]);
                                for v in 0..vb {
                                    acc[j * vb + v] = _mm512_fmadd_ps(wv, xs[v], acc[j * vb + v]);
                                }
                            }
                        }
                    }
                }
                store_block(&acc, (ob, vb, v0), &out_masks, y, |j| {
                    ((o0 + j) * OH + oh) * OW
                });
                first_channel += ob;
            }
        }
        first_vector += vb;
    }
}

/// The weight gradient of a stride-1 2d convolution summed over the samples
/// of `xs` and `dys` (flat, sample after sample), written to `dw`
/// (`[O, C, KH, KW]`): `dw[o][c][kh][kw]` = the sum over samples, `oh` and
/// `ow` of `dy[o][oh][ow] * x[c][oh + kh - PH][ow + kw - PW]` (padding read
/// as zero). A block of output channels by the `KW` taps of one `(c, kh)` is
/// summed in registers over every sample before its one horizontal sum; the
/// vectors of a row are the outer loop, so that their masks are computed once
/// per block. `_scratch` is unused: the kernel reads the input in place.
///
/// # Safety
/// The CPU must have AVX-512F.
#[cfg(feature = "std")]
#[target_feature(enable = "avx512f")]
pub(crate) unsafe fn weight_grad<
    const C: usize,
    const H: usize,
    const W: usize,
    const O: usize,
    const KH: usize,
    const KW: usize,
    const PH: usize,
    const PW: usize,
    const OH: usize,
    const OW: usize,
>(
    xs: &[f32],
    dys: &[f32],
    _scratch: &mut [f32],
    dw: &mut [f32],
) {
    let (in_len, positions) = (C * H * W, OH * OW);
    let samples = xs.len() / in_len;
    let patch = C * KH * KW;
    // Stride 1: the caller's `checked_window` proved the sizes.
    debug_assert!(OH + KH == H + 2 * PH + 1 && OW + KW == W + 2 * PW + 1);
    assert!(xs.len() == samples * in_len && dys.len() == samples * O * positions);
    assert!(dw.len() == O * patch);
    let tb = const { weight_grad_taps(KW) };
    let ob = const { weight_grad_channels(O, weight_grad_taps(KW)) };
    let vectors = OW.div_ceil(LANES);
    let (xs, dys) = (xs.as_ptr(), dys.as_ptr());

    let mut first_channel = 0;
    while first_channel < O {
        // Blocks at the edges overlap the one before; they write, not add.
        let o0 = first_channel.min(O - ob);
        for c in 0..C {
            for kh in 0..KH {
                let mut first_tap = 0;
                while first_tap < KW {
                    let kw0 = first_tap.min(KW - tb);
                    let mut acc = [_mm512_setzero_ps(); ACCUMULATORS];
                    for v in 0..vectors {
                        let start = v * LANES;
                        let dy_mask = lanes_in(start, 0, OW);
                        let mut masks = [0u16; ACCUMULATORS];
                        for (t, mask) in masks.iter_mut().enumerate().take(tb) {
                            *mask = tap_lanes(start, kw0 + t, PW, W, OW);
                        }
                        for b in 0..samples {
                            for oh in 0..OH {
                                let Some(ih) = (oh + kh).checked_sub(PH).filter(|&ih| ih < H)
                                else {
                                    continue;
                                };
                                let dy =
                                    dys.wrapping_add((b * O + o0) * positions + oh * OW + start);
                                let row = xs.wrapping_add(b * in_len + (c * H + ih) * W + start);
                                let mut dyv = [_mm512_setzero_ps(); ACCUMULATORS];
                                for (j, d) in dyv.iter_mut().enumerate().take(ob) {
                                    // SAFETY: sample b's output channel
                                    // o0 + j < O, row oh < OH, columns
                                    // 16 v + i < OW where the mask keeps a
                                    // lane: inside `dys`.
                                    *d = unsafe {
                                        _mm512_maskz_loadu_ps(
                                            dy_mask,
                                            dy.wrapping_add(j * positions),
                                        )
                                    };
                                }
                                for t in 0..tb {
                                    // SAFETY: sample b's channel c, row
                                    // ih < H, columns 16 v + i + kw - PW that
                                    // the mask keeps only inside 0 .. W:
                                    // inside `xs`. The first lane's address
                                    // may lie outside (wrapping arithmetic);
                                    // masked lanes are not read.
                                    let xv = unsafe {
                                        _mm512_maskz_loadu_ps(
                                            masks[t],
                                            row.wrapping_add(kw0 + t).wrapping_sub(PW),
                                        )
                                    };
                                    for j in 0..ob {
                                        acc[j * tb + t] =
                                            _mm512_fmadd_ps(dyv[j], xv, acc[j * tb + t]);
                                    }
                                }
                            }
                        }
                    }
                    for j in 0..ob {
                        for t in 0..tb {
                            dw[(o0 + j) * patch + (c * KH + kh) * KW + kw0 + t] =
                                _mm512_reduce_add_ps(acc[j * tb + t]);
                        }
                    }
                    first_tap += tb;
                }
            }
        }
        first_channel += ob;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tap_masks_drop_padding_and_columns_past_the_row() {
        // 84 columns padded by one: the first tap reads column -1 at ow = 0,
        // the last reads column 84 at ow = 83; columns 84 .. 96 are not
        // outputs.
        assert_eq!(tap_lanes(0, 0, 1, 84, 84), u16::MAX - 1);
        assert_eq!(tap_lanes(0, 1, 1, 84, 84), u16::MAX);
        assert_eq!(tap_lanes(80, 1, 1, 84, 84), 0b1111);
        assert_eq!(tap_lanes(80, 2, 1, 84, 84), 0b111);
        // Padding wider than the row: a tap that reads only padding.
        assert_eq!(tap_lanes(0, 0, 3, 1, 2), 0);
        assert_eq!(tap_lanes(0, 3, 3, 1, 2), 0b1);
    }
}
