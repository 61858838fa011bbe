//! Transposed convolution in 1 and 2 dimensions: the adjoint of a convolution,
//! as PyTorch's `ConvTranspose*d`, with weight layout `[in, out, k...]`.
//!
//! A transposed convolution from x to y is the input-gradient pass of the
//! convolution from y to x, so it reuses that convolution's window: channels =
//! out channels, input = y's sizes, output positions = x's sizes. One sample runs
//! as a direct scatter loop (no scratch memory); a batch runs as one GEMM per
//! chunk followed by col2im, and its gradients as im2col followed by GEMMs.

use crate::window::{for_each_window_row, Window};
use net_core::shape::conv_transpose_output;
use net_core::{Tensor1, Tensor2, Tensor3, Tensor4};
#[cfg(feature = "std")]
use {
    crate::matmul::{matmul, MatRef},
    crate::window::{chunk_len, col2im, im2col, sum_chunk_grads, with_scratch, Unfold},
    rayon::prelude::*,
};

/// One sample, direct loops; `y` is overwritten. `g` is the window from y to x.
#[inline(always)]
pub(crate) fn forward_loops(
    g: &Window,
    in_channels: usize,
    x: &[f32],
    weight: &[f32],
    bias: Option<&[f32]>,
    y: &mut [f32],
) {
    let (positions, patch, plane) = (g.positions(), g.patch_len(), g.input_plane());
    let (in_w, out_w, s2) = (g.input[2], g.output[2], g.stride[2]);
    for o in 0..g.channels {
        y[o * plane..][..plane].fill(bias.map_or(0.0, |b| b[o]));
    }
    for ci in 0..in_channels {
        let x_c = &x[ci * positions..][..positions];
        let w_c = &weight[ci * patch..][..patch];
        for_each_window_row(g, |row, out_row, in_row, ow_range, off_w| {
            let w = w_c[row];
            let src = &x_c[out_row..out_row + out_w];
            let dst = &mut y[in_row..in_row + in_w];
            for ow in ow_range {
                dst[((ow * s2) as isize + off_w) as usize] += w * src[ow];
            }
        });
    }
}

/// Copies the chunk's samples `[samples, channels, positions]` into the matrix
/// `[channels, samples * positions]` that the GEMMs read.
#[cfg(feature = "std")]
fn gather_channels(x: &[f32], channels: usize, positions: usize, mat: &mut [f32]) {
    let samples = x.len() / (channels * positions);
    let n = samples * positions;
    for b in 0..samples {
        for c in 0..channels {
            mat[c * n + b * positions..][..positions]
                .copy_from_slice(&x[(b * channels + c) * positions..][..positions]);
        }
    }
}

/// A batch; `ys` is overwritten.
#[inline(always)]
#[cfg(feature = "std")]
pub(crate) fn forward_batch(
    geometry: impl Unfold,
    in_channels: usize,
    xs: &[f32],
    weight: &[f32],
    bias: Option<&[f32]>,
    ys: &mut [f32],
) {
    let g = &geometry.window();
    let (positions, patch, plane) = (g.positions(), g.patch_len(), g.input_plane());
    let (in_len, out_len) = (in_channels * positions, g.input_len());
    let chunk = chunk_len(positions);
    xs.par_chunks(chunk * in_len)
        .zip(ys.par_chunks_mut(chunk * out_len))
        .for_each(|(x, y)| {
            let g = &geometry.window();
            let samples = x.len() / in_len;
            let n = samples * positions;
            with_scratch((in_channels + patch) * n, |scratch| {
                let (x_mat, cols) = scratch.split_at_mut(in_channels * n);
                gather_channels(x, in_channels, positions, x_mat);
                matmul(
                    cols,
                    false,
                    MatRef::row_major(weight, in_channels, patch).t(),
                    MatRef::row_major(x_mat, in_channels, n),
                );
                for b in 0..samples {
                    let y_b = &mut y[b * out_len..][..out_len];
                    for o in 0..g.channels {
                        y_b[o * plane..][..plane].fill(bias.map_or(0.0, |bias| bias[o]));
                    }
                    col2im(g, cols, n, b * positions, y_b);
                }
            });
        });
}

/// Gradients of a batch: `dxs` (if given) overwritten, `dweight` and `dbias`
/// added to, in an order that does not depend on the number of threads.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
#[cfg(feature = "std")]
pub(crate) fn backward_batch(
    geometry: impl Unfold,
    in_channels: usize,
    xs: &[f32],
    weight: &[f32],
    dys: &[f32],
    dxs: Option<&mut [f32]>,
    dweight: &mut [f32],
    dbias: Option<&mut [f32]>,
) {
    let g = &geometry.window();
    let (positions, patch, plane) = (g.positions(), g.patch_len(), g.input_plane());
    let (in_len, out_len) = (in_channels * positions, g.input_len());
    let chunk = chunk_len(positions);
    let weight_len = in_channels * patch;
    let chunk_grads = |x: &[f32], dy: &[f32], dx: Option<&mut [f32]>| -> Vec<f32> {
        let g = &geometry.window();
        let samples = x.len() / in_len;
        let n = samples * positions;
        let mut grads = vec![0.0; weight_len + g.channels];
        with_scratch((patch + in_channels) * n, |scratch| {
            let (dcols, x_mat) = scratch.split_at_mut(patch * n);
            for b in 0..samples {
                im2col(g, &dy[b * out_len..][..out_len], dcols, n, b * positions);
            }
            let dcols_ref = MatRef::row_major(dcols, patch, n);
            gather_channels(x, in_channels, positions, x_mat);
            let (dw, db) = grads.split_at_mut(weight_len);
            matmul(
                dw,
                false,
                MatRef::row_major(x_mat, in_channels, n),
                dcols_ref.t(),
            );
            for b in 0..samples {
                for (o, db_o) in db.iter_mut().enumerate() {
                    *db_o += dy[b * out_len + o * plane..][..plane].iter().sum::<f32>();
                }
            }
            if let Some(dx) = dx {
                // x_mat is not needed any more: reuse it for the input gradient.
                matmul(
                    x_mat,
                    false,
                    MatRef::row_major(weight, in_channels, patch),
                    dcols_ref,
                );
                for b in 0..samples {
                    for c in 0..in_channels {
                        dx[(b * in_channels + c) * positions..][..positions]
                            .copy_from_slice(&x_mat[c * n + b * positions..][..positions]);
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
crate::window::const_window!(TransposeShape, checked_window);

/// The window from y back to x, checked at compile time: every y size must be
/// `conv_transpose_output(x, k, s, p, output_padding)` for an output padding
/// below the stride, which is what lets the kernel leave output padding implicit.
pub(crate) const fn checked_window(
    out_channels: usize,
    x: [usize; 3],
    kernel: [usize; 3],
    stride: [usize; 3],
    padding: [usize; 3],
    y: [usize; 3],
) -> Window {
    let mut axis = 0;
    while axis < 3 {
        assert!(
            matches!(conv_transpose_output(x[axis], kernel[axis], stride[axis], padding[axis], 0),
                Some(base) if y[axis] >= base && y[axis] - base < stride[axis]),
            "transposed convolution: an output size is not (d - 1) s - 2p + k + output_padding \
             of its input size, with output_padding below the stride"
        );
        axis += 1;
    }
    Window {
        channels: out_channels,
        input: y,
        kernel,
        stride,
        dilation: [1; 3],
        padding,
        output: x,
    }
}

macro_rules! conv_transpose_kernels {
    (
        $dims:literal, $forward:ident, $forward_batch:ident, $backward_batch:ident,
        x: $x:ident<C, $($i:ident),+>, w: $w:ident<C, O, $($k:ident),+>, y: $y:ident<O, $($o:ident),+>,
        stride: [$($s:ident),+], padding: [$($p:ident),+],
        window: [$($in3:expr),+], [$($k3:expr),+], [$($s3:expr),+], [$($p3:expr),+], [$($o3:expr),+]
    ) => {
        #[doc = concat!("A ", $dims, " transposed convolution of one sample; `y` is overwritten.")]
        ///
        /// Const parameters: input channels and sizes, output channels, kernel,
        /// stride and padding per axis, output sizes (which fix the output padding).
        /// A call whose output sizes do not follow from the others fails to compile.
        #[inline]
        pub fn $forward<const C: usize, $(const $i: usize,)+ const O: usize, $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>(
            x: &$x<C, $($i),+>,
            weight: &$w<C, O, $($k),+>,
            bias: Option<&Tensor1<O>>,
            y: &mut $y<O, $($o),+>,
        ) {
            let g = const { checked_window(O, [$($in3),+], [$($k3),+], [$($s3),+], [$($p3),+], [$($o3),+]) };
            forward_loops(&g, C, x.as_slice(), weight.as_slice(), bias.map(|b| b.as_slice()), y.as_mut_slice());
        }

        #[doc = concat!("A ", $dims, " transposed convolution of a batch; `ys` is overwritten.")]
        ///
        /// Panics if `xs` and `ys` differ in length.
        #[cfg(feature = "std")]
        pub fn $forward_batch<const C: usize, $(const $i: usize,)+ const O: usize, $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>(
            xs: &[$x<C, $($i),+>],
            weight: &$w<C, O, $($k),+>,
            bias: Option<&Tensor1<O>>,
            ys: &mut [$y<O, $($o),+>],
        ) {
            let g = TransposeShape::<O, $({ $in3 },)+ $({ $k3 },)+ $({ $s3 },)+ $({ $p3 },)+ $({ $o3 }),+>;
            assert_eq!(xs.len(), ys.len(), "batch sizes of input and output differ");
            forward_batch(g, C, net_core::batch_as_slice(xs), weight.as_slice(),
                bias.map(|b| b.as_slice()), net_core::batch_as_mut_slice(ys));
        }

        #[doc = concat!("Backward pass of a ", $dims, " transposed convolution over a batch.")]
        ///
        /// Overwrites `dxs` (when given) and adds the batch's weight and bias
        /// gradients to `dweight` and `dbias`. Panics if the batch slices differ
        /// in length.
        #[cfg(feature = "std")]
        pub fn $backward_batch<const C: usize, $(const $i: usize,)+ const O: usize, $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>(
            xs: &[$x<C, $($i),+>],
            weight: &$w<C, O, $($k),+>,
            dys: &[$y<O, $($o),+>],
            dxs: Option<&mut [$x<C, $($i),+>]>,
            dweight: &mut $w<C, O, $($k),+>,
            dbias: Option<&mut Tensor1<O>>,
        ) {
            let g = TransposeShape::<O, $({ $in3 },)+ $({ $k3 },)+ $({ $s3 },)+ $({ $p3 },)+ $({ $o3 }),+>;
            assert_eq!(xs.len(), dys.len(), "batch sizes of input and output gradient differ");
            if let Some(dxs) = &dxs {
                assert_eq!(xs.len(), dxs.len(), "batch sizes of input and input gradient differ");
            }
            backward_batch(g, C, net_core::batch_as_slice(xs), weight.as_slice(),
                net_core::batch_as_slice(dys), dxs.map(net_core::batch_as_mut_slice),
                dweight.as_mut_slice(), dbias.map(|b| b.as_mut_slice()));
        }
    };
}

conv_transpose_kernels!("1d", conv_transpose1d_forward, conv_transpose1d_forward_batch,
    conv_transpose1d_backward_batch,
    x: Tensor2<C, L>, w: Tensor3<C, O, K>, y: Tensor2<O, OL>,
    stride: [S], padding: [P],
    window: [1, 1, L], [1, 1, K], [1, 1, S], [0, 0, P], [1, 1, OL]);
conv_transpose_kernels!("2d", conv_transpose2d_forward, conv_transpose2d_forward_batch,
    conv_transpose2d_backward_batch,
    x: Tensor3<C, H, W>, w: Tensor4<C, O, KH, KW>, y: Tensor3<O, OH, OW>,
    stride: [SH, SW], padding: [PH, PW],
    window: [1, H, W], [1, KH, KW], [1, SH, SW], [0, PH, PW], [1, OH, OW]);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use net_core::Rng;
    use proptest::prelude::*;

    /// Scatters every input cell times the kernel into the output.
    fn naive(g: &Window, in_channels: usize, x: &[f64], w: &[f64], b: Option<&[f64]>) -> Vec<f64> {
        let [y0, y1, y2] = g.input;
        let [k0, k1, k2] = g.kernel;
        let [x0, x1, x2] = g.output;
        let plane = y0 * y1 * y2;
        let mut y: Vec<f64> = (0..g.channels * plane)
            .map(|i| b.map_or(0.0, |b| b[i / plane]))
            .collect();
        for ci in 0..in_channels {
            for co in 0..g.channels {
                for (xd, xh, xw) in
                    (0..x0).flat_map(|d| (0..x1).flat_map(move |h| (0..x2).map(move |w| (d, h, w))))
                {
                    let xv = x[((ci * x0 + xd) * x1 + xh) * x2 + xw];
                    for (a, bb, e) in (0..k0)
                        .flat_map(|a| (0..k1).flat_map(move |b| (0..k2).map(move |e| (a, b, e))))
                    {
                        let yd = (xd * g.stride[0] + a) as isize - g.padding[0] as isize;
                        let yh = (xh * g.stride[1] + bb) as isize - g.padding[1] as isize;
                        let yw = (xw * g.stride[2] + e) as isize - g.padding[2] as isize;
                        if yd < 0
                            || yh < 0
                            || yw < 0
                            || yd >= y0 as isize
                            || yh >= y1 as isize
                            || yw >= y2 as isize
                        {
                            continue;
                        }
                        let wv = w[(((ci * g.channels + co) * k0 + a) * k1 + bb) * k2 + e];
                        y[co * plane + ((yd as usize * y1) + yh as usize) * y2 + yw as usize] +=
                            xv * wv;
                    }
                }
            }
        }
        y
    }

    fn naive_batch(
        g: &Window,
        in_channels: usize,
        xs: &[f64],
        w: &[f64],
        b: Option<&[f64]>,
    ) -> Vec<f64> {
        xs.chunks(in_channels * g.positions())
            .flat_map(|x| naive(g, in_channels, x, w, b))
            .collect()
    }

    proptest! {
        #[test]
        fn conv_transpose_forward_matches_naive_loops(g in conv_transpose_window(), in_channels in 1..4usize, batch in 1..5usize, seed: u64, with_bias: bool) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = random_vec(&mut rng, batch * in_channels * g.positions());
            let w = random_vec(&mut rng, in_channels * g.patch_len());
            let b = random_vec(&mut rng, g.channels);
            let b = with_bias.then_some(&b[..]);
            let want = naive_batch(&g, in_channels, &to_f64(&x), &to_f64(&w), b.map(to_f64).as_deref());
            let mut direct = vec![f32::NAN; batch * g.input_len()];
            for (x, y) in x.chunks(in_channels * g.positions()).zip(direct.chunks_mut(g.input_len())) {
                forward_loops(&g, in_channels, x, &w, b, y);
            }
            assert_close(&direct, &want, 1e-5);
            let mut batched = vec![f32::NAN; batch * g.input_len()];
            forward_batch(g, in_channels, &x, &w, b, &mut batched);
            assert_close(&batched, &want, 1e-5);
        }

        #[test]
        fn conv_transpose_backward_matches_finite_differences(g in conv_transpose_window(), in_channels in 1..4usize, batch in 1..5usize, seed: u64) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = random_vec(&mut rng, batch * in_channels * g.positions());
            let w = random_vec(&mut rng, in_channels * g.patch_len());
            let b = random_vec(&mut rng, g.channels);
            let dy = random_vec(&mut rng, batch * g.input_len());
            let mut dx = vec![f32::NAN; x.len()];
            let (mut dw, mut db) = (vec![0.0; w.len()], vec![0.0; b.len()]);
            backward_batch(g, in_channels, &x, &w, &dy, Some(&mut dx), &mut dw, Some(&mut db));
            let (x64, w64, b64) = (to_f64(&x), to_f64(&w), to_f64(&b));
            check_gradient(&mut rng, "input", &dx, &x, |x| dot(&naive_batch(&g, in_channels, x, &w64, Some(&b64)), &dy));
            check_gradient(&mut rng, "weight", &dw, &w, |w| dot(&naive_batch(&g, in_channels, &x64, w, Some(&b64)), &dy));
            check_gradient(&mut rng, "bias", &db, &b, |b| dot(&naive_batch(&g, in_channels, &x64, &w64, Some(b)), &dy));
        }
    }

    #[test]
    fn stride_two_kernel_two_doubles_each_cell_into_a_block() {
        let x = Tensor3::from([[[1.0, 2.0], [3.0, 4.0]]]);
        let w = Tensor4::from([[[[1.0, 10.0], [100.0, 1000.0]]]]);
        let mut y = Tensor3::<1, 4, 4>::zeros();
        conv_transpose2d_forward::<1, 2, 2, 1, 2, 2, 2, 2, 0, 0, 4, 4>(
            &x,
            &w,
            Some(&Tensor1::from([0.5])),
            &mut y,
        );
        assert_eq!(y.data[0][0], [1.5, 10.5, 2.5, 20.5]);
        assert_eq!(y.data[0][3], [300.5, 3000.5, 400.5, 4000.5]);
    }

    #[test]
    fn output_padding_adds_a_row_of_bias() {
        // 3 -> (3 - 1) * 2 + 1 + output_padding 1 = 6: the last cell only gets the bias.
        let x = Tensor2::from([[1.0, 1.0, 1.0]]);
        let w = Tensor3::from([[[2.0]]]);
        let mut y = Tensor2::<1, 6>::zeros();
        conv_transpose1d_forward::<1, 3, 1, 1, 2, 0, 6>(
            &x,
            &w,
            Some(&Tensor1::from([1.0])),
            &mut y,
        );
        assert_eq!(y.data, [[3.0, 1.0, 3.0, 1.0, 3.0, 1.0]]);
    }
}
