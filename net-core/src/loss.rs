//! Losses over a batch: each returns the mean loss and, for every sample, the
//! gradient of that mean with respect to the sample's output, ready for
//! `Network::backward`. Sums run in f64.

use crate::error::Error;
use crate::tensor::Tensor;
use rayon::prelude::*;

fn check_batch(outputs: usize, targets: usize) -> Result<(), Error> {
    if outputs == targets {
        Ok(())
    } else {
        Err(Error::Batch {
            what: "targets",
            expected: outputs,
            found: targets,
        })
    }
}

/// Mean squared error, averaged over every value of the batch (PyTorch's
/// `MSELoss` with its default mean reduction).
pub fn mse<T: Tensor>(outputs: &[T], targets: &[T]) -> Result<(f32, Vec<T>), Error> {
    elementwise(outputs, targets, |y, t| {
        let d = y - t;
        (d * d, 2.0 * d)
    })
}

/// A loss that is the mean over every value of the batch of `term(output,
/// target)`, which gives each value's loss and its derivative. The gradients
/// are of the mean; subnormal ones are flushed to zero (see
/// `optim::flush_subnormal`): an output that is always right has a vanishing
/// error whose arithmetic would otherwise slow every later step.
fn elementwise<T: Tensor>(
    outputs: &[T],
    targets: &[T],
    term: impl Fn(f64, f64) -> (f64, f64),
) -> Result<(f32, Vec<T>), Error> {
    check_batch(outputs.len(), targets.len())?;
    let count = (outputs.len() * T::LEN).max(1) as f64;
    let mut total = 0.0f64;
    let grads = outputs
        .iter()
        .zip(targets)
        .map(|(y, t)| {
            let mut g = T::zeros();
            for ((g, &y), &t) in g
                .as_mut_slice()
                .iter_mut()
                .zip(y.as_slice())
                .zip(t.as_slice())
            {
                let (loss, derivative) = term(y as f64, t as f64);
                total += loss;
                *g = crate::optim::flush_subnormal((derivative / count) as f32);
            }
            g
        })
        .collect();
    Ok(((total / count) as f32, grads))
}

/// Softmax cross-entropy on logits against class indices, averaged over the
/// batch (PyTorch's `CrossEntropyLoss`). Fused and computed from
/// `logsumexp(z) - z[label]` with the maximum subtracted, so logits of 1e4
/// give finite losses and gradients.
pub fn softmax_cross_entropy<T: Tensor>(
    logits: &[T],
    labels: &[usize],
) -> Result<(f32, Vec<T>), Error> {
    check_batch(logits.len(), labels.len())?;
    if let Some(&label) = labels.iter().find(|&&l| l >= T::LEN) {
        return Err(Error::Label {
            label,
            classes: T::LEN,
        });
    }
    let n = logits.len().max(1) as f64;
    let mut total = 0.0f64;
    let mut exps = vec![0.0f64; T::LEN];
    let grads = logits
        .iter()
        .zip(labels)
        .map(|(z, &label)| {
            let z = z.as_slice();
            let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v)) as f64;
            for (e, &v) in exps.iter_mut().zip(z) {
                *e = (v as f64 - max).exp();
            }
            let sum: f64 = exps.iter().sum();
            total += max + sum.ln() - z[label] as f64;
            let mut g = T::zeros();
            for (i, (g, e)) in g.as_mut_slice().iter_mut().zip(&exps).enumerate() {
                *g = ((e / sum - if i == label { 1.0 } else { 0.0 }) / n) as f32;
            }
            g
        })
        .collect();
    Ok(((total / n) as f32, grads))
}

/// Softmax cross-entropy at every position of a map of logits (the channel
/// axis holds the classes: `[classes, H, W]`, or `[classes, L]`, ...),
/// against one label per position, in row-major order; the mean over every
/// position of the batch (PyTorch's `CrossEntropyLoss` on `[N, C, H, W]`
/// logits and `[N, H, W]` targets). Stable for any logits, as
/// [`softmax_cross_entropy`], and fused with its gradient.
pub fn pixel_softmax_cross_entropy<T: Tensor, L: AsRef<[u8]> + Sync>(
    logits: &[T],
    labels: &[L],
) -> Result<(f32, Vec<T>), Error> {
    check_batch(logits.len(), labels.len())?;
    check_label_maps::<T, L>(labels)?;
    let (classes, positions) = (T::SHAPE[0], T::LEN / T::SHAPE[0]);
    let count = (logits.len() * positions).max(1) as f64;
    // Samples in parallel, each position's terms in f32 and each sample's
    // sum in f64, the samples' sums added in order: the same bits on any
    // number of threads. Loops run over classes, then positions (the
    // layout), so that the maxima and the scaling vectorise.
    let per_sample: Vec<(f64, T)> = logits
        .par_iter()
        .zip(labels)
        .map(|(z, map)| {
            let (z, map, mut g) = (z.as_slice(), map.as_ref(), T::zeros());
            let out = g.as_mut_slice();
            let class = |c: usize| &z[c * positions..][..positions];
            let mut max = class(0).to_vec();
            for c in 1..classes {
                max.iter_mut()
                    .zip(class(c))
                    .for_each(|(m, &v)| *m = m.max(v));
            }
            let mut sum = vec![0.0f32; positions];
            for c in 0..classes {
                let e = &mut out[c * positions..][..positions];
                for (((e, &v), &m), s) in e.iter_mut().zip(class(c)).zip(&max).zip(&mut sum) {
                    *e = (v - m).exp();
                    *s += *e;
                }
            }
            let mut total = 0.0f64;
            for (p, &label) in map.iter().enumerate() {
                let label = usize::from(label);
                total += (max[p] + sum[p].ln() - z[label * positions + p]) as f64;
            }
            // Each position's sum becomes the factor of its exponentials.
            let scale = &mut sum;
            scale
                .iter_mut()
                .for_each(|s| *s = (1.0 / (*s as f64 * count)) as f32);
            for c in 0..classes {
                let e = &mut out[c * positions..][..positions];
                e.iter_mut().zip(&*scale).for_each(|(e, &k)| *e *= k);
            }
            let step = (1.0 / count) as f32;
            for (p, &label) in map.iter().enumerate() {
                out[usize::from(label) * positions + p] -= step;
            }
            (total, g)
        })
        .collect();
    let total: f64 = per_sample.iter().map(|(t, _)| t).sum();
    let grads = per_sample.into_iter().map(|(_, g)| g).collect();
    Ok(((total / count) as f32, grads))
}

/// Whether every map has one label per position of a `T` (its values over
/// its channels) and each label is one of its channels.
pub(crate) fn check_label_maps<T: Tensor, L: AsRef<[u8]>>(labels: &[L]) -> Result<(), Error> {
    let (classes, positions) = (T::SHAPE[0], T::LEN / T::SHAPE[0]);
    for map in labels.iter().map(AsRef::as_ref) {
        if map.len() != positions {
            return Err(Error::LabelMap {
                expected: positions,
                found: map.len(),
            });
        }
        if let Some(&label) = map.iter().find(|&&l| usize::from(l) >= classes) {
            return Err(Error::Label {
                label: usize::from(label),
                classes,
            });
        }
    }
    Ok(())
}

/// Binary cross-entropy on logits against targets in [0, 1], averaged over
/// every value (PyTorch's `BCEWithLogitsLoss`): `max(z, 0) - z t + ln(1 + e^-|z|)`,
/// which stays finite for any logit.
pub fn binary_cross_entropy_with_logits<T: Tensor>(
    logits: &[T],
    targets: &[T],
) -> Result<(f32, Vec<T>), Error> {
    elementwise(logits, targets, |z, t| {
        let sigmoid = if z >= 0.0 {
            1.0 / (1.0 + (-z).exp())
        } else {
            z.exp() / (1.0 + z.exp())
        };
        (z.max(0.0) - z * t + (-z.abs()).exp().ln_1p(), sigmoid - t)
    })
}

/// The index of the largest value: the predicted class of a row of logits.
pub fn argmax<T: Tensor>(values: &T) -> usize {
    let v = values.as_slice();
    (0..v.len()).fold(0, |best, i| if v[i] > v[best] { i } else { best })
}

/// The predicted label of every position of per-pixel logits (channels
/// first, as `pixel_softmax_cross_entropy` takes them): the channel with the
/// largest logit, the lowest of a tie, positions in row-major order.
pub fn label_map<T: Tensor>(logits: &T) -> Vec<u8> {
    let (z, classes) = (logits.as_slice(), T::SHAPE[0]);
    let positions = T::LEN / classes;
    (0..positions)
        .map(|p| {
            let at = |c: usize| z[c * positions + p];
            (0..classes).fold(0, |best, c| if at(c) > at(best) { c } else { best }) as u8
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Tensor1;
    use crate::Rng;

    #[test]
    fn a_label_map_takes_the_largest_logit_and_the_lower_class_of_a_tie() {
        // Three classes over 2 x 2 positions: class 2 wins at (0, 0),
        // classes 0 and 1 tie at (0, 1), all are negative at (1, 0) but
        // class 1 least so, and all tie at (1, 1).
        let logits = crate::tensor::Tensor3::<3, 2, 2>::from([
            [[0.0, 3.0], [-5.0, 0.0]],
            [[1.0, 3.0], [-1.0, 0.0]],
            [[2.5, 1.0], [-9.0, 0.0]],
        ]);
        assert_eq!(label_map(&logits), vec![2, 0, 1, 0]);
    }

    fn random(rng: &mut Rng) -> Tensor1<5> {
        Tensor1::zeros().map(|_| rng.uniform(-2.0, 2.0))
    }

    /// Central differences of `loss` at each value of each output.
    fn check(outputs: &[Tensor1<5>], grads: &[Tensor1<5>], loss: impl Fn(&[Tensor1<5>]) -> f32) {
        for b in 0..outputs.len() {
            for i in 0..5 {
                let at = |delta: f32| {
                    let mut moved = outputs.to_vec();
                    moved[b].data[i] += delta;
                    loss(&moved) as f64
                };
                let numeric = (at(1e-2) - at(-1e-2)) / 2e-2;
                let analytic = grads[b].data[i] as f64;
                assert!(
                    (numeric - analytic).abs() < 1e-3,
                    "[{b}][{i}]: {analytic} vs {numeric}"
                );
            }
        }
    }

    #[test]
    fn pixel_cross_entropy_is_the_mean_over_positions_with_its_gradient() {
        use crate::tensor::Tensor3;
        let mut rng = Rng::seed_from_u64(4);
        let logits: Vec<Tensor3<3, 2, 4>> = (0..2)
            .map(|_| Tensor3::zeros().map(|_| rng.uniform(-3.0, 3.0)))
            .collect();
        let labels = [[0u8, 1, 2, 2, 1, 0, 0, 2], [2, 2, 1, 0, 1, 1, 0, 2]];
        let (loss, grads) = pixel_softmax_cross_entropy(&logits, &labels).unwrap();
        // The same as the classification loss over every position's column.
        let columns: Vec<Tensor1<3>> = logits
            .iter()
            .flat_map(|z| {
                (0..8).map(move |p| {
                    Tensor1::from([
                        z.data[0][p / 4][p % 4],
                        z.data[1][p / 4][p % 4],
                        z.data[2][p / 4][p % 4],
                    ])
                })
            })
            .collect();
        let flat: Vec<usize> = labels.iter().flatten().map(|&l| usize::from(l)).collect();
        let (want, _) = softmax_cross_entropy(&columns, &flat).unwrap();
        assert!((loss - want).abs() < 1e-6, "{loss} vs {want}");
        for b in 0..2 {
            for i in 0..24 {
                let at = |delta: f32| {
                    let mut moved = logits.clone();
                    moved[b].as_mut_slice()[i] += delta;
                    pixel_softmax_cross_entropy(&moved, &labels).unwrap().0 as f64
                };
                let numeric = (at(1e-2) - at(-1e-2)) / 2e-2;
                let analytic = grads[b].as_slice()[i] as f64;
                assert!(
                    (numeric - analytic).abs() < 1e-4,
                    "[{b}][{i}]: {analytic} vs {numeric}"
                );
            }
        }
        // Huge logits stay finite.
        let far = [Tensor3::<3, 2, 4>::zeros().map(|_| 1e30)];
        let (loss, grads) = pixel_softmax_cross_entropy(&far, &labels[..1]).unwrap();
        assert!(loss.is_finite() && grads[0].as_slice().iter().all(|g| g.is_finite()));
    }

    #[test]
    fn pixel_cross_entropy_names_a_wrong_label_map() {
        use crate::tensor::Tensor3;
        let logits = [Tensor3::<3, 2, 2>::zeros()];
        let short = pixel_softmax_cross_entropy(&logits, &[[0u8, 1, 2]]).unwrap_err();
        assert!(
            matches!(
                short,
                Error::LabelMap {
                    expected: 4,
                    found: 3
                }
            ),
            "{short}"
        );
        let wide = pixel_softmax_cross_entropy(&logits, &[[0u8, 1, 3, 0]]).unwrap_err();
        assert!(
            matches!(
                wide,
                Error::Label {
                    label: 3,
                    classes: 3
                }
            ),
            "{wide}"
        );
    }

    #[test]
    fn gradients_match_finite_differences() {
        let mut rng = Rng::seed_from_u64(1);
        let outputs: Vec<Tensor1<5>> = (0..3).map(|_| random(&mut rng)).collect();
        let targets: Vec<Tensor1<5>> = (0..3)
            .map(|_| Tensor1::zeros().map(|_| rng.next_f32()))
            .collect();
        let labels = [0, 4, 2];

        let (_, g) = mse(&outputs, &targets).unwrap();
        check(&outputs, &g, |o| mse(o, &targets).unwrap().0);
        let (_, g) = softmax_cross_entropy(&outputs, &labels).unwrap();
        check(&outputs, &g, |o| {
            softmax_cross_entropy(o, &labels).unwrap().0
        });
        let (_, g) = binary_cross_entropy_with_logits(&outputs, &targets).unwrap();
        check(&outputs, &g, |o| {
            binary_cross_entropy_with_logits(o, &targets).unwrap().0
        });
    }

    #[test]
    fn known_values() {
        // Uniform logits over 4 classes: ln 4.
        let (loss, g) = softmax_cross_entropy(&[Tensor1::<4>::zeros()], &[1]).unwrap();
        assert!((loss - 4f32.ln()).abs() < 1e-6);
        assert_eq!(g[0].data, [0.25, -0.75, 0.25, 0.25]);
        let (loss, _) = mse(&[Tensor1::from([1.0, 3.0])], &[Tensor1::from([0.0, 0.0])]).unwrap();
        assert_eq!(loss, 5.0);
        let (loss, _) =
            binary_cross_entropy_with_logits(&[Tensor1::from([0.0])], &[Tensor1::from([1.0])])
                .unwrap();
        assert!((loss - 2f32.ln()).abs() < 1e-6);
    }

    #[test]
    fn extreme_logits_stay_finite() {
        let logits = [
            Tensor1::from([1e4, -1e4, 0.0]),
            Tensor1::from([-1e4, 1e4, 1e4]),
        ];
        let (loss, g) = softmax_cross_entropy(&logits, &[1, 0]).unwrap();
        // 2e4 for the first sample, 2e4 + ln 2 for the second.
        assert!((loss - (2e4 + 2f32.ln() / 2.0)).abs() < 0.01, "{loss}");
        assert!(g.iter().all(|g| g.data.iter().all(|v| v.is_finite())));
        let (loss, g) =
            binary_cross_entropy_with_logits(&logits, &[Tensor1::zeros(), Tensor1::zeros()])
                .unwrap();
        assert!(loss.is_finite() && g.iter().all(|g| g.data.iter().all(|v| v.is_finite())));
    }

    #[test]
    fn bad_labels_and_batch_sizes_are_errors() {
        let logits = [Tensor1::<3>::zeros()];
        assert!(matches!(
            softmax_cross_entropy(&logits, &[3]),
            Err(Error::Label {
                label: 3,
                classes: 3
            })
        ));
        assert!(matches!(
            mse(&logits, &[]),
            Err(Error::Batch {
                expected: 1,
                found: 0,
                ..
            })
        ));
        assert_eq!(argmax(&Tensor1::from([0.1, 0.7, 0.7, 0.2])), 1);
    }
}

#[cfg(test)]
mod subnormal_tests {
    use super::*;
    use crate::tensor::Tensor1;

    #[test]
    fn a_vanishing_error_gives_a_zero_gradient_not_a_subnormal_one() {
        // An error of 4e-38 (a normal f32) gives 2 * 4e-38 / 8 = 1e-38, below
        // f32's normal range: flushed.
        let outputs = [Tensor1::<8>::from([4e-38; 8])];
        let (_, grads) = mse(&outputs, &[Tensor1::zeros()]).unwrap();
        assert!(
            grads[0].data.iter().all(|&g| g == 0.0),
            "{:?}",
            grads[0].data
        );
        let (_, grads) = mse(&[Tensor1::<8>::from([1e-30; 8])], &[Tensor1::zeros()]).unwrap();
        assert!(
            grads[0].data.iter().all(|&g| g.is_normal()),
            "{:?}",
            grads[0].data
        );
    }
}
