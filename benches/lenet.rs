//! LeNet-5 on the workload of the peer-bench harness, which times dfdx,
//! candle, burn and tract, printing lines in its format,
//! `net <measurement> <value> <unit>`, so the figures sit beside theirs:
//!
//!   infer_b1_latency_1t    one `forward`, batch 1, 1 thread (us)
//!   infer_b256_{1,2}t      `forward_batch` of 256 samples (samples/s)
//!   train_b64_{1,2}t       forward_train + softmax cross-entropy + backward +
//!                          plain SGD (lr 1e-3), batch 64 (samples/s), with
//!                          the threads spinning between parallel regions as
//!                          the trainer runs them (`with_spinning_workers`)
//!
//! Weights (SplitMix64, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), PyTorch layouts),
//! inputs and labels are drawn exactly as the harness draws them; the logits
//! are checked against plain loops before anything is timed. Each figure is
//! the median of BENCH_REPEATS (5) repeats of at least BENCH_SECS (2) seconds.
//! Run: `cargo bench --bench lenet` (BENCH_SECS=0.2 for a quick look;
//! BENCH_ONLY=train_b64_2t, or any other name, times that line alone, as a
//! profiler wants).

use net::models::LeNet5;
use net::prelude::*;
use net::{Optimizer, Sgd};
use std::hint::black_box;
use std::time::Instant;

const SEED: u64 = 0x5EED_1E9E7;

/// The harness's generator: SplitMix64.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Weights and biases in the harness's order (conv1.weight, conv1.bias, ...,
/// fc3.bias), which is also the order `visit_params_mut` visits them in.
fn load_harness_weights(model: &mut LeNet5) {
    let mut rng = SplitMix(SEED);
    let fan_in = [25, 25, 150, 150, 256, 256, 120, 120, 84, 84];
    let mut index = 0;
    model.visit_params_mut(&Default::default(), &mut |_, params, _| {
        let bound = 1.0 / (fan_in[index] as f32).sqrt();
        params
            .iter_mut()
            .for_each(|p| *p = (2.0 * rng.uniform() - 1.0) * bound);
        index += 1;
    });
}

fn inputs(n: usize, seed: u64) -> Vec<Tensor3<1, 28, 28>> {
    let mut rng = SplitMix(seed ^ 0xA11CE);
    (0..n)
        .map(|_| Tensor3::zeros().map(|_| rng.uniform()))
        .collect()
}

fn labels(n: usize, seed: u64) -> Vec<usize> {
    let mut rng = SplitMix(seed ^ 0xB0B);
    (0..n).map(|_| (rng.next() % 10) as usize).collect()
}

/// LeNet-5 in plain loops, in f64: the reference the logits are checked against.
fn reference(model: &LeNet5, x: &Tensor3<1, 28, 28>) -> Vec<f64> {
    fn conv(x: &[f64], c: usize, h: usize, w: &[f32], b: &[f32], o: usize) -> Vec<f64> {
        let oh = h - 4;
        let mut y = vec![0.0; o * oh * oh];
        for oc in 0..o {
            for i in 0..oh {
                for j in 0..oh {
                    let mut s = b[oc] as f64;
                    for ic in 0..c {
                        for a in 0..5 {
                            for d in 0..5 {
                                s += w[((oc * c + ic) * 5 + a) * 5 + d] as f64
                                    * x[(ic * h + i + a) * h + j + d];
                            }
                        }
                    }
                    y[(oc * oh + i) * oh + j] = s.max(0.0);
                }
            }
        }
        y
    }
    fn pool(x: &[f64], c: usize, h: usize) -> Vec<f64> {
        let oh = h / 2;
        let mut y = vec![0.0; c * oh * oh];
        for ch in 0..c {
            for i in 0..oh {
                for j in 0..oh {
                    let at = |a: usize, d: usize| x[(ch * h + 2 * i + a) * h + 2 * j + d];
                    y[(ch * oh + i) * oh + j] = at(0, 0).max(at(0, 1)).max(at(1, 0)).max(at(1, 1));
                }
            }
        }
        y
    }
    fn dense(x: &[f64], w: &[f32], b: &[f32], relu: bool) -> Vec<f64> {
        b.iter()
            .enumerate()
            .map(|(o, &bias)| {
                let s = bias as f64
                    + x.iter()
                        .enumerate()
                        .map(|(i, v)| w[o * x.len() + i] as f64 * v)
                        .sum::<f64>();
                if relu {
                    s.max(0.0)
                } else {
                    s
                }
            })
            .collect()
    }
    let x: Vec<f64> = x.as_slice().iter().map(|&v| v as f64).collect();
    let a = pool(
        &conv(
            &x,
            1,
            28,
            model.conv1.weight.as_slice(),
            model.conv1.bias.as_slice(),
            6,
        ),
        6,
        24,
    );
    let a = pool(
        &conv(
            &a,
            6,
            12,
            model.conv2.weight.as_slice(),
            model.conv2.bias.as_slice(),
            16,
        ),
        16,
        8,
    );
    let a = dense(
        &a,
        model.fc1.weight.as_slice(),
        model.fc1.bias.as_slice(),
        true,
    );
    let a = dense(
        &a,
        model.fc2.weight.as_slice(),
        model.fc2.bias.as_slice(),
        true,
    );
    dense(
        &a,
        model.fc3.weight.as_slice(),
        model.fc3.bias.as_slice(),
        false,
    )
}

fn env(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The harness's timing: warm up, size a repeat to at least BENCH_SECS, and
/// return the median seconds per call over BENCH_REPEATS repeats.
fn time<R>(label: &str, mut f: impl FnMut() -> R) -> Option<f64> {
    if std::env::var("BENCH_ONLY").is_ok_and(|only| only != label) {
        return None;
    }
    let (secs, repeats) = (env("BENCH_SECS", 2.0), env("BENCH_REPEATS", 5.0) as usize);
    let start = Instant::now();
    let mut calls = 0u64;
    while calls < 3 || start.elapsed().as_secs_f64() < (secs / 4.0).min(0.5) {
        black_box(f());
        calls += 1;
    }
    let iters = ((secs / (start.elapsed().as_secs_f64() / calls as f64)).ceil() as u64).max(1);
    let mut samples: Vec<f64> = (0..repeats.max(1))
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            t.elapsed().as_secs_f64() / iters as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let median = samples[samples.len() / 2];
    eprintln!(
        "# net {label}: {iters} calls x {} repeats, per call min {:.3e} median {median:.3e} max {:.3e} s",
        samples.len(),
        samples[0],
        samples[samples.len() - 1]
    );
    Some(median)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let mut model = LeNet5::new(0);
    load_harness_weights(&mut model);

    for n in [1, 3] {
        let xs = inputs(n, SEED + n as u64);
        let (mut worst, mut scale) = (0.0f64, 0.0f64);
        for x in &xs {
            let want = reference(&model, x);
            for (g, w) in model.forward(x).as_slice().iter().zip(&want) {
                worst = worst.max((*g as f64 - w).abs());
                scale = scale.max(w.abs());
            }
        }
        let err = worst / scale;
        println!("net check_fwd_b{n}_max_rel_err {err:.3e} ratio");
        if err > 1e-4 {
            eprintln!("the forward pass differs from plain loops: stopping before any timing");
            std::process::exit(2);
        }
    }

    let x1 = inputs(1, SEED + 1)[0];
    let x256 = inputs(256, SEED + 256);
    let (x64, y64) = (inputs(64, SEED + 64), labels(64, SEED + 64));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            if threads == 1 {
                if let Some(s) = time("infer_b1_latency_1t", || model.forward(&x1)) {
                    println!("net infer_b1_latency_1t {:.3} us", s * 1e6);
                }
            }
            let label = format!("infer_b256_{threads}t");
            if let Some(s) = time(&label, || model.forward_batch(&x256)) {
                println!("net {label} {:.1} samples/s", 256.0 / s);
            }
            let mut trained = net::clone_boxed(&*model);
            let mut grads = net::zeroed_box::<<LeNet5 as Network>::Grads>();
            let mut sgd = Sgd::new(1e-3);
            let mut cache = Default::default();
            let label = format!("train_b64_{threads}t");
            let timed = net::train::with_spinning_workers(|| {
                time(&label, || {
                    let (logits, used) = trained.forward_train_reusing(
                        &x64,
                        &mut Rng::seed_from_u64(0),
                        std::mem::take(&mut cache),
                    );
                    cache = used;
                    let (loss, dys) = net::loss::softmax_cross_entropy(&logits, &y64).unwrap();
                    net::fill_zeros(&mut *grads);
                    trained.backward_params(&mut cache, &dys, &mut grads);
                    sgd.step(&mut *trained, &grads);
                    loss
                })
            });
            if let Some(s) = timed {
                println!("net {label} {:.1} samples/s", 64.0 / s);
            }
        });
    }
}
