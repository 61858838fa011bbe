//! The LeNet-5 layers' kernels and the depthwise and 1x1 convolutions of
//! DS-CNN and MobileNetV1, forward and backward, at batch 1 and 64, on one
//! thread; and a 256^3 SGEMM from the `gemm` crate as the machine's yardstick.
//! Throughput is reported in FLOP (a multiply-add counts 2), so criterion's
//! "Gelem/s" reads as GFLOP/s. Run: `cargo bench --bench kernels`.

use criterion::{black_box, criterion_group, BenchmarkGroup, Criterion, Throughput};
use net::kernels::{conv, dense, grouped, pool};
use net::prelude::*;
use std::time::Duration;

fn random<T: Tensor>(rng: &mut Rng) -> T {
    let mut t = T::zeros();
    t.as_mut_slice()
        .iter_mut()
        .for_each(|v| *v = rng.uniform(-1.0, 1.0));
    t
}

fn batch<T: Tensor>(rng: &mut Rng, n: usize) -> Vec<T> {
    (0..n).map(|_| random(rng)).collect()
}

fn bench_flops<M: criterion::measurement::Measurement>(
    group: &mut BenchmarkGroup<'_, M>,
    name: &str,
    flops: u64,
    mut run: impl FnMut(),
) {
    group.throughput(Throughput::Elements(flops));
    group.bench_function(name, |b| b.iter(&mut run));
}

fn lenet_layers(c: &mut Criterion) {
    let mut rng = Rng::seed_from_u64(1);
    let mut group = c.benchmark_group("lenet");
    group
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));

    // conv1: 1 -> 6 channels, 5x5, on 28x28.
    let w1: Tensor4<6, 1, 5, 5> = random(&mut rng);
    let b1: Tensor1<6> = random(&mut rng);
    let conv1_flops = 2 * 6 * 25 * 24 * 24;
    // conv2: 6 -> 16 channels, 5x5, on 12x12.
    let w2: Tensor4<16, 6, 5, 5> = random(&mut rng);
    let b2: Tensor1<16> = random(&mut rng);
    let conv2_flops = 2 * 16 * 150 * 8 * 8;
    // fc1: 256 -> 120.
    let w3: Tensor2<120, 256> = random(&mut rng);
    let b3: Tensor1<120> = random(&mut rng);
    let dense_flops = 2 * 256 * 120;

    {
        for n in [1usize, 64] {
            let n64 = n as u64;
            let x1: Vec<Tensor3<1, 28, 28>> = batch(&mut rng, n);
            let mut y1 = vec![Tensor3::<6, 24, 24>::zeros(); n];
            let (mut dw1, mut db1) = (Tensor4::zeros(), Tensor1::zeros());
            if n == 1 {
                bench_flops(&mut group, "conv1_forward_b1_direct", conv1_flops, || {
                    conv::conv2d_forward::<1, 28, 28, 6, 5, 5, 1, 1, 0, 0, 24, 24>(
                        &x1[0],
                        &w1,
                        Some(&b1),
                        &mut y1[0],
                    )
                });
            }
            bench_flops(
                &mut group,
                &format!("conv1_forward_b{n}"),
                conv1_flops * n64,
                || {
                    conv::conv2d_forward_batch::<1, 28, 28, 6, 5, 5, 1, 1, 0, 0, 24, 24>(
                        &x1,
                        &w1,
                        Some(&b1),
                        &mut y1,
                    )
                },
            );
            // The first layer's input gradient is not needed in training.
            bench_flops(
                &mut group,
                &format!("conv1_backward_weights_b{n}"),
                conv1_flops * n64,
                || {
                    conv::conv2d_backward_batch::<1, 28, 28, 6, 5, 5, 1, 1, 0, 0, 24, 24>(
                        &x1,
                        &w1,
                        &y1,
                        None,
                        &mut dw1,
                        Some(&mut db1),
                    )
                },
            );

            if n == 1 {
                let mut p1 = Tensor3::<6, 12, 12>::zeros();
                let mut r1 = Tensor3::<6, 24, 24>::zeros();
                // Not multiply-adds: one "FLOP" per input value read, to compare passes.
                bench_flops(
                    &mut group,
                    "relu1_pool1_forward_b1",
                    2 * 6 * 24 * 24,
                    || {
                        net::kernels::activation::relu(y1[0].as_slice(), r1.as_mut_slice());
                        pool::max_pool2d_forward::<6, 24, 24, 2, 2, 2, 2, 0, 0, 12, 12>(
                            &r1, &mut p1,
                        )
                    },
                );
            }

            let x2: Vec<Tensor3<6, 12, 12>> = batch(&mut rng, n);
            let mut y2 = vec![Tensor3::<16, 8, 8>::zeros(); n];
            let mut dx2 = vec![Tensor3::<6, 12, 12>::zeros(); n];
            let (mut dw2, mut db2) = (Tensor4::zeros(), Tensor1::zeros());
            if n == 1 {
                bench_flops(&mut group, "conv2_forward_b1_direct", conv2_flops, || {
                    conv::conv2d_forward::<6, 12, 12, 16, 5, 5, 1, 1, 0, 0, 8, 8>(
                        &x2[0],
                        &w2,
                        Some(&b2),
                        &mut y2[0],
                    )
                });
            }
            bench_flops(
                &mut group,
                &format!("conv2_forward_b{n}"),
                conv2_flops * n64,
                || {
                    conv::conv2d_forward_batch::<6, 12, 12, 16, 5, 5, 1, 1, 0, 0, 8, 8>(
                        &x2,
                        &w2,
                        Some(&b2),
                        &mut y2,
                    )
                },
            );
            bench_flops(
                &mut group,
                &format!("conv2_backward_b{n}"),
                2 * conv2_flops * n64,
                || {
                    conv::conv2d_backward_batch::<6, 12, 12, 16, 5, 5, 1, 1, 0, 0, 8, 8>(
                        &x2,
                        &w2,
                        &y2,
                        Some(&mut dx2),
                        &mut dw2,
                        Some(&mut db2),
                    )
                },
            );
            bench_flops(
                &mut group,
                &format!("conv2_forward_backward_b{n}"),
                3 * conv2_flops * n64,
                || {
                    conv::conv2d_forward_batch::<6, 12, 12, 16, 5, 5, 1, 1, 0, 0, 8, 8>(
                        &x2,
                        &w2,
                        Some(&b2),
                        &mut y2,
                    );
                    conv::conv2d_backward_batch::<6, 12, 12, 16, 5, 5, 1, 1, 0, 0, 8, 8>(
                        &x2,
                        &w2,
                        &y2,
                        Some(&mut dx2),
                        &mut dw2,
                        Some(&mut db2),
                    )
                },
            );

            let x3: Vec<Tensor1<256>> = batch(&mut rng, n);
            let mut y3 = vec![Tensor1::<120>::zeros(); n];
            let mut dx3 = vec![Tensor1::<256>::zeros(); n];
            let (mut dw3, mut db3) = (Tensor2::zeros(), Tensor1::zeros());
            if n == 1 {
                bench_flops(&mut group, "fc1_forward_b1_direct", dense_flops, || {
                    dense::dense_forward(&x3[0], &w3, Some(&b3), &mut y3[0])
                });
            }
            bench_flops(
                &mut group,
                &format!("fc1_forward_b{n}"),
                dense_flops * n64,
                || dense::dense_forward_batch(&x3, &w3, Some(&b3), &mut y3),
            );
            bench_flops(
                &mut group,
                &format!("fc1_backward_b{n}"),
                2 * dense_flops * n64,
                || {
                    dense::dense_backward_batch(
                        &x3,
                        &w3,
                        &y3,
                        Some(&mut dx3),
                        &mut dw3,
                        Some(&mut db3),
                    )
                },
            );
        }
    }
    group.finish();
    black_box((w1, w2, w3));
}

fn sgemm_yardstick(c: &mut Criterion) {
    const N: usize = 256;
    let mut rng = Rng::seed_from_u64(2);
    let a: Vec<f32> = (0..N * N).map(|_| rng.uniform(-1.0, 1.0)).collect();
    let b: Vec<f32> = (0..N * N).map(|_| rng.uniform(-1.0, 1.0)).collect();
    let mut out = vec![0.0f32; N * N];
    let mut group = c.benchmark_group("yardstick");
    group
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    bench_flops(&mut group, "sgemm_256", 2 * (N * N * N) as u64, || {
        // SAFETY: a, b and out each hold N x N row-major f32s, the strides below
        // describe exactly that, and out aliases neither input.
        unsafe {
            gemm::gemm(
                N,
                N,
                N,
                out.as_mut_ptr(),
                1,
                N as isize,
                false,
                a.as_ptr(),
                1,
                N as isize,
                b.as_ptr(),
                1,
                N as isize,
                0.0,
                1.0,
                false,
                false,
                false,
                gemm::Parallelism::None,
            )
        }
    });
    group.finish();
}

fn part_two_group(c: &mut Criterion) -> BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group("part_two");
    group
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    group
}

/// A depthwise 3x3 convolution over C channels with TensorFlow's "same"
/// padding (P before, Q after) and stride S: its own kernel, one channel's
/// window at a time.
#[allow(clippy::too_many_arguments)]
fn depthwise<
    const C: usize,
    const H: usize,
    const W: usize,
    const S: usize,
    const P: usize,
    const Q: usize,
    const OH: usize,
    const OW: usize,
>(
    c: &mut Criterion,
    name: &str,
) {
    let mut rng = Rng::seed_from_u64(3);
    let mut group = part_two_group(c);
    let weight: Tensor4<C, 1, 3, 3> = random(&mut rng);
    let bias: Tensor1<C> = random(&mut rng);
    let flops = (2 * C * 9 * OH * OW) as u64;
    for n in [1usize, 64] {
        let xs: Vec<Tensor3<C, H, W>> = batch(&mut rng, n);
        let mut ys = vec![Tensor3::<C, OH, OW>::zeros(); n];
        let mut dxs = vec![Tensor3::<C, H, W>::zeros(); n];
        let (mut dw, mut db) = (Tensor4::zeros(), Tensor1::zeros());
        bench_flops(
            &mut group,
            &format!("{name}_forward_b{n}"),
            flops * n as u64,
            || {
                grouped::conv2d_forward_batch::<C, H, W, C, 1, 3, 3, S, S, 1, 1, P, P, Q, Q, OH, OW>(
                    &xs,
                    &weight,
                    Some(&bias),
                    &mut ys,
                )
            },
        );
        bench_flops(
            &mut group,
            &format!("{name}_backward_b{n}"),
            2 * flops * n as u64,
            || {
                grouped::conv2d_backward_batch::<C, H, W, C, 1, 3, 3, S, S, 1, 1, P, P, Q, Q, OH, OW>(
                    &xs,
                    &weight,
                    &ys,
                    Some(&mut dxs),
                    &mut dw,
                    Some(&mut db),
                )
            },
        );
    }
    group.finish();
}

/// A 1x1 convolution from C to O channels over H x W positions: one GEMM
/// per sample over its positions.
fn pointwise<const C: usize, const H: usize, const W: usize, const O: usize>(
    c: &mut Criterion,
    name: &str,
) {
    let mut rng = Rng::seed_from_u64(4);
    let mut group = part_two_group(c);
    let weight: Tensor4<O, C, 1, 1> = random(&mut rng);
    let bias: Tensor1<O> = random(&mut rng);
    let flops = (2 * O * C * H * W) as u64;
    for n in [1usize, 64] {
        let xs: Vec<Tensor3<C, H, W>> = batch(&mut rng, n);
        let mut ys = vec![Tensor3::<O, H, W>::zeros(); n];
        let mut dxs = vec![Tensor3::<C, H, W>::zeros(); n];
        let (mut dw, mut db) = (Tensor4::zeros(), Tensor1::zeros());
        bench_flops(
            &mut group,
            &format!("{name}_forward_b{n}"),
            flops * n as u64,
            || {
                conv::conv2d_forward_batch::<C, H, W, O, 1, 1, 1, 1, 0, 0, H, W>(
                    &xs,
                    &weight,
                    Some(&bias),
                    &mut ys,
                )
            },
        );
        bench_flops(
            &mut group,
            &format!("{name}_backward_b{n}"),
            2 * flops * n as u64,
            || {
                conv::conv2d_backward_batch::<C, H, W, O, 1, 1, 1, 1, 0, 0, H, W>(
                    &xs,
                    &weight,
                    &ys,
                    Some(&mut dxs),
                    &mut dw,
                    Some(&mut db),
                )
            },
        );
    }
    group.finish();
}

fn part_two_layers(c: &mut Criterion) {
    // DS-CNN's blocks: 64 channels over 25 x 5.
    depthwise::<64, 25, 5, 1, 1, 1, 25, 5>(c, "dscnn_dw");
    pointwise::<64, 25, 5, 64>(c, "dscnn_pw");
    // MobileNetV1's first blocks at 48 x 48, and a strided depthwise step
    // whose "same" padding is one cell after.
    depthwise::<8, 48, 48, 1, 1, 1, 48, 48>(c, "mobilenet_dw1");
    pointwise::<8, 48, 48, 16>(c, "mobilenet_pw1");
    depthwise::<16, 48, 48, 2, 0, 1, 24, 24>(c, "mobilenet_dw2_stride2");
    // Its widest 1x1: 128 channels over 6 x 6.
    pointwise::<128, 6, 6, 128>(c, "mobilenet_pw7");
}

criterion_group!(benches, sgemm_yardstick, lenet_layers, part_two_layers);

/// Runs every benchmark on the one worker of a one-thread rayon pool, so the
/// batched kernels run on one thread without handing work across threads.
fn main() {
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    one_thread.install(|| {
        benches();
        Criterion::default().configure_from_args().final_summary();
    });
}
