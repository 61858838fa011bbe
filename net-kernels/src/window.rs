//! Sliding-window geometry shared by convolution, transposed convolution and
//! pooling. Every kernel treats its spatial axes as three, `[depth, height,
//! width]`; a 1d layer has depth = height = 1, a 2d layer depth = 1, with window,
//! stride 1 and padding 0 on the missing axes.
//!
//! The typed kernels build a `Window` from their const parameters and call the
//! `#[inline(always)]` functions here, so after inlining LLVM sees every size as
//! a constant; the property tests call the same functions with random sizes.

/// One layer's sliding window over a `channels x input` tensor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Window {
    pub channels: usize,
    pub input: [usize; 3],
    pub kernel: [usize; 3],
    pub stride: [usize; 3],
    /// The spacing of the kernel's cells (1: adjacent).
    pub dilation: [usize; 3],
    /// The padding before each axis. The padding after only decides how
    /// many outputs there are, which `output` already says.
    pub padding: [usize; 3],
    pub output: [usize; 3],
}

impl Window {
    /// Where kernel cell `cell` of axis `axis` reads, relative to the
    /// output position times the stride.
    #[inline(always)]
    pub(crate) const fn offset(&self, cell: usize, axis: usize) -> isize {
        (cell * self.dilation[axis]) as isize - self.padding[axis] as isize
    }

    /// Stride 1, no dilation and no padding before or after: every patch
    /// row is an unbroken run of an input row.
    #[inline(always)]
    #[cfg(feature = "std")]
    fn is_unit(&self) -> bool {
        self.stride == [1; 3] && self.dilation == [1; 3] && !self.is_padded()
    }

    /// Whether any window reaches into padding, before or after an axis.
    #[inline(always)]
    pub(crate) fn is_padded(&self) -> bool {
        self.padding != [0; 3] || (0..3).any(|a| self.reach(a) > self.input[a])
    }

    /// How far along `axis` the windows read, counted from the first cell of
    /// the padding before it.
    #[inline(always)]
    pub(crate) const fn reach(&self, axis: usize) -> usize {
        (self.output[axis] - 1) * self.stride[axis]
            + self.dilation[axis] * (self.kernel[axis] - 1)
            + 1
    }

    /// A 1x1 window at stride 1 without padding: the im2col matrix is the
    /// input itself, so the convolution is a GEMM over positions.
    #[inline(always)]
    #[cfg(feature = "std")]
    pub(crate) fn is_pointwise(&self) -> bool {
        self.kernel == [1; 3] && self.is_unit()
    }

    pub(crate) const fn input_len(&self) -> usize {
        self.channels * self.input[0] * self.input[1] * self.input[2]
    }
    /// Output positions per channel.
    pub(crate) const fn positions(&self) -> usize {
        self.output[0] * self.output[1] * self.output[2]
    }
    pub(crate) const fn kernel_cells(&self) -> usize {
        self.kernel[0] * self.kernel[1] * self.kernel[2]
    }
    /// Rows of the im2col matrix: one per (channel, kernel cell).
    pub(crate) const fn patch_len(&self) -> usize {
        self.channels * self.kernel_cells()
    }
    pub(crate) const fn input_plane(&self) -> usize {
        self.input[0] * self.input[1] * self.input[2]
    }
}

/// How the batched kernels take their window: a marker type whose window is an
/// associated const (`ConvShape`, `TransposeShape`), so that each layer's
/// kernels, rayon's closures included, compile with every size known; or a
/// `Window` value, for the property tests' random shapes. Closures call
/// `window()` themselves rather than capture its result, which would hide the
/// constants behind a pointer.
#[cfg(feature = "std")]
pub(crate) trait Unfold: Copy + Send + Sync {
    fn window(self) -> Window;
}

#[cfg(feature = "std")]
impl Unfold for Window {
    #[inline(always)]
    fn window(self) -> Window {
        self
    }
}

/// Declares a marker type for windows fixed at compile time, checked by `$check`.
#[cfg(feature = "std")]
macro_rules! const_window {
    ($name:ident, $check:path) => {
        #[derive(Clone, Copy)]
        pub(crate) struct $name<
            const C: usize,
            const D: usize,
            const H: usize,
            const W: usize,
            const KD: usize,
            const KH: usize,
            const KW: usize,
            const SD: usize,
            const SH: usize,
            const SW: usize,
            const PD: usize,
            const PH: usize,
            const PW: usize,
            const OD: usize,
            const OH: usize,
            const OW: usize,
        >;

        impl<
                const C: usize,
                const D: usize,
                const H: usize,
                const W: usize,
                const KD: usize,
                const KH: usize,
                const KW: usize,
                const SD: usize,
                const SH: usize,
                const SW: usize,
                const PD: usize,
                const PH: usize,
                const PW: usize,
                const OD: usize,
                const OH: usize,
                const OW: usize,
            > $crate::window::Unfold
            for $name<C, D, H, W, KD, KH, KW, SD, SH, SW, PD, PH, PW, OD, OH, OW>
        {
            #[inline(always)]
            fn window(self) -> $crate::window::Window {
                const {
                    $check(
                        C,
                        [D, H, W],
                        [KD, KH, KW],
                        [SD, SH, SW],
                        [PD, PH, PW],
                        [OD, OH, OW],
                    )
                }
            }
        }
    };
}
#[cfg(feature = "std")]
pub(crate) use const_window;

/// The output indices `o` in `0..out_len` whose input index `o * stride + offset`
/// lies in `0..in_len` (offset = kernel cell x dilation - padding); they are contiguous.
#[inline(always)]
pub(crate) fn valid_range(
    out_len: usize,
    stride: usize,
    offset: isize,
    in_len: usize,
) -> core::ops::Range<usize> {
    let s = stride as isize;
    let lo = if offset < 0 { (-offset + s - 1) / s } else { 0 };
    let room = in_len as isize - offset;
    let hi = if room <= 0 {
        0
    } else {
        ((room - 1) / s + 1).min(out_len as isize)
    };
    let lo = lo.min(hi);
    lo as usize..hi as usize
}

/// Visits, for every channel and kernel cell `(c, [a, b, e])`, each output row
/// `(od, oh)` that the cell reaches inside the input: `f(row, out_row, in_row,
/// ow_range, in_w_offset)`, where `row` is the im2col row, `out_row` the offset
/// of output row (od, oh) within a channel's positions, `in_row` the offset of
/// input row (c, id, ih), and input column `ow * stride + in_w_offset` for `ow`
/// in `ow_range`. Rows and cells outside the input are skipped: they read zeros.
#[inline(always)]
pub(crate) fn for_each_window_row(
    g: &Window,
    mut f: impl FnMut(usize, usize, usize, core::ops::Range<usize>, isize),
) {
    let [i0, i1, i2] = g.input;
    let [k0, k1, k2] = g.kernel;
    let [s0, s1, s2] = g.stride;
    let [o0, o1, o2] = g.output;
    for c in 0..g.channels {
        for a in 0..k0 {
            let off_d = g.offset(a, 0);
            for b in 0..k1 {
                let off_h = g.offset(b, 1);
                for e in 0..k2 {
                    let row = ((c * k0 + a) * k1 + b) * k2 + e;
                    let off_w = g.offset(e, 2);
                    let ow_range = valid_range(o2, s2, off_w, i2);
                    for od in valid_range(o0, s0, off_d, i0) {
                        let id = (od * s0) as isize + off_d;
                        for oh in valid_range(o1, s1, off_h, i1) {
                            let ih = (oh * s1) as isize + off_h;
                            let in_row = ((c * i0 + id as usize) * i1 + ih as usize) * i2;
                            f(row, (od * o1 + oh) * o2, in_row, ow_range.clone(), off_w);
                        }
                    }
                }
            }
        }
    }
}

/// Writes one sample's patches into columns `col0..col0 + positions` of the
/// im2col matrix `cols` (`patch_len` rows of length `ld`). Cells that fall in the
/// padding are written as zeros, so `cols` needs no clearing first.
#[inline(always)]
#[cfg(feature = "std")]
pub(crate) fn im2col(g: &Window, x: &[f32], cols: &mut [f32], ld: usize, col0: usize) {
    if g.is_unit() {
        return im2col_unit(g, x, cols, ld, col0);
    }
    let [i0, i1, i2] = g.input;
    let [k0, k1, k2] = g.kernel;
    let [s0, s1, s2] = g.stride;
    let [o0, o1, o2] = g.output;
    let offset = |cell: usize, axis: usize| g.offset(cell, axis);
    for c in 0..g.channels {
        for a in 0..k0 {
            let d_range = valid_range(o0, s0, offset(a, 0), i0);
            for b in 0..k1 {
                let h_range = valid_range(o1, s1, offset(b, 1), i1);
                for e in 0..k2 {
                    let row = ((c * k0 + a) * k1 + b) * k2 + e;
                    let dst_row = &mut cols[row * ld + col0..][..g.positions()];
                    let off_w = offset(e, 2);
                    let w_range = valid_range(o2, s2, off_w, i2);
                    for od in 0..o0 {
                        for oh in 0..o1 {
                            let dst = &mut dst_row[(od * o1 + oh) * o2..][..o2];
                            if !d_range.contains(&od) || !h_range.contains(&oh) {
                                dst.fill(0.0);
                                continue;
                            }
                            let id = ((od * s0) as isize + offset(a, 0)) as usize;
                            let ih = ((oh * s1) as isize + offset(b, 1)) as usize;
                            let src = &x[((c * i0 + id) * i1 + ih) * i2..][..i2];
                            dst[..w_range.start].fill(0.0);
                            dst[w_range.end..].fill(0.0);
                            if w_range.is_empty() {
                                // A dilated cell past the input's end: all padding.
                            } else if s2 == 1 {
                                let from = (w_range.start as isize + off_w) as usize;
                                copy_short(
                                    &mut dst[w_range.clone()],
                                    &src[from..from + w_range.len()],
                                );
                            } else {
                                for ow in w_range.clone() {
                                    dst[ow] = src[((ow * s2) as isize + off_w) as usize];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// [`im2col`] for stride 1 and no padding, the common case: every patch row is
/// an unbroken run of the input row, so there are no bounds to work out.
#[inline(always)]
#[cfg(feature = "std")]
fn im2col_unit(g: &Window, x: &[f32], cols: &mut [f32], ld: usize, col0: usize) {
    let [i0, i1, i2] = g.input;
    let [k0, k1, k2] = g.kernel;
    let [o0, o1, o2] = g.output;
    let mut row = 0;
    for c in 0..g.channels {
        for a in 0..k0 {
            for b in 0..k1 {
                for e in 0..k2 {
                    let dst_row = &mut cols[row * ld + col0..][..o0 * o1 * o2];
                    for (od, dst_plane) in dst_row.chunks_exact_mut(o1 * o2).enumerate() {
                        let plane = &x[((c * i0 + od + a) * i1 + b) * i2 + e..];
                        for (oh, dst) in dst_plane.chunks_exact_mut(o2).enumerate() {
                            copy_short(dst, &plane[oh * i2..][..o2]);
                        }
                    }
                    row += 1;
                }
            }
        }
    }
}

/// [`col2im`] for stride 1 and no padding. It walks the same runs as
/// [`im2col_unit`]; one walker shared through a closure measured slower on
/// conv2's backward, so the two loops stay apart.
#[inline(always)]
#[cfg(feature = "std")]
fn col2im_unit(g: &Window, cols: &[f32], ld: usize, col0: usize, dx: &mut [f32]) {
    let [i0, i1, i2] = g.input;
    let [k0, k1, k2] = g.kernel;
    let [o0, o1, o2] = g.output;
    let mut row = 0;
    for c in 0..g.channels {
        for a in 0..k0 {
            for b in 0..k1 {
                for e in 0..k2 {
                    let src_row = &cols[row * ld + col0..][..o0 * o1 * o2];
                    for (od, src_plane) in src_row.chunks_exact(o1 * o2).enumerate() {
                        let base = ((c * i0 + od + a) * i1 + b) * i2 + e;
                        for (oh, src) in src_plane.chunks_exact(o2).enumerate() {
                            add_short(&mut dx[base + oh * i2..][..o2], src);
                        }
                    }
                    row += 1;
                }
            }
        }
    }
}

/// Copies a slice of a few elements with vector moves: `copy_from_slice` would
/// call `memcpy`, whose call overhead dominates rows of 8 or 24 values.
#[inline(always)]
pub(crate) fn copy_short(dst: &mut [f32], src: &[f32]) {
    let (dst_blocks, dst_rest) = dst.as_chunks_mut::<8>();
    let (src_blocks, src_rest) = src.as_chunks::<8>();
    for (d, s) in dst_blocks.iter_mut().zip(src_blocks) {
        *d = *s;
    }
    // A loop over the last few would become a `memcpy` call too; copies of
    // a constant length become moves.
    fn exactly<const N: usize>(dst: &mut [f32], src: &[f32]) {
        let (dst, src): (&mut [f32; N], &[f32; N]) = (
            dst.try_into().expect("one length"),
            src[..N].try_into().expect("one length"),
        );
        *dst = *src;
    }
    match dst_rest.len() {
        0 => {}
        1 => exactly::<1>(dst_rest, src_rest),
        2 => exactly::<2>(dst_rest, src_rest),
        3 => exactly::<3>(dst_rest, src_rest),
        4 => exactly::<4>(dst_rest, src_rest),
        5 => exactly::<5>(dst_rest, src_rest),
        6 => exactly::<6>(dst_rest, src_rest),
        _ => exactly::<7>(dst_rest, src_rest),
    }
}

/// The adjoint of [`im2col`]: adds each column entry back onto the input cell it
/// was read from. `dx` is not cleared first.
#[inline(always)]
#[cfg(feature = "std")]
pub(crate) fn col2im(g: &Window, cols: &[f32], ld: usize, col0: usize, dx: &mut [f32]) {
    if g.is_unit() {
        return col2im_unit(g, cols, ld, col0, dx);
    }
    let [i0, i1, i2] = g.input;
    let [k0, k1, k2] = g.kernel;
    let [s0, s1, s2] = g.stride;
    let [o0, o1, o2] = g.output;
    let offset = |cell: usize, axis: usize| g.offset(cell, axis);
    for c in 0..g.channels {
        for a in 0..k0 {
            let d_range = valid_range(o0, s0, offset(a, 0), i0);
            for b in 0..k1 {
                let h_range = valid_range(o1, s1, offset(b, 1), i1);
                for e in 0..k2 {
                    let row = ((c * k0 + a) * k1 + b) * k2 + e;
                    let src_row = &cols[row * ld + col0..][..g.positions()];
                    let off_w = offset(e, 2);
                    let w_range = valid_range(o2, s2, off_w, i2);
                    for od in d_range.clone() {
                        let id = ((od * s0) as isize + offset(a, 0)) as usize;
                        for oh in h_range.clone() {
                            let ih = ((oh * s1) as isize + offset(b, 1)) as usize;
                            let src = &src_row[(od * o1 + oh) * o2..][..o2];
                            let dst = &mut dx[((c * i0 + id) * i1 + ih) * i2..][..i2];
                            if w_range.is_empty() {
                                // A dilated cell past the input's end: all padding.
                            } else if s2 == 1 {
                                let from = (w_range.start as isize + off_w) as usize;
                                add_short(
                                    &mut dst[from..from + w_range.len()],
                                    &src[w_range.clone()],
                                );
                            } else {
                                for ow in w_range.clone() {
                                    dst[((ow * s2) as isize + off_w) as usize] += src[ow];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Working space given as floats, for a kernel that takes it as possibly
/// uninitialised (the shifted copies, whose stack buffer is left uninitialised).
#[inline(always)]
pub(crate) fn as_uninit(values: &mut [f32]) -> &mut [core::mem::MaybeUninit<f32>] {
    // SAFETY: `MaybeUninit<f32>` has the layout of `f32`. The kernels that take
    // the result write only initialised values through it, so `values` is
    // still initialised when the borrow ends.
    unsafe { core::slice::from_raw_parts_mut(values.as_mut_ptr().cast(), values.len()) }
}

/// `dst += src` for a slice of a few elements, in blocks of 8 as [`copy_short`].
#[inline(always)]
#[cfg(feature = "std")]
pub(crate) fn add_short(dst: &mut [f32], src: &[f32]) {
    let (dst_blocks, dst_rest) = dst.as_chunks_mut::<8>();
    let (src_blocks, src_rest) = src.as_chunks::<8>();
    for (d, s) in dst_blocks.iter_mut().zip(src_blocks) {
        for (d, s) in d.iter_mut().zip(s) {
            *d += s;
        }
    }
    for (d, s) in dst_rest.iter_mut().zip(src_rest) {
        *d += s;
    }
}

#[cfg(feature = "std")]
thread_local! {
    static SCRATCH: std::cell::Cell<Vec<f32>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Runs `f` on `len` floats of this thread's scratch memory (with arbitrary
/// contents), which is kept for the thread's next call: a fresh multi-megabyte
/// buffer per call would cost more in page faults than the GEMM it feeds.
/// A nested call finds the scratch taken and gets a buffer of its own.
#[cfg(feature = "std")]
pub(crate) fn with_scratch<R>(len: usize, f: impl FnOnce(&mut [f32]) -> R) -> R {
    SCRATCH.with(|cell| {
        let mut buffer = cell.take();
        if buffer.len() < len {
            buffer.resize(len, 0.0);
        }
        let result = f(&mut buffer[..len]);
        cell.set(buffer);
        result
    })
}

/// Samples per unit of parallel work. It depends on the layer only, never on
/// the number of threads, so per-chunk partial sums, added in chunk order, give
/// bitwise the same gradients on any number of threads. About 2048 GEMM columns
/// per chunk keeps the im2col buffer in L2 while giving the GEMM a wide N.
#[cfg(feature = "std")]
pub(crate) fn chunk_len(columns_per_sample: usize) -> usize {
    const TARGET_COLUMNS: usize = 2048;
    (TARGET_COLUMNS / columns_per_sample.max(1)).clamp(1, 64)
}

/// The gradients of a batch cut into chunks of samples (`chunk_len` long):
/// `chunk_grads(x, dy, dx)` runs on the chunks in parallel, writing the
/// chunk's input gradient into `dx` where there is one and returning its
/// weight gradient followed by its bias gradient; those are added to
/// `dweight` and `dbias` in chunk order, so the sums do not depend on the
/// number of threads. `[x_chunk, dy_chunk]` are a chunk's lengths in `xs`
/// (and `dxs`) and in `dys`.
#[cfg(feature = "std")]
pub(crate) fn sum_chunk_grads(
    (xs, dys, dxs): (&[f32], &[f32], Option<&mut [f32]>),
    [x_chunk, dy_chunk]: [usize; 2],
    (dweight, dbias): (&mut [f32], Option<&mut [f32]>),
    chunk_grads: impl Fn(&[f32], &[f32], Option<&mut [f32]>) -> Vec<f32> + Sync,
) {
    use rayon::prelude::*;
    let x_chunks = xs.par_chunks(x_chunk);
    let dy_chunks = dys.par_chunks(dy_chunk);
    let partials: Vec<Vec<f32>> = match dxs {
        Some(dxs) => x_chunks
            .zip(dy_chunks)
            .zip(dxs.par_chunks_mut(x_chunk))
            .map(|((x, dy), dx)| chunk_grads(x, dy, Some(dx)))
            .collect(),
        None => x_chunks
            .zip(dy_chunks)
            .map(|(x, dy)| chunk_grads(x, dy, None))
            .collect(),
    };
    let weight_len = dweight.len();
    net_core::chunks::add_in_order(dweight, partials.iter().map(|p| &p[..weight_len]));
    if let Some(dbias) = dbias {
        net_core::chunks::add_in_order(dbias, partials.iter().map(|p| &p[weight_len..]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_range_matches_a_scan() {
        for out_len in 0..6 {
            for stride in 1..4 {
                for offset in -4..4 {
                    for in_len in 1..8 {
                        let want: Vec<usize> = (0..out_len)
                            .filter(|&o| {
                                let i = (o * stride) as isize + offset;
                                i >= 0 && i < in_len as isize
                            })
                            .collect();
                        let got: Vec<usize> =
                            valid_range(out_len, stride, offset, in_len).collect();
                        assert_eq!(
                            got, want,
                            "out {out_len} stride {stride} offset {offset} in {in_len}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn chunks_do_not_depend_on_threads_and_stay_bounded() {
        assert_eq!(chunk_len(576), 3);
        assert_eq!(chunk_len(64), 32);
        assert_eq!(chunk_len(1), 64);
        assert_eq!(chunk_len(100_000), 1);
    }
}
