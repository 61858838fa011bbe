//! Convolution (PyTorch's cross-correlation) in 1, 2 and 3 dimensions.
//!
//! Weight layout `[out, in, k...]`, as PyTorch. The formulations, and which
//! runs where, are described in `path`, the one place that chooses them:
//! one sample runs a direct kernel that needs no scratch memory, so inference
//! allocates nothing (the loop nest `forward_loops` for 3d, the row kernel
//! of `direct` or the shifted copies of `shifted` for 1d and 2d); a batch runs
//! the one-sample kernel on each sample in parallel (1d, 2d) or im2col and one
//! GEMM per sample (3d); the gradients are im2col and GEMMs, or the shifted
//! copies where `path::conv2d_backward` takes them.

use crate::window::{for_each_window_row, Window};
use net_core::shape::conv_output;
use net_core::{Tensor1, Tensor2, Tensor3, Tensor4, Tensor5};
#[cfg(feature = "std")]
use {
    crate::matmul::{matmul, MatRef},
    crate::window::{chunk_len, col2im, im2col, sum_chunk_grads, with_scratch, Unfold},
    rayon::prelude::*,
};

/// One sample, the generic loop nest over output rows; `y` is overwritten.
#[inline(always)]
pub(crate) fn forward_loops(
    g: &Window,
    out_channels: usize,
    x: &[f32],
    weight: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
) {
    let positions = g.positions();
    let patch = g.patch_len();
    let (in_w, out_w, s2) = (g.input[2], g.output[2], g.stride[2]);
    for o in 0..out_channels {
        let y_o = &mut y[o * positions..][..positions];
        y_o.fill(bias.map_or(0.0, |b| b[o]));
        let w_o = &weight[o * patch..][..patch];
        for_each_window_row(g, |row, out_row, in_row, ow_range, off_w| {
            let w = w_o[row];
            let dst = &mut y_o[out_row..out_row + out_w];
            let src = &x[in_row..in_row + in_w];
            for ow in ow_range {
                dst[ow] += w * src[((ow * s2) as isize + off_w) as usize];
            }
        });
    }
}

/// Fills each output channel of one sample with its bias (or zero), ready for
/// the GEMM to add the convolution.
#[inline(always)]
#[cfg(feature = "std")]
fn fill_bias(y: &mut [f32], bias: Option<&[f32]>, positions: usize) {
    for (o, y_o) in y.chunks_exact_mut(positions).enumerate() {
        y_o.fill(bias.map_or(0.0, |b| b[o]));
    }
}

/// A batch: per sample, im2col and one GEMM that writes the sample's output in
/// place (a 1x1 window needs no im2col: the GEMM reads the input); chunks of
/// samples run in parallel. `ys` is overwritten.
#[inline(always)]
#[cfg(feature = "std")]
pub(crate) fn forward_batch(
    geometry: impl Unfold,
    out_channels: usize,
    xs: &[f32],
    weight: &[f32],
    bias: Option<&[f32]>,
    ys: &mut [f32],
) {
    let g = &geometry.window();
    let (in_len, positions, patch) = (g.input_len(), g.positions(), g.patch_len());
    let out_len = out_channels * positions;
    let chunk = chunk_len(positions);
    let w = MatRef::row_major(weight, out_channels, patch);
    xs.par_chunks(chunk * in_len)
        .zip(ys.par_chunks_mut(chunk * out_len))
        .for_each(|(x, y)| {
            let g = &geometry.window();
            if g.is_pointwise() {
                for (x, y) in x.chunks_exact(in_len).zip(y.chunks_exact_mut(out_len)) {
                    fill_bias(y, bias, positions);
                    matmul(y, true, w, MatRef::row_major(x, patch, positions));
                }
                return;
            }
            with_scratch(patch * positions, |cols| {
                for (x, y) in x.chunks_exact(in_len).zip(y.chunks_exact_mut(out_len)) {
                    im2col(g, x, cols, positions, 0);
                    fill_bias(y, bias, positions);
                    matmul(y, true, w, MatRef::row_major(cols, patch, positions));
                }
            });
        });
}

/// The sum of `values` in 16 interleaved partial sums, which vectorise: one
/// running sum waits on each addition's latency (it took half of conv1's
/// weight gradient time, BENCHMARKS.md).
#[cfg(feature = "std")]
pub(crate) fn sum(values: &[f32]) -> f32 {
    let (blocks, rest) = values.as_chunks::<16>();
    let mut partial = [0.0f32; 16];
    for block in blocks {
        partial.iter_mut().zip(block).for_each(|(p, v)| *p += v);
    }
    partial.iter().sum::<f32>() + rest.iter().sum::<f32>()
}

/// A gradient kernel: two inputs, scratch, the gradient it writes.
#[cfg(feature = "std")]
pub(crate) type GradKernel = fn(&[f32], &[f32], &mut [f32], &mut [f32]);

/// Gradient kernels of a 2d convolution that replace im2col and GEMM: the
/// shifted copies (`shifted`), or for a stride-1 convolution padded to keep
/// its size only the input gradient (`direct::conv2d_input_grad_same`).
/// `weight_grad(xs, dys, scratch, dw)`, where given, overwrites `dw` with the
/// weight gradient summed over a chunk of samples, with `scratch_per_sample`
/// floats of scratch for each; `input_grad(weight, dy, scratch, dx)`
/// overwrites one sample's input gradient, with as much scratch as one
/// sample's im2col matrix or its weight, whichever is larger.
#[cfg(feature = "std")]
pub(crate) struct DirectGrads {
    pub(crate) weight_grad: Option<GradKernel>,
    pub(crate) input_grad: GradKernel,
    pub(crate) scratch_per_sample: usize,
}

/// The gradient kernels of a 2d convolution where `path::conv2d_backward`
/// takes them; `None` for im2col and `gemm`.
#[allow(clippy::too_many_arguments)]
#[cfg(feature = "std")]
fn direct_grads_2d<
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
>() -> Option<DirectGrads> {
    match crate::path::conv2d_backward([SH, SW], [PH, PW], [KH, KW]) {
        #[cfg(target_arch = "x86_64")]
        crate::path::Conv2dBackward::Shifted => {
            crate::shifted::backward_kernels::<C, H, W, O, KH, KW, OH, OW>()
        }
        #[cfg(not(target_arch = "x86_64"))]
        crate::path::Conv2dBackward::Shifted => unreachable!("x86-64 only"),
        #[cfg(target_arch = "x86_64")]
        crate::path::Conv2dBackward::SameRowsAvx512 => Some(DirectGrads {
            weight_grad: Some(|xs, dys, scratch, dw| {
                // SAFETY: the path is chosen only at stride 1 (the kernel's
                // geometry) on a CPU with AVX-512F.
                unsafe {
                    crate::rows::weight_grad::<C, H, W, O, KH, KW, PH, PW, OH, OW>(
                        xs, dys, scratch, dw,
                    )
                }
            }),
            input_grad: crate::direct::conv2d_input_grad_same::<C, H, W, O, KH, KW, PH, PW, OH, OW>,
            scratch_per_sample: 0,
        }),
        #[cfg(not(target_arch = "x86_64"))]
        crate::path::Conv2dBackward::SameRowsAvx512 => unreachable!("x86-64 only"),
        crate::path::Conv2dBackward::SameRows => Some(DirectGrads {
            weight_grad: None,
            input_grad: crate::direct::conv2d_input_grad_same::<C, H, W, O, KH, KW, PH, PW, OH, OW>,
            scratch_per_sample: 0,
        }),
        crate::path::Conv2dBackward::Im2col => None,
    }
}

/// Gradients of a batch: `dxs` (if given) is overwritten with each sample's
/// input gradient; the weight and bias gradients, summed over the batch, are
/// added to `dweight` and `dbias`. `direct` replaces im2col and `gemm` where
/// given.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
#[cfg(feature = "std")]
pub(crate) fn backward_batch(
    geometry: impl Unfold,
    out_channels: usize,
    xs: &[f32],
    weight: &[f32],
    dys: &[f32],
    dxs: Option<&mut [f32]>,
    dweight: &mut [f32],
    dbias: Option<&mut [f32]>,
    direct: Option<DirectGrads>,
) {
    let g = &geometry.window();
    let (in_len, positions, patch) = (g.input_len(), g.positions(), g.patch_len());
    let out_len = out_channels * positions;
    let chunk = chunk_len(positions);
    let weight_len = out_channels * patch;
    let w = MatRef::row_major(weight, out_channels, patch);
    let weight_grad = direct.as_ref().and_then(|d| d.weight_grad);
    let input_grad = direct.as_ref().map(|d| d.input_grad);
    // With a weight gradient kernel, the scratch holds its scratch for the
    // chunk instead of one sample's im2col matrix.
    let cols_len = match (&direct, weight_grad) {
        (Some(direct), Some(_)) => chunk * direct.scratch_per_sample,
        _ => patch * positions,
    };
    let dcols_len = (patch * positions).max(weight_len);
    // Each chunk returns its weight gradient followed by its bias gradient,
    // summed over its samples in order.
    let chunk_grads = |x: &[f32], dy: &[f32], mut dx: Option<&mut [f32]>| -> Vec<f32> {
        let g = &geometry.window();
        let mut grads = vec![0.0; weight_len + out_channels];
        let (dw, db) = grads.split_at_mut(weight_len);
        with_scratch(cols_len + dcols_len, |scratch| {
            let (cols, dcols) = scratch.split_at_mut(cols_len);
            if let Some(weight_grad) = weight_grad {
                weight_grad(x, dy, cols, dw);
            }
            for (b, (x, dy)) in x
                .chunks_exact(in_len)
                .zip(dy.chunks_exact(out_len))
                .enumerate()
            {
                let dy_ref = MatRef::row_major(dy, out_channels, positions);
                if weight_grad.is_none() {
                    let cols = if g.is_pointwise() {
                        x
                    } else {
                        im2col(g, x, cols, positions, 0);
                        &*cols
                    };
                    matmul(
                        dw,
                        b > 0,
                        dy_ref,
                        MatRef::row_major(cols, patch, positions).t(),
                    );
                }
                for (db_o, dy_o) in db.iter_mut().zip(dy.chunks_exact(positions)) {
                    *db_o += sum(dy_o);
                }
                if let Some(dx) = dx.as_deref_mut() {
                    let dx = &mut dx[b * in_len..][..in_len];
                    if let Some(input_grad) = input_grad {
                        input_grad(weight, dy, dcols, dx);
                    } else if g.is_pointwise() {
                        matmul(dx, false, w.t(), dy_ref);
                    } else {
                        let dcols = &mut dcols[..patch * positions];
                        matmul(dcols, false, w.t(), dy_ref);
                        dx.fill(0.0);
                        col2im(g, dcols, positions, 0, dx);
                    }
                }
            }
        });
        grads
    };
    sum_chunk_grads(
        (xs, dys, dxs),
        [chunk * in_len, chunk * out_len],
        (dweight, dbias),
        chunk_grads,
    );
}

#[cfg(feature = "std")]
crate::window::const_window!(ConvShape, checked_window);

/// The window of a convolution, with its output size checked on every axis at
/// compile time (this is evaluated in a `const` block by each typed kernel).
pub(crate) const fn checked_window(
    channels: usize,
    input: [usize; 3],
    kernel: [usize; 3],
    stride: [usize; 3],
    padding: [usize; 3],
    output: [usize; 3],
) -> Window {
    let mut axis = 0;
    while axis < 3 {
        assert!(
            matches!(conv_output(input[axis], kernel[axis], stride[axis], padding[axis]),
                Some(size) if size == output[axis]),
            "convolution: an output size is not floor((d + 2p - k) / s) + 1 of its input size \
             (or the kernel is larger than the padded input)"
        );
        axis += 1;
    }
    Window {
        channels,
        input,
        kernel,
        stride,
        dilation: [1; 3],
        padding,
        output,
    }
}

macro_rules! conv_kernels {
    (
        $dims:literal, $forward:ident, $forward_in:ident, $forward_scratch:ident,
        $forward_batch:ident, $backward_batch:ident,
        x: $x:ident<C, $($i:ident),+>, w: $w:ident<O, C, $($k:ident),+>, y: $y:ident<O, $($o:ident),+>,
        stride: [$($s:ident),+], padding: [$($p:ident),+],
        window: [$($in3:expr),+], [$($k3:expr),+], [$($s3:expr),+], [$($p3:expr),+], [$($o3:expr),+],
        one_sample: |$g:ident, $xs:ident, $ws:ident, $bs:ident, $ys:ident, $scratch:ident| $one:expr,
        scratch: $scratch_len:expr, stack: $stack:expr,
        direct_grads: $direct_grads:expr,
        batch: $batch:ident
    ) => {
        #[doc = concat!("A ", $dims, " convolution of one sample: `y = conv(x, weight) + bias`.")]
        ///
        /// Const parameters: input channels and sizes, output channels, kernel,
        /// stride and padding per axis, output sizes. A call whose output sizes do
        /// not follow from the others fails to compile.
        #[inline]
        pub fn $forward<const C: usize, $(const $i: usize,)+ const O: usize, $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>(
            x: &$x<C, $($i),+>,
            weight: &$w<O, C, $($k),+>,
            bias: Option<&Tensor1<O>>,
            y: &mut $y<O, $($o),+>,
        ) {
            let $g = const { checked_window(C, [$($in3),+], [$($k3),+], [$($s3),+], [$($p3),+], [$($o3),+]) };
            let mut stack: [core::mem::MaybeUninit<f32>; _] = $stack;
            let ($xs, $ws, $bs, $ys, $scratch) = (x.as_slice(), weight.as_slice(), bias.map(|b| b.as_slice()), y.as_mut_slice(), &mut stack[..]);
            $one
        }

        #[doc = concat!("[`", stringify!($forward), "`] with its working space in `scratch`, which holds at least [`",
            stringify!($forward_scratch), "`] floats in any state: the pass then needs little stack.")]
        // A frame of its own: a model's inference calls one kernel after
        // another, so their locals never pile up in the caller's frame.
        #[inline(never)]
        pub fn $forward_in<const C: usize, $(const $i: usize,)+ const O: usize, $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>(
            x: &$x<C, $($i),+>,
            weight: &$w<O, C, $($k),+>,
            bias: Option<&Tensor1<O>>,
            y: &mut $y<O, $($o),+>,
            scratch: &mut [f32],
        ) {
            let $g = const { checked_window(C, [$($in3),+], [$($k3),+], [$($s3),+], [$($p3),+], [$($o3),+]) };
            let ($xs, $ws, $bs, $ys, $scratch) = (x.as_slice(), weight.as_slice(), bias.map(|b| b.as_slice()), y.as_mut_slice(), crate::window::as_uninit(scratch));
            $one
        }

        #[doc = concat!("The floats of working space [`", stringify!($forward_in), "`] needs (0 for most sizes).")]
        pub const fn $forward_scratch<const C: usize, $(const $i: usize,)+ const O: usize, $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>() -> usize {
            $scratch_len
        }

        #[doc = concat!("A ", $dims, " convolution of a batch, samples in parallel; `ys` is overwritten.")]
        ///
        /// Panics if `xs` and `ys` differ in length.
        #[cfg(feature = "std")]
        pub fn $forward_batch<const C: usize, $(const $i: usize,)+ const O: usize, $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>(
            xs: &[$x<C, $($i),+>],
            weight: &$w<O, C, $($k),+>,
            bias: Option<&Tensor1<O>>,
            ys: &mut [$y<O, $($o),+>],
        ) {
            let g = ConvShape::<C, $({ $in3 },)+ $({ $k3 },)+ $({ $s3 },)+ $({ $p3 },)+ $({ $o3 }),+>;
            assert_eq!(xs.len(), ys.len(), "batch sizes of input and output differ");
            conv_kernels!(@batch $batch, g, xs, weight, bias, ys,
                $forward::<C, $($i,)+ O, $($k,)+ $($s,)+ $($p,)+ $($o),+>);
        }

        #[doc = concat!("Backward pass of a ", $dims, " convolution over a batch.")]
        ///
        /// Overwrites `dxs` (when given) with each sample's input gradient and adds
        /// the batch's weight and bias gradients to `dweight` and `dbias`, summed
        /// in an order that does not depend on the number of threads.
        /// Panics if the batch slices differ in length.
        #[cfg(feature = "std")]
        pub fn $backward_batch<const C: usize, $(const $i: usize,)+ const O: usize, $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>(
            xs: &[$x<C, $($i),+>],
            weight: &$w<O, C, $($k),+>,
            dys: &[$y<O, $($o),+>],
            dxs: Option<&mut [$x<C, $($i),+>]>,
            dweight: &mut $w<O, C, $($k),+>,
            dbias: Option<&mut Tensor1<O>>,
        ) {
            let g = ConvShape::<C, $({ $in3 },)+ $({ $k3 },)+ $({ $s3 },)+ $({ $p3 },)+ $({ $o3 }),+>;
            assert_eq!(xs.len(), dys.len(), "batch sizes of input and output gradient differ");
            if let Some(dxs) = &dxs {
                assert_eq!(xs.len(), dxs.len(), "batch sizes of input and input gradient differ");
            }
            backward_batch(g, O, net_core::batch_as_slice(xs), weight.as_slice(),
                net_core::batch_as_slice(dys), dxs.map(net_core::batch_as_mut_slice),
                dweight.as_mut_slice(), dbias.map(|b| b.as_mut_slice()), $direct_grads);
        }
    };
    // The row kernel of one sample beats im2col + GEMM (BENCHMARKS.md), so
    // where there is one a batch runs it on each sample in parallel.
    (@batch per_sample, $g:ident, $xs:ident, $w:ident, $b:ident, $ys:ident, $forward:path) => {{
        match $crate::path::conv2d_batch($crate::window::Unfold::window($g).is_pointwise()) {
            $crate::path::Conv2dBatch::PerSample => {
                $xs.par_iter().zip($ys.par_iter_mut()).for_each(|(x, y)| $forward(x, $w, $b, y))
            }
            $crate::path::Conv2dBatch::Pointwise => conv_kernels!(@batch im2col, $g, $xs, $w, $b, $ys, $forward),
        }
    }};
    (@batch im2col, $g:ident, $xs:ident, $w:ident, $b:ident, $ys:ident, $forward:path) => {
        forward_batch($g, O, net_core::batch_as_slice($xs), $w.as_slice(),
            $b.map(|b| b.as_slice()), net_core::batch_as_mut_slice($ys))
    };
}

conv_kernels!("1d", conv1d_forward, conv1d_forward_in, conv1d_forward_scratch,
    conv1d_forward_batch, conv1d_backward_batch,
    x: Tensor2<C, L>, w: Tensor3<O, C, K>, y: Tensor2<O, OL>,
    stride: [S], padding: [P],
    window: [1, 1, L], [1, 1, K], [1, 1, S], [0, 0, P], [1, 1, OL],
    one_sample: |_g, x, w, b, y, s| crate::direct::conv2d_one::<C, 1, L, O, 1, K, 1, S, 0, P, 1, OL>(x, w, b, y, s),
    scratch: crate::direct::conv2d_scratch(C, O, [1, K], [1, S], [0, P], [1, OL]),
    stack: [core::mem::MaybeUninit::uninit(); crate::direct::STACK_SCRATCH],
    direct_grads: direct_grads_2d::<C, 1, L, O, 1, K, 1, S, 0, P, 1, OL>(),
    batch: per_sample);
conv_kernels!("2d", conv2d_forward, conv2d_forward_in, conv2d_forward_scratch,
    conv2d_forward_batch, conv2d_backward_batch,
    x: Tensor3<C, H, W>, w: Tensor4<O, C, KH, KW>, y: Tensor3<O, OH, OW>,
    stride: [SH, SW], padding: [PH, PW],
    window: [1, H, W], [1, KH, KW], [1, SH, SW], [0, PH, PW], [1, OH, OW],
    one_sample: |_g, x, w, b, y, s| crate::direct::conv2d_one::<C, H, W, O, KH, KW, SH, SW, PH, PW, OH, OW>(x, w, b, y, s),
    scratch: crate::direct::conv2d_scratch(C, O, [KH, KW], [SH, SW], [PH, PW], [OH, OW]),
    stack: [core::mem::MaybeUninit::uninit(); crate::direct::STACK_SCRATCH],
    direct_grads: direct_grads_2d::<C, H, W, O, KH, KW, SH, SW, PH, PW, OH, OW>(),
    batch: per_sample);
conv_kernels!("3d", conv3d_forward, conv3d_forward_in, conv3d_forward_scratch,
    conv3d_forward_batch, conv3d_backward_batch,
    x: Tensor4<C, D, H, W>, w: Tensor5<O, C, KD, KH, KW>, y: Tensor4<O, OD, OH, OW>,
    stride: [SD, SH, SW], padding: [PD, PH, PW],
    window: [D, H, W], [KD, KH, KW], [SD, SH, SW], [PD, PH, PW], [OD, OH, OW],
    one_sample: |g, x, w, b, y, _s| forward_loops(&g, O, x, w, b, y),
    scratch: 0, stack: [],
    direct_grads: None,
    batch: im2col);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::Isa;
    use crate::testing::*;
    use net_core::Rng;
    use proptest::prelude::*;

    /// Plain nested loops over every output cell and kernel cell.
    fn naive(g: &Window, out_channels: usize, x: &[f64], w: &[f64], b: Option<&[f64]>) -> Vec<f64> {
        let [i0, i1, i2] = g.input;
        let [k0, k1, k2] = g.kernel;
        let [o0, o1, o2] = g.output;
        let mut y = Vec::new();
        for o in 0..out_channels {
            for od in 0..o0 {
                for oh in 0..o1 {
                    for ow in 0..o2 {
                        let mut sum = b.map_or(0.0, |b| b[o]);
                        for c in 0..g.channels {
                            for a in 0..k0 {
                                for bb in 0..k1 {
                                    for e in 0..k2 {
                                        let id =
                                            (od * g.stride[0] + a) as isize - g.padding[0] as isize;
                                        let ih = (oh * g.stride[1] + bb) as isize
                                            - g.padding[1] as isize;
                                        let iw =
                                            (ow * g.stride[2] + e) as isize - g.padding[2] as isize;
                                        if id < 0
                                            || ih < 0
                                            || iw < 0
                                            || id >= i0 as isize
                                            || ih >= i1 as isize
                                            || iw >= i2 as isize
                                        {
                                            continue;
                                        }
                                        let xi = ((c * i0 + id as usize) * i1 + ih as usize) * i2
                                            + iw as usize;
                                        let wi =
                                            (((o * g.channels + c) * k0 + a) * k1 + bb) * k2 + e;
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

    fn naive_batch(
        g: &Window,
        out_channels: usize,
        xs: &[f64],
        w: &[f64],
        b: Option<&[f64]>,
    ) -> Vec<f64> {
        xs.chunks(g.input_len())
            .flat_map(|x| naive(g, out_channels, x, w, b))
            .collect()
    }

    proptest! {
        #[test]
        fn conv_forward_matches_naive_loops(g in conv_window(), out_channels in 1..4usize, batch in 1..5usize, seed: u64, with_bias: bool) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = random_vec(&mut rng, batch * g.input_len());
            let w = random_vec(&mut rng, out_channels * g.patch_len());
            let b = random_vec(&mut rng, out_channels);
            let b = with_bias.then_some(&b[..]);
            let want = naive_batch(&g, out_channels, &to_f64(&x), &to_f64(&w), b.map(to_f64).as_deref());
            let out_len = out_channels * g.positions();
            let mut direct = vec![f32::NAN; batch * out_len];
            for (x, y) in x.chunks(g.input_len()).zip(direct.chunks_mut(out_len)) {
                forward_loops(&g, out_channels, x, &w, b, y);
            }
            assert_close(&direct, &want, 1e-5);
            let mut batched = vec![f32::NAN; batch * out_len];
            forward_batch(g, out_channels, &x, &w, b, &mut batched);
            assert_close(&batched, &want, 1e-5);
        }

        #[test]
        fn conv_backward_matches_finite_differences(g in conv_window(), out_channels in 1..4usize, batch in 1..5usize, seed: u64) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = random_vec(&mut rng, batch * g.input_len());
            let w = random_vec(&mut rng, out_channels * g.patch_len());
            let b = random_vec(&mut rng, out_channels);
            let dy = random_vec(&mut rng, batch * out_channels * g.positions());
            let mut dx = vec![f32::NAN; x.len()];
            let mut dw = vec![0.5; w.len()];
            let mut db = vec![0.5; b.len()];
            backward_batch(g, out_channels, &x, &w, &dy, Some(&mut dx), &mut dw, Some(&mut db), None);
            // Without an input gradient, the parameter gradients are the same.
            let (mut dw2, mut db2) = (vec![0.5; w.len()], vec![0.5; b.len()]);
            backward_batch(g, out_channels, &x, &w, &dy, None, &mut dw2, Some(&mut db2), None);
            prop_assert_eq!(&dw2, &dw);
            prop_assert_eq!(&db2, &db);
            // The parameter gradients are added to what was there (0.5).
            dw.iter_mut().chain(db.iter_mut()).for_each(|v| *v -= 0.5);
            let (x64, w64, b64) = (to_f64(&x), to_f64(&w), to_f64(&b));
            check_gradient(&mut rng, "input", &dx, &x, |x| dot(&naive_batch(&g, out_channels, x, &w64, Some(&b64)), &dy));
            check_gradient(&mut rng, "weight", &dw, &w, |w| dot(&naive_batch(&g, out_channels, &x64, w, Some(&b64)), &dy));
            check_gradient(&mut rng, "bias", &db, &b, |b| dot(&naive_batch(&g, out_channels, &x64, &w64, Some(b)), &dy));
        }
    }

    /// A 1x1 window at stride 1 without padding over random sizes: the GEMM
    /// over positions that reads the input as it is.
    fn pointwise_window() -> impl Strategy<Value = Window> {
        (1..=5usize, [1..=6usize, 1..=6usize, 1..=6usize]).prop_map(|(channels, input)| Window {
            channels,
            input,
            kernel: [1; 3],
            stride: [1; 3],
            dilation: [1; 3],
            padding: [0; 3],
            output: input,
        })
    }

    proptest! {
        #[test]
        fn pointwise_matches_naive_loops(g in pointwise_window(), out_channels in 1..6usize, batch in 1..5usize, seed: u64) {
            prop_assert!(g.is_pointwise());
            let mut rng = Rng::seed_from_u64(seed);
            let x = random_vec(&mut rng, batch * g.input_len());
            let w = random_vec(&mut rng, out_channels * g.patch_len());
            let b = random_vec(&mut rng, out_channels);
            let want = naive_batch(&g, out_channels, &to_f64(&x), &to_f64(&w), Some(&to_f64(&b)));
            let mut got = vec![f32::NAN; want.len()];
            forward_batch(g, out_channels, &x, &w, Some(&b), &mut got);
            assert_close(&got, &want, 1e-5);
            let dy = random_vec(&mut rng, want.len());
            let (mut dx, mut dw, mut db) = (vec![f32::NAN; x.len()], vec![0.0; w.len()], vec![0.0; b.len()]);
            backward_batch(g, out_channels, &x, &w, &dy, Some(&mut dx), &mut dw, Some(&mut db), None);
            let (x64, w64, b64) = (to_f64(&x), to_f64(&w), to_f64(&b));
            check_gradient(&mut rng, "input", &dx, &x, |x| dot(&naive_batch(&g, out_channels, x, &w64, Some(&b64)), &dy));
            check_gradient(&mut rng, "weight", &dw, &w, |w| dot(&naive_batch(&g, out_channels, &x64, w, Some(&b64)), &dy));
        }
    }

    #[test]
    fn a_batch_of_pointwise_convolutions_matches_one_sample_at_a_time() {
        let mut rng = Rng::seed_from_u64(9);
        let xs: Vec<Tensor3<5, 4, 3>> = (0..6)
            .map(|_| Tensor3::from_slice(&random_vec(&mut rng, 60)).unwrap())
            .collect();
        let w = Tensor4::<7, 5, 1, 1>::from_slice(&random_vec(&mut rng, 35)).unwrap();
        let b = Tensor1::<7>::from_slice(&random_vec(&mut rng, 7)).unwrap();
        let mut ys = vec![Tensor3::<7, 4, 3>::zeros(); 6];
        conv2d_forward_batch::<5, 4, 3, 7, 1, 1, 1, 1, 0, 0, 4, 3>(&xs, &w, Some(&b), &mut ys);
        for (x, y) in xs.iter().zip(&ys) {
            let mut one = Tensor3::<7, 4, 3>::zeros();
            conv2d_forward::<5, 4, 3, 7, 1, 1, 1, 1, 0, 0, 4, 3>(x, &w, Some(&b), &mut one);
            assert_close(y.as_slice(), &to_f64(one.as_slice()), 1e-5);
        }
    }

    /// The typed 2d backward at stride 1 (whose path `expected` describes)
    /// against im2col and `gemm`.
    fn gradients_match_im2col<
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
        seed: u64,
        batch: usize,
        expected: impl Fn(Option<DirectGrads>) -> bool,
    ) {
        let mut rng = Rng::seed_from_u64(seed);
        let xs: Vec<Tensor3<C, H, W>> = (0..batch)
            .map(|_| Tensor3::from_slice(&random_vec(&mut rng, C * H * W)).unwrap())
            .collect();
        let w =
            Tensor4::<O, C, KH, KW>::from_slice(&random_vec(&mut rng, O * C * KH * KW)).unwrap();
        let dys: Vec<Tensor3<O, OH, OW>> = (0..batch)
            .map(|_| Tensor3::from_slice(&random_vec(&mut rng, O * OH * OW)).unwrap())
            .collect();
        assert!(expected(direct_grads_2d::<
            C,
            H,
            W,
            O,
            KH,
            KW,
            1,
            1,
            PH,
            PW,
            OH,
            OW,
        >()));
        let (mut dw, mut db) = (Tensor4::zeros(), Tensor1::zeros());
        let mut dxs = vec![Tensor3::zeros(); batch];
        conv2d_backward_batch::<C, H, W, O, KH, KW, 1, 1, PH, PW, OH, OW>(
            &xs,
            &w,
            &dys,
            Some(&mut dxs),
            &mut dw,
            Some(&mut db),
        );
        let g = Window {
            channels: C,
            input: [1, H, W],
            kernel: [1, KH, KW],
            stride: [1; 3],
            dilation: [1; 3],
            padding: [0, PH, PW],
            output: [1, OH, OW],
        };
        let (mut want_dw, mut want_db) = (vec![0.0; O * C * KH * KW], vec![0.0; O]);
        let mut want_dx = vec![0.0; batch * C * H * W];
        backward_batch(
            g,
            O,
            net_core::batch_as_slice(&xs),
            w.as_slice(),
            net_core::batch_as_slice(&dys),
            Some(&mut want_dx),
            &mut want_dw,
            Some(&mut want_db),
            None,
        );
        assert_close(dw.as_slice(), &to_f64(&want_dw), 1e-5);
        assert_close(db.as_slice(), &to_f64(&want_db), 1e-6);
        assert_close(net_core::batch_as_slice(&dxs), &to_f64(&want_dx), 1e-5);
    }

    proptest! {
        #[test]
        fn shifted_gradients_match_im2col(seed: u64, batch in 1..8usize) {
            // Elsewhere both sides would be im2col.
            if !runs_here(Isa::Avx512, "the shifted-copy gradients against im2col") {
                return Ok(());
            }
            let shifted = |d: Option<DirectGrads>| d.is_some_and(|d| d.weight_grad.is_some());
            // LeNet-5's two; seven taps a side (two overlapping blocks of
            // six); more channels than a block, 3 x 13 positions.
            gradients_match_im2col::<1, 28, 28, 6, 5, 5, 0, 0, 24, 24>(seed, batch, shifted);
            gradients_match_im2col::<6, 12, 12, 16, 5, 5, 0, 0, 8, 8>(seed, batch, shifted);
            gradients_match_im2col::<2, 9, 10, 3, 7, 7, 0, 0, 3, 4>(seed, batch, shifted);
            gradients_match_im2col::<3, 5, 15, 11, 3, 3, 0, 0, 3, 13>(seed, batch, shifted);
            // A 1d convolution, which runs as a 2d one of height 1.
            gradients_match_im2col::<4, 1, 20, 3, 1, 5, 0, 0, 1, 16>(seed, batch, shifted);
            // A U-Net's 1x1 head: 16 channels to 11 over 64 x 84.
            gradients_match_im2col::<16, 64, 84, 11, 1, 1, 0, 0, 64, 84>(seed, batch, shifted);
        }

        #[test]
        fn same_padding_gradients_match_im2col(seed: u64, batch in 1..5usize) {
            // The one-sample kernel computes the input gradient on every CPU;
            // `rows` the weight gradient where there is AVX-512, else im2col
            // (and this compares im2col with itself).
            let avx512 = runs_here(Isa::Avx512, "the row kernel's weight gradient against im2col");
            let rows = |d: Option<DirectGrads>| d.is_some_and(|d| d.weight_grad.is_some() == avx512);
            // A U-Net's 3x3 layers at two sizes; 5x5 on a map smaller than
            // the kernel; a 1d convolution (height 1); one channel each way.
            gradients_match_im2col::<8, 12, 84, 8, 3, 3, 1, 1, 12, 84>(seed, batch, &rows);
            gradients_match_im2col::<5, 7, 9, 3, 3, 3, 1, 1, 7, 9>(seed, batch, &rows);
            gradients_match_im2col::<2, 3, 4, 6, 5, 5, 2, 2, 3, 4>(seed, batch, &rows);
            gradients_match_im2col::<3, 1, 20, 4, 1, 7, 0, 3, 1, 20>(seed, batch, &rows);
            gradients_match_im2col::<1, 6, 6, 1, 3, 3, 1, 1, 6, 6>(seed, batch, &rows);
            // Rows of 21 and 42 (the U-Net's lower stages), more channels
            // than a block of the weight gradient and not a multiple of it.
            gradients_match_im2col::<3, 4, 21, 32, 3, 3, 1, 1, 4, 21>(seed, batch, &rows);
            gradients_match_im2col::<6, 3, 42, 7, 3, 3, 1, 1, 3, 42>(seed, batch, &rows);
            // Seven taps a row: two overlapping blocks of six.
            gradients_match_im2col::<2, 5, 17, 3, 7, 7, 3, 3, 5, 17>(seed, batch, &rows);
        }
    }

    #[test]
    fn lecture_1d_convolution() {
        let x = Tensor2::from([[1.0, 4.0, 3.0, -1.0, 2.0, -4.0, 1.0, 0.0, 2.0, -1.0]]);
        let w = Tensor3::from([[[1.0, 2.0, 1.0]]]);
        let mut y = Tensor2::<1, 8>::zeros();
        conv1d_forward::<1, 10, 1, 3, 1, 0, 8>(&x, &w, None, &mut y);
        assert_eq!(y.data, [[12.0, 9.0, 3.0, -1.0, -5.0, -2.0, 3.0, 3.0]]);
    }

    #[test]
    fn lecture_2d_convolution() {
        let x = Tensor3::from([[
            [3.0, 3.0, 2.0, 1.0, 0.0],
            [0.0, 0.0, 1.0, 3.0, 1.0],
            [3.0, 1.0, 2.0, 2.0, 3.0],
            [2.0, 0.0, 0.0, 2.0, 2.0],
            [2.0, 0.0, 0.0, 0.0, 1.0],
        ]]);
        let w = Tensor4::from([[[[0.0, 1.0, 2.0], [2.0, 2.0, 0.0], [0.0, 1.0, 2.0]]]]);
        let want = [[[12.0, 12.0, 17.0], [10.0, 17.0, 19.0], [9.0, 6.0, 14.0]]];
        let mut y = Tensor3::<1, 3, 3>::zeros();
        conv2d_forward::<1, 5, 5, 1, 3, 3, 1, 1, 0, 0, 3, 3>(&x, &w, None, &mut y);
        assert_eq!(y.data, want);
        let mut ys = [Tensor3::<1, 3, 3>::zeros()];
        conv2d_forward_batch::<1, 5, 5, 1, 3, 3, 1, 1, 0, 0, 3, 3>(&[x], &w, None, &mut ys);
        assert_eq!(ys[0].data, want);
    }

    #[test]
    fn lecture_3d_convolution_has_the_valid_shape_and_sum() {
        // [x * w]_{i,j,g} = sum_{l,m,n} x_{i+l, j+m, g+n} w_{l,m,n}: with x the
        // index sum i + j + g and w all ones over 2x2x2, each output is
        // 8 (i + j + g) + 12; the shape is (4-2+1) x (5-2+1) x (3-2+1).
        let mut x = Tensor4::<1, 4, 5, 3>::zeros();
        for i in 0..4 {
            for j in 0..5 {
                for k in 0..3 {
                    x.data[0][i][j][k] = (i + j + k) as f32;
                }
            }
        }
        let w = Tensor5::<1, 1, 2, 2, 2>::zeros().map(|_| 1.0);
        let mut y = Tensor4::<1, 3, 4, 2>::zeros();
        conv3d_forward::<1, 4, 5, 3, 1, 2, 2, 2, 1, 1, 1, 0, 0, 0, 3, 4, 2>(&x, &w, None, &mut y);
        for i in 0..3 {
            for j in 0..4 {
                for k in 0..2 {
                    assert_eq!(y.data[0][i][j][k], 8.0 * (i + j + k) as f32 + 12.0);
                }
            }
        }
    }

    #[test]
    fn sobel_filters_find_vertical_and_horizontal_edges() {
        // A bright right half: a vertical edge between columns 2 and 3.
        let mut x = Tensor3::<1, 6, 6>::zeros();
        for row in x.data[0].iter_mut() {
            row[3..].fill(1.0);
        }
        let sobel_vertical =
            Tensor4::from([[[[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]]]);
        let sobel_horizontal =
            Tensor4::from([[[[1.0, 2.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -2.0, -1.0]]]]);
        let mut y = Tensor3::<1, 4, 4>::zeros();
        conv2d_forward::<1, 6, 6, 1, 3, 3, 1, 1, 0, 0, 4, 4>(&x, &sobel_vertical, None, &mut y);
        for row in y.data[0] {
            assert_eq!(row, [0.0, -4.0, -4.0, 0.0]);
        }
        conv2d_forward::<1, 6, 6, 1, 3, 3, 1, 1, 0, 0, 4, 4>(&x, &sobel_horizontal, None, &mut y);
        assert!(y.as_slice().iter().all(|&v| v == 0.0));
    }

    #[test]
    fn difference_filter_marks_the_edge() {
        let x = Tensor2::from([[0.0, 0.0, 1.0, 1.0, 1.0, 0.0]]);
        let w = Tensor3::from([[[1.0, -1.0]]]);
        let mut y = Tensor2::<1, 5>::zeros();
        conv1d_forward::<1, 6, 1, 2, 1, 0, 5>(&x, &w, None, &mut y);
        assert_eq!(y.data, [[0.0, -1.0, 0.0, 0.0, 1.0]]);
    }

    #[test]
    fn gradients_are_bitwise_the_same_on_one_and_two_threads() {
        let mut rng = Rng::seed_from_u64(11);
        let xs: Vec<Tensor3<6, 12, 12>> = (0..37)
            .map(|_| Tensor3::from_slice(&random_vec(&mut rng, 864)).unwrap())
            .collect();
        let w = Tensor4::<16, 6, 5, 5>::from_slice(&random_vec(&mut rng, 2400)).unwrap();
        let dys: Vec<Tensor3<16, 8, 8>> = (0..37)
            .map(|_| Tensor3::from_slice(&random_vec(&mut rng, 1024)).unwrap())
            .collect();
        let run = |threads: usize| {
            on_threads(threads, || {
                let mut dxs = vec![Tensor3::zeros(); 37];
                let (mut dw, mut db) = (Tensor4::zeros(), Tensor1::zeros());
                conv2d_backward_batch::<6, 12, 12, 16, 5, 5, 1, 1, 0, 0, 8, 8>(
                    &xs,
                    &w,
                    &dys,
                    Some(&mut dxs),
                    &mut dw,
                    Some(&mut db),
                );
                (dxs, dw, db)
            })
        };
        let (one, two) = (run(1), run(2));
        assert!(one.0 == two.0 && one.1 == two.1 && one.2 == two.2);
    }
}
