//! Whole-network gradients against central finite differences: for sampled
//! elements of every parameter tensor and of the input, the backward pass's
//! gradient against the change of the loss `sum <y_i, r_i>` when that one
//! element moves by +-h. Training mode, so batch norm's gradient goes through
//! the batch statistics, and dropout draws the same mask (the same seed) in
//! every evaluation.
//!
//! Two errors limit a finite difference in f32. A step can carry ReLUs or
//! max-pooling windows across a kink: with random weights so many units sit
//! near one that in LeNet-5 a step of 1e-3 misses conv1's gradients by 20%,
//! and only below 1e-4 do the differences settle (measured). Below 1e-4,
//! rounding in the loss takes over, most of all in the Denoiser's 784 outputs.
//! So each element is measured by central and one-sided differences at steps
//! from 1e-2 to 3e-5, and
//! - the backward pass must lie within the range of those estimates, and
//! - for the largest gradient of every tensor, where a wrong index, sign or
//!   scale shows most, one estimate must match it to 5%.

mod common;

use common::ResNet;
use net::models::{Denoiser, LeNet5};
use net::prelude::*;
use net::{TensorData, TensorDataMut, Zeroable};
use proptest::prelude::{proptest, ProptestConfig};
use proptest::test_runner::RngSeed;

network! {
    /// A residual block and the layers LeNet-5 and the Denoiser lack, without
    /// batch norm or dropout: its training passes run in chunks (`net_core::chunks`).
    struct Chunked: [2, 6, 6] {
        stem: Conv2d(4, kernel = 3, padding = 1),
        LeakyRelu(slope = 0.1),
        r1: Residual {
            c1: Conv2d(4, kernel = 3, padding = 1),
            Tanh,
            c2: Conv2d(4, kernel = 3, padding = 1),
        } -> [4, 6, 6],
        Sigmoid,
        MaxPool2d(2),
        Upsample2d(2),
        AvgPool2d(2),
        Flatten,
        head: Dense(3),
        Softmax,
    } -> [3]
}

network! {
    /// Part two's pieces, which run in chunks too: a shortcut, grouped,
    /// dilated and "same" convolutions, same max pooling, ReLU6, skips that
    /// join a named earlier layer by Concat and by Add, global pooling.
    struct Skips: [4, 7, 7] {
        Residual {
            c1: Conv2d(6, kernel = 3, stride = 2, padding = same), Tanh,
        } shortcut {
            project: Conv2d(6, kernel = 1, stride = 2),
        },
        start: Relu6 -> [6, 4, 4],
        dw: Conv2d(6, kernel = 3, padding = same, groups = 6),
        wide: Conv2d(6, kernel = 3, padding = 2, dilation = 2, groups = 3),
        Add(start),
        Concat(start, dw) -> [18, 4, 4],
        MaxPool2d(3, stride = 2, padding = same),
        GlobalAvgPool,
        head: Dense(3),
    } -> [3]
}

const STEPS: [f32; 6] = [1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5];
/// Elements checked per tensor, besides the one with the largest gradient.
const SAMPLES: usize = 6;

fn loss<N: Network + Zeroable>(model: &N, xs: &[N::Input], r: &[N::Output], seed: u64) -> f64 {
    let mut model = net::clone_boxed(model);
    let (ys, _) = model.forward_train(xs, &mut Rng::seed_from_u64(seed));
    ys.iter()
        .zip(r)
        .flat_map(|(y, r)| y.as_slice().iter().zip(r.as_slice()))
        .map(|(&y, &r)| y as f64 * r as f64)
        .sum()
}

fn random<T: Tensor>(rng: &mut Rng, scale: f32) -> T {
    let mut t = T::zeros();
    t.as_mut_slice()
        .iter_mut()
        .for_each(|v| *v = rng.uniform(-scale, scale));
    t
}

/// The elements to check: the largest gradient and a few random ones.
fn sample(rng: &mut Rng, grad: &[f32]) -> Vec<usize> {
    let largest = (0..grad.len())
        .max_by(|&a, &b| grad[a].abs().total_cmp(&grad[b].abs()))
        .unwrap_or(0);
    let mut picked = vec![largest];
    picked.extend((0..SAMPLES).map(|_| rng.below(grad.len())));
    picked
}

/// Checks sampled elements of `grad`, the largest first; `moved(i, step)` is
/// the loss with element `i` moved by `step`.
fn check_elements(rng: &mut Rng, what: &str, grad: &[f32], moved: impl Fn(usize, f32) -> f64) {
    let scale = grad.iter().fold(0.0f32, |m, g| m.max(g.abs())) as f64;
    for (k, i) in sample(rng, grad).into_iter().enumerate() {
        let analytic = grad[i] as f64;
        let tolerance = 0.05 * analytic.abs() + 0.005 * scale + 2e-5;
        let base = moved(i, 0.0);
        let estimates: Vec<f64> = STEPS
            .iter()
            .flat_map(|&h| {
                let (up, down, h) = (moved(i, h), moved(i, -h), h as f64);
                [(up - down) / (2.0 * h), (up - base) / h, (base - down) / h]
            })
            .collect();
        let low = estimates.iter().copied().fold(f64::INFINITY, f64::min);
        let high = estimates.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert!(
            low - tolerance <= analytic && analytic <= high + tolerance,
            "{what}[{i}]: backward gives {analytic}, outside the finite differences {estimates:?}"
        );
        if k == 0 {
            assert!(
                estimates.iter().any(|e| (e - analytic).abs() <= tolerance),
                "{what}[{i}]: the largest gradient is {analytic}, but no finite difference comes near: {estimates:?}"
            );
        }
    }
}

fn check_network<N: Network + Zeroable>(model: &N, xs: Vec<N::Input>, seed: u64) {
    let mut rng = Rng::seed_from_u64(seed ^ 0x5eed);
    let r: Vec<N::Output> = xs.iter().map(|_| random(&mut rng, 1.0)).collect();
    let mut trained = net::clone_boxed(model);
    let (_, cache) = trained.forward_train(&xs, &mut Rng::seed_from_u64(seed));
    let mut grads = N::Grads::default();
    let dxs = trained.backward(&cache, &r, &mut grads);

    let mut tensors: Vec<(String, Vec<f32>)> = Vec::new();
    net::clone_boxed(model).visit_params_mut(&grads, &mut |name, _, g| {
        tensors.push((name.to_string(), g.to_vec()))
    });
    assert!(!tensors.is_empty());
    for (name, grad) in &tensors {
        check_elements(&mut rng, name, grad, |i, step| {
            let mut m = net::clone_boxed(model);
            m.visit_params_mut(&N::Grads::default(), &mut |n, p, _| {
                if n == name {
                    p[i] += step;
                }
            });
            loss(&*m, &xs, &r, seed)
        });
    }

    let dx_all = net::__private::batch_as_slice(&dxs).to_vec();
    check_elements(&mut rng, "input", &dx_all, |i, step| {
        let mut shifted = xs.clone();
        net::__private::batch_as_mut_slice(&mut shifted)[i] += step;
        loss(model, &shifted, &r, seed)
    });
}

proptest! {
    // A fixed seed: finite differences in f32 are judged with tolerances that
    // were measured, so the cases stay the same from run to run.
    #![proptest_config(ProptestConfig { cases: 6, rng_seed: RngSeed::Fixed(20261127), ..ProptestConfig::default() })]

    #[test]
    fn lenet_gradients_match_finite_differences(seed: u64, batch in 1..4usize) {
        let mut rng = Rng::seed_from_u64(seed);
        let xs = (0..batch).map(|_| random(&mut rng, 1.0)).collect();
        check_network(&*LeNet5::new(seed), xs, seed);
    }

    #[test]
    fn denoiser_gradients_match_finite_differences(seed: u64, batch in 1..3usize) {
        let mut rng = Rng::seed_from_u64(seed);
        let xs = (0..batch).map(|_| random(&mut rng, 1.0)).collect();
        check_network(&*Denoiser::new(seed), xs, seed);
    }

    #[test]
    fn residual_network_gradients_match_finite_differences(seed: u64, batch in 2..5usize) {
        let mut rng = Rng::seed_from_u64(seed);
        let xs = (0..batch).map(|_| random(&mut rng, 1.0)).collect();
        check_network(&*ResNet::new(seed), xs, seed);
    }

    #[test]
    fn chunked_residual_network_gradients_match_finite_differences(seed: u64, batch in 1..4usize) {
        let mut rng = Rng::seed_from_u64(seed);
        let xs = (0..batch).map(|_| random(&mut rng, 1.0)).collect();
        check_network(&*Chunked::new(seed), xs, seed);
    }

    #[test]
    fn part_two_gradients_match_finite_differences(seed: u64, batch in 1..4usize) {
        let mut rng = Rng::seed_from_u64(seed);
        let xs = (0..batch).map(|_| random(&mut rng, 1.0)).collect();
        check_network(&*Skips::new(seed), xs, seed);
    }
}

/// Every parameter tensor of `grads`, by name.
fn tensors<G: NamedTensors>(grads: &G) -> Vec<(String, Vec<f32>)> {
    let mut list = Vec::new();
    grads.visit(&mut |name, _, data| {
        if let TensorData::F32(values) = data {
            list.push((name.to_string(), values.to_vec()));
        }
    });
    list
}

fn assert_same_sums(what: &str, got: &[f32], want: &[f32]) {
    let scale = want.iter().fold(1e-6f32, |m, v| m.max(v.abs()));
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= 1e-5 * scale,
            "{what}[{i}]: {g} for the batch, {w} sample by sample"
        );
    }
}

/// A batch of several chunks gives its samples' gradients, added up:
/// `backward` and `backward_params` add each chunk's share to the gradients
/// they are given, and the input gradients are each sample's own.
#[test]
fn batches_in_chunks_add_up_their_samples_gradients() {
    fn check<N: Network + Zeroable>(model: &N, batch: usize)
    where
        N::Grads: Clone,
    {
        assert!(
            net::__private::chunks::chunk_count(batch) > 2,
            "the batch must span chunks"
        );
        let mut rng = Rng::seed_from_u64(batch as u64);
        let xs: Vec<N::Input> = (0..batch).map(|_| random(&mut rng, 1.0)).collect();
        let r: Vec<N::Output> = xs.iter().map(|_| random(&mut rng, 1.0)).collect();
        let mut model = net::clone_boxed(model);
        let mut start = N::Grads::default();
        start.visit_mut(&mut |_, _, data| {
            if let TensorDataMut::F32(values) = data {
                values.fill(0.5);
            }
        });
        let (_, mut cache) = model.forward_train(&xs, &mut Rng::seed_from_u64(0));
        let mut whole = start.clone();
        let dxs = model.backward(&cache, &r, &mut whole);
        let mut params_only = start.clone();
        model.backward_params(&mut cache, &r, &mut params_only);
        assert!(tensors(&params_only) == tensors(&whole));

        let mut summed = start.clone();
        for (i, (x, r)) in xs.iter().zip(&r).enumerate() {
            let (_, cache) =
                model.forward_train(std::slice::from_ref(x), &mut Rng::seed_from_u64(0));
            let dx = model.backward(&cache, std::slice::from_ref(r), &mut summed);
            assert_same_sums("input", dx[0].as_slice(), dxs[i].as_slice());
        }
        for ((name, got), (_, want)) in tensors(&whole).iter().zip(tensors(&summed)) {
            assert_same_sums(name, got, &want);
        }
    }
    check(&*LeNet5::new(3), 70);
    check(&*Denoiser::new(3), 100);
    check(&*Chunked::new(3), 99);
}

/// Everything one training step computes.
#[derive(PartialEq)]
struct Step<N: Network> {
    outputs: Vec<N::Output>,
    grads: N::Grads,
    input_grads: Vec<N::Input>,
    /// The model after the step: batch norm's running statistics moved.
    model: Box<N>,
}

fn step_on_threads<N: Network + Zeroable>(model: &N, xs: &[N::Input], threads: usize) -> Step<N> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let mut model = net::clone_boxed(model);
        let (outputs, cache) = model.forward_train(xs, &mut Rng::seed_from_u64(9));
        let mut grads = N::Grads::default();
        let input_grads = model.backward(&cache, &outputs, &mut grads);
        Step {
            outputs,
            grads,
            input_grads,
            model,
        }
    })
}

#[test]
fn training_is_bitwise_the_same_on_one_and_two_threads() {
    fn same<N: Network + Zeroable + PartialEq>(model: &N, xs: &[N::Input])
    where
        N::Output: PartialEq,
        N::Input: PartialEq,
        N::Grads: PartialEq,
    {
        let (one, two) = (step_on_threads(model, xs, 1), step_on_threads(model, xs, 2));
        assert!(one.outputs == two.outputs, "outputs differ");
        assert!(one.grads == two.grads, "gradients differ");
        assert!(one.input_grads == two.input_grads, "input gradients differ");
        assert!(one.model == two.model, "updated running statistics differ");
    }
    let mut rng = Rng::seed_from_u64(1);
    let xs: Vec<_> = (0..67).map(|_| random(&mut rng, 1.0)).collect();
    same(&*LeNet5::new(1), &xs);
    let xs: Vec<_> = (0..37).map(|_| random(&mut rng, 1.0)).collect();
    same(&*Denoiser::new(1), &xs);
    let xs: Vec<_> = (0..45).map(|_| random(&mut rng, 1.0)).collect();
    same(&*ResNet::new(1), &xs);
    let xs: Vec<_> = (0..75).map(|_| random(&mut rng, 1.0)).collect();
    same(&*Chunked::new(1), &xs);
}
