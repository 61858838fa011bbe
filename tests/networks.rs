//! The generated API on the ready-made networks of `net::models`.

mod common;

use common::ResNet;
use net::models::{Denoiser, LeNet5};
use net::prelude::*;

#[test]
fn lenet_has_pytorchs_parameter_count_and_shapes() {
    assert_eq!(LeNet5::NUM_PARAMS, 44_426);
    assert_eq!(LeNet5::INPUT_SHAPE, &[1, 28, 28]);
    assert_eq!(LeNet5::OUTPUT_SHAPE, &[10]);
    let model = LeNet5::new(7);
    let y = model.forward(&Tensor3::zeros().map(|_| 0.5));
    assert_eq!(y.as_slice().len(), 10);
    assert!(y.as_slice().iter().all(|v| v.is_finite()));
    assert_eq!(model.conv1.weight.data.len(), 6);
    assert_eq!(model.fc1.weight.data[0].len(), 256);
    let summary = LeNet5::summary();
    assert_eq!(summary.params, 44_426);
    assert_eq!(summary.layers[0].name, "conv1");
    assert_eq!(summary.layers[1].name, "relu_0");
    assert_eq!(summary.layers[5].name, "max_pool2d_1");
    assert_eq!(summary.layers[0].mult_adds, 6 * 25 * 24 * 24);
    println!("{summary}");
}

#[test]
fn the_denoiser_is_an_autoencoder() {
    assert_eq!(Denoiser::CODE_SHAPE, &[32]);
    let model = Denoiser::new(1);
    let x = Tensor3::<1, 28, 28>::zeros().map(|_| 0.3);
    let code = model.encode(&x);
    let back = model.decode(&code);
    assert_eq!(back, model.forward(&x));
    assert!(back.as_slice().iter().all(|&v| (0.0..=1.0).contains(&v)));
}

network! {
    /// The first ReLU only feeds a max pool; the second is also a residual
    /// block's skip.
    struct ReluThenPool: [2, 8, 8] {
        conv: Conv2d(3, kernel = 3) -> [3, 6, 6],
        Relu,
        MaxPool2d(2) -> [3, 3, 3],
        Sigmoid,
        Relu,
        r: Residual { MaxPool2d(3, stride = 1, padding = 1), },
    }
}

/// `ReluThenPool` layer by layer in the declared order, through the kernels.
fn relu_then_pool_as_declared(model: &ReluThenPool, x: &Tensor3<2, 8, 8>) -> Tensor3<3, 3, 3> {
    use net::kernels::{activation, conv, pool, residual};
    let mut a1 = Tensor3::<3, 6, 6>::zeros();
    conv::conv2d_forward::<2, 8, 8, 3, 3, 3, 1, 1, 0, 0, 6, 6>(
        x,
        &model.conv.weight,
        Some(&model.conv.bias),
        &mut a1,
    );
    let mut a2 = Tensor3::<3, 6, 6>::zeros();
    activation::relu(a1.as_slice(), a2.as_mut_slice());
    let mut a3 = Tensor3::<3, 3, 3>::zeros();
    pool::max_pool2d_forward::<3, 6, 6, 2, 2, 2, 2, 0, 0, 3, 3>(&a2, &mut a3);
    let (mut a4, mut a5) = (Tensor3::<3, 3, 3>::zeros(), Tensor3::<3, 3, 3>::zeros());
    activation::sigmoid(a3.as_slice(), a4.as_mut_slice());
    activation::relu(a4.as_slice(), a5.as_mut_slice());
    let (mut a6, mut a7) = (Tensor3::<3, 3, 3>::zeros(), Tensor3::<3, 3, 3>::zeros());
    pool::max_pool2d_forward::<3, 3, 3, 3, 3, 1, 1, 1, 1, 3, 3>(&a5, &mut a6);
    residual::add(a5.as_slice(), a6.as_slice(), a7.as_mut_slice());
    a7
}

#[test]
fn pooling_before_relu_changes_no_value() {
    let model = ReluThenPool::new(8);
    let mut rng = Rng::seed_from_u64(8);
    let xs: Vec<_> = (0..4)
        .map(|_| Tensor3::<2, 8, 8>::zeros().map(|_| rng.next_f32() - 0.5))
        .collect();
    let (ys, _) = model.clone().forward_train(&xs, &mut rng);
    for (x, y) in xs.iter().zip(&ys) {
        let declared = relu_then_pool_as_declared(&model, x);
        assert_eq!(model.forward(x).as_slice(), declared.as_slice());
        assert_eq!(y.as_slice(), declared.as_slice());
    }
    // The summary lists the layers as declared.
    let kinds: Vec<&str> = ReluThenPool::summary()
        .layers
        .iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(kinds[..3], ["Conv2d", "Relu", "MaxPool2d"]);
}

#[test]
fn batch_forward_matches_single_samples() {
    let mut model = LeNet5::new(3);
    let mut rng = Rng::seed_from_u64(4);
    let xs: Vec<_> = (0..5)
        .map(|_| Tensor3::<1, 28, 28>::zeros().map(|_| rng.next_f32()))
        .collect();
    let (ys, _) = model.forward_train(&xs, &mut rng);
    for (x, y) in xs.iter().zip(&ys) {
        let one = model.forward(x);
        for (a, b) in one.as_slice().iter().zip(y.as_slice()) {
            assert!((a - b).abs() < 1e-4, "{a} vs {b}");
        }
    }
}

#[test]
fn the_residual_network_trains_its_batch_norm() {
    let mut model = ResNet::new(2);
    let mut rng = Rng::seed_from_u64(5);
    let xs: Vec<_> = (0..4)
        .map(|_| Tensor3::<3, 8, 8>::zeros().map(|_| rng.normal()))
        .collect();
    let (ys, cache) = model.forward_train(&xs, &mut rng);
    assert_eq!(model.bn0.num_batches_tracked, 1);
    assert_ne!(model.bn0.running_mean.data, [0.0; 8]);
    let mut grads = <ResNet as Network>::Grads::default();
    let dxs = model.backward(&cache, &ys, &mut grads);
    assert_eq!(dxs.len(), 4);
    assert!(grads.head.weight.as_slice().iter().any(|&g| g != 0.0));
    assert!(grads.stem.weight.as_slice().iter().any(|&g| g != 0.0));
}

network! {
    /// Batch norm as the first layer: its parameters need the first gradient.
    struct NormFirst: [2, 6] {
        bn: BatchNorm,
        c: Conv1d(3, kernel = 3),
        Flatten,
        fc: Dense(2),
    }
}

network! {
    /// A first layer without parameters, which `backward_params` skips.
    struct PoolFirst: [1, 8, 8] {
        MaxPool2d(2),
        Flatten,
        fc: Dense(3),
    }
}

fn same_parameter_gradients<N: Network>(model: &mut N, xs: &[N::Input])
where
    N::Grads: PartialEq + std::fmt::Debug,
{
    let (ys, mut cache) = model.forward_train(xs, &mut Rng::seed_from_u64(1));
    let (mut full, mut params) = (N::Grads::default(), N::Grads::default());
    let dxs = model.backward(&cache, &ys, &mut full);
    assert_eq!(dxs.len(), xs.len());
    model.backward_params(&mut cache, &ys, &mut params);
    assert_eq!(full, params);
    assert_ne!(full, N::Grads::default());
    // Again, on buffers a larger batch left behind: the same numbers.
    let mut longer = xs.to_vec();
    longer.extend_from_slice(xs);
    let (_, mut used) = model.forward_train(&longer, &mut Rng::seed_from_u64(5));
    model.backward_params(
        &mut used,
        &[ys[0]; 2].repeat(xs.len()),
        &mut N::Grads::default(),
    );
    let (again, mut reused) = model.forward_train_reusing(xs, &mut Rng::seed_from_u64(1), used);
    let mut params_again = N::Grads::default();
    model.backward_params(&mut reused, &ys, &mut params_again);
    assert!(again
        .iter()
        .zip(&ys)
        .all(|(a, b)| a.as_slice() == b.as_slice()));
    assert_eq!(params, params_again);
}

#[test]
fn backward_params_gives_the_same_parameter_gradients() {
    let mut rng = Rng::seed_from_u64(2);
    let digits: Vec<Tensor3<1, 28, 28>> = (0..3)
        .map(|_| Tensor3::zeros().map(|_| rng.next_f32()))
        .collect();
    same_parameter_gradients(&mut *LeNet5::new(1), &digits);
    same_parameter_gradients(&mut *Denoiser::new(1), &digits);
    let small: Vec<Tensor3<3, 8, 8>> = (0..3)
        .map(|_| Tensor3::zeros().map(|_| rng.normal()))
        .collect();
    same_parameter_gradients(&mut *ResNet::new(1), &small);
    let rows: Vec<Tensor2<2, 6>> = (0..4)
        .map(|_| Tensor2::zeros().map(|_| rng.normal()))
        .collect();
    same_parameter_gradients(&mut *NormFirst::new(1), &rows);
    let images: Vec<Tensor3<1, 8, 8>> = (0..2)
        .map(|_| Tensor3::zeros().map(|_| rng.normal()))
        .collect();
    same_parameter_gradients(&mut *PoolFirst::new(1), &images);
}

network! {
    /// No parameters at all.
    struct ParamFree: [4] {
        Relu,
        Softmax,
    } -> [4]
}

network! {
    /// Nearest upsampling, then a padded convolution.
    pub(crate) struct Upsampler: [2, 5, 5] {
        Upsample2d(2) -> [2, 10, 10],
        conv: Conv2d(out = 1, kernel = 3, padding = 1),
        Sigmoid,
    } -> [1, 10, 10]
}

network! {
    /// One-dimensional transposed convolution, average pooling, a dense head.
    struct Seq1d: [3, 20] {
        up: ConvTranspose1d(2, kernel = 4, stride = 2, padding = 1) -> [2, 40],
        Tanh,
        AvgPool1d(2, stride = 2) -> [2, 20],
        Flatten,
        Dense(4),
    }
}

network! {
    /// Batch norm over features, dropout, a dense layer without bias.
    struct Features: [10] {
        bn: BatchNorm(momentum = 0.5),
        Dropout(0.5),
        fc: Dense(3, bias = false),
        LeakyRelu(0.2),
        Softmax,
    }
}

fn train_once<N: Network>(model: &mut N, xs: &[N::Input]) -> N::Grads {
    let (ys, cache) = model.forward_train(xs, &mut Rng::seed_from_u64(3));
    let mut grads = N::Grads::default();
    let dxs = model.backward(&cache, &ys, &mut grads);
    assert_eq!((ys.len(), dxs.len()), (xs.len(), xs.len()));
    for x in xs {
        assert!(model.forward(x).as_slice().iter().all(|v| v.is_finite()));
    }
    grads
}

#[test]
fn more_architectures_build_train_and_name_their_tensors() {
    let mut rng = Rng::seed_from_u64(4);
    let mut free = ParamFree::new(0);
    assert_eq!(ParamFree::NUM_PARAMS, 0);
    let p = free.forward(&Tensor1::from([1.0, -1.0, 0.5, 2.0]));
    assert!((p.as_slice().iter().sum::<f32>() - 1.0).abs() < 1e-6);
    train_once(&mut *free, &[Tensor1::from([0.1, 0.2, 0.3, 0.4])]);

    let mut up = Upsampler::new(1);
    assert_eq!(Upsampler::NUM_PARAMS, 2 * 9 + 1);
    let grads = train_once(&mut *up, &[Tensor3::zeros().map(|_| rng.normal()); 2]);
    assert!(grads.conv.weight.as_slice().iter().any(|&g| g != 0.0));

    let mut seq = Seq1d::new(2);
    assert_eq!(
        seq.up.weight.data.len(),
        3,
        "transposed weights are [in, out, k]"
    );
    assert_eq!(Seq1d::SUMMARY.layers[4].name, "dense_0");
    train_once(&mut *seq, &[Tensor2::zeros().map(|_| rng.normal()); 3]);

    let mut features = Features::new(3);
    assert_eq!(Features::NUM_PARAMS, 2 * 10 + 3 * 10);
    let xs: Vec<Tensor1<10>> = (0..5)
        .map(|_| Tensor1::zeros().map(|_| rng.normal()))
        .collect();
    let grads = train_once(&mut *features, &xs);
    assert_eq!(features.bn.num_batches_tracked, 1);
    let mut names = Vec::new();
    features.visit(&mut |name, shape, _| names.push((name.to_string(), shape.to_vec())));
    assert_eq!(names[0], ("bn.weight".to_string(), vec![10]));
    assert_eq!(names[4], ("bn.num_batches_tracked".to_string(), vec![]));
    assert_eq!(names[5], ("fc.weight".to_string(), vec![3, 10]));
    assert_eq!(names.len(), 6, "a dense layer without bias has no fc.bias");
    assert!(grads.bn.weight.as_slice().iter().any(|&g| g != 0.0));
}
