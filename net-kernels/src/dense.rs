//! Fully connected layer: `y = W x + b`, weight `[out, in]` as PyTorch's `Linear`.
//!
//! One sample is a matrix-vector product in plain loops (no scratch memory); a
//! batch is one GEMM per chunk, `Y = X W^T`, whose rows are already the
//! samples, and a batch of one chunk one GEMM cut in two by columns.

use net_core::{Tensor1, Tensor2};
#[cfg(feature = "std")]
use {
    crate::matmul::{matmul, matmul_column_halves, MatRef},
    crate::window::chunk_len,
    net_core::chunks::add_in_order,
    net_core::{batch_as_mut_slice, batch_as_slice},
    rayon::prelude::*,
};

/// One sample; `y` is overwritten.
#[inline]
pub fn dense_forward<const I: usize, const O: usize>(
    x: &Tensor1<I>,
    weight: &Tensor2<O, I>,
    bias: Option<&Tensor1<O>>,
    y: &mut Tensor1<O>,
) {
    crate::direct::dense_one::<I, O>(
        x.as_slice(),
        weight.as_slice(),
        bias.map(|b| b.as_slice()),
        y.as_mut_slice(),
    );
}

/// A batch; `ys` is overwritten. Panics if `xs` and `ys` differ in length.
#[cfg(feature = "std")]
pub fn dense_forward_batch<const I: usize, const O: usize>(
    xs: &[Tensor1<I>],
    weight: &Tensor2<O, I>,
    bias: Option<&Tensor1<O>>,
    ys: &mut [Tensor1<O>],
) {
    assert_eq!(xs.len(), ys.len(), "batch sizes of input and output differ");
    let chunk = chunk_len(1);
    let w = MatRef::row_major(weight.as_slice(), O, I).t();
    let add_bias = |y: &mut [f32]| {
        if let Some(bias) = bias {
            for y_b in y.chunks_exact_mut(O) {
                y_b.iter_mut().zip(&bias.data).for_each(|(y, b)| *y += b);
            }
        }
    };
    let (x_all, y_all) = (batch_as_slice(xs), batch_as_mut_slice(ys));
    if xs.len() <= chunk {
        // One chunk (a training batch): two tasks after all, by columns.
        matmul_column_halves(y_all, MatRef::row_major(x_all, xs.len(), I), w);
        add_bias(y_all);
        return;
    }
    x_all
        .par_chunks(chunk * I)
        .zip(y_all.par_chunks_mut(chunk * O))
        .for_each(|(x, y)| {
            matmul(y, false, MatRef::row_major(x, x.len() / I, I), w);
            add_bias(y);
        });
}

/// Backward pass over a batch: overwrites `dxs` (when given) and adds the batch's
/// weight and bias gradients to `dweight` and `dbias`, summed in an order that
/// does not depend on the number of threads. Panics if the lengths differ.
#[cfg(feature = "std")]
pub fn dense_backward_batch<const I: usize, const O: usize>(
    xs: &[Tensor1<I>],
    weight: &Tensor2<O, I>,
    dys: &[Tensor1<O>],
    dxs: Option<&mut [Tensor1<I>]>,
    dweight: &mut Tensor2<O, I>,
    dbias: Option<&mut Tensor1<O>>,
) {
    assert_eq!(
        xs.len(),
        dys.len(),
        "batch sizes of input and output gradient differ"
    );
    let chunk = chunk_len(1);
    let (x_all, dy_all) = (batch_as_slice(xs), batch_as_slice(dys));
    if let Some(dxs) = &dxs {
        assert_eq!(
            xs.len(),
            dxs.len(),
            "batch sizes of input and input gradient differ"
        );
    }
    // The input gradient and the parameter gradients read the same `dys` and
    // write different tensors: two tasks, so that a batch of one chunk (the
    // usual case) still keeps two threads busy. The parameter gradients stay
    // on the calling thread, which most likely zeroed them and holds them in
    // its cache: the other order made fc1's backward in LeNet-5's training
    // step on two threads twice as slow (BENCHMARKS.md).
    let input_grad = || {
        if let Some(dxs) = dxs {
            let w = MatRef::row_major(weight.as_slice(), O, I);
            dy_all
                .par_chunks(chunk * O)
                .zip(batch_as_mut_slice(dxs).par_chunks_mut(chunk * I))
                .for_each(|(dy, dx)| matmul(dx, false, MatRef::row_major(dy, dy.len() / O, O), w));
        }
    };
    let param_grads =
        || dense_param_grads::<I, O>(x_all, dy_all, chunk, dweight.as_mut_slice(), dbias);
    rayon::join(param_grads, input_grad);
}

/// Adds the weight and bias gradients of a batch (`x_all`, `dy_all` flat,
/// cut in chunks of `chunk` samples) to `dweight` and `dbias`, in chunk order.
#[cfg(feature = "std")]
fn dense_param_grads<const I: usize, const O: usize>(
    x_all: &[f32],
    dy_all: &[f32],
    chunk: usize,
    dweight: &mut [f32],
    dbias: Option<&mut Tensor1<O>>,
) {
    // The first chunk's weight gradient goes straight into `dweight`, the
    // others' into partials added after it in order; bias sums likewise.
    let (first, x_rest) = x_all.split_at(chunk.min(x_all.len() / I) * I);
    let (dy_first, dy_rest) = dy_all.split_at(first.len() / I * O);
    // `dw` (+)= dy^T x over a chunk's samples.
    let weight_grad = |x: &[f32], dy: &[f32], dw: &mut [f32], accumulate: bool| {
        let dy = MatRef::row_major(dy, dy.len() / O, O);
        matmul(dw, accumulate, dy.t(), MatRef::row_major(x, x.len() / I, I));
    };
    let rest_grads = || -> Vec<Vec<f32>> {
        x_rest
            .par_chunks(chunk * I)
            .zip(dy_rest.par_chunks(chunk * O))
            .map(|(x, dy)| {
                let mut dw = vec![0.0; O * I];
                weight_grad(x, dy, &mut dw, false);
                dw
            })
            .collect()
    };
    let first_grad = |dweight: &mut [f32]| weight_grad(first, dy_first, dweight, true);
    let partials = if x_rest.is_empty() {
        first_grad(dweight);
        Vec::new()
    } else {
        rayon::join(|| first_grad(dweight), rest_grads).1
    };
    add_in_order(dweight, partials.iter().map(|p| &p[..]));
    if let Some(dbias) = dbias {
        let sums: Vec<Vec<f32>> = dy_all
            .chunks(chunk * O)
            .map(|dy| {
                let mut sum = vec![0.0; O];
                for dy_b in dy.chunks_exact(O) {
                    sum.iter_mut().zip(dy_b).for_each(|(d, g)| *d += g);
                }
                sum
            })
            .collect();
        add_in_order(dbias.as_mut_slice(), sums.iter().map(|s| &s[..]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use net_core::Rng;
    use proptest::prelude::*;

    fn naive(inputs: usize, x: &[f64], w: &[f64], b: &[f64]) -> Vec<f64> {
        x.chunks(inputs)
            .flat_map(|x| {
                b.iter().enumerate().map(move |(o, bias)| {
                    bias + (0..inputs).map(|i| w[o * inputs + i] * x[i]).sum::<f64>()
                })
            })
            .collect()
    }

    // Sizes are const parameters: a few instantiations cover small, odd and
    // chunk-crossing batch shapes, the values and batch sizes are random.
    fn check<const I: usize, const O: usize>(seed: u64, batch: usize) {
        let mut rng = Rng::seed_from_u64(seed);
        let xs: Vec<Tensor1<I>> = (0..batch)
            .map(|_| Tensor1::from_slice(&random_vec(&mut rng, I)).unwrap())
            .collect();
        let w = Tensor2::<O, I>::from_slice(&random_vec(&mut rng, O * I)).unwrap();
        let b = Tensor1::<O>::from_slice(&random_vec(&mut rng, O)).unwrap();
        let (x_flat, w64, b64) = (
            batch_as_slice(&xs).to_vec(),
            to_f64(w.as_slice()),
            to_f64(b.as_slice()),
        );
        let want = naive(I, &to_f64(&x_flat), &w64, &b64);
        let mut ys = vec![Tensor1::<O>::zeros(); batch];
        dense_forward_batch(&xs, &w, Some(&b), &mut ys);
        assert_close(batch_as_slice(&ys), &want, 1e-5);
        for (x, y) in xs.iter().zip(&ys) {
            let mut one = Tensor1::zeros();
            dense_forward(x, &w, Some(&b), &mut one);
            assert_close(one.as_slice(), &to_f64(y.as_slice()), 1e-5);
        }
        let dys: Vec<Tensor1<O>> = (0..batch)
            .map(|_| Tensor1::from_slice(&random_vec(&mut rng, O)).unwrap())
            .collect();
        let dy = batch_as_slice(&dys).to_vec();
        let mut dxs = vec![Tensor1::<I>::zeros(); batch];
        let (mut dw, mut db) = (Tensor2::zeros(), Tensor1::zeros());
        dense_backward_batch(&xs, &w, &dys, Some(&mut dxs), &mut dw, Some(&mut db));
        let x64 = to_f64(&x_flat);
        check_gradient(&mut rng, "input", batch_as_slice(&dxs), &x_flat, |x| {
            dot(&naive(I, x, &w64, &b64), &dy)
        });
        check_gradient(&mut rng, "weight", dw.as_slice(), w.as_slice(), |w| {
            dot(&naive(I, &x64, w, &b64), &dy)
        });
        check_gradient(&mut rng, "bias", db.as_slice(), b.as_slice(), |b| {
            dot(&naive(I, &x64, &w64, b), &dy)
        });
    }

    proptest! {
        #[test]
        fn dense_matches_naive_loops_and_finite_differences(seed: u64, batch in 1..150usize) {
            check::<1, 1>(seed, batch);
            check::<7, 3>(seed, batch);
            check::<33, 17>(seed, batch);
        }
    }

    #[test]
    fn results_are_bitwise_the_same_on_one_and_two_threads() {
        // 100 samples: two chunks, whose weight gradients are added in order;
        // 40: one chunk, whose product is cut by columns and whose input and
        // parameter gradients are two tasks.
        const I: usize = 40;
        const O: usize = 70;
        let mut rng = Rng::seed_from_u64(5);
        let mut tensors = |n: usize, len: usize| -> Vec<Vec<f32>> {
            (0..n).map(|_| random_vec(&mut rng, len)).collect()
        };
        let xs: Vec<Tensor1<I>> = tensors(100, I)
            .iter()
            .map(|v| Tensor1::from_slice(v).unwrap())
            .collect();
        let dys: Vec<Tensor1<O>> = tensors(100, O)
            .iter()
            .map(|v| Tensor1::from_slice(v).unwrap())
            .collect();
        let w = Tensor2::<O, I>::from_slice(&tensors(1, O * I)[0]).unwrap();
        let b = Tensor1::<O>::from_slice(&tensors(1, O)[0]).unwrap();
        for batch in [40, 100] {
            let (xs, dys) = (&xs[..batch], &dys[..batch]);
            let run = |threads: usize| {
                on_threads(threads, || {
                    let mut ys = vec![Tensor1::<O>::zeros(); batch];
                    dense_forward_batch(xs, &w, Some(&b), &mut ys);
                    let mut dxs = vec![Tensor1::<I>::zeros(); batch];
                    let (mut dw, mut db) = (Tensor2::<O, I>::zeros(), Tensor1::<O>::zeros());
                    dense_backward_batch(xs, &w, dys, Some(&mut dxs), &mut dw, Some(&mut db));
                    (ys, dxs, dw, db)
                })
            };
            let (one, two) = (run(1), run(2));
            assert!(one.0 == two.0 && one.1 == two.1 && one.2 == two.2 && one.3 == two.3);
        }
    }

    #[test]
    fn no_bias_means_zero_shift() {
        let mut y = Tensor1::zeros();
        dense_forward(
            &Tensor1::from([1.0, 2.0]),
            &Tensor2::from([[3.0, 4.0]]),
            None,
            &mut y,
        );
        assert_eq!(y.data, [11.0]);
    }
}
