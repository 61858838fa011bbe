//! Nearest-neighbour upsampling in 1 and 2 dimensions: each input cell becomes a
//! block of `scale` cells per axis.

use net_core::shape::upsample_output;
use net_core::{Tensor2, Tensor3};
#[cfg(feature = "std")]
use rayon::prelude::*;

/// Channels, input rows and columns, and the scale per axis (rows, columns).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Upsample {
    pub channels: usize,
    pub input: [usize; 2],
    pub scale: [usize; 2],
}

#[inline(always)]
pub(crate) fn forward(u: &Upsample, x: &[f32], y: &mut [f32]) {
    let [h, w] = u.input;
    let [sh, sw] = u.scale;
    let out_w = w * sw;
    for c in 0..u.channels {
        for ih in 0..h {
            let src = &x[(c * h + ih) * w..][..w];
            let first = (c * h * sh + ih * sh) * out_w;
            let (row, rest) = y[first..first + sh * out_w].split_at_mut(out_w);
            for (iw, &v) in src.iter().enumerate() {
                row[iw * sw..(iw + 1) * sw].fill(v);
            }
            for copy in rest.chunks_exact_mut(out_w) {
                copy.copy_from_slice(row);
            }
        }
    }
}

#[inline(always)]
pub(crate) fn backward(u: &Upsample, dy: &[f32], dx: &mut [f32]) {
    let [h, w] = u.input;
    let [sh, sw] = u.scale;
    let out_w = w * sw;
    for c in 0..u.channels {
        for ih in 0..h {
            let dst = &mut dx[(c * h + ih) * w..][..w];
            dst.fill(0.0);
            let first = (c * h * sh + ih * sh) * out_w;
            for row in dy[first..first + sh * out_w].chunks_exact(out_w) {
                for (iw, d) in dst.iter_mut().enumerate() {
                    *d += row[iw * sw..(iw + 1) * sw].iter().sum::<f32>();
                }
            }
        }
    }
}

pub(crate) const fn checked(
    channels: usize,
    input: [usize; 2],
    scale: [usize; 2],
    output: [usize; 2],
) -> Upsample {
    let mut axis = 0;
    while axis < 2 {
        assert!(
            matches!(upsample_output(input[axis], scale[axis]), Some(size) if size == output[axis]),
            "upsampling: an output size is not its input size times the scale"
        );
        axis += 1;
    }
    Upsample {
        channels,
        input,
        scale,
    }
}

macro_rules! upsample_kernels {
    (
        $dims:literal, $forward:ident, $backward:ident, $forward_batch:ident, $backward_batch:ident,
        x: $x:ident<C, $($i:ident),+>, y: $y:ident<C, $($o:ident),+>, scale: [$($s:ident),+],
        plan: [$($in2:expr),+], [$($s2:expr),+], [$($o2:expr),+]
    ) => {
        #[doc = concat!($dims, " nearest-neighbour upsampling of one sample; `y` is overwritten.")]
        ///
        /// Const parameters: channels, input sizes, scale per axis, output sizes.
        /// A call whose output sizes are not input times scale fails to compile.
        #[inline]
        pub fn $forward<const C: usize, $(const $i: usize,)+ $(const $s: usize,)+ $(const $o: usize),+>(
            x: &$x<C, $($i),+>,
            y: &mut $y<C, $($o),+>,
        ) {
            let u = const { checked(C, [$($in2),+], [$($s2),+], [$($o2),+]) };
            forward(&u, x.as_slice(), y.as_mut_slice());
        }

        #[doc = concat!("Input gradient of ", $dims, " upsampling for one sample; `dx` is overwritten.")]
        #[inline]
        pub fn $backward<const C: usize, $(const $i: usize,)+ $(const $s: usize,)+ $(const $o: usize),+>(
            dy: &$y<C, $($o),+>,
            dx: &mut $x<C, $($i),+>,
        ) {
            let u = const { checked(C, [$($in2),+], [$($s2),+], [$($o2),+]) };
            backward(&u, dy.as_slice(), dx.as_mut_slice());
        }

        #[doc = concat!($dims, " upsampling of a batch; `ys` is overwritten. Panics if the lengths differ.")]
        #[cfg(feature = "std")]
        pub fn $forward_batch<const C: usize, $(const $i: usize,)+ $(const $s: usize,)+ $(const $o: usize),+>(
            xs: &[$x<C, $($i),+>],
            ys: &mut [$y<C, $($o),+>],
        ) {
            assert_eq!(xs.len(), ys.len(), "batch sizes of input and output differ");
            xs.par_iter().zip(ys.par_iter_mut())
                .for_each(|(x, y)| $forward::<C, $($i,)+ $($s,)+ $($o),+>(x, y));
        }

        #[doc = concat!("Input gradients of ", $dims, " upsampling for a batch; `dxs` is overwritten.")]
        ///
        /// Panics if the lengths differ.
        #[cfg(feature = "std")]
        pub fn $backward_batch<const C: usize, $(const $i: usize,)+ $(const $s: usize,)+ $(const $o: usize),+>(
            dys: &[$y<C, $($o),+>],
            dxs: &mut [$x<C, $($i),+>],
        ) {
            assert_eq!(dys.len(), dxs.len(), "batch sizes of output gradient and input gradient differ");
            dys.par_iter().zip(dxs.par_iter_mut())
                .for_each(|(dy, dx)| $backward::<C, $($i,)+ $($s,)+ $($o),+>(dy, dx));
        }
    };
}

upsample_kernels!("1d", upsample1d_forward, upsample1d_backward, upsample1d_forward_batch,
    upsample1d_backward_batch,
    x: Tensor2<C, L>, y: Tensor2<C, OL>, scale: [S], plan: [1, L], [1, S], [1, OL]);
upsample_kernels!("2d", upsample2d_forward, upsample2d_backward, upsample2d_forward_batch,
    upsample2d_backward_batch,
    x: Tensor3<C, H, W>, y: Tensor3<C, OH, OW>, scale: [SH, SW], plan: [H, W], [SH, SW], [OH, OW]);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use net_core::Rng;
    use proptest::prelude::*;

    fn naive(u: &Upsample, x: &[f64]) -> Vec<f64> {
        let [h, w] = u.input;
        let [sh, sw] = u.scale;
        let mut y = Vec::new();
        for c in 0..u.channels {
            for oh in 0..h * sh {
                for ow in 0..w * sw {
                    y.push(x[(c * h + oh / sh) * w + ow / sw]);
                }
            }
        }
        y
    }

    fn upsample_strategy() -> impl Strategy<Value = Upsample> {
        (
            1..4usize,
            1..6usize,
            1..6usize,
            1..4usize,
            1..4usize,
            any::<bool>(),
        )
            .prop_map(|(c, h, w, sh, sw, one_d)| {
                if one_d {
                    Upsample {
                        channels: c,
                        input: [1, w],
                        scale: [1, sw],
                    }
                } else {
                    Upsample {
                        channels: c,
                        input: [h, w],
                        scale: [sh, sw],
                    }
                }
            })
    }

    proptest! {
        #[test]
        fn upsample_forward_matches_naive_loops(u in upsample_strategy(), seed: u64) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = random_vec(&mut rng, u.channels * u.input[0] * u.input[1]);
            let mut y = vec![f32::NAN; x.len() * u.scale[0] * u.scale[1]];
            forward(&u, &x, &mut y);
            assert_close(&y, &naive(&u, &to_f64(&x)), 0.0);
        }

        #[test]
        fn upsample_backward_matches_finite_differences(u in upsample_strategy(), seed: u64) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = random_vec(&mut rng, u.channels * u.input[0] * u.input[1]);
            let dy = random_vec(&mut rng, x.len() * u.scale[0] * u.scale[1]);
            let mut dx = vec![f32::NAN; x.len()];
            backward(&u, &dy, &mut dx);
            check_gradient(&mut rng, "upsample", &dx, &x, |x| dot(&naive(&u, x), &dy));
        }
    }

    #[test]
    fn each_cell_becomes_a_block() {
        let x = Tensor3::from([[[1.0, 2.0]]]);
        let mut y = Tensor3::<1, 2, 4>::zeros();
        upsample2d_forward::<1, 1, 2, 2, 2, 2, 4>(&x, &mut y);
        assert_eq!(y.data, [[[1.0, 1.0, 2.0, 2.0], [1.0, 1.0, 2.0, 2.0]]]);
        let mut dx = Tensor3::zeros();
        upsample2d_backward::<1, 1, 2, 2, 2, 2, 4>(&y, &mut dx);
        assert_eq!(dx.data, [[[4.0, 8.0]]]);
        let mut y1 = [Tensor2::<1, 6>::zeros()];
        upsample1d_forward_batch::<1, 2, 3, 6>(&[Tensor2::from([[1.0, 2.0]])], &mut y1);
        assert_eq!(y1[0].data, [[1.0, 1.0, 1.0, 2.0, 2.0, 2.0]]);
    }
}
