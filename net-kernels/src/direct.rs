//! The one-sample kernels that inference runs on x86-64 and elsewhere (and
//! training, for the input gradient of a convolution padded to keep its size): the
//! 1d and 2d convolution with output channels in blocks of four, so that each
//! input row loaded feeds four rows of accumulators held in registers, and
//! the dense layer with several partial sums per row. No scratch memory,
//! every size a const parameter. Each is compiled for the baseline (SSE2 on
//! x86-64) and for AVX2 and FMA, and the dense layer also for AVX-512; `path`
//! chooses among them and `shifted.rs`.

use crate::math::mul_add;
use crate::path::{Conv2dForward, DenseForward};
use core::mem::MaybeUninit;

/// Output channels computed together: four rows of accumulators plus the input
/// row fit the 16 vector registers for rows up to 24 wide.
pub(crate) const BLOCK: usize = 4;

/// `y = conv(x, w) + bias` for one sample, all flat row-major slices.
/// `FUSED` uses `mul_add`, which is one instruction only where FMA is enabled.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn conv2d_rows<
    const C: usize,
    const H: usize,
    const W: usize,
    const O: usize,
    const KH: usize,
    const KW: usize,
    const SH: usize,
    const SW: usize,
    const PH: usize,
    const PW: usize,
    const OH: usize,
    const OW: usize,
    const FUSED: bool,
>(
    x: &[f32],
    w: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
) {
    let patch = C * KH * KW;
    for oh in 0..OH {
        for block in 0..O.div_ceil(BLOCK) {
            let o0 = block * BLOCK;
            let mut acc = [[0.0f32; OW]; BLOCK];
            for (j, row) in acc.iter_mut().enumerate() {
                if o0 + j < O {
                    row.fill(bias.map_or(0.0, |b| b[o0 + j]));
                }
            }
            for c in 0..C {
                for kh in 0..KH {
                    let ih = (oh * SH + kh) as isize - PH as isize;
                    if ih < 0 || ih >= H as isize {
                        continue;
                    }
                    let row = &x[(c * H + ih as usize) * W..][..W];
                    for kw in 0..KW {
                        let tap = (c * KH + kh) * KW + kw;
                        if SW == 1 && PW > 0 {
                            // Output columns `lo .. hi` read input columns
                            // `lo + kw - PW ..` inside the row; the rest read
                            // padding and add nothing, so they are skipped
                            // rather than gathered one by one.
                            let lo = PW.saturating_sub(kw).min(OW);
                            let hi = (W + PW).saturating_sub(kw).clamp(lo, OW);
                            if lo == hi {
                                continue;
                            }
                            let inside = &row[lo + kw - PW..][..hi - lo];
                            for (j, acc_row) in acc.iter_mut().enumerate() {
                                if o0 + j < O {
                                    let wv = w[(o0 + j) * patch + tap];
                                    for (a, &xv) in acc_row[lo..hi].iter_mut().zip(inside) {
                                        *a = if FUSED {
                                            mul_add(wv, xv, *a)
                                        } else {
                                            *a + wv * xv
                                        };
                                    }
                                }
                            }
                            continue;
                        }
                        let mut xs = [0.0f32; OW];
                        if SW == 1 && PW == 0 {
                            xs.copy_from_slice(&row[kw..kw + OW]);
                        } else {
                            for (ow, v) in xs.iter_mut().enumerate() {
                                let iw = (ow * SW + kw) as isize - PW as isize;
                                if iw >= 0 && iw < W as isize {
                                    *v = row[iw as usize];
                                }
                            }
                        }
                        for (j, acc_row) in acc.iter_mut().enumerate() {
                            if o0 + j < O {
                                let wv = w[(o0 + j) * patch + tap];
                                for (a, &xv) in acc_row.iter_mut().zip(&xs) {
                                    *a = if FUSED {
                                        mul_add(wv, xv, *a)
                                    } else {
                                        *a + wv * xv
                                    };
                                }
                            }
                        }
                    }
                }
            }
            for (j, acc_row) in acc.iter().enumerate() {
                if o0 + j < O {
                    y[((o0 + j) * OH + oh) * OW..][..OW].copy_from_slice(acc_row);
                }
            }
        }
    }
}

/// The kernel compiled for AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn conv2d_rows_fma<
    const C: usize,
    const H: usize,
    const W: usize,
    const O: usize,
    const KH: usize,
    const KW: usize,
    const SH: usize,
    const SW: usize,
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
    conv2d_rows::<C, H, W, O, KH, KW, SH, SW, PH, PW, OH, OW, true>(x, w, bias, y)
}

/// Floats of stack the one-sample 1d and 2d convolutions without a scratch
/// argument take for the shifted copies (32 KB, left uninitialised; none off
/// x86-64).
#[cfg(target_arch = "x86_64")]
pub(crate) const STACK_SCRATCH: usize = crate::shifted::CAPACITY;
#[cfg(not(target_arch = "x86_64"))]
pub(crate) const STACK_SCRATCH: usize = 0;

/// Floats of working space [`conv2d_one`] needs: the shifted copies of one
/// band, where that kernel may run in this build; else none.
pub(crate) const fn conv2d_scratch(
    c: usize,
    o: usize,
    kernel: [usize; 2],
    stride: [usize; 2],
    padding: [usize; 2],
    output: [usize; 2],
) -> usize {
    #[cfg(target_arch = "x86_64")]
    if crate::path::Isa::Avx512.may_run()
        && crate::shifted::pays(c, o, kernel, stride, padding, output[0], output[1])
    {
        return crate::shifted::forward_copies(c, kernel[0], kernel[1], output[0], output[1]);
    }
    let _ = (c, o, kernel, stride, padding, output);
    0
}

/// One sample of a 2d convolution (1d: H = KH = OH = 1); the sizes were
/// checked by the caller's const assertion. `copies` holds at least
/// [`conv2d_scratch`] floats.
#[inline]
#[allow(clippy::too_many_arguments)]
pub(crate) fn conv2d_one<
    const C: usize,
    const H: usize,
    const W: usize,
    const O: usize,
    const KH: usize,
    const KW: usize,
    const SH: usize,
    const SW: usize,
    const PH: usize,
    const PW: usize,
    const OH: usize,
    const OW: usize,
>(
    x: &[f32],
    w: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
    copies: &mut [MaybeUninit<f32>],
) {
    #[cfg(target_arch = "x86_64")]
    let shifted_pays = const { crate::shifted::pays(C, O, [KH, KW], [SH, SW], [PH, PW], OH, OW) };
    #[cfg(not(target_arch = "x86_64"))]
    let (shifted_pays, _) = (false, copies);
    match crate::path::conv2d_forward(shifted_pays, [SH, SW]) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the path is chosen only on a CPU with AVX-512F, all that
        // the kernel requires of its caller.
        Conv2dForward::Shifted => unsafe {
            crate::shifted::conv2d::<C, H, W, O, KH, KW, OH, OW>(x, w, bias, y, copies)
        },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the path is chosen only at stride 1 (the kernel's geometry)
        // on a CPU with AVX-512F, all that the kernel requires of its caller.
        Conv2dForward::RowsAvx512 => unsafe {
            crate::rows::conv2d::<C, H, W, O, KH, KW, PH, PW, OH, OW>(x, w, bias, y)
        },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the path is chosen only on a CPU with AVX2 and FMA, all that
        // the `target_feature` function requires of its caller.
        Conv2dForward::RowsAvx2Fma => unsafe {
            conv2d_rows_fma::<C, H, W, O, KH, KW, SH, SW, PH, PW, OH, OW>(x, w, bias, y)
        },
        #[cfg(not(target_arch = "x86_64"))]
        Conv2dForward::Shifted | Conv2dForward::RowsAvx512 | Conv2dForward::RowsAvx2Fma => {
            unreachable!("x86-64 only")
        }
        Conv2dForward::Rows => {
            conv2d_rows::<C, H, W, O, KH, KW, SH, SW, PH, PW, OH, OW, false>(x, w, bias, y)
        }
    }
}

/// The input gradient of one sample of a stride-1 2d convolution padded to
/// keep its size (`KH = 2 PH + 1`, `KW = 2 PW + 1`, some padding), written to
/// `dx`: the same kind of convolution of `dy`, from `O` channels to `C`, with
/// each kernel turned half a turn (`dx[c][i][j]` = the sum over `o, kh, kw`
/// of `w[o][c][KH-1-kh][KW-1-kw] * dy[o][i+kh-PH][j+kw-PW]`), run by the row
/// kernel. `flipped` is scratch of at least `O * C * KH * KW` floats.
#[cfg(feature = "std")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn conv2d_input_grad_same<
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
    w: &[f32],
    dy: &[f32],
    flipped: &mut [f32],
    dx: &mut [f32],
) {
    debug_assert!(KH == 2 * PH + 1 && KW == 2 * PW + 1 && OH == H && OW == W && PH + PW > 0);
    let flipped = &mut flipped[..O * C * KH * KW];
    for o in 0..O {
        for c in 0..C {
            for kh in 0..KH {
                for kw in 0..KW {
                    flipped[((c * O + o) * KH + KH - 1 - kh) * KW + KW - 1 - kw] =
                        w[((o * C + c) * KH + kh) * KW + kw];
                }
            }
        }
    }
    // Padded, so the shifted copies never run and need no scratch.
    conv2d_one::<O, OH, OW, C, KH, KW, 1, 1, PH, PW, H, W>(dy, flipped, None, dx, &mut [])
}

/// `y = W x + b` for one sample, eight partial sums per row so that the sum
/// vectorises.
#[inline(always)]
fn dense_rows<const I: usize, const O: usize, const FUSED: bool>(
    x: &[f32],
    w: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
) {
    for (o, y) in y.iter_mut().enumerate().take(O) {
        let row = &w[o * I..][..I];
        let (row_blocks, row_rest) = row.as_chunks::<8>();
        let (x_blocks, x_rest) = x[..I].as_chunks::<8>();
        let mut partial = [0.0f32; 8];
        for (r, xb) in row_blocks.iter().zip(x_blocks) {
            for ((p, &a), &b) in partial.iter_mut().zip(r).zip(xb) {
                *p = if FUSED { mul_add(a, b, *p) } else { *p + a * b };
            }
        }
        let tail: f32 = row_rest.iter().zip(x_rest).map(|(a, b)| a * b).sum();
        *y = partial.iter().sum::<f32>() + tail + bias.map_or(0.0, |b| b[o]);
    }
}

/// The kernel compiled for AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn dense_rows_avx2<const I: usize, const O: usize>(
    x: &[f32],
    w: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
) {
    dense_rows::<I, O, true>(x, w, bias, y)
}

/// The dense kernel on AVX-512: rows in fours, each with one 16-lane
/// accumulator, so that every block of `x` loaded feeds four rows. The rows
/// come from L2 (fc1 of LeNet-5 is 120 KB): eight rows at a time measured no
/// faster, one at a time slower (BENCHMARKS.md).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn dense_rows_avx512<const I: usize, const O: usize>(
    x: &[f32],
    w: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
) {
    use core::arch::x86_64::*;
    const ROWS: usize = 4;
    let (w, y) = (&w[..O * I], &mut y[..O]);
    let (x_blocks, x_rest) = x[..I].as_chunks::<16>();
    let dot_rest = |o: usize| -> f32 {
        let row_rest = &w[o * I + I - x_rest.len()..][..x_rest.len()];
        row_rest.iter().zip(x_rest).map(|(w, x)| w * x).sum::<f32>() + bias.map_or(0.0, |b| b[o])
    };
    let load = |block: &[f32]| {
        // SAFETY: reads the 16 floats of a slice of 16 (the index panics
        // otherwise), on a CPU with AVX-512F (this function's feature).
        unsafe { _mm512_loadu_ps(block[..16].as_ptr()) }
    };
    let full = O - O % ROWS;
    for o0 in (0..full).step_by(ROWS) {
        let mut acc = [_mm512_setzero_ps(); ROWS];
        for (k, xb) in x_blocks.iter().enumerate() {
            let xv = load(xb);
            for (j, a) in acc.iter_mut().enumerate() {
                *a = _mm512_fmadd_ps(load(&w[(o0 + j) * I + 16 * k..]), xv, *a);
            }
        }
        for (j, a) in acc.iter().enumerate() {
            y[o0 + j] = _mm512_reduce_add_ps(*a) + dot_rest(o0 + j);
        }
    }
    for o in full..O {
        let mut acc = _mm512_setzero_ps();
        for (k, xb) in x_blocks.iter().enumerate() {
            acc = _mm512_fmadd_ps(load(&w[o * I + 16 * k..]), load(xb), acc);
        }
        y[o] = _mm512_reduce_add_ps(acc) + dot_rest(o);
    }
}

/// One sample of a dense layer.
#[inline]
pub(crate) fn dense_one<const I: usize, const O: usize>(
    x: &[f32],
    w: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
) {
    match crate::path::dense_forward() {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the path is chosen only on a CPU with AVX-512F.
        DenseForward::RowsAvx512 => unsafe { dense_rows_avx512::<I, O>(x, w, bias, y) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the path is chosen only on a CPU with AVX2 and FMA.
        DenseForward::RowsAvx2Fma => unsafe { dense_rows_avx2::<I, O>(x, w, bias, y) },
        #[cfg(not(target_arch = "x86_64"))]
        DenseForward::RowsAvx512 | DenseForward::RowsAvx2Fma => unreachable!("x86-64 only"),
        DenseForward::Rows => dense_rows::<I, O, false>(x, w, bias, y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conv::forward_loops;
    use crate::path::Isa;
    use crate::testing::*;
    use crate::window::Window;
    use net_core::Rng;
    use proptest::prelude::*;

    /// Both code paths against the generic loop nest (itself checked against
    /// naive loops) for one geometry, with random values.
    fn check<
        const C: usize,
        const H: usize,
        const W: usize,
        const O: usize,
        const KH: usize,
        const KW: usize,
        const SH: usize,
        const SW: usize,
        const PH: usize,
        const PW: usize,
        const OH: usize,
        const OW: usize,
    >(
        seed: u64,
    ) {
        let mut rng = Rng::seed_from_u64(seed);
        let x = random_vec(&mut rng, C * H * W);
        let w = random_vec(&mut rng, O * C * KH * KW);
        let b = random_vec(&mut rng, O);
        let g = Window {
            channels: C,
            input: [1, H, W],
            kernel: [1, KH, KW],
            stride: [1, SH, SW],
            dilation: [1; 3],
            padding: [0, PH, PW],
            output: [1, OH, OW],
        };
        let mut want = vec![0.0; O * OH * OW];
        forward_loops(&g, O, &x, &w, Some(&b), &mut want);
        let want = to_f64(&want);
        let mut got = vec![f32::NAN; O * OH * OW];
        // Exactly the working space the kernel asks for.
        let mut scratch =
            vec![f32::NAN; conv2d_scratch(C, O, [KH, KW], [SH, SW], [PH, PW], [OH, OW])];
        let copies = crate::window::as_uninit(&mut scratch);
        conv2d_one::<C, H, W, O, KH, KW, SH, SW, PH, PW, OH, OW>(
            &x,
            &w,
            Some(&b),
            &mut got,
            copies,
        );
        assert_close(&got, &want, 1e-5);
        // Each kernel `conv2d_one` may choose, whichever it chose here.
        #[cfg(target_arch = "x86_64")]
        {
            let shifted = SH == 1 && SW == 1 && PH == 0 && PW == 0;
            if shifted
                && crate::shifted::band_rows(C, KH, KW, OH, OW) > 0
                && runs_here(
                    Isa::Avx512,
                    "the shifted-copy convolution against the loop nest",
                )
            {
                got.fill(f32::NAN);
                let mut copies = vec![f32::NAN; crate::shifted::forward_copies(C, KH, KW, OH, OW)];
                let copies = crate::window::as_uninit(&mut copies);
                // SAFETY: the CPU has AVX-512F.
                unsafe {
                    crate::shifted::conv2d::<C, H, W, O, KH, KW, OH, OW>(
                        &x,
                        &w,
                        Some(&b),
                        &mut got,
                        copies,
                    )
                };
                assert_close(&got, &want, 1e-5);
            }
            if SH == 1
                && SW == 1
                && runs_here(
                    Isa::Avx512,
                    "the AVX-512 row convolution against the loop nest",
                )
            {
                got.fill(f32::NAN);
                // SAFETY: stride 1, and the CPU has AVX-512F.
                unsafe {
                    crate::rows::conv2d::<C, H, W, O, KH, KW, PH, PW, OH, OW>(
                        &x,
                        &w,
                        Some(&b),
                        &mut got,
                    )
                };
                assert_close(&got, &want, 1e-5);
            }
            if runs_here(
                Isa::Avx2Fma,
                "the AVX2 row convolution against the loop nest",
            ) {
                got.fill(f32::NAN);
                // SAFETY: the CPU has AVX2 and FMA.
                unsafe {
                    conv2d_rows_fma::<C, H, W, O, KH, KW, SH, SW, PH, PW, OH, OW>(
                        &x,
                        &w,
                        Some(&b),
                        &mut got,
                    )
                };
                assert_close(&got, &want, 1e-5);
            }
        }
        conv2d_rows::<C, H, W, O, KH, KW, SH, SW, PH, PW, OH, OW, false>(&x, &w, None, &mut got);
        let unbiased: Vec<f64> = want
            .iter()
            .enumerate()
            .map(|(i, v)| v - b[i / (OH * OW)] as f64)
            .collect();
        assert_close(&got, &unbiased, 1e-5);
    }

    proptest! {
        #[test]
        fn blocked_convolution_matches_the_loop_nest(seed: u64) {
            check::<1, 28, 28, 6, 5, 5, 1, 1, 0, 0, 24, 24>(seed);
            check::<6, 12, 12, 16, 5, 5, 1, 1, 0, 0, 8, 8>(seed);
            check::<3, 9, 7, 5, 3, 3, 1, 1, 1, 1, 9, 7>(seed);
            check::<2, 10, 11, 7, 3, 2, 2, 3, 1, 0, 5, 4>(seed);
            check::<4, 1, 20, 3, 1, 5, 1, 2, 0, 2, 1, 10>(seed);
            check::<1, 5, 5, 1, 5, 5, 1, 1, 2, 2, 5, 5>(seed);
            // Padded at stride 1, where padding columns are skipped: an
            // even kernel width, and rows as wide as a U-Net's.
            check::<2, 6, 9, 3, 3, 2, 1, 1, 1, 1, 6, 10>(seed);
            check::<8, 6, 84, 8, 3, 3, 1, 1, 1, 1, 6, 84>(seed);
            // Padding wider than the output: some taps read none of the row.
            check::<1, 2, 1, 2, 1, 6, 1, 1, 0, 3, 2, 2>(seed);
            check::<3, 9, 7, 5, 3, 3, 1, 1, 0, 0, 7, 5>(seed);
            check::<2, 20, 31, 7, 4, 6, 1, 1, 0, 0, 17, 26>(seed);
            check::<1, 3, 40, 1, 3, 1, 1, 1, 0, 0, 1, 40>(seed);
            check::<5, 4, 4, 29, 4, 4, 1, 1, 0, 0, 1, 1>(seed);
            // Bands of 3 rows (8 * 3 * 5 * 64 floats): the last band overlaps.
            check::<8, 66, 66, 3, 3, 3, 1, 1, 0, 0, 64, 64>(seed);
            // Rows wider than a block of vectors (the last block overlaps),
            // and more channels than a block, not a multiple of it.
            check::<2, 3, 200, 5, 3, 3, 1, 1, 1, 1, 3, 200>(seed);
            check::<3, 5, 21, 29, 3, 3, 1, 1, 1, 1, 5, 21>(seed);
        }

        #[test]
        fn dense_rows_match_plain_sums(seed: u64) {
            fn one<const I: usize, const O: usize>(seed: u64) {
                let mut rng = Rng::seed_from_u64(seed);
                let (x, w, b) = (random_vec(&mut rng, I), random_vec(&mut rng, O * I), random_vec(&mut rng, O));
                let want: Vec<f64> = (0..O).map(|o| b[o] as f64 + (0..I).map(|i| w[o * I + i] as f64 * x[i] as f64).sum::<f64>()).collect();
                let mut got = vec![f32::NAN; O];
                dense_one::<I, O>(&x, &w, Some(&b), &mut got);
                assert_close(&got, &want, 1e-5);
                dense_rows::<I, O, false>(&x, &w, Some(&b), &mut got);
                assert_close(&got, &want, 1e-5);
                #[cfg(target_arch = "x86_64")]
                if runs_here(Isa::Avx2Fma, "the AVX2 dense rows against plain sums") {
                    // SAFETY: the CPU has AVX2 and FMA.
                    unsafe { dense_rows_avx2::<I, O>(&x, &w, Some(&b), &mut got) };
                    assert_close(&got, &want, 1e-5);
                }
                #[cfg(target_arch = "x86_64")]
                if runs_here(Isa::Avx512, "the AVX-512 dense rows against plain sums") {
                    // SAFETY: the CPU has AVX-512F.
                    unsafe { dense_rows_avx512::<I, O>(&x, &w, Some(&b), &mut got) };
                    assert_close(&got, &want, 1e-5);
                }
            }
            one::<256, 120>(seed);
            one::<7, 3>(seed);
            one::<40, 6>(seed);
            one::<1, 1>(seed);
        }
    }
}
