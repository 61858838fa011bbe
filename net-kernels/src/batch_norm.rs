//! Batch normalisation over the channel axis (axis 0 of each sample), as
//! PyTorch's `BatchNorm1d/2d/3d`.
//!
//! Training normalises with the batch's mean and biased variance over the batch
//! and all non-channel axes, and moves the running statistics towards the batch
//! mean and the unbiased variance by `momentum`. The backward pass is the full
//! gradient, through the batch statistics. Sums run in f64, in a fixed order;
//! with `std`, channels are summed and samples normalised in parallel.

use net_core::{Tensor, Tensor1};
#[cfg(feature = "std")]
use rayon::prelude::*;

/// What training saves for the backward pass: each channel's batch mean and
/// `1 / sqrt(var + eps)`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BatchNormStats<const C: usize> {
    /// Batch mean per channel.
    pub mean: Tensor1<C>,
    /// `1 / sqrt(biased batch variance + eps)` per channel.
    pub inv_std: Tensor1<C>,
}

fn channel_of<T: Tensor>(t: &T, c: usize, positions: usize) -> &[f32] {
    &t.as_slice()[c * positions..][..positions]
}

fn layout<T: Tensor, const C: usize>() -> usize {
    const {
        assert!(
            T::SHAPE[0] == C,
            "batch norm: C must be the tensor's first axis"
        )
    };
    T::LEN / C
}

/// Partial sums per channel sum: one running sum waits on each addition's
/// latency; interleaved ones vectorise.
const PARTIALS: usize = 16;

/// Two sums over a batch's channel `c` in one pass (the pass, not the
/// arithmetic, is what these cost): `f(a, b)` of each pair of values of `as_`
/// and `bs` at the same place gives a term of each sum, value `i` of each
/// run of `PARTIALS` going to partial sum `i`, a fixed order for a batch.
fn channel_sums<T: Tensor>(
    as_: &[T],
    bs: &[T],
    c: usize,
    positions: usize,
    f: impl Fn(f64, f64) -> (f64, f64),
) -> (f64, f64) {
    let mut sums = [[0.0f64; PARTIALS]; 2];
    let mut add = |a: &[f32], b: &[f32]| {
        for (i, (&a, &b)) in a.iter().zip(b).enumerate() {
            let (first, second) = f(a as f64, b as f64);
            sums[0][i] += first;
            sums[1][i] += second;
        }
    };
    for (a, b) in as_.iter().zip(bs) {
        let (a_blocks, a_rest) = channel_of(a, c, positions).as_chunks::<PARTIALS>();
        let (b_blocks, b_rest) = channel_of(b, c, positions).as_chunks::<PARTIALS>();
        for (a, b) in a_blocks.iter().zip(b_blocks) {
            add(a, b);
        }
        add(a_rest, b_rest);
    }
    (sums[0].iter().sum(), sums[1].iter().sum())
}

/// Training-mode forward over a batch: `ys` is overwritten, the running
/// statistics are updated, and the statistics for the backward pass returned.
///
/// With a single value per channel (one sample, no spatial axes) the unbiased
/// variance is undefined: PyTorch refuses such a batch; here the running
/// variance is then left as it is, and only the running mean moves.
/// Panics if `xs` is empty or `xs` and `ys` differ in length.
#[allow(clippy::too_many_arguments)]
#[cfg(feature = "std")]
pub fn batch_norm_train<T: Tensor, const C: usize>(
    xs: &[T],
    weight: &Tensor1<C>,
    bias: &Tensor1<C>,
    running_mean: &mut Tensor1<C>,
    running_var: &mut Tensor1<C>,
    momentum: f32,
    eps: f32,
    ys: &mut [T],
) -> BatchNormStats<C> {
    let positions = layout::<T, C>();
    assert!(
        !xs.is_empty(),
        "batch norm needs at least one sample in training"
    );
    assert_eq!(xs.len(), ys.len(), "batch sizes of input and output differ");
    let count = (xs.len() * positions) as f64;
    let mut stats = BatchNormStats {
        mean: Tensor1::zeros(),
        inv_std: Tensor1::zeros(),
    };
    // Channels in parallel, each summed in a fixed order: the same bits on
    // any number of threads.
    // Mean and variance in one pass, of the values less the channel's first
    // (so that a large mean does not cancel): `E[d^2] - E[d]^2` loses about
    // 1e-16 (m / sd)^2 of the variance in f64, m the first value's distance
    // from the mean, negligible unless it lies thousands of deviations away.
    let moments = |c: usize| {
        let offset = channel_of(&xs[0], c, positions)[0] as f64;
        let (sum, sum_squares) = channel_sums(xs, xs, c, positions, |x, _| {
            let d = x - offset;
            (d, d * d)
        });
        let shift = sum / count;
        (
            offset + shift,
            (sum_squares / count - shift * shift).max(0.0),
        )
    };
    let moments: Vec<(f64, f64)> = (0..C).into_par_iter().map(moments).collect();
    // The statistics are summed in f64; each value is then normalised in
    // f32, as PyTorch does.
    let mut affine = [(0.0f32, 0.0f32, 0.0f32); C];
    for (c, &(mean, var)) in moments.iter().enumerate() {
        let inv_std = 1.0 / (var + eps as f64).sqrt();
        stats.mean.data[c] = mean as f32;
        stats.inv_std.data[c] = inv_std as f32;
        let m = momentum as f64;
        running_mean.data[c] = ((1.0 - m) * running_mean.data[c] as f64 + m * mean) as f32;
        if count > 1.0 {
            let unbiased = var * count / (count - 1.0);
            running_var.data[c] = ((1.0 - m) * running_var.data[c] as f64 + m * unbiased) as f32;
        }
        affine[c] = (
            mean as f32,
            (weight.data[c] as f64 * inv_std) as f32,
            bias.data[c],
        );
    }
    xs.par_iter().zip(ys.par_iter_mut()).for_each(|(x, y)| {
        for (c, &(mean, scale, shift)) in affine.iter().enumerate() {
            let src = &x.as_slice()[c * positions..][..positions];
            let dst = &mut y.as_mut_slice()[c * positions..][..positions];
            for (y, &x) in dst.iter_mut().zip(src) {
                *y = (x - mean) * scale + shift;
            }
        }
    });
    stats
}

/// Inference-mode forward of one sample with the running statistics.
pub fn batch_norm_infer<T: Tensor, const C: usize>(
    x: &T,
    weight: &Tensor1<C>,
    bias: &Tensor1<C>,
    running_mean: &Tensor1<C>,
    running_var: &Tensor1<C>,
    eps: f32,
    y: &mut T,
) {
    let positions = layout::<T, C>();
    let affine = InferAffine {
        weight,
        bias,
        running_mean,
        running_var,
        eps,
    };
    for c in 0..C {
        let (scale, shift) = affine.channel(c);
        let src = &x.as_slice()[c * positions..][..positions];
        let dst = &mut y.as_mut_slice()[c * positions..][..positions];
        for (y, &x) in dst.iter_mut().zip(src) {
            *y = x * scale + shift;
        }
    }
}

/// [`batch_norm_infer`] in place.
pub fn batch_norm_infer_in_place<T: Tensor, const C: usize>(
    values: &mut T,
    weight: &Tensor1<C>,
    bias: &Tensor1<C>,
    running_mean: &Tensor1<C>,
    running_var: &Tensor1<C>,
    eps: f32,
) {
    let positions = layout::<T, C>();
    let affine = InferAffine {
        weight,
        bias,
        running_mean,
        running_var,
        eps,
    };
    for c in 0..C {
        let (scale, shift) = affine.channel(c);
        for v in &mut values.as_mut_slice()[c * positions..][..positions] {
            *v = *v * scale + shift;
        }
    }
}

/// Inference-mode batch norm, channel by channel an affine map.
struct InferAffine<'a, const C: usize> {
    weight: &'a Tensor1<C>,
    bias: &'a Tensor1<C>,
    running_mean: &'a Tensor1<C>,
    running_var: &'a Tensor1<C>,
    eps: f32,
}

impl<const C: usize> InferAffine<'_, C> {
    /// Channel `c`'s scale and shift: `y = x * scale + shift`.
    fn channel(&self, c: usize) -> (f32, f32) {
        let scale = self.weight.data[c] / crate::math::sqrt(self.running_var.data[c] + self.eps);
        (scale, self.bias.data[c] - self.running_mean.data[c] * scale)
    }
}

/// Backward pass of training mode: overwrites `dxs` with the input gradients and
/// adds the batch's weight and bias gradients to `dweight` and `dbias`.
/// Panics if the batch slices differ in length.
pub fn batch_norm_backward<T: Tensor, const C: usize>(
    xs: &[T],
    weight: &Tensor1<C>,
    stats: &BatchNormStats<C>,
    dys: &[T],
    dxs: &mut [T],
    dweight: &mut Tensor1<C>,
    dbias: &mut Tensor1<C>,
) {
    let positions = layout::<T, C>();
    assert!(
        xs.len() == dys.len() && xs.len() == dxs.len(),
        "batch sizes differ"
    );
    let count = (xs.len() * positions) as f64;
    // Each channel's sums in a fixed order, channels in parallel where there
    // are threads; then each sample's input gradient.
    let sums = |c: usize| {
        let (mean, inv_std) = (stats.mean.data[c] as f64, stats.inv_std.data[c] as f64);
        channel_sums(xs, dys, c, positions, |x, dy| {
            (dy, dy * (x - mean) * inv_std)
        })
    };
    #[cfg(feature = "std")]
    let sums: Vec<(f64, f64)> = (0..C).into_par_iter().map(sums).collect();
    #[cfg(not(feature = "std"))]
    let sums: [(f64, f64); C] = core::array::from_fn(sums);
    for (c, &(sum_dy, sum_dy_xhat)) in sums.iter().enumerate() {
        dbias.data[c] += sum_dy as f32;
        dweight.data[c] += sum_dy_xhat as f32;
    }
    let input_grad = |((x, dy), dx): ((&T, &T), &mut T)| {
        for (c, &(sum_dy, sum_dy_xhat)) in sums.iter().enumerate() {
            // `scale * (count * dy - sum_dy - xhat * sum_dy_xhat)` as
            // `a * dy + b * (x - mean) + d`, its factors from the f64 sums,
            // each value's terms in f32.
            let (mean, inv_std) = (stats.mean.data[c], stats.inv_std.data[c] as f64);
            let scale = weight.data[c] as f64 * inv_std / count;
            let a = (scale * count) as f32;
            let b = (-scale * sum_dy_xhat * inv_std) as f32;
            let d = (-scale * sum_dy) as f32;
            let dst = &mut dx.as_mut_slice()[c * positions..][..positions];
            for ((dx, &x), &dy) in dst
                .iter_mut()
                .zip(channel_of(x, c, positions))
                .zip(channel_of(dy, c, positions))
            {
                *dx = a * dy + b * (x - mean) + d;
            }
        }
    };
    #[cfg(feature = "std")]
    xs.par_iter()
        .zip(dys)
        .zip(dxs.par_iter_mut())
        .for_each(input_grad);
    #[cfg(not(feature = "std"))]
    xs.iter().zip(dys).zip(dxs.iter_mut()).for_each(input_grad);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use net_core::{batch_as_slice, Rng, Tensor2};
    use proptest::prelude::*;

    /// Training-mode output of a flat batch of `[C, positions]` samples.
    fn naive(
        channels: usize,
        positions: usize,
        x: &[f64],
        gamma: &[f64],
        beta: &[f64],
        eps: f64,
    ) -> Vec<f64> {
        let sample = channels * positions;
        let mut y = vec![0.0; x.len()];
        for c in 0..channels {
            let idx: Vec<usize> = (0..x.len() / sample)
                .flat_map(|b| (0..positions).map(move |p| b * sample + c * positions + p))
                .collect();
            let mean = idx.iter().map(|&i| x[i]).sum::<f64>() / idx.len() as f64;
            let var = idx.iter().map(|&i| (x[i] - mean).powi(2)).sum::<f64>() / idx.len() as f64;
            for &i in &idx {
                y[i] = gamma[c] * (x[i] - mean) / (var + eps).sqrt() + beta[c];
            }
        }
        y
    }

    proptest! {
        #[test]
        fn inference_in_place_gives_the_same_bits(seed: u64) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = Tensor2::<3, 4>::from_slice(&random_vec(&mut rng, 12)).unwrap();
            let [w, b, m] = [(); 3].map(|_| Tensor1::<3>::from_slice(&random_vec(&mut rng, 3)).unwrap());
            let v = Tensor1::<3>::from_slice(&random_vec(&mut rng, 3)).unwrap().map(|v| v.abs() + 0.1);
            let mut want = Tensor2::zeros();
            batch_norm_infer(&x, &w, &b, &m, &v, 1e-5, &mut want);
            let mut got = x;
            batch_norm_infer_in_place(&mut got, &w, &b, &m, &v, 1e-5);
            prop_assert_eq!(got, want);
        }

        #[test]
        fn batch_norm_backward_matches_finite_differences(seed: u64, batch in 1..6usize) {
            let mut rng = Rng::seed_from_u64(seed);
            let xs: Vec<Tensor2<3, 4>> = (0..batch).map(|_| Tensor2::from_slice(&random_vec(&mut rng, 12)).unwrap()).collect();
            let gamma = Tensor1::<3>::from_slice(&random_vec(&mut rng, 3)).unwrap();
            let beta = Tensor1::<3>::from_slice(&random_vec(&mut rng, 3)).unwrap();
            let dys: Vec<Tensor2<3, 4>> = (0..batch).map(|_| Tensor2::from_slice(&random_vec(&mut rng, 12)).unwrap()).collect();
            let (mut rm, mut rv) = (Tensor1::zeros(), Tensor1::zeros());
            let mut ys = vec![Tensor2::zeros(); batch];
            let stats = batch_norm_train(&xs, &gamma, &beta, &mut rm, &mut rv, 0.1, 1e-5, &mut ys);
            let (x, g64, b64) = (batch_as_slice(&xs).to_vec(), to_f64(gamma.as_slice()), to_f64(beta.as_slice()));
            assert_close(batch_as_slice(&ys), &naive(3, 4, &to_f64(&x), &g64, &b64, 1e-5), 1e-5);
            let mut dxs = vec![Tensor2::zeros(); batch];
            let (mut dgamma, mut dbeta) = (Tensor1::zeros(), Tensor1::zeros());
            batch_norm_backward(&xs, &gamma, &stats, &dys, &mut dxs, &mut dgamma, &mut dbeta);
            let dy = batch_as_slice(&dys);
            let x64 = to_f64(&x);
            check_gradient(&mut rng, "input", batch_as_slice(&dxs), &x, |x| dot(&naive(3, 4, x, &g64, &b64, 1e-5), dy));
            check_gradient(&mut rng, "weight", dgamma.as_slice(), gamma.as_slice(), |g| dot(&naive(3, 4, &x64, g, &b64, 1e-5), dy));
            check_gradient(&mut rng, "bias", dbeta.as_slice(), beta.as_slice(), |b| dot(&naive(3, 4, &x64, &g64, b, 1e-5), dy));
        }
    }

    #[test]
    fn running_statistics_after_one_step_match_hand_computed_values() {
        // Channel 0 sees 1, 3 (sample 0) and 5, 7 (sample 1): mean 4, biased
        // variance 5, unbiased 20/3. Channel 1 sees 0, 0, 2, 2: mean 1, variance 1,
        // unbiased 4/3. Momentum 0.1 from PyTorch's start (mean 0, variance 1).
        let xs = [
            Tensor2::from([[1.0, 3.0], [0.0, 0.0]]),
            Tensor2::from([[5.0, 7.0], [2.0, 2.0]]),
        ];
        let (gamma, beta) = (Tensor1::from([1.0, 2.0]), Tensor1::from([0.0, 0.5]));
        let (mut rm, mut rv) = (Tensor1::from([0.0, 0.0]), Tensor1::from([1.0, 1.0]));
        let mut ys = [Tensor2::zeros(); 2];
        let stats = batch_norm_train(&xs, &gamma, &beta, &mut rm, &mut rv, 0.1, 0.0, &mut ys);
        assert_eq!(stats.mean.data, [4.0, 1.0]);
        assert!((rm.data[0] - 0.4).abs() < 1e-6 && (rm.data[1] - 0.1).abs() < 1e-6);
        assert!((rv.data[0] - (0.9 + 0.1 * 20.0 / 3.0)).abs() < 1e-6);
        assert!((rv.data[1] - (0.9 + 0.1 * 4.0 / 3.0)).abs() < 1e-6);
        let s5 = 5.0f32.sqrt();
        assert!((ys[0].data[0][0] - (-3.0 / s5)).abs() < 1e-6);
        assert_eq!(ys[1].data[1], [2.5, 2.5]);
        // Inference uses the running statistics.
        let mut y = Tensor2::zeros();
        batch_norm_infer(&xs[0], &gamma, &beta, &rm, &rv, 0.0, &mut y);
        assert!((y.data[0][0] - (1.0 - 0.4) / rv.data[0].sqrt()).abs() < 1e-6);
    }

    #[test]
    fn a_large_mean_does_not_cancel_the_variance() {
        // 10,000 plus a spread of a thousandth, first value at the far end:
        // the variance against the one of two f64 passes.
        let mut rng = Rng::seed_from_u64(3);
        let mut xs: Vec<Tensor2<1, 500>> = (0..4)
            .map(|_| Tensor2::zeros().map(|_| 1e4 + 1e-3 * rng.uniform(-1.0, 1.0)))
            .collect();
        xs[0].data[0][0] = 1e4 + 1e-3;
        let values: Vec<f64> = batch_as_slice(&xs).iter().map(|&v| v as f64).collect();
        let mean = values.iter().sum::<f64>() / 2000.0;
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / 2000.0;
        let (mut rm, mut rv) = (Tensor1::from([0.0]), Tensor1::from([0.0]));
        let mut ys = vec![Tensor2::zeros(); 4];
        let (one, zero) = (Tensor1::from([1.0]), Tensor1::from([0.0]));
        let stats = batch_norm_train(&xs, &one, &zero, &mut rm, &mut rv, 1.0, 0.0, &mut ys);
        let got = 1.0 / (stats.inv_std.data[0] as f64).powi(2);
        assert!((got - var).abs() < 1e-5 * var, "variance {got}, want {var}");
        assert!(((rv.data[0] as f64) - var * 2000.0 / 1999.0).abs() < 1e-5 * var);
    }

    #[test]
    fn a_single_value_per_channel_leaves_the_running_variance() {
        let (mut rm, mut rv) = (Tensor1::from([0.0]), Tensor1::from([1.0]));
        let mut ys = [Tensor1::zeros()];
        batch_norm_train(
            &[Tensor1::from([2.0])],
            &Tensor1::from([1.0]),
            &Tensor1::from([0.0]),
            &mut rm,
            &mut rv,
            0.1,
            1e-5,
            &mut ys,
        );
        assert_eq!((rm.data, rv.data, ys[0].data), ([0.2], [1.0], [0.0]));
    }
}
