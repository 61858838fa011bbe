//! The depthwise convolution (one input channel per group), one channel at a
//! time over its padded input split by stride phase.
//!
//! A channel's input, zero-padded, is stored as `s0 * s1 * s2` phase volumes:
//! phase `r` holds the padded cells whose coordinates are `r` modulo the
//! stride, at their coordinates divided by the stride. Output cell `o` reads
//! padded cell `o * s + t` for kernel offset `t = cell * dilation`, which is
//! cell `o + t / s` of phase `t % s`. Laying the output out with the phases'
//! row length (a "wide" row, whose last cells are discarded), every kernel cell
//! becomes one contiguous multiply-add over the whole channel,
//! `wide[i] += w * phase[i + shift]`, whatever the stride, dilation, padding or
//! width: a 25 x 5 plane of DS-CNN is one loop of 173 values per cell instead
//! of 25 rows of 5. The backward pass runs the same loops as dot products for
//! the weight gradient and as multiply-adds into phase volumes of the input
//! gradient.
//!
//! The loops are plain slices; `path::grouped_conv` picks a copy compiled for
//! AVX-512, for AVX2 and FMA, or for the baseline.

#[cfg(feature = "std")]
use crate::conv::sum;
use crate::grouped::Grouped;
use crate::math::mul_add;
use crate::path::Compiled;
use crate::window::{copy_short, Window};

/// Where a channel's padded input and its outputs lie in the scratch.
#[derive(Clone, Copy, Debug)]
struct Phases {
    window: Window,
    /// Cells per axis of one phase volume.
    extent: [usize; 3],
    /// Cells of one phase volume.
    volume: usize,
    /// Cells of the wide output, up to its last kept cell.
    wide: usize,
    /// Rows of axis 1 in the whole channel's input and output, and where
    /// this band of them starts in each.
    x_rows: usize,
    x_first: usize,
    y_rows: usize,
    y_first: usize,
}

impl Phases {
    /// The whole channel, the input rows no window reads included, so that
    /// the input gradient covers them (with zeros).
    #[cfg(feature = "std")]
    const fn new(window: &Window) -> Self {
        Phases::rows(window, 0, window.output[1], true)
    }

    /// The output rows `first..first + rows` of axis 1 (all of axes 0 and 2)
    /// as a window of their own over the input rows they read. Every band of
    /// a forward pass needs as much scratch as the first, or less.
    const fn band(full: &Window, first: usize, rows: usize) -> Self {
        Phases::rows(full, first, rows, false)
    }

    // A `const fn`, so that the working space a model's scratch reserves for
    // the pass is a constant.
    const fn rows(full: &Window, first: usize, rows: usize, unread_too: bool) -> Self {
        let mut w = *full;
        w.output[1] = rows;
        let before = full.padding[1];
        // The padded rows the band reads, and the input rows among them.
        let padded_start = first * full.stride[1];
        let padded_end = padded_start + w.reach(1);
        let x_first = min(padded_start.saturating_sub(before), full.input[1]);
        let x_end = if unread_too {
            full.input[1]
        } else {
            min(padded_end.saturating_sub(before), full.input[1])
        };
        w.padding[1] = before.saturating_sub(padded_start);
        w.input[1] = x_end - x_first;
        let mut extent = [0; 3];
        let mut a = 0;
        while a < 3 {
            let padded = w.padding[a] + w.input[a];
            let span = if w.reach(a) > padded {
                w.reach(a)
            } else {
                padded
            };
            extent[a] = span.div_ceil(w.stride[a]);
            a += 1;
        }
        let [o0, o1, o2] = w.output;
        Phases {
            window: w,
            extent,
            volume: extent[0] * extent[1] * extent[2],
            wide: ((o0 - 1) * extent[1] + o1 - 1) * extent[2] + o2,
            x_rows: full.input[1],
            x_first,
            y_rows: full.output[1],
            y_first: first,
        }
    }

    /// Scratch floats of a forward pass.
    const fn forward_scratch(&self) -> usize {
        self.input_len() + self.wide
    }

    fn phase_start(&self, r: [usize; 3]) -> usize {
        let s = self.window.stride;
        ((r[0] * s[1] + r[1]) * s[2] + r[2]) * self.volume
    }

    const fn input_len(&self) -> usize {
        // One volume per stride phase.
        let s = self.window.stride;
        s[0] * s[1] * s[2] * self.volume
    }

    /// Where each kernel cell (flat, row-major) reads for wide output cell 0.
    /// An iterator rather than a callback, so that the multiply-adds stay in
    /// the caller compiled for the instruction set.
    fn cells(&self) -> Cells<'_> {
        let s = self.window.stride;
        Cells {
            phases: self,
            at: [0; 3],
            t: [Count::new(s[0]), Count::new(s[1]), Count::new(s[2])],
        }
    }

    /// Calls `f(x_start, phase_start, len)` for each run of one channel's
    /// input that goes to consecutive phase cells: input cells `x_start`,
    /// `x_start + s2`, ... (`len` of them) to `phase_start`, `phase_start + 1`, ...
    #[inline(always)]
    fn for_each_input_run(&self, mut f: impl FnMut(usize, usize, usize)) {
        let w = &self.window;
        let [i0, i1, i2] = w.input;
        let [_, _, s2] = w.stride;
        let [b0, b1, b2] = w.padding;
        let [_, e1, e2] = self.extent;
        for r2 in 0..s2 {
            // The first column of this phase of the width, and its place.
            let first = (b2 + s2 - 1 - r2) / s2 * s2 + r2 - b2;
            if first >= i2 {
                continue;
            }
            let (first_u, len) = ((first + b2) / s2, (i2 - first).div_ceil(s2));
            let mut p0 = Count::new(w.stride[0]);
            p0.add(b0);
            for d in 0..i0 {
                let mut p1 = Count::new(w.stride[1]);
                p1.add(b1);
                for h in 0..i1 {
                    let row = (p0.quotient * e1 + p1.quotient) * e2 + first_u;
                    let base = self.phase_start([p0.rest, p1.rest, r2]) + row;
                    f((d * self.x_rows + self.x_first + h) * i2 + first, base, len);
                    p1.add(1);
                }
                p0.add(1);
            }
        }
    }

    /// Calls `f(y_index, wide_index, len)` for each output row.
    #[inline(always)]
    fn for_each_output_row(&self, mut f: impl FnMut(usize, usize, usize)) {
        let [o0, o1, o2] = self.window.output;
        let [_, e1, e2] = self.extent;
        for d in 0..o0 {
            for h in 0..o1 {
                f(
                    (d * self.y_rows + self.y_first + h) * o2,
                    (d * e1 + h) * e2,
                    o2,
                );
            }
        }
    }
}

/// The kernel cells' read positions, in order (`Phases::cells`).
struct Cells<'a> {
    phases: &'a Phases,
    at: [usize; 3],
    /// Each axis's offset `at * dilation`, as quotient and rest by the stride.
    t: [Count; 3],
}

impl Iterator for Cells<'_> {
    type Item = usize;

    #[inline(always)]
    fn next(&mut self) -> Option<usize> {
        let p = self.phases;
        let (k, w) = (p.window.kernel, &p.window);
        if self.at[0] == k[0] {
            return None;
        }
        let [t0, t1, t2] = self.t;
        let [_, e1, e2] = p.extent;
        let shift = (t0.quotient * e1 + t1.quotient) * e2 + t2.quotient;
        let start = p.phase_start([t0.rest, t1.rest, t2.rest]) + shift;
        // Step the last axis, carrying into the ones before it.
        let mut axis = 2;
        loop {
            self.at[axis] += 1;
            self.t[axis].add(w.dilation[axis]);
            if self.at[axis] < k[axis] || axis == 0 {
                break;
            }
            self.at[axis] = 0;
            self.t[axis] = Count::new(w.stride[axis]);
            axis -= 1;
        }
        Some(start)
    }
}

/// `t` as `quotient * divisor + rest`, counted up without dividing.
#[derive(Clone, Copy)]
struct Count {
    divisor: usize,
    quotient: usize,
    rest: usize,
}

impl Count {
    fn new(divisor: usize) -> Self {
        Count {
            divisor,
            quotient: 0,
            rest: 0,
        }
    }

    #[inline(always)]
    fn add(&mut self, n: usize) {
        self.rest += n;
        while self.rest >= self.divisor {
            self.rest -= self.divisor;
            self.quotient += 1;
        }
    }
}

const fn min(a: usize, b: usize) -> usize {
    if a < b {
        a
    } else {
        b
    }
}

/// The most working space a one-sample forward pass takes (16 KB): a band
/// of output rows fits it while a 2d input row has up to about 1,000 values
/// (3x3 kernel, stride 1). Past that the pass gains little from longer bands.
pub(crate) const MOST_SCRATCH: usize = 4096;

/// The working space one sample's forward pass takes: a band of as many
/// output rows as fit [`MOST_SCRATCH`]; 0 where not even one row fits (the
/// pass then takes the loops of `grouped`).
pub(crate) const fn forward_scratch_len(g: &Grouped) -> usize {
    let rows = band_rows(g, MOST_SCRATCH);
    if rows == 0 {
        0
    } else {
        Phases::band(&g.window, 0, rows).forward_scratch()
    }
}

/// Scratch floats of a forward pass in bands of one output row.
#[cfg(test)]
pub(crate) fn one_row_scratch(g: &Grouped) -> usize {
    Phases::band(&g.window, 0, 1).forward_scratch()
}

/// The most output rows of axis 1 whose forward pass fits `len` floats of
/// scratch (0 if not even one row does).
pub(crate) const fn band_rows(g: &Grouped, len: usize) -> usize {
    let mut rows = 0;
    while rows < g.window.output[1] && Phases::band(&g.window, 0, rows + 1).forward_scratch() <= len
    {
        rows += 1;
    }
    rows
}

/// Scratch floats one sample's backward pass needs.
#[cfg(feature = "std")]
pub(crate) fn backward_scratch(g: &Grouped) -> usize {
    let p = Phases::new(&g.window);
    2 * p.input_len() + p.wide
}

/// One channel's input into the phase volumes (whose padding stays as it is).
#[inline(always)]
fn fill(p: &Phases, x_c: &[f32], phases: &mut [f32]) {
    let step = p.window.stride[2];
    p.for_each_input_run(|x_start, phase_start, len| {
        let dst = &mut phases[phase_start..phase_start + len];
        if step == 1 {
            copy_short(dst, &x_c[x_start..x_start + len]);
        } else {
            let src = x_c[x_start..].iter().step_by(step);
            dst.iter_mut().zip(src).for_each(|(d, &v)| *d = v);
        }
    });
}

#[inline(always)]
fn multiply_add<const FUSED: bool>(dst: &mut [f32], a: f32, src: &[f32]) {
    for (d, &s) in dst.iter_mut().zip(src) {
        *d = if FUSED { mul_add(a, s, *d) } else { *d + a * s };
    }
}

/// A dot product in 16 interleaved partial sums, which vectorise.
#[inline(always)]
#[cfg(feature = "std")]
fn dot<const FUSED: bool>(a: &[f32], b: &[f32]) -> f32 {
    let (a_blocks, a_rest) = a.as_chunks::<16>();
    let (b_blocks, b_rest) = b[..a.len()].as_chunks::<16>();
    let mut partial = [0.0f32; 16];
    for (x, y) in a_blocks.iter().zip(b_blocks) {
        for ((p, &x), &y) in partial.iter_mut().zip(x).zip(y) {
            *p = if FUSED { mul_add(x, y, *p) } else { *p + x * y };
        }
    }
    let tail: f32 = a_rest.iter().zip(b_rest).map(|(x, y)| x * y).sum();
    partial.iter().sum::<f32>() + tail
}

/// One band of output rows of one sample.
#[inline(always)]
fn forward_band<const FUSED: bool>(
    g: &Grouped,
    p: &Phases,
    x: &[f32],
    weight: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
    scratch: &mut [f32],
) {
    let (plane, positions, cells) = (
        g.window.input_plane(),
        g.window.positions(),
        g.window.kernel_cells(),
    );
    let (phases, wide) = scratch.split_at_mut(p.input_len());
    let wide = &mut wide[..p.wide];
    // The padding is never written: zero once, then each channel overwrites
    // the same input cells.
    phases.fill(0.0);
    let per_channel = g.out_channels / g.groups;
    for c in 0..g.groups {
        let x_c = &x[c * plane..][..plane];
        fill(p, x_c, phases);
        for o in c * per_channel..(c + 1) * per_channel {
            let w_o = &weight[o * cells..][..cells];
            wide.fill(bias.map_or(0.0, |b| b[o]));
            for (&w, start) in w_o.iter().zip(p.cells()) {
                multiply_add::<FUSED>(wide, w, &phases[start..start + p.wide]);
            }
            let y_o = &mut y[o * positions..][..positions];
            p.for_each_output_row(|yi, wi, len| {
                copy_short(&mut y_o[yi..yi + len], &wide[wi..wi + len]);
            });
        }
    }
}

#[allow(clippy::too_many_arguments)]
#[inline(always)]
#[cfg(feature = "std")]
fn backward_body<const FUSED: bool>(
    g: &Grouped,
    x: &[f32],
    weight: &[f32],
    dy: &[f32],
    mut dx: Option<&mut [f32]>,
    dw: &mut [f32],
    db: &mut [f32],
    scratch: &mut [f32],
) {
    let p = Phases::new(&g.window);
    let (plane, positions, cells) = (
        g.window.input_plane(),
        g.window.positions(),
        g.window.kernel_cells(),
    );
    let (phases, rest) = scratch.split_at_mut(p.input_len());
    let (dphases, wide) = rest.split_at_mut(p.input_len());
    let wide = &mut wide[..p.wide];
    phases.fill(0.0);
    // The discarded cells of the wide output gradient stay zero.
    wide.fill(0.0);
    let per_channel = g.out_channels / g.groups;
    for c in 0..g.groups {
        let x_c = &x[c * plane..][..plane];
        fill(&p, x_c, phases);
        if dx.is_some() {
            dphases.fill(0.0);
        }
        for o in c * per_channel..(c + 1) * per_channel {
            let dy_o = &dy[o * positions..][..positions];
            db[o] += sum(dy_o);
            p.for_each_output_row(|yi, wi, len| {
                copy_short(&mut wide[wi..wi + len], &dy_o[yi..yi + len]);
            });
            let (w_o, dw_o) = (&weight[o * cells..][..cells], &mut dw[o * cells..][..cells]);
            for ((dw, &w), start) in dw_o.iter_mut().zip(w_o).zip(p.cells()) {
                *dw += dot::<FUSED>(wide, &phases[start..start + p.wide]);
                if dx.is_some() {
                    multiply_add::<FUSED>(&mut dphases[start..start + p.wide], w, wide);
                }
            }
        }
        if let Some(dx) = dx.as_deref_mut() {
            let dx_c = &mut dx[c * plane..][..plane];
            let step = p.window.stride[2];
            p.for_each_input_run(|x_start, phase_start, len| {
                let src = &dphases[phase_start..phase_start + len];
                if step == 1 {
                    copy_short(&mut dx_c[x_start..x_start + len], src);
                } else {
                    let dst = dx_c[x_start..].iter_mut().step_by(step);
                    dst.zip(src).for_each(|(d, &v)| *d = v);
                }
            });
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
#[allow(clippy::too_many_arguments)]
fn forward_band_avx512(
    g: &Grouped,
    p: &Phases,
    x: &[f32],
    w: &[f32],
    b: Option<&[f32]>,
    y: &mut [f32],
    s: &mut [f32],
) {
    forward_band::<true>(g, p, x, w, b, y, s)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
fn forward_band_avx2(
    g: &Grouped,
    p: &Phases,
    x: &[f32],
    w: &[f32],
    b: Option<&[f32]>,
    y: &mut [f32],
    s: &mut [f32],
) {
    forward_band::<true>(g, p, x, w, b, y, s)
}

/// One sample; `y` is overwritten. The channels run in bands of `rows`
/// output rows of axis 1 ([`band_rows`] of the scratch, or all of them with
/// [`forward_scratch`] floats); `scratch` may be in any state.
#[allow(clippy::too_many_arguments)]
pub(crate) fn forward(
    compiled: Compiled,
    g: &Grouped,
    rows: usize,
    x: &[f32],
    weight: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
    scratch: &mut [f32],
) {
    let out_rows = g.window.output[1];
    for first in (0..out_rows).step_by(rows) {
        let p = &Phases::band(&g.window, first, rows.min(out_rows - first));
        match compiled {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `path` picks this copy only on a CPU with AVX-512F, all
            // that the `target_feature` function requires of its caller.
            Compiled::Avx512 => unsafe { forward_band_avx512(g, p, x, weight, bias, y, scratch) },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `path` picks this copy only on a CPU with AVX2 and FMA.
            Compiled::Avx2Fma => unsafe { forward_band_avx2(g, p, x, weight, bias, y, scratch) },
            #[cfg(not(target_arch = "x86_64"))]
            Compiled::Avx512 | Compiled::Avx2Fma => unreachable!("x86-64 only"),
            Compiled::Baseline => forward_band::<false>(g, p, x, weight, bias, y, scratch),
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
#[allow(clippy::too_many_arguments)]
#[cfg(feature = "std")]
fn backward_avx512(
    g: &Grouped,
    x: &[f32],
    w: &[f32],
    dy: &[f32],
    dx: Option<&mut [f32]>,
    dw: &mut [f32],
    db: &mut [f32],
    s: &mut [f32],
) {
    backward_body::<true>(g, x, w, dy, dx, dw, db, s)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
#[cfg(feature = "std")]
fn backward_avx2(
    g: &Grouped,
    x: &[f32],
    w: &[f32],
    dy: &[f32],
    dx: Option<&mut [f32]>,
    dw: &mut [f32],
    db: &mut [f32],
    s: &mut [f32],
) {
    backward_body::<true>(g, x, w, dy, dx, dw, db, s)
}

/// One sample's gradients: `dx` is overwritten (when given), the weight and
/// bias gradients are added to `dw` and `db`. `scratch` holds at least
/// [`backward_scratch`] floats, in any state.
#[allow(clippy::too_many_arguments)]
#[cfg(feature = "std")]
pub(crate) fn backward(
    compiled: Compiled,
    g: &Grouped,
    x: &[f32],
    weight: &[f32],
    dy: &[f32],
    dx: Option<&mut [f32]>,
    dw: &mut [f32],
    db: &mut [f32],
    scratch: &mut [f32],
) {
    match compiled {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `path` picks this copy only on a CPU with AVX-512F, all
        // that the `target_feature` function requires of its caller.
        Compiled::Avx512 => unsafe { backward_avx512(g, x, weight, dy, dx, dw, db, scratch) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `path` picks this copy only on a CPU with AVX2 and FMA.
        Compiled::Avx2Fma => unsafe { backward_avx2(g, x, weight, dy, dx, dw, db, scratch) },
        #[cfg(not(target_arch = "x86_64"))]
        Compiled::Avx512 | Compiled::Avx2Fma => unreachable!("x86-64 only"),
        Compiled::Baseline => backward_body::<false>(g, x, weight, dy, dx, dw, db, scratch),
    }
}
