//! Convolutions with groups, dilation, and padding that may differ before and
//! after an axis (TensorFlow's "same" at stride 2), in 1, 2 and 3 dimensions.
//!
//! Weight layout `[out, in / groups, k...]`, as PyTorch: output channel `o`
//! belongs to group `o / (out / groups)` and reads that group's input channels
//! only. Channels are the outermost axis, so a group's input, weights and
//! output are each one contiguous run, and a grouped convolution is a plain
//! convolution per group over those runs.
//!
//! Two formulations, chosen in `path::grouped_conv`:
//! - depthwise (one input channel per group, MobileNet's and DS-CNN's 3x3
//!   layers): one channel at a time, each kernel cell one contiguous
//!   multiply-add over the channel's padded input split by stride phase
//!   (`depthwise`); im2col would copy each input cell k times to feed a GEMM
//!   whose inner dimension is only the window;
//! - otherwise, forward runs `conv::forward_loops` per group, and the
//!   gradients im2col and two GEMMs per group and sample.
//!
//! The plain convolution (`conv`) has faster paths; `network!` uses this module
//! only for the layers that need groups, dilation or uneven padding.

use crate::conv::forward_loops;
use crate::depthwise;
use crate::path::GroupedConv;
use crate::window::Window;
use net_core::shape::window_output;
use net_core::{Tensor1, Tensor2, Tensor3, Tensor4, Tensor5};
#[cfg(feature = "std")]
use {
    crate::conv::sum,
    crate::matmul::{matmul, MatRef},
    crate::window::{chunk_len, col2im, im2col, sum_chunk_grads, with_scratch},
    rayon::prelude::*,
};

/// A grouped convolution's geometry: `window` is one group's (its channels
/// are the input channels per group).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Grouped {
    pub(crate) window: Window,
    pub(crate) groups: usize,
    pub(crate) out_channels: usize,
}

impl Grouped {
    fn out_per_group(&self) -> usize {
        self.out_channels / self.groups
    }
    #[cfg(feature = "std")]
    fn input_len(&self) -> usize {
        self.groups * self.window.input_len()
    }
    #[cfg(feature = "std")]
    fn output_len(&self) -> usize {
        self.out_channels * self.window.positions()
    }
    #[cfg(feature = "std")]
    fn weight_len(&self) -> usize {
        self.out_channels * self.window.patch_len()
    }
    /// Group `k`'s runs of the input, weights, output (or their gradients).
    fn group_input(&self, k: usize) -> core::ops::Range<usize> {
        let len = self.window.input_len();
        k * len..(k + 1) * len
    }
    fn group_weight(&self, k: usize) -> core::ops::Range<usize> {
        let len = self.out_per_group() * self.window.patch_len();
        k * len..(k + 1) * len
    }
    fn group_output(&self, k: usize) -> core::ops::Range<usize> {
        let len = self.out_per_group() * self.window.positions();
        k * len..(k + 1) * len
    }
    fn group_bias(&self, k: usize) -> core::ops::Range<usize> {
        k * self.out_per_group()..(k + 1) * self.out_per_group()
    }
}

/// The geometry of a grouped convolution, with its sizes checked on every
/// axis (evaluated in a `const` block by each typed kernel).
#[allow(clippy::too_many_arguments)]
pub(crate) const fn checked_grouped(
    channels: usize,
    per_group: usize,
    out_channels: usize,
    input: [usize; 3],
    kernel: [usize; 3],
    stride: [usize; 3],
    dilation: [usize; 3],
    before: [usize; 3],
    after: [usize; 3],
    output: [usize; 3],
) -> Grouped {
    assert!(
        per_group > 0 && channels.is_multiple_of(per_group),
        "grouped convolution: the weight's input channels do not divide the input channels"
    );
    let groups = channels / per_group;
    assert!(
        out_channels.is_multiple_of(groups),
        "grouped convolution: the groups do not divide the output channels"
    );
    let mut axis = 0;
    while axis < 3 {
        assert!(
            matches!(window_output(input[axis], kernel[axis], stride[axis], dilation[axis],
                before[axis], after[axis]), Some(size) if size == output[axis]),
            "grouped convolution: an output size is not floor((d + before + after - \
             dilation (k - 1) - 1) / s) + 1 of its input size (or the dilated kernel is \
             larger than the padded input)"
        );
        axis += 1;
    }
    Grouped {
        window: Window {
            channels: per_group,
            input,
            kernel,
            stride,
            dilation,
            padding: before,
            output,
        },
        groups,
        out_channels,
    }
}

/// The working space [`forward_one`] takes (see `depthwise`).
pub(crate) const fn forward_scratch_len(g: &Grouped) -> usize {
    if g.window.channels == 1 {
        depthwise::forward_scratch_len(g)
    } else {
        0
    }
}

/// One sample; `y` is overwritten. `scratch` is the depthwise path's working
/// space, in any state: [`forward_scratch_len`] floats give it its bands.
#[inline(always)]
pub(crate) fn forward_one(
    g: &Grouped,
    x: &[f32],
    weight: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
    scratch: &mut [f32],
) {
    forward_on(
        crate::path::grouped_conv(g.window.channels),
        g,
        (x, weight, bias, y),
        scratch,
    )
}

/// [`forward_one`] with its working space on the stack.
#[inline(always)]
fn forward_on_stack(path: GroupedConv, g: &Grouped, tensors: Tensors<'_>) {
    match path {
        GroupedConv::Depthwise(_) => {
            let mut stack = [0.0; depthwise::MOST_SCRATCH];
            forward_on(path, g, tensors, &mut stack)
        }
        GroupedConv::Im2col => forward_on(path, g, tensors, &mut []),
    }
}

/// One sample's input, weight, bias and output.
type Tensors<'a> = (&'a [f32], &'a [f32], Option<&'a [f32]>, &'a mut [f32]);

/// One sample on the given path: on the depthwise path, in bands of as many
/// output rows as `scratch` holds; without room for one, the loops per group.
#[inline(always)]
fn forward_on(
    path: GroupedConv,
    g: &Grouped,
    (x, weight, bias, y): Tensors<'_>,
    scratch: &mut [f32],
) {
    if let GroupedConv::Depthwise(compiled) = path {
        let rows = depthwise::band_rows(g, scratch.len());
        if rows > 0 {
            return depthwise::forward(compiled, g, rows, x, weight, bias, y, scratch);
        }
    }
    for k in 0..g.groups {
        forward_loops(
            &g.window,
            g.out_per_group(),
            &x[g.group_input(k)],
            &weight[g.group_weight(k)],
            bias.map(|b| &b[g.group_bias(k)]),
            &mut y[g.group_output(k)],
        );
    }
}

/// One sample's gradients of a convolution with several input channels per
/// group: per group, im2col into `cols`, `dw += dy cols^T`, and the input
/// gradient `col2im(w^T dy)` through `dcols`.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
#[cfg(feature = "std")]
fn im2col_backward(
    g: &Grouped,
    x: &[f32],
    weight: &[f32],
    dy: &[f32],
    mut dx: Option<&mut [f32]>,
    dw: &mut [f32],
    db: &mut [f32],
    (cols, dcols): (&mut [f32], &mut [f32]),
) {
    let w = &g.window;
    let (positions, patch, opg) = (w.positions(), w.patch_len(), g.out_per_group());
    if let Some(dx) = dx.as_deref_mut() {
        dx.fill(0.0);
    }
    for (db_o, dy_o) in db.iter_mut().zip(dy.chunks_exact(positions)) {
        *db_o += sum(dy_o);
    }
    for k in 0..g.groups {
        let dy_k = MatRef::row_major(&dy[g.group_output(k)], opg, positions);
        im2col(w, &x[g.group_input(k)], cols, positions, 0);
        matmul(
            &mut dw[g.group_weight(k)],
            true,
            dy_k,
            MatRef::row_major(cols, patch, positions).t(),
        );
        if let Some(dx) = dx.as_deref_mut() {
            let w_k = MatRef::row_major(&weight[g.group_weight(k)], opg, patch);
            matmul(dcols, false, w_k.t(), dy_k);
            col2im(w, dcols, positions, 0, &mut dx[g.group_input(k)]);
        }
    }
}

/// A batch: each sample in parallel; `ys` is overwritten.
#[inline(always)]
#[cfg(feature = "std")]
pub(crate) fn forward_batch(
    g: &Grouped,
    xs: &[f32],
    weight: &[f32],
    bias: Option<&[f32]>,
    ys: &mut [f32],
) {
    forward_batch_on(
        crate::path::grouped_conv(g.window.channels),
        g,
        xs,
        weight,
        bias,
        ys,
    )
}

#[inline(always)]
#[cfg(feature = "std")]
fn forward_batch_on(
    path: GroupedConv,
    g: &Grouped,
    xs: &[f32],
    weight: &[f32],
    bias: Option<&[f32]>,
    ys: &mut [f32],
) {
    xs.par_chunks(g.input_len())
        .zip(ys.par_chunks_mut(g.output_len()))
        .for_each(|(x, y)| forward_on_stack(path, g, (x, weight, bias, y)));
}

/// Gradients of a batch: `dxs` (if given) is overwritten with each sample's
/// input gradient; the weight and bias gradients, summed over the batch in
/// an order that does not depend on the number of threads, are added to
/// `dweight` and `dbias`.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
#[cfg(feature = "std")]
pub(crate) fn backward_batch(
    g: &Grouped,
    xs: &[f32],
    weight: &[f32],
    dys: &[f32],
    dxs: Option<&mut [f32]>,
    dweight: &mut [f32],
    dbias: Option<&mut [f32]>,
) {
    let path = crate::path::grouped_conv(g.window.channels);
    backward_batch_on(path, g, xs, weight, dys, dxs, dweight, dbias)
}

#[allow(clippy::too_many_arguments)]
#[inline(always)]
#[cfg(feature = "std")]
fn backward_batch_on(
    path: GroupedConv,
    g: &Grouped,
    xs: &[f32],
    weight: &[f32],
    dys: &[f32],
    dxs: Option<&mut [f32]>,
    dweight: &mut [f32],
    dbias: Option<&mut [f32]>,
) {
    let (in_len, out_len, weight_len) = (g.input_len(), g.output_len(), g.weight_len());
    let chunk = chunk_len(g.window.positions() * g.groups);
    let scratch = g.window.patch_len() * g.window.positions();
    // Each chunk returns its weight gradient followed by its bias gradient.
    let chunk_grads = |x: &[f32], dy: &[f32], mut dx: Option<&mut [f32]>| -> Vec<f32> {
        let mut grads = vec![0.0; weight_len + g.out_channels];
        let (dw, db) = grads.split_at_mut(weight_len);
        let samples = x.chunks_exact(in_len).zip(dy.chunks_exact(out_len));
        match path {
            GroupedConv::Depthwise(compiled) => {
                with_scratch(depthwise::backward_scratch(g), |scratch| {
                    for (b, (x, dy)) in samples.enumerate() {
                        let dx = dx.as_deref_mut().map(|dx| &mut dx[b * in_len..][..in_len]);
                        depthwise::backward(compiled, g, x, weight, dy, dx, dw, db, scratch);
                    }
                })
            }
            GroupedConv::Im2col => with_scratch(2 * scratch, |buffer| {
                let (cols, dcols) = buffer.split_at_mut(scratch);
                for (b, (x, dy)) in samples.enumerate() {
                    let dx = dx.as_deref_mut().map(|dx| &mut dx[b * in_len..][..in_len]);
                    im2col_backward(g, x, weight, dy, dx, dw, db, (&mut *cols, &mut *dcols));
                }
            }),
        }
        grads
    };
    sum_chunk_grads(
        (xs, dys, dxs),
        [chunk * in_len, chunk * out_len],
        (dweight, dbias),
        chunk_grads,
    );
}

macro_rules! grouped_kernels {
    (
        $dims:literal, $forward:ident, $forward_in:ident, $forward_scratch:ident,
        $forward_batch:ident, $backward_batch:ident,
        x: $x:ident<C, $($i:ident),+>, w: $w:ident<O, CG, $($k:ident),+>, y: $y:ident<O, $($o:ident),+>,
        stride: [$($s:ident),+], dilation: [$($d:ident),+], before: [$($p:ident),+], after: [$($q:ident),+],
        geometry: [$($in3:expr),+], [$($k3:expr),+], [$($s3:expr),+], [$($d3:expr),+],
            [$($p3:expr),+], [$($q3:expr),+], [$($o3:expr),+]
    ) => {
        #[doc = concat!("A grouped, dilated ", $dims, " convolution of one sample: `y = conv(x, weight) + bias`.")]
        ///
        /// Const parameters: input channels and sizes, output channels, the
        /// weight's input channels (`in / groups`), kernel, stride, dilation,
        /// padding before and padding after per axis, output sizes. A call
        /// whose sizes do not fit together fails to compile.
        #[inline]
        #[allow(clippy::too_many_arguments)]
        pub fn $forward<const C: usize, $(const $i: usize,)+ const O: usize, const CG: usize,
            $(const $k: usize,)+ $(const $s: usize,)+ $(const $d: usize,)+ $(const $p: usize,)+
            $(const $q: usize,)+ $(const $o: usize),+>(
            x: &$x<C, $($i),+>,
            weight: &$w<O, CG, $($k),+>,
            bias: Option<&Tensor1<O>>,
            y: &mut $y<O, $($o),+>,
        ) {
            let g = const { checked_grouped(C, CG, O, [$($in3),+], [$($k3),+], [$($s3),+], [$($d3),+],
                [$($p3),+], [$($q3),+], [$($o3),+]) };
            forward_on_stack(crate::path::grouped_conv(CG), &g,
                (x.as_slice(), weight.as_slice(), bias.map(|b| b.as_slice()), y.as_mut_slice()));
        }

        #[doc = concat!("[`", stringify!($forward), "`] with its working space in `scratch`, which holds at least [`",
            stringify!($forward_scratch), "`] floats in any state: the pass then needs little stack.")]
        // A frame of its own, as `conv`'s.
        #[inline(never)]
        #[allow(clippy::too_many_arguments)]
        pub fn $forward_in<const C: usize, $(const $i: usize,)+ const O: usize, const CG: usize,
            $(const $k: usize,)+ $(const $s: usize,)+ $(const $d: usize,)+ $(const $p: usize,)+
            $(const $q: usize,)+ $(const $o: usize),+>(
            x: &$x<C, $($i),+>,
            weight: &$w<O, CG, $($k),+>,
            bias: Option<&Tensor1<O>>,
            y: &mut $y<O, $($o),+>,
            scratch: &mut [f32],
        ) {
            let g = const { checked_grouped(C, CG, O, [$($in3),+], [$($k3),+], [$($s3),+], [$($d3),+],
                [$($p3),+], [$($q3),+], [$($o3),+]) };
            forward_one(&g, x.as_slice(), weight.as_slice(), bias.map(|b| b.as_slice()), y.as_mut_slice(), scratch);
        }

        #[doc = concat!("The floats of working space [`", stringify!($forward_in), "`] needs (0 but for a depthwise convolution).")]
        pub const fn $forward_scratch<const C: usize, $(const $i: usize,)+ const O: usize, const CG: usize,
            $(const $k: usize,)+ $(const $s: usize,)+ $(const $d: usize,)+ $(const $p: usize,)+
            $(const $q: usize,)+ $(const $o: usize),+>() -> usize {
            forward_scratch_len(&checked_grouped(C, CG, O, [$($in3),+], [$($k3),+], [$($s3),+], [$($d3),+],
                [$($p3),+], [$($q3),+], [$($o3),+]))
        }

        #[doc = concat!("A grouped, dilated ", $dims, " convolution of a batch, samples in parallel; `ys` is overwritten.")]
        ///
        /// Panics if `xs` and `ys` differ in length.
        #[allow(clippy::too_many_arguments)]
        #[cfg(feature = "std")]
        pub fn $forward_batch<const C: usize, $(const $i: usize,)+ const O: usize, const CG: usize,
            $(const $k: usize,)+ $(const $s: usize,)+ $(const $d: usize,)+ $(const $p: usize,)+
            $(const $q: usize,)+ $(const $o: usize),+>(
            xs: &[$x<C, $($i),+>],
            weight: &$w<O, CG, $($k),+>,
            bias: Option<&Tensor1<O>>,
            ys: &mut [$y<O, $($o),+>],
        ) {
            let g = const { checked_grouped(C, CG, O, [$($in3),+], [$($k3),+], [$($s3),+], [$($d3),+],
                [$($p3),+], [$($q3),+], [$($o3),+]) };
            assert_eq!(xs.len(), ys.len(), "batch sizes of input and output differ");
            forward_batch(&g, net_core::batch_as_slice(xs), weight.as_slice(),
                bias.map(|b| b.as_slice()), net_core::batch_as_mut_slice(ys));
        }

        #[doc = concat!("Backward pass of a grouped, dilated ", $dims, " convolution over a batch.")]
        ///
        /// Overwrites `dxs` (when given) with each sample's input gradient and adds
        /// the batch's weight and bias gradients to `dweight` and `dbias`, summed
        /// in an order that does not depend on the number of threads.
        /// Panics if the batch slices differ in length.
        #[allow(clippy::too_many_arguments)]
        #[cfg(feature = "std")]
        pub fn $backward_batch<const C: usize, $(const $i: usize,)+ const O: usize, const CG: usize,
            $(const $k: usize,)+ $(const $s: usize,)+ $(const $d: usize,)+ $(const $p: usize,)+
            $(const $q: usize,)+ $(const $o: usize),+>(
            xs: &[$x<C, $($i),+>],
            weight: &$w<O, CG, $($k),+>,
            dys: &[$y<O, $($o),+>],
            dxs: Option<&mut [$x<C, $($i),+>]>,
            dweight: &mut $w<O, CG, $($k),+>,
            dbias: Option<&mut Tensor1<O>>,
        ) {
            let g = const { checked_grouped(C, CG, O, [$($in3),+], [$($k3),+], [$($s3),+], [$($d3),+],
                [$($p3),+], [$($q3),+], [$($o3),+]) };
            assert_eq!(xs.len(), dys.len(), "batch sizes of input and output gradient differ");
            if let Some(dxs) = &dxs {
                assert_eq!(xs.len(), dxs.len(), "batch sizes of input and input gradient differ");
            }
            backward_batch(&g, net_core::batch_as_slice(xs), weight.as_slice(),
                net_core::batch_as_slice(dys), dxs.map(net_core::batch_as_mut_slice),
                dweight.as_mut_slice(), dbias.map(|b| b.as_mut_slice()));
        }
    };
}

grouped_kernels!("1d", conv1d_forward, conv1d_forward_in, conv1d_forward_scratch,
    conv1d_forward_batch, conv1d_backward_batch,
    x: Tensor2<C, L>, w: Tensor3<O, CG, K>, y: Tensor2<O, OL>,
    stride: [S], dilation: [D], before: [P], after: [Q],
    geometry: [1, 1, L], [1, 1, K], [1, 1, S], [1, 1, D], [0, 0, P], [0, 0, Q], [1, 1, OL]);
grouped_kernels!("2d", conv2d_forward, conv2d_forward_in, conv2d_forward_scratch,
    conv2d_forward_batch, conv2d_backward_batch,
    x: Tensor3<C, H, W>, w: Tensor4<O, CG, KH, KW>, y: Tensor3<O, OH, OW>,
    stride: [SH, SW], dilation: [DH, DW], before: [PH, PW], after: [QH, QW],
    geometry: [1, H, W], [1, KH, KW], [1, SH, SW], [1, DH, DW], [0, PH, PW], [0, QH, QW], [1, OH, OW]);
grouped_kernels!("3d", conv3d_forward, conv3d_forward_in, conv3d_forward_scratch,
    conv3d_forward_batch, conv3d_backward_batch,
    x: Tensor4<C, D, H, W>, w: Tensor5<O, CG, KD, KH, KW>, y: Tensor4<O, OD, OH, OW>,
    stride: [SD, SH, SW], dilation: [DD, DH, DW], before: [PD, PH, PW], after: [QD, QH, QW],
    geometry: [D, H, W], [KD, KH, KW], [SD, SH, SW], [DD, DH, DW], [PD, PH, PW], [QD, QH, QW], [OD, OH, OW]);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::Compiled;
    use crate::testing::*;
    use net_core::Rng;
    use proptest::prelude::*;

    /// A random grouped, dilated geometry over 1 to 3 axes with padding
    /// that may differ before and after; one input channel per group in
    /// about a third of the cases (the depthwise path).
    fn grouped_geometry() -> impl Strategy<Value = Grouped> {
        let axis = (
            1..=7usize,
            1..=3usize,
            1..=3usize,
            1..=3usize,
            0..=2usize,
            0..=2usize,
        );
        (
            1..=3usize,
            1..=3usize,
            1..=3usize,
            1..=2usize,
            [axis.clone(), axis.clone(), axis],
        )
            .prop_filter_map(
                "output below 1",
                |(rank, groups, per_group, out_per_group, axes)| {
                    let mut window = Window {
                        channels: per_group,
                        input: [1; 3],
                        kernel: [1; 3],
                        stride: [1; 3],
                        dilation: [1; 3],
                        padding: [0; 3],
                        output: [1; 3],
                    };
                    for (a, &(d, k, s, dil, before, after)) in
                        axes.iter().enumerate().skip(3 - rank)
                    {
                        window.input[a] = d;
                        window.kernel[a] = k;
                        window.stride[a] = s;
                        window.dilation[a] = dil;
                        window.padding[a] = before;
                        window.output[a] = window_output(d, k, s, dil, before, after)?;
                    }
                    Some(Grouped {
                        window,
                        groups,
                        out_channels: groups * out_per_group,
                    })
                },
            )
    }

    /// Plain loops over every output cell and kernel cell, straight from the
    /// definition: `y[o][p] = b[o] + sum over the group's channels c and
    /// cells a of w[o][c][a] x[group c][p s + a dilation - before]`.
    fn naive(g: &Grouped, x: &[f64], w: &[f64], b: Option<&[f64]>) -> Vec<f64> {
        let win = &g.window;
        let [i0, i1, i2] = win.input;
        let [k0, k1, k2] = win.kernel;
        let [o0, o1, o2] = win.output;
        let cg = win.channels;
        let at = |o: usize, k: usize, axis: usize| {
            (o * win.stride[axis] + k * win.dilation[axis]) as isize - win.padding[axis] as isize
        };
        let mut y = Vec::new();
        for o in 0..g.out_channels {
            let group = o / g.out_per_group();
            for od in 0..o0 {
                for oh in 0..o1 {
                    for ow in 0..o2 {
                        let mut sum = b.map_or(0.0, |b| b[o]);
                        for c in 0..cg {
                            for a in 0..k0 {
                                for bb in 0..k1 {
                                    for e in 0..k2 {
                                        let (id, ih, iw) =
                                            (at(od, a, 0), at(oh, bb, 1), at(ow, e, 2));
                                        let inside = |i: isize, n: usize| i >= 0 && i < n as isize;
                                        if !(inside(id, i0) && inside(ih, i1) && inside(iw, i2)) {
                                            continue;
                                        }
                                        let channel = group * cg + c;
                                        let xi = ((channel * i0 + id as usize) * i1 + ih as usize)
                                            * i2
                                            + iw as usize;
                                        let wi = (((o * cg + c) * k0 + a) * k1 + bb) * k2 + e;
                                        sum += x[xi] * w[wi];
                                    }
                                }
                            }
                        }
                        y.push(sum);
                    }
                }
            }
        }
        y
    }

    fn naive_batch(g: &Grouped, xs: &[f64], w: &[f64], b: Option<&[f64]>) -> Vec<f64> {
        xs.chunks(g.input_len())
            .flat_map(|x| naive(g, x, w, b))
            .collect()
    }

    fn check_forward(path: GroupedConv, g: &Grouped, batch: usize, seed: u64, with_bias: bool) {
        let mut rng = Rng::seed_from_u64(seed);
        let x = random_vec(&mut rng, batch * g.input_len());
        let w = random_vec(&mut rng, g.weight_len());
        let b = random_vec(&mut rng, g.out_channels);
        let b = with_bias.then_some(&b[..]);
        let want = naive_batch(g, &to_f64(&x), &to_f64(&w), b.map(to_f64).as_deref());
        let mut got = vec![f32::NAN; batch * g.output_len()];
        forward_batch_on(path, g, &x, &w, b, &mut got);
        assert_close(&got, &want, 1e-5);
        // One sample given exactly the working space it asks for, and none
        // (the loops per group).
        let (x, want) = (&x[..g.input_len()], &want[..g.output_len()]);
        for len in [forward_scratch_len(g), 0] {
            let mut got = vec![f32::NAN; g.output_len()];
            forward_on(path, g, (x, &w, b, &mut got), &mut vec![f32::NAN; len]);
            assert_close(&got, want, 1e-5);
        }
    }

    fn check_backward(path: GroupedConv, g: &Grouped, batch: usize, seed: u64) {
        let mut rng = Rng::seed_from_u64(seed);
        let x = random_vec(&mut rng, batch * g.input_len());
        let w = random_vec(&mut rng, g.weight_len());
        let b = random_vec(&mut rng, g.out_channels);
        let dy = random_vec(&mut rng, batch * g.output_len());
        let mut dx = vec![f32::NAN; x.len()];
        let mut dw = vec![0.5; w.len()];
        let mut db = vec![0.5; b.len()];
        backward_batch_on(path, g, &x, &w, &dy, Some(&mut dx), &mut dw, Some(&mut db));
        // Without an input gradient, the parameter gradients are the same.
        let (mut dw2, mut db2) = (vec![0.5; w.len()], vec![0.5; b.len()]);
        backward_batch_on(path, g, &x, &w, &dy, None, &mut dw2, Some(&mut db2));
        assert_eq!(&dw2, &dw);
        assert_eq!(&db2, &db);
        // The parameter gradients are added to what was there (0.5).
        dw.iter_mut().chain(db.iter_mut()).for_each(|v| *v -= 0.5);
        let (x64, w64, b64) = (to_f64(&x), to_f64(&w), to_f64(&b));
        check_gradient(&mut rng, "input", &dx, &x, |x| {
            dot(&naive_batch(g, x, &w64, Some(&b64)), &dy)
        });
        check_gradient(&mut rng, "weight", &dw, &w, |w| {
            dot(&naive_batch(g, &x64, w, Some(&b64)), &dy)
        });
        check_gradient(&mut rng, "bias", &db, &b, |b| {
            dot(&naive_batch(g, &x64, &w64, Some(b)), &dy)
        });
    }

    /// The depthwise copies this CPU runs, each named once where it cannot.
    fn depthwise_copies() -> Vec<GroupedConv> {
        Compiled::ALL
            .into_iter()
            .filter(|c| {
                c.isa().is_none_or(|isa| {
                    runs_here(
                        isa,
                        &format!("the depthwise convolution compiled for {c:?}"),
                    )
                })
            })
            .map(GroupedConv::Depthwise)
            .collect()
    }

    proptest! {
        #[test]
        fn grouped_forward_matches_naive_loops(g in grouped_geometry(), batch in 1..4usize, seed: u64, with_bias: bool) {
            check_forward(crate::path::grouped_conv(g.window.channels), &g, batch, seed, with_bias);
        }

        #[test]
        fn grouped_backward_matches_finite_differences(g in grouped_geometry(), batch in 1..4usize, seed: u64) {
            check_backward(crate::path::grouped_conv(g.window.channels), &g, batch, seed);
        }

        #[test]
        fn every_depthwise_copy_matches_naive_loops_and_finite_differences(
            g in grouped_geometry().prop_map(|mut g| { g.window.channels = 1; g }),
            batch in 1..3usize,
            seed: u64,
        ) {
            for path in depthwise_copies() {
                check_forward(path, &g, batch, seed, true);
                check_backward(path, &g, batch, seed);
                // In bands of one output row each.
                let GroupedConv::Depthwise(compiled) = path else { unreachable!() };
                let mut rng = Rng::seed_from_u64(seed);
                let (x, w, b) = (random_vec(&mut rng, g.input_len()), random_vec(&mut rng, g.weight_len()), random_vec(&mut rng, g.out_channels));
                let want = naive(&g, &to_f64(&x), &to_f64(&w), Some(&to_f64(&b)));
                let mut got = vec![f32::NAN; g.output_len()];
                let mut scratch = vec![f32::NAN; depthwise::one_row_scratch(&g)];
                depthwise::forward(compiled, &g, 1, &x, &w, Some(&b), &mut got, &mut scratch);
                assert_close(&got, &want, 1e-5);
            }
        }
    }

    #[test]
    fn a_depthwise_convolution_filters_each_channel_alone() {
        // Two channels, a difference filter on the first and a sum on the
        // second, dilated by 2 (a span of 5), TensorFlow's "same" at stride 2
        // on 5 cells: out 3, total padding (3 - 1) 2 + 5 - 5 = 4, two cells
        // either side.
        let x = Tensor2::from([[1.0, 2.0, 4.0, 8.0, 16.0], [1.0, 1.0, 1.0, 1.0, 1.0]]);
        let w = Tensor3::from([[[1.0, 0.0, -1.0]], [[1.0, 1.0, 1.0]]]);
        let mut y = Tensor2::<2, 3>::zeros();
        conv1d_forward::<2, 5, 2, 1, 3, 2, 2, 2, 2, 3>(&x, &w, None, &mut y);
        // Output p reads cells 2p - 2 + 2a for a in 0..3.
        assert_eq!(y.data, [[-4.0, -15.0, 4.0], [2.0, 3.0, 2.0]]);
    }

    #[test]
    fn the_typed_kernels_agree_with_groups_of_plain_convolutions() {
        // Four channels in two groups: each group is a plain convolution of
        // its two channels into its three output channels.
        let mut rng = Rng::seed_from_u64(5);
        let x = Tensor3::<4, 6, 5>::from_slice(&random_vec(&mut rng, 120)).unwrap();
        let w = Tensor4::<6, 2, 3, 3>::from_slice(&random_vec(&mut rng, 108)).unwrap();
        let mut y = Tensor3::<6, 4, 3>::zeros();
        conv2d_forward::<4, 6, 5, 6, 2, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0, 4, 3>(&x, &w, None, &mut y);
        for group in 0..2 {
            let xg = Tensor3::<2, 6, 5>::from_slice(&x.as_slice()[group * 60..][..60]).unwrap();
            let wg = Tensor4::<3, 2, 3, 3>::from_slice(&w.as_slice()[group * 54..][..54]).unwrap();
            let mut yg = Tensor3::<3, 4, 3>::zeros();
            crate::conv::conv2d_forward::<2, 6, 5, 3, 3, 3, 1, 1, 0, 0, 4, 3>(
                &xg, &wg, None, &mut yg,
            );
            assert_close(
                &y.as_slice()[group * 36..][..36],
                &to_f64(yg.as_slice()),
                1e-6,
            );
        }
    }

    #[test]
    fn gradients_are_bitwise_the_same_on_one_and_two_threads() {
        let mut rng = Rng::seed_from_u64(3);
        let xs: Vec<Tensor3<8, 9, 9>> = (0..29)
            .map(|_| Tensor3::from_slice(&random_vec(&mut rng, 648)).unwrap())
            .collect();
        let dys: Vec<Tensor3<8, 5, 5>> = (0..29)
            .map(|_| Tensor3::from_slice(&random_vec(&mut rng, 200)).unwrap())
            .collect();
        let depthwise = Tensor4::<8, 1, 3, 3>::from_slice(&random_vec(&mut rng, 72)).unwrap();
        let grouped = Tensor4::<8, 4, 3, 3>::from_slice(&random_vec(&mut rng, 288)).unwrap();
        let run = |threads: usize| {
            on_threads(threads, || {
                let mut dxs = vec![Tensor3::zeros(); 29];
                let (mut dw1, mut dw4, mut db) =
                    (Tensor4::zeros(), Tensor4::zeros(), Tensor1::zeros());
                conv2d_backward_batch::<8, 9, 9, 8, 1, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 5, 5>(
                    &xs,
                    &depthwise,
                    &dys,
                    Some(&mut dxs),
                    &mut dw1,
                    Some(&mut db),
                );
                conv2d_backward_batch::<8, 9, 9, 8, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 5, 5>(
                    &xs,
                    &grouped,
                    &dys,
                    Some(&mut dxs),
                    &mut dw4,
                    Some(&mut db),
                );
                (dxs, dw1, dw4, db)
            })
        };
        assert!(run(1) == run(2));
    }
}
