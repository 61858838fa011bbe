//! Stride-1, unpadded 2d convolution for one sample on AVX-512: the output is
//! computed over "wide" rows, as if every output row were as long as an input
//! row, so that output position `p = oh * W + ow` reads input `p + kh * W + kw`
//! and a tap is one contiguous 16-lane load for every 16 positions, whatever
//! the row length. The columns past the output's width are discarded when
//! the registers are stored (a compress and a masked store).
//!
//! Row-based vectors waste lanes when a row is shorter than a register (an
//! 8-wide row of LeNet's conv2 fills half of a 16-lane register); wide rows
//! waste only the `KW - 1` columns per row that fall off the output. Measured
//! in BENCHMARKS.md against the AVX2 row kernel of `direct.rs`.

use std::arch::x86_64::*;

const LANES: usize = 16;

/// Accumulator registers per block: of the 32 vector registers, the rest hold
/// one block's input vectors.
const ACCUMULATORS: usize = 24;

/// The most input vectors a block may load per tap (`ACCUMULATORS` with one
/// output channel per block).
const MAX_VECTORS: usize = ACCUMULATORS;

/// Positions of the wide output: every row `W` long but the last, which ends
/// at the output's width so that no tap reads past the input.
pub(crate) const fn wide_positions(w: usize, oh: usize, ow: usize) -> usize {
    (oh - 1) * w + ow
}

/// Output channels and 16-lane vectors of positions computed together: the
/// block shape that does the fewest multiply-adds over the whole output (blocks
/// at the edges overlap rather than run short); among equals the one with the
/// most accumulators, then the fewest loads per tap (`ob + vb` for `ob * vb`
/// multiply-adds).
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

/// Vector multiply-adds per tap over the whole output with blocks of `ob`
/// channels and `vb` vectors.
const fn block_work(channels: usize, vectors: usize, ob: usize, vb: usize) -> usize {
    channels.div_ceil(ob) * ob * vectors.div_ceil(vb) * vb
}

/// Whether `conv2d_one` takes this kernel for a geometry: stride 1, no padding,
/// and no more 16-lane multiply-adds than the 8-lane row kernel of `direct.rs`
/// needs (blocks of four channels, rows in registers of 8), which it beats at
/// equal counts because it loads less per multiply-add. Both kinds of
/// multiply-add issue at the same rate.
pub(crate) const fn pays(
    o: usize,
    w: usize,
    strides: [usize; 2],
    padding: [usize; 2],
    oh: usize,
    ow: usize,
) -> bool {
    if strides[0] != 1 || strides[1] != 1 || padding[0] != 0 || padding[1] != 0 {
        return false;
    }
    let vectors = wide_positions(w, oh, ow).div_ceil(LANES);
    let (ob, vb) = block_shape(o, vectors);
    block_work(o, vectors, ob, vb) <= o.div_ceil(4) * 4 * oh * ow.div_ceil(8)
}

/// `y = conv(x, w) + bias` for one sample, flat row-major slices, stride 1 and
/// no padding (see `pays`); the sizes were checked by the caller.
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
    const OH: usize,
    const OW: usize,
>(
    x: &[f32],
    w: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
) {
    let positions = const { wide_positions(W, OH, OW) };
    let vectors = positions.div_ceil(LANES);
    let (ob, vb) = const { block_shape(O, wide_positions(W, OH, OW).div_ceil(LANES)) };
    let patch = C * KH * KW;
    assert!(x.len() >= C * H * W && w.len() >= O * patch && y.len() >= O * OH * OW);
    assert!(bias.is_none_or(|b| b.len() >= O));

    let mut first_vector = 0;
    while first_vector < vectors {
        let v0 = first_vector.min(vectors - vb);
        // Per vector: the lanes that are wide positions (loaded), the lanes
        // that are output positions (stored), where the first one stored goes.
        let mut load_masks = [0u16; MAX_VECTORS];
        let mut store_masks = [0u16; MAX_VECTORS];
        let mut store_at = [0usize; MAX_VECTORS];
        for v in 0..vb {
            let start = (v0 + v) * LANES;
            for lane in 0..LANES {
                let p = start + lane;
                if p < positions {
                    load_masks[v] |= 1 << lane;
                    if p % W < OW {
                        store_masks[v] |= 1 << lane;
                    }
                }
            }
            store_at[v] = start / W * OW + (start % W).min(OW);
        }

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
                        let offset = (c * H + kh) * W + kw;
                        let mut xs = [_mm512_setzero_ps(); MAX_VECTORS];
                        for v in 0..vb {
                            // SAFETY: the first lane, wide position
                            // `(v0 + v) * 16 < positions`, reads input index
                            // `offset + (v0 + v) * 16 <= C * H * W - 1`: in
                            // bounds. Lanes past `positions` are masked off,
                            // and masked lanes are not read.
                            xs[v] = unsafe {
                                _mm512_maskz_loadu_ps(
                                    load_masks[v],
                                    x.as_ptr().add(offset + (v0 + v) * LANES),
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
            for j in 0..ob {
                for v in 0..vb {
                    let kept = _mm512_maskz_compress_ps(store_masks[v], acc[j * vb + v]);
                    let count = store_masks[v].count_ones();
                    let dst = (o0 + j) * OH * OW + store_at[v];
                    debug_assert!(dst + count as usize <= O * OH * OW);
                    // SAFETY: the `count` output positions of this vector are
                    // consecutive in `y` from `dst` and inside channel `o0 + j`,
                    // so within `y`; the mask writes no lane beyond them.
                    unsafe {
                        _mm512_mask_storeu_ps(
                            y.as_mut_ptr().add(dst),
                            ((1u32 << count) - 1) as u16,
                            kept,
                        )
                    };
                }
            }
            first_channel += ob;
        }
        first_vector += vb;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_cover_the_output_with_the_least_work() {
        // LeNet-5's conv1: 6 channels, 42 vectors; conv2: 16 channels, 6.
        assert_eq!(wide_positions(28, 24, 24).div_ceil(LANES), 42);
        assert_eq!(block_shape(6, 42), (3, 7));
        assert_eq!(wide_positions(12, 8, 8).div_ceil(LANES), 6);
        assert_eq!(block_shape(16, 6), (4, 6));
        assert_eq!(block_shape(1, 1), (1, 1));
        for (o, v) in [(1, 100), (100, 1), (7, 5), (30, 30)] {
            let (ob, vb) = block_shape(o, v);
            assert!(ob <= o && vb <= v && ob * vb <= ACCUMULATORS);
        }
    }

    #[test]
    fn lenets_convolutions_take_the_wide_kernel_and_strided_ones_do_not() {
        assert!(pays(6, 28, [1, 1], [0, 0], 24, 24));
        assert!(pays(16, 12, [1, 1], [0, 0], 8, 8));
        assert!(!pays(6, 28, [2, 2], [0, 0], 12, 12));
        assert!(!pays(6, 28, [1, 1], [1, 1], 28, 28));
        // Rows of 2 in rows of 30: the row kernel wastes less.
        assert!(!pays(8, 30, [1, 1], [0, 0], 30, 2));
    }
}
