//! A whole `network!` LeNet-5: forward latency at batch 1 (`forward`, and
//! `forward_in` with a scratch kept between calls), and a training step
//! (forward_train + backward) at batch 64 on one and on two threads; and
//! ResNet-8's forward and forward_in at batch 1; a training step of the
//! U-Net at batch 8 on two threads, as the segment example's trainer runs it.
//! Run: `cargo bench --bench network`. Throughput is in FLOP, counted as the
//! peer benchmarks count them: 563,280 per sample forward, 1,517,040 per
//! sample for a training step (forward, and backward without conv1's input
//! gradient), so criterion's "Gelem/s" reads as GFLOP/s.

use criterion::{criterion_group, Criterion, Throughput};
use net::models::{LeNet5, LeNet5Scratch, Resnet8, UNet};
use net::prelude::*;
use std::time::Duration;

const FORWARD_FLOP: u64 = 563_280;
const TRAIN_FLOP: u64 = 1_517_040;

fn images(n: usize, seed: u64) -> Vec<Tensor3<1, 28, 28>> {
    let mut rng = Rng::seed_from_u64(seed);
    (0..n)
        .map(|_| Tensor3::zeros().map(|_| rng.next_f32()))
        .collect()
}

fn lenet(c: &mut Criterion) {
    let mut group = c.benchmark_group("lenet5");
    group
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    let mut model = LeNet5::new(1);
    let x = images(1, 2)[0];
    group.throughput(Throughput::Elements(FORWARD_FLOP));
    group.bench_function("forward_b1", |b| b.iter(|| model.forward(&x)));
    let mut scratch = LeNet5Scratch::new();
    group.bench_function("forward_in_b1", |b| {
        b.iter(|| *model.forward_in(&x, &mut scratch))
    });

    let xs = images(64, 3);
    group.throughput(Throughput::Elements(64 * TRAIN_FLOP));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut grads = <LeNet5 as Network>::Grads::default();
        group.bench_function(format!("train_step_b64_{threads}t"), |b| {
            b.iter(|| {
                pool.install(|| {
                    let (ys, cache) = model.forward_train(&xs, &mut Rng::seed_from_u64(4));
                    model.backward(&cache, &ys, &mut grads)
                })
            })
        });
    }
    group.finish();
}

/// ResNet-8 at batch 1; `forward_in`'s scratch (192 KB) is on the heap.
fn resnet8(c: &mut Criterion) {
    let mut group = c.benchmark_group("resnet8");
    group
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    let model = Resnet8::new(5);
    let mut rng = Rng::seed_from_u64(6);
    let x = Tensor3::<3, 32, 32>::zeros().map(|_| rng.next_f32());
    group.bench_function("forward_b1", |b| b.iter(|| model.forward(&x)));
    let mut scratch = net::zeroed_box::<<Resnet8 as Network>::Scratch>();
    group.bench_function("forward_in_b1", |b| {
        b.iter(|| *model.forward_in(&x, &mut scratch))
    });
    group.finish();
}

/// One step of the U-Net's training at batch 8 (49,158,144 multiply-adds a
/// canvas forward), with the trainer's reused cache and spinning workers;
/// throughput in canvases.
fn unet(c: &mut Criterion) {
    let mut group = c.benchmark_group("unet");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(6))
        .warm_up_time(Duration::from_secs(1));
    let mut model = UNet::new(7);
    let mut rng = Rng::seed_from_u64(8);
    let xs: Vec<Tensor3<1, 64, 84>> = (0..8)
        .map(|_| Tensor3::zeros().map(|_| rng.next_f32()))
        .collect();
    let dys: Vec<Tensor3<11, 64, 84>> = (0..8)
        .map(|_| Tensor3::zeros().map(|_| rng.next_f32() - 0.5))
        .collect();
    let mut grads = net::zeroed_box::<<UNet as Network>::Grads>();
    let mut cache = <UNet as Network>::Cache::default();
    group.throughput(Throughput::Elements(8));
    group.bench_function("train_step_b8_2t", |b| {
        net::train::with_spinning_workers(|| {
            b.iter(|| {
                let (_, used) =
                    model.forward_train_reusing(&xs, &mut rng, std::mem::take(&mut cache));
                cache = used;
                model.backward_params(&mut cache, &dys, &mut grads);
            })
        })
    });
    group.finish();
}

criterion_group!(benches, lenet, resnet8, unet);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
