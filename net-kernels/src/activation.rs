//! Element-wise activations and softmax. The element-wise ones work on slices of
//! any length (a tensor's or a whole batch's, see `net_core::batch_as_slice`);
//! softmax needs the channel axis, so it is typed.
//!
//! Backward functions take what PyTorch saves: the input for ReLU and LeakyReLU,
//! the output for sigmoid, tanh and softmax. Each overwrites `dx`. All panic if
//! the slices differ in length.

use crate::math::exp;
use net_core::Tensor;
#[cfg(feature = "std")]
use {net_core::PARALLEL_PIECE as PIECE, rayon::prelude::*};

/// Runs the element-wise `activation` over a whole batch's values, in pieces
/// on the current rayon pool (one sample's pass, by calling `activation`
/// directly, stays on the calling thread and allocates nothing).
#[cfg(feature = "std")]
pub fn batched(x: &[f32], y: &mut [f32], activation: impl Fn(&[f32], &mut [f32]) + Sync) {
    assert_eq!(x.len(), y.len(), "activation slices differ in length");
    x.par_chunks(PIECE)
        .zip(y.par_chunks_mut(PIECE))
        .for_each(|(x, y)| activation(x, y));
}

/// [`batched`] for a backward function: `saved` is what it takes (the input
/// or the output), `dy` the output gradient, `dx` is overwritten.
#[cfg(feature = "std")]
pub fn batched_backward(
    saved: &[f32],
    dy: &[f32],
    dx: &mut [f32],
    backward: impl Fn(&[f32], &[f32], &mut [f32]) + Sync,
) {
    check_lengths(saved, dy, dx);
    saved
        .par_chunks(PIECE)
        .zip(dy.par_chunks(PIECE))
        .zip(dx.par_chunks_mut(PIECE))
        .for_each(|((s, dy), dx)| backward(s, dy, dx));
}

fn check_lengths(a: &[f32], b: &[f32], c: &[f32]) {
    assert!(
        a.len() == b.len() && b.len() == c.len(),
        "activation slices differ in length"
    );
}

/// `y[i] = f(x[i])`.
fn map(x: &[f32], y: &mut [f32], f: impl Fn(f32) -> f32) {
    assert_eq!(x.len(), y.len(), "activation slices differ in length");
    y.iter_mut().zip(x).for_each(|(y, &x)| *y = f(x));
}

/// `dx[i] = f(saved[i], dy[i])`.
fn map_backward(saved: &[f32], dy: &[f32], dx: &mut [f32], f: impl Fn(f32, f32) -> f32) {
    check_lengths(saved, dy, dx);
    for ((dx, &dy), &s) in dx.iter_mut().zip(dy).zip(saved) {
        *dx = f(s, dy);
    }
}

/// `values[i] = f(values[i])`: the in-place form, for inference, which
/// keeps one buffer where the input is read by nothing else.
fn map_in_place(values: &mut [f32], f: impl Fn(f32) -> f32) {
    values.iter_mut().for_each(|v| *v = f(*v));
}

// A select, not `f32::max`, whose NaN rule costs two more instructions.
fn relu_of(x: f32) -> f32 {
    if x > 0.0 {
        x
    } else {
        0.0
    }
}

fn relu6_of(x: f32) -> f32 {
    if x > 0.0 {
        x.min(6.0)
    } else {
        0.0
    }
}

fn leaky_relu_of(slope: f32, x: f32) -> f32 {
    if x > 0.0 {
        x
    } else {
        slope * x
    }
}

// Without overflow for large |x|.
fn sigmoid_of(x: f32) -> f32 {
    if x >= 0.0 {
        1.0 / (1.0 + exp(-x))
    } else {
        let e = exp(x);
        e / (1.0 + e)
    }
}

/// `y = max(x, 0)` (0 for NaN).
pub fn relu(x: &[f32], y: &mut [f32]) {
    map(x, y, relu_of);
}

/// [`relu`] in place.
pub fn relu_in_place(values: &mut [f32]) {
    map_in_place(values, relu_of);
}

/// `dx = dy` where `x > 0`, else 0.
pub fn relu_backward(x: &[f32], dy: &[f32], dx: &mut [f32]) {
    map_backward(x, dy, dx, |x, dy| if x > 0.0 { dy } else { 0.0 });
}

/// `y = min(max(x, 0), 6)`, MobileNet's ReLU6.
pub fn relu6(x: &[f32], y: &mut [f32]) {
    map(x, y, relu6_of);
}

/// [`relu6`] in place.
pub fn relu6_in_place(values: &mut [f32]) {
    map_in_place(values, relu6_of);
}

/// `dx = dy` where `0 < x < 6`, else 0 (PyTorch's rule at the kinks).
pub fn relu6_backward(x: &[f32], dy: &[f32], dx: &mut [f32]) {
    map_backward(x, dy, dx, |x, dy| if x > 0.0 && x < 6.0 { dy } else { 0.0 });
}

/// `y = x` where `x > 0`, else `slope * x`.
pub fn leaky_relu(slope: f32, x: &[f32], y: &mut [f32]) {
    map(x, y, |x| leaky_relu_of(slope, x));
}

/// [`leaky_relu`] in place.
pub fn leaky_relu_in_place(slope: f32, values: &mut [f32]) {
    map_in_place(values, |x| leaky_relu_of(slope, x));
}

/// `dx = dy` where `x > 0`, else `slope * dy`.
pub fn leaky_relu_backward(slope: f32, x: &[f32], dy: &[f32], dx: &mut [f32]) {
    map_backward(x, dy, dx, |x, dy| if x > 0.0 { dy } else { slope * dy });
}

/// `y = 1 / (1 + e^-x)`, without overflow for large |x|.
pub fn sigmoid(x: &[f32], y: &mut [f32]) {
    map(x, y, sigmoid_of);
}

/// [`sigmoid`] in place.
pub fn sigmoid_in_place(values: &mut [f32]) {
    map_in_place(values, sigmoid_of);
}

/// `dx = dy * y * (1 - y)`, from the sigmoid's output `y`.
pub fn sigmoid_backward(y: &[f32], dy: &[f32], dx: &mut [f32]) {
    map_backward(y, dy, dx, |y, dy| dy * y * (1.0 - y));
}

/// `y = tanh(x)`.
pub fn tanh(x: &[f32], y: &mut [f32]) {
    map(x, y, crate::math::tanh);
}

/// [`tanh`] in place.
pub fn tanh_in_place(values: &mut [f32]) {
    map_in_place(values, crate::math::tanh);
}

/// `dx = dy * (1 - y^2)`, from tanh's output `y`.
pub fn tanh_backward(y: &[f32], dy: &[f32], dx: &mut [f32]) {
    map_backward(y, dy, dx, |y, dy| dy * (1.0 - y * y));
}

/// Softmax over the channel axis (axis 0), separately at every position of the
/// other axes, as PyTorch's `Softmax(dim=0)` on an unbatched tensor. The maximum
/// is subtracted first, so large inputs do not overflow.
pub fn softmax<T: Tensor>(x: &T, y: &mut T) {
    let channels = T::SHAPE[0];
    let positions = T::LEN / channels;
    let (x, y) = (x.as_slice(), y.as_mut_slice());
    for p in 0..positions {
        let max = (0..channels)
            .map(|c| x[c * positions + p])
            .fold(f32::NEG_INFINITY, f32::max);
        let mut sum = 0.0;
        for c in 0..channels {
            let e = exp(x[c * positions + p] - max);
            y[c * positions + p] = e;
            sum += e;
        }
        for c in 0..channels {
            y[c * positions + p] /= sum;
        }
    }
}

/// `dx = y * (dy - <dy, y>)` along the channel axis, from softmax's output `y`.
pub fn softmax_backward<T: Tensor>(y: &T, dy: &T, dx: &mut T) {
    let channels = T::SHAPE[0];
    let positions = T::LEN / channels;
    let (y, dy, dx) = (y.as_slice(), dy.as_slice(), dx.as_mut_slice());
    for p in 0..positions {
        let dot: f32 = (0..channels)
            .map(|c| y[c * positions + p] * dy[c * positions + p])
            .sum();
        for c in 0..channels {
            let i = c * positions + p;
            dx[i] = y[i] * (dy[i] - dot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use net_core::{Rng, Tensor3};
    use proptest::prelude::*;

    /// Values at least 0.01 away from the kinks at 0.
    fn away_from_zero(rng: &mut Rng, len: usize) -> Vec<f32> {
        random_vec(rng, len)
            .iter()
            .map(|&v| v * 3.0 + 0.01f32.copysign(v))
            .collect()
    }

    fn elementwise(x: &[f64], f: impl Fn(f64) -> f64) -> Vec<f64> {
        x.iter().map(|&v| f(v)).collect()
    }

    fn naive_softmax(channels: usize, x: &[f64]) -> Vec<f64> {
        let positions = x.len() / channels;
        let mut y = x.to_vec();
        for p in 0..positions {
            let total: f64 = (0..channels).map(|c| x[c * positions + p].exp()).sum();
            for c in 0..channels {
                y[c * positions + p] = x[c * positions + p].exp() / total;
            }
        }
        y
    }

    proptest! {
        #[test]
        fn in_place_forms_give_the_same_bits(seed: u64, len in 1..200usize) {
            let mut rng = Rng::seed_from_u64(seed);
            let x: Vec<f32> = random_vec(&mut rng, len).iter().map(|v| v * 8.0).collect();
            type Pair = (fn(&[f32], &mut [f32]), fn(&mut [f32]));
            let pairs: [Pair; 4] = [
                (relu, relu_in_place),
                (relu6, relu6_in_place),
                (sigmoid, sigmoid_in_place),
                (tanh, tanh_in_place),
            ];
            for (out_of_place, in_place) in pairs {
                let mut want = vec![f32::NAN; len];
                out_of_place(&x, &mut want);
                let mut got = x.clone();
                in_place(&mut got);
                prop_assert_eq!(&got, &want);
            }
            let mut want = vec![f32::NAN; len];
            leaky_relu(0.1, &x, &mut want);
            let mut got = x.clone();
            leaky_relu_in_place(0.1, &mut got);
            prop_assert_eq!(got, want);
        }

        #[test]
        fn activations_match_their_formulas_and_finite_differences(seed: u64, len in 1..200usize) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = away_from_zero(&mut rng, len);
            let dy = random_vec(&mut rng, len);
            let x64 = to_f64(&x);
            let (mut y, mut dx) = (vec![0.0; len], vec![0.0; len]);
            let sigmoid64 = |v: f64| 1.0 / (1.0 + (-v).exp());
            let leaky = |v: f64| if v > 0.0 { v } else { 0.2 * v };

            relu(&x, &mut y);
            assert_close(&y, &elementwise(&x64, |v| v.max(0.0)), 0.0);
            relu_backward(&x, &dy, &mut dx);
            check_gradient(&mut rng, "relu", &dx, &x, |x| dot(&elementwise(x, |v| v.max(0.0)), &dy));

            // Spread over (-9, 9), and away from the kink at 6.
            let wide: Vec<f32> = x.iter().map(|&v| { let v = v * 3.0; if (v - 6.0).abs() < 0.01 { v + 0.02 } else { v } }).collect();
            let relu6_64 = |v: f64| v.clamp(0.0, 6.0);
            relu6(&wide, &mut y);
            assert_close(&y, &elementwise(&to_f64(&wide), relu6_64), 0.0);
            relu6_backward(&wide, &dy, &mut dx);
            check_gradient(&mut rng, "relu6", &dx, &wide, |x| dot(&elementwise(x, relu6_64), &dy));

            leaky_relu(0.2, &x, &mut y);
            assert_close(&y, &elementwise(&x64, leaky), 1e-7);
            leaky_relu_backward(0.2, &x, &dy, &mut dx);
            check_gradient(&mut rng, "leaky relu", &dx, &x, |x| dot(&elementwise(x, leaky), &dy));

            sigmoid(&x, &mut y);
            assert_close(&y, &elementwise(&x64, sigmoid64), 1e-6);
            sigmoid_backward(&y, &dy, &mut dx);
            check_gradient(&mut rng, "sigmoid", &dx, &x, |x| dot(&elementwise(x, sigmoid64), &dy));

            tanh(&x, &mut y);
            assert_close(&y, &elementwise(&x64, f64::tanh), 1e-6);
            tanh_backward(&y, &dy, &mut dx);
            check_gradient(&mut rng, "tanh", &dx, &x, |x| dot(&elementwise(x, f64::tanh), &dy));
        }

        #[test]
        fn softmax_matches_its_formula_and_finite_differences(seed: u64) {
            let mut rng = Rng::seed_from_u64(seed);
            let x = Tensor3::<3, 2, 5>::from_slice(&away_from_zero(&mut rng, 30)).unwrap();
            let dy = Tensor3::<3, 2, 5>::from_slice(&random_vec(&mut rng, 30)).unwrap();
            let (mut y, mut dx) = (Tensor3::zeros(), Tensor3::zeros());
            softmax(&x, &mut y);
            assert_close(y.as_slice(), &naive_softmax(3, &to_f64(x.as_slice())), 1e-6);
            softmax_backward(&y, &dy, &mut dx);
            check_gradient(&mut rng, "softmax", dx.as_slice(), x.as_slice(), |x| dot(&naive_softmax(3, x), dy.as_slice()));
        }
    }

    #[test]
    fn a_batch_split_across_threads_gives_every_value_as_alone() {
        // Longer than one piece, and not a multiple of it.
        let len = 3 * PIECE + 77;
        let mut rng = Rng::seed_from_u64(12);
        let (x, dy) = (random_vec(&mut rng, len), random_vec(&mut rng, len));
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        type Forward = (fn(&[f32], &mut [f32]), fn(f32) -> f32);
        type Backward = (fn(&[f32], &[f32], &mut [f32]), fn(f32, f32) -> f32);
        let forward: [Forward; 3] = [
            (relu, |x| x.max(0.0)),
            (tanh, f32::tanh),
            (
                |x, y| leaky_relu(0.1, x, y),
                |x| if x > 0.0 { x } else { 0.1 * x },
            ),
        ];
        for (activation, alone) in forward {
            let mut y = vec![0.0; len];
            pool.install(|| batched(&x, &mut y, activation));
            assert!(y.iter().zip(&x).all(|(y, &x)| *y == alone(x)));
        }
        let backward: [Backward; 2] = [
            (relu_backward, |x, dy| if x > 0.0 { dy } else { 0.0 }),
            (sigmoid_backward, |y, dy| dy * y * (1.0 - y)),
        ];
        for (backward_fn, alone) in backward {
            let mut dx = vec![0.0; len];
            pool.install(|| batched_backward(&x, &dy, &mut dx, backward_fn));
            let want = x.iter().zip(&dy).map(|(&x, &dy)| alone(x, dy));
            assert!(dx.iter().zip(want).all(|(a, b)| *a == b));
        }
    }

    #[test]
    fn relu_of_nan_is_zero() {
        let mut y = [1.0; 2];
        relu(&[f32::NAN, -0.0], &mut y);
        assert_eq!(y.map(f32::to_bits), [0.0f32.to_bits(); 2]);
    }

    #[test]
    fn extreme_inputs_stay_finite() {
        let x = [1e4, -1e4, 0.0];
        let mut y = [0.0; 3];
        sigmoid(&x, &mut y);
        assert_eq!(y, [1.0, 0.0, 0.5]);
        let mut s = net_core::Tensor1::zeros();
        softmax(&net_core::Tensor1::from([1e4, 1e4 - 1.0, -1e4]), &mut s);
        assert!(s.data.iter().all(|v| v.is_finite()));
        assert!((s.data[0] - 1.0 / (1.0 + (-1.0f32).exp())).abs() < 1e-6);
    }
}
