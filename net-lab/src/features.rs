//! Looking inside a trained network: moving weights into a smaller network
//! that stops at an inner layer, the inputs that excite a unit most, and an
//! input synthesised by gradient ascent on a unit's activation.

use net::prelude::*;
use net::{zeroed_box, TensorData, TensorDataMut, Zeroable};
use std::collections::HashMap;

network! {
    /// LeNet-5's convolutional part up to conv2's ReLU: 16 maps of 8x8. Its
    /// tensors have LeNet-5's names, so [`copy_matching`] fills it from a
    /// trained LeNet-5.
    pub struct LeNetConv: [1, 28, 28] {
        conv1: Conv2d(6, kernel = 5),
        Relu,
        MaxPool2d(2),
        conv2: Conv2d(16, kernel = 5),
        Relu,
    } -> [16, 8, 8]
}

network! {
    /// LeNet-5 up to its flattened second pool: the 256 values that enter fc1.
    pub struct LeNetTrunk: [1, 28, 28] {
        conv1: Conv2d(6, kernel = 5),
        Relu,
        MaxPool2d(2),
        conv2: Conv2d(16, kernel = 5),
        Relu,
        MaxPool2d(2),
        Flatten,
    } -> [256]
}

/// Copies every f32 tensor of `from` into the tensor of `to` with the same
/// name and shape; returns the names copied. How part of a trained network
/// moves into another (transfer learning, or a network cut at an inner
/// layer).
pub fn copy_matching(from: &impl NamedTensors, to: &mut impl NamedTensors) -> Vec<String> {
    let mut source: HashMap<String, (&'static [usize], Vec<f32>)> = HashMap::new();
    from.visit(&mut |name, shape, data| {
        if let TensorData::F32(values) = data {
            source.insert(name.to_string(), (shape, values.to_vec()));
        }
    });
    let mut copied = Vec::new();
    to.visit_mut(&mut |name, shape, data| {
        if let (TensorDataMut::F32(values), Some((from_shape, from_values))) =
            (data, source.get(name))
        {
            if *from_shape == shape {
                values.copy_from_slice(from_values);
                copied.push(name.to_string());
            }
        }
    });
    copied
}

/// The indices of the `k` largest values, largest first.
pub fn top_k(values: &[f32], k: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    order.truncate(k);
    order
}

/// A classifier's verdict on each input: the class with the largest output
/// and its softmax probability (how sure the network is).
pub fn predictions<N: Network>(model: &N, inputs: &[N::Input]) -> Vec<(usize, f32)> {
    model
        .forward_batch(inputs)
        .iter()
        .map(|logits| {
            let v = logits.as_slice();
            let class = net::loss::argmax(logits);
            let total: f32 = v.iter().map(|&l| (l - v[class]).exp()).sum();
            (class, 1.0 / total)
        })
        .collect()
}

/// Settings of [`maximize_unit`].
#[derive(Debug, Clone, Copy)]
pub struct Ascent {
    /// Gradient steps.
    pub steps: usize,
    /// How far a step moves the pixel with the largest gradient.
    pub step_size: f32,
    /// Weight of the smoothness prior (squared differences between
    /// neighbouring pixels), relative to the normalised activation gradient.
    pub smoothness: f32,
}

impl Default for Ascent {
    fn default() -> Self {
        Self {
            steps: 200,
            step_size: 0.05,
            smoothness: 0.3,
        }
    }
}

/// Gradient ascent from `start` on output `unit` (a flat index) of `model`,
/// with a smoothness prior and pixels kept in [0, 1]: an input that the unit
/// likes. The gradient comes from the network's own backward pass. Returns
/// the input and the unit's activation at each step.
pub fn maximize_unit<N, const H: usize, const W: usize>(
    model: &mut N,
    unit: usize,
    start: &Tensor3<1, H, W>,
    settings: Ascent,
) -> (Tensor3<1, H, W>, Vec<f32>)
where
    N: Network<Input = Tensor3<1, H, W>>,
    N::Grads: Zeroable,
{
    let mut rng = Rng::seed_from_u64(0);
    let mut grads = zeroed_box::<N::Grads>();
    let mut x = *start;
    let mut trace = Vec::with_capacity(settings.steps);
    let mut dy = N::Output::zeros();
    dy.as_mut_slice()[unit] = 1.0;
    for _ in 0..settings.steps {
        let (ys, cache) = model.forward_train(std::slice::from_ref(&x), &mut rng);
        trace.push(ys[0].as_slice()[unit]);
        let dx = model.backward(&cache, std::slice::from_ref(&dy), &mut grads)[0];
        let scale = dx.data[0]
            .iter()
            .flatten()
            .fold(0.0f32, |m, v| m.max(v.abs()))
            .max(1e-12);
        let image = x.data[0];
        for i in 0..H {
            for j in 0..W {
                // The derivative of the sum of squared differences to the
                // four neighbours, halved.
                let mut laplacian = 0.0;
                for (di, dj) in [(0, 1), (2, 1), (1, 0), (1, 2)] {
                    if let (Some(a), Some(b)) = ((i + di).checked_sub(1), (j + dj).checked_sub(1)) {
                        if a < H && b < W {
                            laplacian += image[i][j] - image[a][b];
                        }
                    }
                }
                let step = dx.data[0][i][j] / scale - settings.smoothness * laplacian;
                x.data[0][i][j] = (image[i][j] + settings.step_size * step).clamp(0.0, 1.0);
            }
        }
    }
    (x, trace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use net::models::LeNet5;

    network! {
        struct Probe: [1, 4, 4] {
            filter: Conv2d(1, kernel = 4),
        } -> [1, 1, 1]
    }

    #[test]
    fn ascent_on_a_linear_unit_finds_its_weight_pattern() {
        let mut probe = Probe::new(3);
        let weights = probe.filter.weight.data[0][0];
        let (x, trace) = maximize_unit(
            &mut *probe,
            0,
            &Tensor3::from([[[0.5; 4]; 4]]),
            Ascent {
                smoothness: 0.0,
                ..Ascent::default()
            },
        );
        // Without the prior, the best input in [0, 1] is 1 where the weight
        // is positive and 0 where it is negative; 200 steps of at most 0.05
        // get there from 0.5 wherever the weight is a tenth of the largest.
        let largest = weights.iter().flatten().fold(0.0f32, |m, w| m.max(w.abs()));
        let pairs = weights.iter().flatten().zip(x.data[0].iter().flatten());
        for (w, v) in pairs.filter(|(w, _)| w.abs() > largest / 10.0) {
            assert_eq!(*v, if *w > 0.0 { 1.0 } else { 0.0 }, "weight {w}");
        }
        assert!(trace.windows(2).all(|p| p[1] >= p[0] - 1e-6), "{trace:?}");
        // The prior makes neighbours alike.
        let (smooth, _) = maximize_unit(
            &mut *probe,
            0,
            &Tensor3::from([[[0.5; 4]; 4]]),
            Ascent::default(),
        );
        let roughness = |t: &Tensor3<1, 4, 4>| -> f32 {
            (0..4)
                .flat_map(|i| (0..3).map(move |j| (i, j)))
                .map(|(i, j)| (t.data[0][i][j] - t.data[0][i][j + 1]).abs())
                .sum()
        };
        assert!(roughness(&smooth) < roughness(&x));
    }

    network! {
        struct Pick: [3] {
            out: Dense(3),
        }
    }

    #[test]
    fn predictions_give_the_class_and_its_softmax_probability() {
        let mut model = Pick::new(0);
        model.out.weight.data = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        model.out.bias = Tensor1::zeros();
        let verdicts = predictions(&*model, &[Tensor1::from([0.0, 2.0, 0.0]), Tensor1::zeros()]);
        let e2 = 2.0f32.exp();
        assert_eq!(verdicts[0].0, 1);
        assert!((verdicts[0].1 - e2 / (e2 + 2.0)).abs() < 1e-6);
        assert_eq!(verdicts[1].0, 0);
        assert!((verdicts[1].1 - 1.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn copied_layers_compute_what_lenet_computes() {
        let lenet = LeNet5::new(4);
        let mut trunk = LeNetTrunk::new(0);
        let copied = copy_matching(&*lenet, &mut *trunk);
        assert_eq!(
            copied,
            ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias"]
        );
        let mut x = Tensor3::<1, 28, 28>::zeros();
        for (i, v) in x.as_mut_slice().iter_mut().enumerate() {
            *v = (i % 13) as f32 / 13.0;
        }
        // fc1 applied to the trunk's output is LeNet-5's fc1 pre-activation;
        // check through the logits: rebuild them from the trunk by hand.
        let features = trunk.forward(&x);
        let dense = |w: &[f32], b: &[f32], input: &[f32], relu: bool| -> Vec<f32> {
            b.iter()
                .enumerate()
                .map(|(o, bias)| {
                    let s = bias
                        + input
                            .iter()
                            .enumerate()
                            .map(|(i, v)| w[o * input.len() + i] * v)
                            .sum::<f32>();
                    if relu {
                        s.max(0.0)
                    } else {
                        s
                    }
                })
                .collect()
        };
        let h1 = dense(
            lenet.fc1.weight.as_slice(),
            lenet.fc1.bias.as_slice(),
            features.as_slice(),
            true,
        );
        let h2 = dense(
            lenet.fc2.weight.as_slice(),
            lenet.fc2.bias.as_slice(),
            &h1,
            true,
        );
        let logits = dense(
            lenet.fc3.weight.as_slice(),
            lenet.fc3.bias.as_slice(),
            &h2,
            false,
        );
        for (a, b) in logits.iter().zip(lenet.forward(&x).as_slice()) {
            assert!((a - b).abs() < 1e-4, "{a} vs {b}");
        }
        assert_eq!(top_k(&[0.1, 0.7, 0.3, 0.9], 2), [3, 1]);
    }
}
