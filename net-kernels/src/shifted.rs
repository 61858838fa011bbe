//! Stride-1, unpadded 2d convolution for one sample on AVX-512. The input is
//! first copied into `KW` shifted copies whose rows are as wide as the output
//! (copy `kw`, row `h` = `x[c][h][kw .. kw + OW]`), so that output position
//! `p = oh * OW + ow` reads copy `kw` at `p + kh * OW`: a tap is one
//! contiguous 16-lane load per 16 output positions, and the output is stored
//! as it is laid out. Only the last vector of a band of rows has idle lanes.
//!
//! Against the alternatives (BENCHMARKS.md): vectors along output rows waste
//! half of every register on LeNet's 8-wide conv2 rows; "wide" rows, computed
//! as long as input rows and cut when stored, waste `KW - 1` columns per row
//! (a third of conv2's lanes) and need a compress per store. The copy costs
//! `C * KW * H * OW` moves, a fraction of the `O * C * KH * KW * OH * OW`
//! multiply-adds it serves.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

const LANES: usize = 16;

/// Accumulator registers per block: of the 32 vector registers, the rest hold
/// one block's input vectors.
const ACCUMULATORS: usize = 24;

/// Floats of the shifted copies (32 KB on the stack): a band of output rows
/// whose copies fit is computed at a time.
const CAPACITY: usize = 8192;

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
/// four channels, rows in registers of 8). Both kinds issue at the same rate.
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
    oh.div_ceil(rows) * block_work(o, vectors, ob, vb) <= o.div_ceil(4) * 4 * oh * ow.div_ceil(8)
}

/// `y = conv(x, w) + bias` for one sample, flat row-major slices, stride 1 and
/// no padding, a geometry that `pays`; the sizes were checked by the caller.
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

    // The lanes of each vector that are band positions: all but in the last.
    let mut masks = [u16::MAX; CAPACITY / LANES];
    if !positions.is_multiple_of(LANES) {
        masks[vectors - 1] = (1u16 << (positions % LANES)) - 1;
    }

    let mut copies = [MaybeUninit::<f32>::uninit(); CAPACITY];
    let mut first_row = 0;
    while first_row < OH {
        // The last band overlaps the one before rather than run short.
        let r0 = first_row.min(OH - rows);
        for c in 0..C {
            for kw in 0..KW {
                for h in 0..band_h {
                    let src = &x[(c * H + r0 + h) * W + kw..][..OW];
                    let dst = &mut copies[((c * KW + kw) * band_h + h) * OW..][..OW];
                    for (d, &s) in dst.iter_mut().zip(src) {
                        d.write(s);
                    }
                }
            }
        }
        let base = copies.as_ptr().cast::<f32>();

        let mut first_vector = 0;
        while first_vector < vectors {
            let v0 = first_vector.min(vectors - vb);
            let mut first_channel = 0;
            while first_channel < O {
                let o0 = first_channel.min(O - ob);
                let mut acc = [_mm512_setzero_ps(); ACCUMULATORS];
                if let Some(b) = bias {
                    for j in 0..ob {
                        for v in 0..vb {
                            acc[j * vb + v] = _mm512_set1_ps(b[o0 + j]);
                        }
                    }
                }
                for c in 0..C {
                    for kh in 0..KH {
                        for kw in 0..KW {
                            let tap = (c * KH + kh) * KW + kw;
                            let offset = ((c * KW + kw) * band_h + kh) * OW;
                            let mut xs = [_mm512_setzero_ps(); ACCUMULATORS];
                            for v in 0..vb {
                                let v = v0 + v;
                                // SAFETY: lane `i` of vector `v` reads copy
                                // (c, kw) at `kh * OW + p`, p = 16 v + i; for
                                // the lanes the mask keeps, p < rows * OW, so
                                // the index is below `band_h * OW`: inside
                                // this copy, which the loop above wrote.
                                // Masked lanes are not read.
                                xs[v - v0] = unsafe {
                                    _mm512_maskz_loadu_ps(masks[v], base.add(offset + v * LANES))
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
                for j in 0..ob {
                    let channel = &mut y[(o0 + j) * OH * OW + r0 * OW..][..positions];
                    for v in 0..vb {
                        let v = v0 + v;
                        // SAFETY: the lanes the mask keeps are band positions
                        // `16 v + i < rows * OW`, inside `channel`.
                        unsafe {
                            _mm512_mask_storeu_ps(
                                channel.as_mut_ptr().add(v * LANES),
                                masks[v],
                                acc[j * vb + v - v0],
                            )
                        };
                    }
                }
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
