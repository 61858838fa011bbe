//! Stride-1, unpadded 2d convolution on AVX-512: the forward pass of one
//! sample, and the weight and input gradients. The input is first copied into
//! `KW` shifted copies whose rows are as wide as the output (copy `kw`, row
//! `h` = `x[c][h][kw .. kw + OW]`), so that output position
//! `p = oh * OW + ow` reads copy `kw` at `p + kh * OW`: a tap is one
//! contiguous 16-lane load per 16 output positions, and the output is stored
//! as it is laid out. Only the last vector of a band of rows has idle lanes.
//! The gradients work on the same copies: the weight gradient is a sum of
//! products of output gradient rows with copy rows, and the input gradient
//! goes through the gradient of the copies.
//!
//! Against the alternatives (BENCHMARKS.md): vectors along output rows waste
//! half of every register on LeNet's 8-wide conv2 rows; "wide" rows, computed
//! as long as input rows and cut when stored, waste `KW - 1` columns per row
//! (a third of conv2's lanes) and need a compress per store. The copy costs
//! `C * KW * H * OW` moves, a fraction of the `O * C * KH * KW * OH * OW`
//! multiply-adds it serves.

#[cfg(feature = "std")]
use crate::conv::DirectGrads;
use crate::direct::BLOCK;
use core::arch::x86_64::*;
use core::mem::MaybeUninit;

pub(crate) const LANES: usize = 16;

/// The lanes of the vector of positions `start .. start + 16` whose positions
/// lie in `lo .. hi`: the mask of every masked load and store here.
#[inline(always)]
pub(crate) fn lanes_in(start: usize, lo: usize, hi: usize) -> u16 {
    let below = |n: usize| ((1u32 << n.min(LANES)) - 1) as u16;
    below(hi.saturating_sub(start)) & !below(lo.saturating_sub(start))
}

/// Accumulator registers per block: of the 32 vector registers, the rest hold
/// one block's input vectors.
pub(crate) const ACCUMULATORS: usize = 24;

/// Floats of the shifted copies (32 KB on the stack): a band of output rows
/// whose copies fit is computed at a time.
pub(crate) const CAPACITY: usize = 8192;

/// A block's accumulators: `ob` channels from `o0` by `vb` vectors, each
/// channel's set to its bias, or zero.
#[target_feature(enable = "avx512f")]
#[inline]
pub(crate) fn biased_block(
    bias: Option<&[f32]>,
    o0: usize,
    ob: usize,
    vb: usize,
) -> [__m512; ACCUMULATORS] {
    let mut acc = [_mm512_setzero_ps(); ACCUMULATORS];
    if let Some(b) = bias {
        for j in 0..ob {
            for v in 0..vb {
                acc[j * vb + v] = _mm512_set1_ps(b[o0 + j]);
            }
        }
    }
    acc
}

/// Stores a block: channel `j`'s vector `v` to `y` at `start(j) + 16 (v0 +
/// v)`, the lanes `masks[v]` keeps. Panics if a kept lane lies past `y`.
#[target_feature(enable = "avx512f")]
#[inline]
pub(crate) fn store_block(
    acc: &[__m512; ACCUMULATORS],
    (ob, vb, v0): (usize, usize, usize),
    masks: &[u16; ACCUMULATORS],
    y: &mut [f32],
    start: impl Fn(usize) -> usize,
) {
    for j in 0..ob {
        let out = &mut y[start(j)..];
        for v in 0..vb {
            let first = (v0 + v) * LANES;
            let kept_end = first + (u16::BITS - masks[v].leading_zeros()) as usize;
            assert!(
                masks[v] == 0 || kept_end <= out.len(),
                "a store past the output"
            );
            // SAFETY: every lane the mask keeps is below `kept_end`, inside
            // `out` (asserted); masked lanes are not written.
            unsafe {
                _mm512_mask_storeu_ps(
                    out.as_mut_ptr().wrapping_add(first),
                    masks[v],
                    acc[j * vb + v],
                )
            };
        }
    }
}

/// Output rows per band: as many as fit in `CAPACITY`, at most `oh`; 0 when
/// not even one row fits.
pub(crate) const fn band_rows(c: usize, kh: usize, kw: usize, oh: usize, ow: usize) -> usize {
    let mut rows = oh;
    while rows > 0 && c * kw * (rows + kh - 1) * ow > CAPACITY {
        rows -= 1;
    }
    rows
}

/// Output channels and 16-lane vectors of positions computed together: the
/// block shape that does the fewest multiply-adds (blocks at the edges overlap
/// rather than run short); among equals the one with the most accumulators,
/// then the fewest loads per tap (`ob + vb` for `ob * vb` multiply-adds).
pub(crate) const fn block_shape(channels: usize, vectors: usize) -> (usize, usize) {
    let mut best = (1, 1);
    let mut best_work = usize::MAX;
    let mut ob = 1;
    while ob <= channels && ob <= ACCUMULATORS {
        let mut vb = 1;
        while vb <= vectors && ob * vb <= ACCUMULATORS {
            let work = block_work(channels, vectors, ob, vb);
            let (size, best_size) = (ob * vb, best.0 * best.1);
            if work < best_work
                || (work == best_work
                    && (size > best_size || (size == best_size && ob + vb < best.0 + best.1)))
            {
                best = (ob, vb);
                best_work = work;
            }
            vb += 1;
        }
        ob += 1;
    }
    best
}

/// Vector multiply-adds per tap over a band with blocks of `ob` channels and
/// `vb` vectors.
const fn block_work(channels: usize, vectors: usize, ob: usize, vb: usize) -> usize {
    channels.div_ceil(ob) * ob * vectors.div_ceil(vb) * vb
}

/// Whether `conv2d_one` takes this kernel for a geometry: stride 1, no
/// padding, a band of at least one row fits, and no more 16-lane
/// multiply-adds than the 8-lane row kernel of `direct.rs` needs (blocks of
/// `BLOCK` channels, rows in registers of 8). Both kinds issue at the same
/// rate.
#[allow(clippy::too_many_arguments)]
pub(crate) const fn pays(
    c: usize,
    o: usize,
    kernel: [usize; 2],
    strides: [usize; 2],
    padding: [usize; 2],
    oh: usize,
    ow: usize,
) -> bool {
    if strides[0] != 1 || strides[1] != 1 || padding[0] != 0 || padding[1] != 0 {
        return false;
    }
    let rows = band_rows(c, kernel[0], kernel[1], oh, ow);
    if rows == 0 {
        return false;
    }
    let vectors = (rows * ow).div_ceil(LANES);
    let (ob, vb) = block_shape(o, vectors);
    let row_kernel_work = o.div_ceil(BLOCK) * BLOCK * oh * ow.div_ceil(8);
    oh.div_ceil(rows) * block_work(o, vectors, ob, vb) <= row_kernel_work
}

/// For each row of the shifted copies of input rows `r0 .. r0 + band_h`,
/// `f(offset in the copies, offset in the input)` of the `OW` values it
/// holds: copy `(c, kw)`, row `h` holds `x[c][r0 + h][kw .. kw + OW]` at
/// `((c * KW + kw) * band_h + h) * OW`.
#[inline(always)]
fn for_each_shifted_row<
    const C: usize,
    const H: usize,
    const W: usize,
    const KW: usize,
    const OW: usize,
>(
    r0: usize,
    band_h: usize,
    mut f: impl FnMut(usize, usize),
) {
    for c in 0..C {
        for kw in 0..KW {
            for h in 0..band_h {
                f(((c * KW + kw) * band_h + h) * OW, (c * H + r0 + h) * W + kw);
            }
        }
    }
}

/// Floats of one sample's shifted copies for the weight gradient (all rows).
/// Floats of the shifted copies one band of the forward pass writes: what
/// [`conv2d`] needs of its `copies`, at most [`CAPACITY`].
pub(crate) const fn forward_copies(c: usize, kh: usize, kw: usize, oh: usize, ow: usize) -> usize {
    copies_len(c, band_rows(c, kh, kw, oh, ow) + kh - 1, kw, ow)
}

const fn copies_len(c: usize, h: usize, kw: usize, ow: usize) -> usize {
    c * kw * h * ow
}

/// Taps per block of a weight gradient along one kernel axis of `k` taps (at
/// most six; blocks of a wider kernel overlap): here consecutive `kh` of one
/// `(c, kw)`, which read one shifted copy at offsets `kh * OW`; in `rows`
/// consecutive `kw` of one `(c, kh)`.
#[cfg(feature = "std")]
pub(crate) const fn weight_grad_taps(k: usize) -> usize {
    if k < 6 {
        k
    } else {
        6
    }
}

/// [`weight_grad`] and [`input_grad`] of a stride-1, unpadded geometry
/// (`path::conv2d_backward` chooses them), on a CPU with AVX-512F; `None`
/// elsewhere, since the closures are safe to call only there.
#[cfg(feature = "std")]
pub(crate) fn backward_kernels<
    const C: usize,
    const H: usize,
    const W: usize,
    const O: usize,
    const KH: usize,
    const KW: usize,
    const OH: usize,
    const OW: usize,
>() -> Option<DirectGrads> {
    if !crate::path::Isa::Avx512.available() {
        return None;
    }
    Some(DirectGrads {
        weight_grad: Some(|xs, dys, copies, dw| {
            // SAFETY: the CPU has AVX-512F, checked above.
            unsafe { weight_grad::<C, H, W, O, KH, KW, OH, OW>(xs, dys, copies, dw) }
        }),
        input_grad: |w, dy, copies, dx| {
            // SAFETY: the CPU has AVX-512F, checked above.
            unsafe { input_grad::<C, H, W, O, KH, KW, OH, OW>(w, dy, copies, dx) }
        },
        scratch_per_sample: copies_len(C, H, KW, OW),
    })
}

/// The input gradient of a stride-1, unpadded 2d convolution for one sample,
/// written to `dx`: first the gradient of the shifted copies,
/// `copy(c, kw)[q] = sum over o, kh of w[o][c][kh][kw] * dy[o][q - kh * OW]`
/// (terms with `q - kh * OW` outside the output left out), then each copy
/// added back where its rows came from. Each 16 positions of a copy are one
/// accumulator, so the sum over `(o, kh)` is a multiply-add per load of `dy`,
/// as in the forward pass, with no im2col matrix to scatter from.
/// `copies` is scratch of at least `copies_len(C, H, KW, OW)` floats.
///
/// # Safety
/// The CPU must have AVX-512F.
#[cfg(feature = "std")]
#[target_feature(enable = "avx512f")]
pub(crate) unsafe fn input_grad<
    const C: usize,
    const H: usize,
    const W: usize,
    const O: usize,
    const KH: usize,
    const KW: usize,
    const OH: usize,
    const OW: usize,
>(
    w: &[f32],
    dy: &[f32],
    copies: &mut [f32],
    dx: &mut [f32],
) {
    let (positions, copy_len) = (OH * OW, H * OW);
    let patch = C * KH * KW;
    let vectors = copy_len.div_ceil(LANES);
    let (cb, vb) = const { block_shape(C * KW, (H * OW).div_ceil(LANES)) };
    assert!(w.len() == O * patch && dy.len() == O * positions && dx.len() == C * H * W);
    assert!(copies.len() >= copies_len(C, H, KW, OW));
    let (dy_ptr, copies_ptr) = (dy.as_ptr(), copies.as_mut_ptr());

    let mut first_copy = 0;
    while first_copy < C * KW {
        // Blocks at the edges overlap the one before; they write, not add.
        let k0 = first_copy.min(C * KW - cb);
        let mut first_vector = 0;
        while first_vector < vectors {
            let v0 = first_vector.min(vectors - vb);
            // Copy (c, kw) reads the weights of taps (c, kh, kw).
            let mut tap_at = [0usize; ACCUMULATORS];
            for (j, at) in tap_at.iter_mut().enumerate().take(cb) {
                let (c, kw) = ((k0 + j) / KW, (k0 + j) % KW);
                *at = c * KH * KW + kw;
            }
            let mut acc = [_mm512_setzero_ps(); ACCUMULATORS];
            for kh in 0..KH {
                let mut masks = [0u16; ACCUMULATORS];
                for (v, mask) in masks.iter_mut().enumerate().take(vb) {
                    // The lanes that read `dy` at `q - kh * OW`, those with
                    // `0 <= q - kh * OW < OH * OW`.
                    *mask = lanes_in((v0 + v) * LANES, kh * OW, kh * OW + positions);
                }
                for o in 0..O {
                    let mut dyv = [_mm512_setzero_ps(); ACCUMULATORS];
                    for (v, d) in dyv.iter_mut().enumerate().take(vb) {
                        let start = (v0 + v) * LANES;
                        // SAFETY: a lane the mask keeps reads dy[o][q - kh * OW]
                        // with 0 <= q - kh * OW < OH * OW: inside `dy`. The
                        // first lane's address may lie outside (wrapping
                        // arithmetic); masked lanes are not read.
                        *d = unsafe {
                            _mm512_maskz_loadu_ps(
                                masks[v],
                                dy_ptr
                                    .wrapping_add(o * positions + start)
                                    .wrapping_sub(kh * OW),
                            )
                        };
                    }
                    for j in 0..cb {
                        let wv = _mm512_set1_ps(w[o * patch + tap_at[j] + kh * KW]);
                        for v in 0..vb {
                            acc[j * vb + v] = _mm512_fmadd_ps(wv, dyv[v], acc[j * vb + v]);
                        }
                    }
                }
            }
            for j in 0..cb {
                for v in 0..vb {
                    let start = (v0 + v) * LANES;
                    let kept = lanes_in(start, 0, copy_len);
                    // SAFETY: copy k0 + j < C * KW, positions start + lane
                    // < H * OW where the mask keeps a lane: inside `copies`.
                    unsafe {
                        _mm512_mask_storeu_ps(
                            copies_ptr.add((k0 + j) * copy_len + start),
                            kept,
                            acc[j * vb + v],
                        )
                    };
                }
            }
            first_vector += vb;
        }
        first_copy += cb;
    }

    dx.fill(0.0);
    for_each_shifted_row::<C, H, W, KW, OW>(0, H, |at, x_at| {
        dx[x_at..][..OW]
            .iter_mut()
            .zip(&copies[at..][..OW])
            .for_each(|(d, g)| *d += g);
    });
}

/// Accumulators per block of the weight gradient, whose loop also holds a
/// block's output gradient vectors: with 20, LLVM spilled accumulators to the
/// stack (BENCHMARKS.md).
#[cfg(feature = "std")]
const WEIGHT_GRAD_ACCUMULATORS: usize = 16;

/// Output channels per block of the weight gradient: the fewest
/// multiply-adds with `ob * taps` accumulators, the larger block among equals.
#[cfg(feature = "std")]
pub(crate) const fn weight_grad_channels(o: usize, taps: usize) -> usize {
    let (mut best, mut best_work) = (1, usize::MAX);
    let mut ob = 1;
    while ob <= o && ob * taps <= WEIGHT_GRAD_ACCUMULATORS {
        let work = o.div_ceil(ob) * ob;
        if work <= best_work {
            (best, best_work) = (ob, work);
        }
        ob += 1;
    }
    best
}

/// The weight gradient of a stride-1, unpadded 2d convolution summed over
/// the samples of `xs` and `dys` (flat, sample after sample), written to `dw`
/// (`[O, C, KH, KW]`): `dw[o][c][kh][kw] = sum over samples and positions p of
/// dy[o][p] * copy(c, kw)[kh * OW + p]`. Each block of accumulators runs over
/// every sample before its one horizontal sum. `copies` is scratch of at
/// least `samples * copies_len(C, H, KW, OW)` floats.
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
    const OH: usize,
    const OW: usize,
>(
    xs: &[f32],
    dys: &[f32],
    copies: &mut [f32],
    dw: &mut [f32],
) {
    let (in_len, positions) = (C * H * W, OH * OW);
    let samples = xs.len() / in_len;
    let copy_len = copies_len(C, H, KW, OW);
    let patch = C * KH * KW;
    assert!(xs.len() == samples * in_len && dys.len() == samples * O * positions);
    assert!(copies.len() >= samples * copy_len && dw.len() == O * patch);
    let tb = const { weight_grad_taps(KH) };
    let ob = const { weight_grad_channels(O, weight_grad_taps(KH)) };
    let vectors = positions.div_ceil(LANES);
    let last_mask = lanes_in((vectors - 1) * LANES, 0, positions);

    for (x, copy) in xs
        .chunks_exact(in_len)
        .zip(copies.chunks_exact_mut(copy_len))
    {
        for_each_shifted_row::<C, H, W, KW, OW>(0, H, |at, x_at| {
            copy[at..][..OW].copy_from_slice(&x[x_at..][..OW])
        });
    }
    let (copies, dys) = (copies.as_ptr(), dys.as_ptr());

    let mut first_channel = 0;
    while first_channel < O {
        // Blocks at the edges overlap the one before; they write, not add,
        // so a value computed twice is the same value.
        let o0 = first_channel.min(O - ob);
        for c in 0..C {
            for kw in 0..KW {
                let mut first_tap = 0;
                while first_tap < KH {
                    let kh0 = first_tap.min(KH - tb);
                    let mut acc = [_mm512_setzero_ps(); ACCUMULATORS];
                    for b in 0..samples {
                        let dy = dys.wrapping_add(b * O * positions + o0 * positions);
                        let copy =
                            copies.wrapping_add(b * copy_len + ((c * KW + kw) * H + kh0) * OW);
                        for v in 0..vectors {
                            let mask = if v + 1 == vectors {
                                last_mask
                            } else {
                                u16::MAX
                            };
                            let mut dyv = [_mm512_setzero_ps(); ACCUMULATORS];
                            for (j, d) in dyv.iter_mut().enumerate().take(ob) {
                                // SAFETY: sample b's output channel o0 + j,
                                // positions 16 v + lane < OH * OW where the
                                // mask keeps a lane: inside `dys`.
                                *d = unsafe {
                                    _mm512_maskz_loadu_ps(mask, dy.add(j * positions + v * LANES))
                                };
                            }
                            // One copy vector at a time, so that only the
                            // accumulators and `dyv` stay in registers.
                            for t in 0..tb {
                                // SAFETY: copy (c, kw) of sample b at
                                // (kh0 + t) * OW + p for p < OH * OW where the
                                // mask keeps a lane, below H * OW: inside
                                // the copy, which was written above.
                                let xv = unsafe {
                                    _mm512_maskz_loadu_ps(mask, copy.add(t * OW + v * LANES))
                                };
                                for j in 0..ob {
                                    acc[j * tb + t] = _mm512_fmadd_ps(dyv[j], xv, acc[j * tb + t]);
                                }
                            }
                        }
                    }
                    for j in 0..ob {
                        for t in 0..tb {
                            dw[(o0 + j) * patch + (c * KH + kh0 + t) * KW + kw] =
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

/// `y = conv(x, w) + bias` for one sample, flat row-major slices, stride 1 and
/// no padding, a geometry that `pays`; the sizes were checked by the caller.
/// `copies` holds at least [`forward_copies`] floats, in any state.
///
/// # Safety
/// The CPU must have AVX-512F.
#[target_feature(enable = "avx512f")]
pub(crate) unsafe fn conv2d<
    const C: usize,
    const H: usize,
    const W: usize,
    const O: usize,
    const KH: usize,
    const KW: usize,
    const OH: usize,
    const OW: usize,
>(
    x: &[f32],
    w: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
    copies: &mut [MaybeUninit<f32>],
) {
    let rows = const { band_rows(C, KH, KW, OH, OW) };
    let positions = rows * OW;
    let vectors = positions.div_ceil(LANES);
    let (ob, vb) = const { block_shape(O, (band_rows(C, KH, KW, OH, OW) * OW).div_ceil(LANES)) };
    let band_h = rows + KH - 1;
    let patch = C * KH * KW;
    assert!(rows > 0, "no band fits: `pays` rules this geometry out");
    assert!(x.len() >= C * H * W && w.len() >= O * patch && y.len() >= O * OH * OW);
    assert!(bias.is_none_or(|b| b.len() >= O));

    assert!(copies.len() >= copies_len(C, band_h, KW, OW));
    let mut first_row = 0;
    while first_row < OH {
        // The last band overlaps the one before rather than run short.
        let r0 = first_row.min(OH - rows);
        for_each_shifted_row::<C, H, W, KW, OW>(r0, band_h, |at, x_at| {
            for (d, &s) in copies[at..][..OW].iter_mut().zip(&x[x_at..][..OW]) {
                d.write(s);
            }
        });
        let base = copies.as_ptr().cast::<f32>();

        let mut first_vector = 0;
        while first_vector < vectors {
            let v0 = first_vector.min(vectors - vb);
            // The lanes of each vector that are band positions.
            let mut masks = [0u16; ACCUMULATORS];
            for (v, mask) in masks.iter_mut().enumerate().take(vb) {
                *mask = lanes_in((v0 + v) * LANES, 0, positions);
            }
            let mut first_channel = 0;
            while first_channel < O {
                let o0 = first_channel.min(O - ob);
                let mut acc = biased_block(bias, o0, ob, vb);
                for c in 0..C {
                    for kh in 0..KH {
                        for kw in 0..KW {
                            let tap = (c * KH + kh) * KW + kw;
                            let offset = ((c * KW + kw) * band_h + kh) * OW;
                            let mut xs = [_mm512_setzero_ps(); ACCUMULATORS];
                            for (v, x) in xs.iter_mut().enumerate().take(vb) {
                                // SAFETY: lane `i` reads copy (c, kw) at
                                // `kh * OW + p`, p = 16 (v0 + v) + i; for the
                                // lanes the mask keeps, p < rows * OW, so the
                                // index is below `band_h * OW`: inside this
                                // copy, which the loop above wrote. Masked
                                // lanes are not read.
                                *x = unsafe {
                                    _mm512_maskz_loadu_ps(
                                        masks[v],
                                        base.add(offset + (v0 + v) * LANES),
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
                store_block(&acc, (ob, vb, v0), &masks, y, |j| {
                    (o0 + j) * OH * OW + r0 * OW
                });
                first_channel += ob;
            }
            first_vector += vb;
        }
        first_row += rows;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenets_convolutions_fit_one_band_and_blocks_cover_them_exactly() {
        // conv1: 1 -> 6 channels, 24 x 24 outputs = 36 vectors.
        assert_eq!(band_rows(1, 5, 5, 24, 24), 24);
        assert_eq!(block_shape(6, 36), (6, 4));
        // conv2: 6 -> 16 channels, 8 x 8 outputs = 4 vectors.
        assert_eq!(band_rows(6, 5, 5, 8, 8), 8);
        assert_eq!(block_shape(16, 4), (4, 4));
        assert!(pays(1, 6, [5, 5], [1, 1], [0, 0], 24, 24));
        assert!(pays(6, 16, [5, 5], [1, 1], [0, 0], 8, 8));
    }

    #[test]
    fn masks_keep_the_lanes_in_range() {
        assert_eq!(lanes_in(0, 0, 16), u16::MAX);
        assert_eq!(lanes_in(16, 0, 20), 0b1111);
        assert_eq!(lanes_in(0, 5, 10), 0b11111 << 5);
        assert_eq!(lanes_in(32, 0, 20), 0);
        assert_eq!(lanes_in(8, 0, 100), u16::MAX);
    }

    #[test]
    fn large_inputs_go_in_bands_and_others_elsewhere() {
        // 64 x 64 outputs of 3 x 3 on 8 channels: 8 * 3 * (r + 2) * 64 <= 8192.
        assert_eq!(band_rows(8, 3, 3, 64, 64), 3);
        assert_eq!(band_rows(64, 3, 3, 64, 64), 0);
        assert!(!pays(64, 8, [3, 3], [1, 1], [0, 0], 64, 64));
        assert!(!pays(6, 6, [2, 2], [2, 2], [0, 0], 12, 12));
        assert!(!pays(6, 6, [3, 3], [1, 1], [1, 1], 28, 28));
        for (o, v) in [(1, 100), (100, 1), (7, 5), (30, 30)] {
            let (ob, vb) = block_shape(o, v);
            assert!(ob <= o && vb <= v && ob * vb <= ACCUMULATORS);
        }
    }
}
