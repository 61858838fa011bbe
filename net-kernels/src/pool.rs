//! Max and average pooling in 1, 2 and 3 dimensions, with PyTorch's semantics:
//! max pooling pads with -inf and sends a window's gradient to its first maximum
//! in row-major window order; average pooling divides by the full window size,
//! padded cells included (`count_include_pad = true`).

use crate::window::{valid_range, Window};
use net_core::shape::pool_window_output;
use net_core::{Tensor, Tensor1, Tensor2, Tensor3, Tensor4};
#[cfg(feature = "std")]
use rayon::prelude::*;

/// The real (unpadded) input cells of one window: input ranges per axis.
struct Cells {
    channel_offset: usize,
    input: [usize; 3],
    ranges: [core::ops::Range<usize>; 3],
}

impl Cells {
    /// Visits the cells' flat input indices in row-major window order.
    #[inline(always)]
    fn for_each(&self, mut f: impl FnMut(usize)) {
        let [_, i1, i2] = self.input;
        for id in self.ranges[0].clone() {
            for ih in self.ranges[1].clone() {
                let row = self.channel_offset + (id * i1 + ih) * i2;
                for iw in self.ranges[2].clone() {
                    f(row + iw);
                }
            }
        }
    }
}

/// Input range covered on one axis by the window that starts at `start`
/// (which is negative inside the padding).
#[inline(always)]
fn axis_cells(start: isize, kernel: usize, input: usize) -> core::ops::Range<usize> {
    let cells = valid_range(kernel, 1, start, input);
    (start + cells.start as isize) as usize..(start + cells.end as isize) as usize
}

/// Calls `f(output index, cells)` for every output cell of one sample.
#[inline(always)]
fn for_each_window(g: &Window, mut f: impl FnMut(usize, &Cells)) {
    let [_, i1, i2] = g.input;
    let [o0, o1, o2] = g.output;
    let start = |o: usize, axis: usize| (o * g.stride[axis]) as isize - g.padding[axis] as isize;
    let mut out = 0;
    for c in 0..g.channels {
        for od in 0..o0 {
            let d = axis_cells(start(od, 0), g.kernel[0], g.input[0]);
            for oh in 0..o1 {
                let h = axis_cells(start(oh, 1), g.kernel[1], i1);
                for ow in 0..o2 {
                    let w = axis_cells(start(ow, 2), g.kernel[2], i2);
                    let cells = Cells {
                        channel_offset: c * g.input_plane(),
                        input: g.input,
                        ranges: [d.clone(), h.clone(), w],
                    };
                    f(out, &cells);
                    out += 1;
                }
            }
        }
    }
}

/// The input index of each window's first maximum.
#[inline(always)]
fn for_each_argmax(g: &Window, x: &[f32], mut f: impl FnMut(usize, usize)) {
    for_each_window(g, |out, cells| {
        let mut best: Option<usize> = None;
        cells.for_each(|i| {
            if best.is_none_or(|b| x[i] > x[b]) {
                best = Some(i);
            }
        });
        f(
            out,
            best.expect("pool_output guarantees a real cell in every window"),
        );
    });
}

/// Calls `f(output index, first maximum's input index, maximum)` for every
/// window of a layer without padding: plain index arithmetic (LeNet's pools
/// take four times less time than with the general walk), and selects rather
/// than branches, which would be mispredicted on every new image
/// (BENCHMARKS.md).
#[inline(always)]
fn for_each_max_unpadded(g: &Window, x: &[f32], mut f: impl FnMut(usize, usize, f32)) {
    let [i0, i1, i2] = g.input;
    let [k0, k1, k2] = g.kernel;
    let [s0, s1, s2] = g.stride;
    let [o0, o1, o2] = g.output;
    let mut out = 0;
    for c in 0..g.channels {
        for od in 0..o0 {
            for oh in 0..o1 {
                for ow in 0..o2 {
                    let corner = ((c * i0 + od * s0) * i1 + oh * s1) * i2 + ow * s2;
                    let (mut best, mut value) = (corner, x[corner]);
                    for a in 0..k0 {
                        for b in 0..k1 {
                            let row = corner + (a * i1 + b) * i2;
                            for (i, &v) in x[row..row + k2].iter().enumerate() {
                                let better = v > value;
                                value = if better { v } else { value };
                                best = if better { row + i } else { best };
                            }
                        }
                    }
                    f(out, best, value);
                    out += 1;
                }
            }
        }
    }
}

#[inline(always)]
pub(crate) fn max_forward(g: &Window, x: &[f32], y: &mut [f32]) {
    if !g.is_padded() {
        for_each_max_unpadded(g, x, |out, _, value| y[out] = value);
    } else {
        for_each_argmax(g, x, |out, best| y[out] = x[best]);
    }
}

#[inline(always)]
pub(crate) fn max_backward(g: &Window, x: &[f32], dy: &[f32], dx: &mut [f32]) {
    dx.fill(0.0);
    if !g.is_padded() {
        for_each_max_unpadded(g, x, |out, best, _| dx[best] += dy[out]);
    } else {
        for_each_argmax(g, x, |out, best| dx[best] += dy[out]);
    }
}

#[inline(always)]
pub(crate) fn avg_forward(g: &Window, x: &[f32], y: &mut [f32]) {
    let scale = 1.0 / g.kernel_cells() as f32;
    for_each_window(g, |out, cells| {
        let mut sum = 0.0;
        cells.for_each(|i| sum += x[i]);
        y[out] = sum * scale;
    });
}

#[inline(always)]
pub(crate) fn avg_backward(g: &Window, dy: &[f32], dx: &mut [f32]) {
    let scale = 1.0 / g.kernel_cells() as f32;
    dx.fill(0.0);
    for_each_window(g, |out, cells| {
        let share = dy[out] * scale;
        cells.for_each(|i| dx[i] += share);
    });
}

/// The window of a pooling layer, with its output sizes checked at compile
/// time; the padding before and after an axis may differ (max pooling's "same").
pub(crate) const fn checked_window(
    channels: usize,
    input: [usize; 3],
    kernel: [usize; 3],
    stride: [usize; 3],
    before: [usize; 3],
    after: [usize; 3],
    output: [usize; 3],
) -> Window {
    let mut axis = 0;
    while axis < 3 {
        assert!(
            matches!(pool_window_output(input[axis], kernel[axis], stride[axis], before[axis], after[axis]),
                Some(size) if size == output[axis]),
            "pooling: an output size is not floor((d + before + after - k) / s) + 1 of its input size \
             (or the window is larger than the padded input, or a padding exceeds half the window)"
        );
        axis += 1;
    }
    Window {
        channels,
        input,
        kernel,
        stride,
        dilation: [1; 3],
        padding: before,
        output,
    }
}

macro_rules! pool_kernels {
    (
        $what:literal, $flat_forward:ident, $flat_backward:ident, $x_in_backward:tt,
        [$forward:ident, $backward:ident, $forward_batch:ident, $backward_batch:ident],
        padded: [$padded_forward:ident, $padded_backward:ident, $padded_forward_batch:ident, $padded_backward_batch:ident],
        x: $x:ident<C, $($i:ident),+>, y: $y:ident<C, $($o:ident),+>,
        kernel: [$($k:ident),+], stride: [$($s:ident),+], padding: [$($p:ident),+], after: [$($q:ident),+],
        window: [$($in3:expr),+], [$($k3:expr),+], [$($s3:expr),+], [$($p3:expr),+], [$($q3:expr),+], [$($o3:expr),+]
    ) => {
        #[doc = concat!($what, " of one sample, padded by `P` before and `Q` after each axis; `y` is overwritten.")]
        ///
        /// Const parameters: channels, input sizes, window, stride, padding
        /// before and padding after per axis, output sizes. A call whose output
        /// sizes do not follow from the others fails to compile.
        #[inline]
        pub fn $padded_forward<const C: usize, $(const $i: usize,)+ $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $q: usize,)+ $(const $o: usize),+>(
            x: &$x<C, $($i),+>,
            y: &mut $y<C, $($o),+>,
        ) {
            let g = const { checked_window(C, [$($in3),+], [$($k3),+], [$($s3),+], [$($p3),+], [$($q3),+], [$($o3),+]) };
            $flat_forward(&g, x.as_slice(), y.as_mut_slice());
        }

        #[doc = concat!("Input gradient of ", $what, " for one sample, padded by `P` before and `Q` after; `dx` is overwritten.")]
        #[inline]
        pub fn $padded_backward<const C: usize, $(const $i: usize,)+ $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $q: usize,)+ $(const $o: usize),+>(
            x: &$x<C, $($i),+>,
            dy: &$y<C, $($o),+>,
            dx: &mut $x<C, $($i),+>,
        ) {
            let g = const { checked_window(C, [$($in3),+], [$($k3),+], [$($s3),+], [$($p3),+], [$($q3),+], [$($o3),+]) };
            pool_kernels!(@backward $x_in_backward, $flat_backward, &g, x.as_slice(), dy.as_slice(), dx.as_mut_slice());
        }

        #[doc = concat!($what, " of a batch, padded by `P` before and `Q` after, samples in parallel; `ys` is overwritten.")]
        ///
        /// Panics if `xs` and `ys` differ in length.
        #[cfg(feature = "std")]
        pub fn $padded_forward_batch<const C: usize, $(const $i: usize,)+ $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $q: usize,)+ $(const $o: usize),+>(
            xs: &[$x<C, $($i),+>],
            ys: &mut [$y<C, $($o),+>],
        ) {
            assert_eq!(xs.len(), ys.len(), "batch sizes of input and output differ");
            xs.par_iter().zip(ys.par_iter_mut()).for_each(|(x, y)| {
                $padded_forward::<C, $($i,)+ $($k,)+ $($s,)+ $($p,)+ $($q,)+ $($o),+>(x, y)
            });
        }

        #[doc = concat!("Input gradients of ", $what, " for a batch, padded by `P` before and `Q` after; `dxs` is overwritten.")]
        ///
        /// Panics if the batch slices differ in length.
        #[cfg(feature = "std")]
        pub fn $padded_backward_batch<const C: usize, $(const $i: usize,)+ $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $q: usize,)+ $(const $o: usize),+>(
            xs: &[$x<C, $($i),+>],
            dys: &[$y<C, $($o),+>],
            dxs: &mut [$x<C, $($i),+>],
        ) {
            assert_eq!(xs.len(), dys.len(), "batch sizes of input and output gradient differ");
            assert_eq!(xs.len(), dxs.len(), "batch sizes of input and input gradient differ");
            xs.par_iter().zip(dys.par_iter()).zip(dxs.par_iter_mut()).for_each(|((x, dy), dx)| {
                $padded_backward::<C, $($i,)+ $($k,)+ $($s,)+ $($p,)+ $($q,)+ $($o),+>(x, dy, dx)
            });
        }

        #[doc = concat!($what, " of one sample; `y` is overwritten.")]
        ///
        /// Const parameters: channels, input sizes, window, stride and padding per
        /// axis, output sizes. A call whose output sizes do not follow from the
        /// others fails to compile.
        #[inline]
        pub fn $forward<const C: usize, $(const $i: usize,)+ $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>(
            x: &$x<C, $($i),+>,
            y: &mut $y<C, $($o),+>,
        ) {
            $padded_forward::<C, $($i,)+ $($k,)+ $($s,)+ $($p,)+ $($p,)+ $($o),+>(x, y)
        }

        #[doc = concat!("Input gradient of ", $what, " for one sample; `dx` is overwritten.")]
        #[inline]
        pub fn $backward<const C: usize, $(const $i: usize,)+ $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>(
            x: &$x<C, $($i),+>,
            dy: &$y<C, $($o),+>,
            dx: &mut $x<C, $($i),+>,
        ) {
            $padded_backward::<C, $($i,)+ $($k,)+ $($s,)+ $($p,)+ $($p,)+ $($o),+>(x, dy, dx)
        }

        #[doc = concat!($what, " of a batch, samples in parallel; `ys` is overwritten.")]
        ///
        /// Panics if `xs` and `ys` differ in length.
        #[cfg(feature = "std")]
        pub fn $forward_batch<const C: usize, $(const $i: usize,)+ $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>(
            xs: &[$x<C, $($i),+>],
            ys: &mut [$y<C, $($o),+>],
        ) {
            $padded_forward_batch::<C, $($i,)+ $($k,)+ $($s,)+ $($p,)+ $($p,)+ $($o),+>(xs, ys)
        }

        #[doc = concat!("Input gradients of ", $what, " for a batch; `dxs` is overwritten.")]
        ///
        /// Panics if the batch slices differ in length.
        #[cfg(feature = "std")]
        pub fn $backward_batch<const C: usize, $(const $i: usize,)+ $(const $k: usize,)+
            $(const $s: usize,)+ $(const $p: usize,)+ $(const $o: usize),+>(
            xs: &[$x<C, $($i),+>],
            dys: &[$y<C, $($o),+>],
            dxs: &mut [$x<C, $($i),+>],
        ) {
            $padded_backward_batch::<C, $($i,)+ $($k,)+ $($s,)+ $($p,)+ $($p,)+ $($o),+>(xs, dys, dxs)
        }
    };
    (@backward with_x, $flat:ident, $g:expr, $x:expr, $dy:expr, $dx:expr) => { $flat($g, $x, $dy, $dx) };
    (@backward without_x, $flat:ident, $g:expr, $x:expr, $dy:expr, $dx:expr) => {{ let _ = $x; $flat($g, $dy, $dx) }};
}

pool_kernels!("1d max pooling", max_forward, max_backward, with_x,
    [max_pool1d_forward, max_pool1d_backward, max_pool1d_forward_batch, max_pool1d_backward_batch],
    padded: [max_pool1d_padded_forward, max_pool1d_padded_backward, max_pool1d_padded_forward_batch, max_pool1d_padded_backward_batch],
    x: Tensor2<C, L>, y: Tensor2<C, OL>, kernel: [K], stride: [S], padding: [P], after: [Q],
    window: [1, 1, L], [1, 1, K], [1, 1, S], [0, 0, P], [0, 0, Q], [1, 1, OL]);
pool_kernels!("2d max pooling", max_forward, max_backward, with_x,
    [max_pool2d_forward, max_pool2d_backward, max_pool2d_forward_batch, max_pool2d_backward_batch],
    padded: [max_pool2d_padded_forward, max_pool2d_padded_backward, max_pool2d_padded_forward_batch, max_pool2d_padded_backward_batch],
    x: Tensor3<C, H, W>, y: Tensor3<C, OH, OW>, kernel: [KH, KW], stride: [SH, SW], padding: [PH, PW], after: [QH, QW],
    window: [1, H, W], [1, KH, KW], [1, SH, SW], [0, PH, PW], [0, QH, QW], [1, OH, OW]);
pool_kernels!("3d max pooling", max_forward, max_backward, with_x,
    [max_pool3d_forward, max_pool3d_backward, max_pool3d_forward_batch, max_pool3d_backward_batch],
    padded: [max_pool3d_padded_forward, max_pool3d_padded_backward, max_pool3d_padded_forward_batch, max_pool3d_padded_backward_batch],
    x: Tensor4<C, D, H, W>, y: Tensor4<C, OD, OH, OW>, kernel: [KD, KH, KW], stride: [SD, SH, SW],
    padding: [PD, PH, PW], after: [QD, QH, QW],
    window: [D, H, W], [KD, KH, KW], [SD, SH, SW], [PD, PH, PW], [QD, QH, QW], [OD, OH, OW]);
pool_kernels!("1d average pooling", avg_forward, avg_backward, without_x,
    [avg_pool1d_forward, avg_pool1d_backward, avg_pool1d_forward_batch, avg_pool1d_backward_batch],
    padded: [avg_pool1d_padded_forward, avg_pool1d_padded_backward, avg_pool1d_padded_forward_batch, avg_pool1d_padded_backward_batch],
    x: Tensor2<C, L>, y: Tensor2<C, OL>, kernel: [K], stride: [S], padding: [P], after: [Q],
    window: [1, 1, L], [1, 1, K], [1, 1, S], [0, 0, P], [0, 0, Q], [1, 1, OL]);
pool_kernels!("2d average pooling", avg_forward, avg_backward, without_x,
    [avg_pool2d_forward, avg_pool2d_backward, avg_pool2d_forward_batch, avg_pool2d_backward_batch],
    padded: [avg_pool2d_padded_forward, avg_pool2d_padded_backward, avg_pool2d_padded_forward_batch, avg_pool2d_padded_backward_batch],
    x: Tensor3<C, H, W>, y: Tensor3<C, OH, OW>, kernel: [KH, KW], stride: [SH, SW], padding: [PH, PW], after: [QH, QW],
    window: [1, H, W], [1, KH, KW], [1, SH, SW], [0, PH, PW], [0, QH, QW], [1, OH, OW]);
pool_kernels!("3d average pooling", avg_forward, avg_backward, without_x,
    [avg_pool3d_forward, avg_pool3d_backward, avg_pool3d_forward_batch, avg_pool3d_backward_batch],
    padded: [avg_pool3d_padded_forward, avg_pool3d_padded_backward, avg_pool3d_padded_forward_batch, avg_pool3d_padded_backward_batch],
    x: Tensor4<C, D, H, W>, y: Tensor4<C, OD, OH, OW>, kernel: [KD, KH, KW], stride: [SD, SH, SW],
    padding: [PD, PH, PW], after: [QD, QH, QW],
    window: [D, H, W], [KD, KH, KW], [SD, SH, SW], [PD, PH, PW], [QD, QH, QW], [OD, OH, OW]);

/// Global average pooling: channel `c` of `y` is the mean of channel `c` of
/// `x` over every spatial position. `x` is any `[C, spatial...]` tensor.
pub fn global_avg_pool<T: Tensor, const C: usize>(x: &T, y: &mut Tensor1<C>) {
    let positions = const { global_positions::<T, C>() };
    let scale = 1.0 / positions as f32;
    for (y, x) in y.data.iter_mut().zip(x.as_slice().chunks_exact(positions)) {
        *y = x.iter().sum::<f32>() * scale;
    }
}

/// The input gradient of [`global_avg_pool`]: each position gets its
/// channel's gradient divided by the number of positions; `dx` is overwritten.
pub fn global_avg_pool_backward<T: Tensor, const C: usize>(dy: &Tensor1<C>, dx: &mut T) {
    let positions = const { global_positions::<T, C>() };
    let scale = 1.0 / positions as f32;
    for (dy, dx) in dy
        .data
        .iter()
        .zip(dx.as_mut_slice().chunks_exact_mut(positions))
    {
        dx.fill(dy * scale);
    }
}

/// Global max pooling: channel `c` of `y` is the largest value of channel
/// `c` of `x` (NaN only if every value is).
pub fn global_max_pool<T: Tensor, const C: usize>(x: &T, y: &mut Tensor1<C>) {
    let positions = const { global_positions::<T, C>() };
    for (y, x) in y.data.iter_mut().zip(x.as_slice().chunks_exact(positions)) {
        *y = x[first_max(x)];
    }
}

/// The input gradient of [`global_max_pool`]: each channel's gradient goes to
/// its first maximum; `dx` is overwritten.
pub fn global_max_pool_backward<T: Tensor, const C: usize>(x: &T, dy: &Tensor1<C>, dx: &mut T) {
    let positions = const { global_positions::<T, C>() };
    let (x, dx) = (x.as_slice(), dx.as_mut_slice());
    for ((dy, x), dx) in dy
        .data
        .iter()
        .zip(x.chunks_exact(positions))
        .zip(dx.chunks_exact_mut(positions))
    {
        dx.fill(0.0);
        dx[first_max(x)] = *dy;
    }
}

/// The index of the first largest value, as max pooling's gradient rule.
fn first_max(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

/// The spatial positions per channel of `T`, checked to be `[C, ...]` with
/// at least one spatial axis.
const fn global_positions<T: Tensor, const C: usize>() -> usize {
    assert!(
        T::SHAPE.len() >= 2 && T::SHAPE[0] == C,
        "global pooling: the input is not [C, spatial...] for the output's C"
    );
    T::LEN / C
}

/// [`global_avg_pool`] over a batch; `ys` is overwritten.
#[cfg(feature = "std")]
pub fn global_avg_pool_batch<T: Tensor, const C: usize>(xs: &[T], ys: &mut [Tensor1<C>]) {
    assert_eq!(xs.len(), ys.len(), "batch sizes of input and output differ");
    xs.par_iter()
        .zip(ys.par_iter_mut())
        .for_each(|(x, y)| global_avg_pool(x, y));
}

/// [`global_avg_pool_backward`] over a batch; `dxs` is overwritten.
#[cfg(feature = "std")]
pub fn global_avg_pool_backward_batch<T: Tensor, const C: usize>(
    dys: &[Tensor1<C>],
    dxs: &mut [T],
) {
    assert_eq!(
        dys.len(),
        dxs.len(),
        "batch sizes of output gradient and input gradient differ"
    );
    dys.par_iter()
        .zip(dxs.par_iter_mut())
        .for_each(|(dy, dx)| global_avg_pool_backward(dy, dx));
}

/// [`global_max_pool`] over a batch; `ys` is overwritten.
#[cfg(feature = "std")]
pub fn global_max_pool_batch<T: Tensor, const C: usize>(xs: &[T], ys: &mut [Tensor1<C>]) {
    assert_eq!(xs.len(), ys.len(), "batch sizes of input and output differ");
    xs.par_iter()
        .zip(ys.par_iter_mut())
        .for_each(|(x, y)| global_max_pool(x, y));
}

/// [`global_max_pool_backward`] over a batch; `dxs` is overwritten.
#[cfg(feature = "std")]
pub fn global_max_pool_backward_batch<T: Tensor, const C: usize>(
    xs: &[T],
    dys: &[Tensor1<C>],
    dxs: &mut [T],
) {
    assert_eq!(
        xs.len(),
        dys.len(),
        "batch sizes of input and output gradient differ"
    );
    assert_eq!(
        xs.len(),
        dxs.len(),
        "batch sizes of input and input gradient differ"
    );
    xs.par_iter()
        .zip(dys.par_iter())
        .zip(dxs.par_iter_mut())
        .for_each(|((x, dy), dx)| global_max_pool_backward(x, dy, dx));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use net_core::Rng;
    use proptest::prelude::*;

    /// Every output cell: the window's real cells in row-major order, each with
    /// its input index.
    fn naive_windows(g: &Window) -> Vec<Vec<usize>> {
        let [i0, i1, i2] = g.input;
        let mut windows = Vec::new();
        for c in 0..g.channels {
            for od in 0..g.output[0] {
                for oh in 0..g.output[1] {
                    for ow in 0..g.output[2] {
                        let mut cells = Vec::new();
                        for a in 0..g.kernel[0] {
                            for b in 0..g.kernel[1] {
                                for e in 0..g.kernel[2] {
                                    let id =
                                        (od * g.stride[0] + a) as isize - g.padding[0] as isize;
                                    let ih =
                                        (oh * g.stride[1] + b) as isize - g.padding[1] as isize;
                                    let iw =
                                        (ow * g.stride[2] + e) as isize - g.padding[2] as isize;
                                    if id >= 0
                                        && ih >= 0
                                        && iw >= 0
                                        && id < i0 as isize
                                        && ih < i1 as isize
                                        && iw < i2 as isize
                                    {
                                        cells.push(
                                            ((c * i0 + id as usize) * i1 + ih as usize) * i2
                                                + iw as usize,
                                        );
                                    }
                                }
                            }
                        }
                        windows.push(cells);
                    }
                }
            }
        }
        windows
    }

    fn naive_max(g: &Window, x: &[f64]) -> Vec<f64> {
        naive_windows(g)
            .iter()
            .map(|w| w.iter().map(|&i| x[i]).fold(f64::NEG_INFINITY, f64::max))
            .collect()
    }

    fn naive_avg(g: &Window, x: &[f64]) -> Vec<f64> {
        naive_windows(g)
            .iter()
            .map(|w| w.iter().map(|&i| x[i]).sum::<f64>() / g.kernel_cells() as f64)
            .collect()
    }

    proptest! {
        #[test]
        fn pooling_forward_matches_naive_loops(g in pool_window(), seed: u64) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = random_vec(&mut rng, g.input_len());
            let mut y = vec![f32::NAN; g.channels * g.positions()];
            max_forward(&g, &x, &mut y);
            assert_close(&y, &naive_max(&g, &to_f64(&x)), 0.0);
            avg_forward(&g, &x, &mut y);
            assert_close(&y, &naive_avg(&g, &to_f64(&x)), 1e-6);
        }

        #[test]
        fn pooling_backward_matches_finite_differences(g in pool_window(), seed: u64) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = distinct_values(&mut rng, g.input_len());
            let dy = random_vec(&mut rng, g.channels * g.positions());
            let mut dx = vec![f32::NAN; x.len()];
            max_backward(&g, &x, &dy, &mut dx);
            check_gradient(&mut rng, "max pooling", &dx, &x, |x| dot(&naive_max(&g, x), &dy));
            avg_backward(&g, &dy, &mut dx);
            check_gradient(&mut rng, "average pooling", &dx, &x, |x| dot(&naive_avg(&g, x), &dy));
        }
    }

    proptest! {
        #[test]
        fn global_pooling_matches_its_definition_and_finite_differences(seed: u64) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = Tensor3::<3, 4, 5>::from_slice(&distinct_values(&mut rng, 60)).unwrap();
            let dy = Tensor1::<3>::from_slice(&random_vec(&mut rng, 3)).unwrap();
            let mean = |x: &[f64]| -> Vec<f64> { x.chunks(20).map(|c| c.iter().sum::<f64>() / 20.0).collect() };
            let max = |x: &[f64]| -> Vec<f64> { x.chunks(20).map(|c| c.iter().cloned().fold(f64::MIN, f64::max)).collect() };
            let (mut y, mut dx) = (Tensor1::<3>::zeros(), Tensor3::<3, 4, 5>::zeros());
            global_avg_pool(&x, &mut y);
            assert_close(y.as_slice(), &mean(&to_f64(x.as_slice())), 1e-6);
            global_avg_pool_backward(&dy, &mut dx);
            check_gradient(&mut rng, "global average", dx.as_slice(), x.as_slice(), |x| dot(&mean(x), dy.as_slice()));
            global_max_pool(&x, &mut y);
            assert_close(y.as_slice(), &max(&to_f64(x.as_slice())), 0.0);
            global_max_pool_backward(&x, &dy, &mut dx);
            check_gradient(&mut rng, "global max", dx.as_slice(), x.as_slice(), |x| dot(&max(x), dy.as_slice()));
        }
    }

    #[test]
    fn global_max_sends_the_gradient_to_the_first_maximum() {
        let x = Tensor2::from([[1.0, 7.0, 7.0, 2.0], [-3.0, -1.0, -2.0, -1.0]]);
        let (mut y, mut dx) = (Tensor1::<2>::zeros(), Tensor2::<2, 4>::zeros());
        global_max_pool(&x, &mut y);
        assert_eq!(y.data, [7.0, -1.0]);
        global_max_pool_backward(&x, &Tensor1::from([1.0, 2.0]), &mut dx);
        assert_eq!(dx.data, [[0.0, 1.0, 0.0, 0.0], [0.0, 2.0, 0.0, 0.0]]);
    }

    #[test]
    fn same_max_pooling_pads_after_with_minus_infinity() {
        // TensorFlow's "same" for 4 cells, window 3, stride 2: two outputs,
        // one cell of padding after. The second window is [2, -5, pad].
        let x = Tensor2::from([[1.0, 3.0, 2.0, -5.0]]);
        let mut y = Tensor2::<1, 2>::zeros();
        max_pool1d_padded_forward::<1, 4, 3, 2, 0, 1, 2>(&x, &mut y);
        assert_eq!(y.data, [[3.0, 2.0]]);
        let mut dx = Tensor2::zeros();
        max_pool1d_padded_backward::<1, 4, 3, 2, 0, 1, 2>(
            &x,
            &Tensor2::from([[1.0, 10.0]]),
            &mut dx,
        );
        assert_eq!(dx.data, [[0.0, 1.0, 10.0, 0.0]]);
    }

    #[test]
    fn lecture_pooling() {
        let x = Tensor3::from([[
            [29.0, 15.0, 28.0, 184.0],
            [0.0, 100.0, 70.0, 38.0],
            [12.0, 12.0, 7.0, 2.0],
            [12.0, 12.0, 45.0, 6.0],
        ]]);
        let mut y = Tensor3::<1, 2, 2>::zeros();
        max_pool2d_forward::<1, 4, 4, 2, 2, 2, 2, 0, 0, 2, 2>(&x, &mut y);
        assert_eq!(y.data, [[[100.0, 184.0], [12.0, 45.0]]]);
        let mut x_mean = x;
        x_mean.data[0][0][0] = 31.0;
        avg_pool2d_forward::<1, 4, 4, 2, 2, 2, 2, 0, 0, 2, 2>(&x_mean, &mut y);
        assert_eq!(y.data, [[[36.5, 80.0], [12.0, 15.0]]]);
    }

    #[test]
    fn max_gradient_goes_to_the_first_maximum_and_padding_never_wins() {
        let x = Tensor2::from([[-3.0, -1.0, -1.0, -2.0]]);
        let mut y = Tensor2::<1, 3>::zeros();
        // Window 2, stride 2, padding 1: windows [pad, -3], [-1, -1], [-2, pad].
        max_pool1d_forward::<1, 4, 2, 2, 1, 3>(&x, &mut y);
        assert_eq!(y.data, [[-3.0, -1.0, -2.0]]);
        let mut dx = Tensor2::zeros();
        max_pool1d_backward::<1, 4, 2, 2, 1, 3>(&x, &Tensor2::from([[1.0, 2.0, 4.0]]), &mut dx);
        assert_eq!(dx.data, [[1.0, 2.0, 0.0, 4.0]]);
    }

    #[test]
    fn average_counts_padded_cells() {
        let x = Tensor2::from([[3.0, 6.0]]);
        let mut y = Tensor2::<1, 2>::zeros();
        avg_pool1d_forward::<1, 2, 3, 1, 1, 2>(&x, &mut y);
        assert_eq!(y.data, [[3.0, 3.0]]);
    }

    #[test]
    fn batches_pool_each_sample() {
        let mut rng = Rng::seed_from_u64(5);
        let xs: Vec<Tensor4<2, 4, 4, 4>> = (0..3)
            .map(|_| Tensor4::from_slice(&random_vec(&mut rng, 128)).unwrap())
            .collect();
        let mut ys = vec![Tensor4::<2, 2, 2, 2>::zeros(); 3];
        max_pool3d_forward_batch::<2, 4, 4, 4, 2, 2, 2, 2, 2, 2, 0, 0, 0, 2, 2, 2>(&xs, &mut ys);
        let mut dxs = vec![Tensor4::zeros(); 3];
        avg_pool3d_backward_batch::<2, 4, 4, 4, 2, 2, 2, 2, 2, 2, 0, 0, 0, 2, 2, 2>(
            &xs, &ys, &mut dxs,
        );
        for ((x, y), dx) in xs.iter().zip(&ys).zip(&dxs) {
            let mut one = Tensor4::zeros();
            max_pool3d_forward::<2, 4, 4, 4, 2, 2, 2, 2, 2, 2, 0, 0, 0, 2, 2, 2>(x, &mut one);
            assert_eq!(&one, y);
            assert_eq!(dx.data[1][3][3][3], y.data[1][1][1][1] / 8.0);
        }
    }
}
