//! Losses, optimizers and the trainer on small networks.

use net::prelude::*;
use net::{Adam, Dataset, Fit, Optimizer, Progress, Schedule, Sgd};

/// `f` on a fresh rayon pool of `threads` threads.
fn on_threads<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool for the test")
        .install(f)
}

network! {
    /// One dense layer: weight [1, 2] and bias [1], the parameters of the
    /// optimizer tests.
    struct Line: [2] {
        lin: Dense(1),
    }
}

network! {
    /// A small classifier for points in the plane.
    struct Points: [2] {
        hidden: Dense(8),
        Tanh,
        out: Dense(2),
    } -> [2]
}

/// Two steps from weight [1, -2], bias [0.5] with the constant gradients
/// [0.1, -0.2] and [0.3]; returns weight and bias after them.
fn two_steps(mut optimizer: impl Optimizer) -> [f32; 3] {
    let mut model = Line::new(0);
    model.lin.weight.data = [[1.0, -2.0]];
    model.lin.bias.data = [0.5];
    let mut grads = <Line as Network>::Grads::default();
    grads.lin.weight.data = [[0.1, -0.2]];
    grads.lin.bias.data = [0.3];
    optimizer.step(&mut *model, &grads);
    optimizer.step(&mut *model, &grads);
    [
        model.lin.weight.data[0][0],
        model.lin.weight.data[0][1],
        model.lin.bias.data[0],
    ]
}

fn assert_close(got: [f32; 3], want: [f32; 3]) {
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < 1e-6, "got {got:?}, want {want:?}");
    }
}

// The expected values are torch.optim's after the same two steps (PyTorch
// 2.15); SGD with momentum by hand: v = g, then v = 0.9 g + g = 1.9 g, so
// w = 1 - 0.1 (0.1 + 0.19) = 0.971.
#[test]
fn optimizers_match_pytorchs_two_steps() {
    assert_close(
        two_steps(Sgd::new(0.1).momentum(0.9)),
        [0.971, -1.942, 0.413],
    );
    assert_close(
        two_steps(
            Sgd::new(0.1)
                .momentum(0.9)
                .nesterov(true)
                .weight_decay(0.01),
        ),
        [0.9493297, -1.8986593, 0.3595051],
    );
    assert_close(two_steps(Adam::new(0.01)), [0.98, -1.98, 0.48]);
    assert_close(
        two_steps(Adam::new(0.01).weight_decay(0.1)),
        [0.9800013, -1.9800006, 0.4800008],
    );
    assert_close(
        two_steps(Adam::adamw(0.01, 0.1)),
        [0.9780111, -1.9760121, 0.4790105],
    );
}

network! {
    /// A dense layer whose weight (40,000 values) an optimizer updates in
    /// several pieces.
    struct Wide: [200] {
        wide: Dense(200),
    }
}

/// Two steps of `optimizer` on every weight of `Wide`, all starting as the
/// first weight of `two_steps` with its gradient, on two threads: each must
/// end where that weight does, bit for bit.
fn assert_pieces_update_as_one_value(optimizer: impl Optimizer + Clone + Send) {
    let want = two_steps(optimizer.clone())[0];
    let mut optimizer = optimizer;
    let mut model = Wide::new(0);
    model.wide.weight.as_mut_slice().fill(1.0);
    let mut grads = net::zeroed_box::<<Wide as Network>::Grads>();
    grads.wide.weight.as_mut_slice().fill(0.1);
    on_threads(2, || {
        optimizer.step(&mut *model, &grads);
        optimizer.step(&mut *model, &grads);
    });
    let weights = model.wide.weight.as_slice();
    let wrong = weights
        .iter()
        .filter(|w| w.to_bits() != want.to_bits())
        .count();
    assert_eq!(
        wrong,
        0,
        "{wrong} of {} weights differ from {want}",
        weights.len()
    );
}

#[test]
fn large_tensors_are_updated_in_pieces_exactly_as_single_values() {
    assert_pieces_update_as_one_value(Sgd::new(0.1));
    assert_pieces_update_as_one_value(
        Sgd::new(0.1)
            .momentum(0.9)
            .nesterov(true)
            .weight_decay(0.01),
    );
    assert_pieces_update_as_one_value(Adam::new(0.01).weight_decay(0.1));
    assert_pieces_update_as_one_value(Adam::adamw(0.01, 0.1));
}

/// Parallel work with nested joins inside `with_spinning_workers`, on pools
/// of one to three threads and from a thread outside any pool.
fn spinning_sums(runs: usize) -> Vec<u64> {
    use rayon::prelude::*;
    (0..runs)
        .map(|run| {
            net::train::with_spinning_workers(|| {
                (0..1000u64)
                    .into_par_iter()
                    .map(|i| {
                        (0..i % 7)
                            .into_par_iter()
                            .map(|j| i * j + run as u64)
                            .sum::<u64>()
                    })
                    .sum()
            })
        })
        .collect()
}

#[test]
fn spinning_workers_change_no_result_and_always_stop() {
    let want = spinning_sums(1);
    let plain: u64 = (0..1000u64)
        .map(|i| (0..i % 7).map(|j| i * j).sum::<u64>())
        .sum();
    assert_eq!(want, [plain]);
    let want = spinning_sums(200);
    for threads in 1..=3 {
        assert_eq!(
            on_threads(threads, || spinning_sums(200)),
            want,
            "{threads} threads"
        );
        let panicked = on_threads(threads, || {
            std::panic::catch_unwind(|| net::train::with_spinning_workers(|| panic!("in f")))
        });
        assert!(panicked.is_err(), "the panic reaches the caller");
    }
}

#[test]
fn schedules_follow_their_formulas() {
    let step = Schedule::Step {
        every: 10,
        gamma: 0.5,
    };
    assert_eq!(
        [0, 9, 10, 25].map(|e| step.learning_rate(1.0, e)),
        [1.0, 1.0, 0.5, 0.25]
    );
    let cosine = Schedule::Cosine {
        epochs: 10,
        min_lr: 0.1,
    };
    assert_eq!(cosine.learning_rate(1.0, 0), 1.0);
    assert!((cosine.learning_rate(1.0, 5) - 0.55).abs() < 1e-6);
    assert!((cosine.learning_rate(1.0, 10) - 0.1).abs() < 1e-6);
    assert_eq!(Schedule::Constant.learning_rate(0.3, 7), 0.3);
}

/// Points above and below the line y = 0.5 x + 0.1, kept away from it.
fn separable(n: usize, seed: u64) -> Dataset<Tensor1<2>> {
    let mut rng = Rng::seed_from_u64(seed);
    let (mut inputs, mut labels) = (Vec::new(), Vec::new());
    while inputs.len() < n {
        let (x, y) = (rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0));
        let margin = y - (0.5 * x + 0.1);
        if margin.abs() > 0.1 {
            inputs.push(Tensor1::from([x, y]));
            labels.push(usize::from(margin > 0.0));
        }
    }
    Dataset::new(inputs, labels).unwrap()
}

fn train_points(seed: u64) -> (Box<Points>, net::History) {
    let data = separable(256, 5);
    let mut model = Points::new(seed);
    let mut optimizer = Adam::new(0.05);
    // A jitter well inside the margin: the samples of a batch are augmented
    // in parallel, which must not make the run depend on the threads.
    let jitter = |x: &Tensor1<2>, rng: &mut Rng| x.map(|v| v + 0.01 * rng.normal());
    let history = Fit::new(40)
        .batch_size(16)
        .seed(seed)
        .validation(0.25)
        .progress(Progress::Silent)
        .augment(&jitter)
        .run(&mut *model, &mut optimizer, &data)
        .unwrap();
    (model, history)
}

#[test]
fn the_trainer_drives_a_separable_set_to_near_zero_loss() {
    let (_, history) = train_points(3);
    let first = history.epochs.first().unwrap();
    let last = history.epochs.last().unwrap();
    assert_eq!(history.epochs.len(), 40);
    assert!(
        last.train.loss < 0.05 && last.train.loss < first.train.loss / 10.0,
        "{first:?} -> {last:?}"
    );
    let validation = last.validation.unwrap();
    assert!(validation.accuracy.unwrap() >= 0.98, "{validation:?}");
}

#[test]
fn a_seed_fixes_the_weights_on_one_and_two_threads() {
    let (one, one_history) = on_threads(1, || train_points(7));
    let (two, two_history) = on_threads(2, || train_points(7));
    assert!(*one == *two, "weights differ between 1 and 2 threads");
    assert_eq!(one_history.epochs.len(), two_history.epochs.len());
    for (a, b) in one_history.epochs.iter().zip(&two_history.epochs) {
        assert_eq!((a.train, a.validation), (b.train, b.validation));
    }
    let (other, _) = train_points(8);
    assert!(*other != *one);
}

#[test]
fn labels_beyond_the_outputs_are_refused() {
    let data = Dataset::new(vec![Tensor1::from([0.0, 0.0])], vec![2]).unwrap();
    let mut model = Points::new(1);
    let error = Fit::new(1)
        .progress(Progress::Silent)
        .run(&mut *model, &mut Adam::new(0.1), &data)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("label 2 is out of range for 2 classes"),
        "{error}"
    );
    assert!(net::evaluate(&*model, &data).is_err());
}

#[test]
fn the_bundled_digits_load_and_split_as_documented() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/mnist-10k");
    let files = net::data::find_mnist(dir).unwrap();
    let net::data::MnistFiles::Single { images, labels } = files else {
        panic!("expected the 10,000-digit set")
    };
    let digits = net::data::load_mnist(images, labels).unwrap();
    assert_eq!(digits.len(), 10_000);
    let (train, held_out) = digits.split_at(8_000);
    assert_eq!((train.len(), held_out.len()), (8_000, 2_000));
    for class in 0..10 {
        assert!(
            held_out.labels.iter().filter(|&&l| l == class).count() > 150,
            "class {class} is rare"
        );
    }
    assert!(digits
        .inputs
        .iter()
        .all(|d| d.as_slice().iter().all(|v| (0.0..=1.0).contains(v))));
}

network! {
    /// A linear autoencoder for points in four dimensions.
    struct Squeeze: [4] {
        encoder {
            enc: Dense(2),
        }
        decoder {
            dec: Dense(4),
        }
    }
}

/// Points on a plane through (1, 0, 2, -1) in four dimensions.
fn planar(n: usize) -> Vec<Tensor1<4>> {
    let mut rng = Rng::seed_from_u64(8);
    (0..n)
        .map(|_| {
            let (a, b) = (rng.normal(), rng.normal());
            Tensor1::from([1.0 + a, b, 2.0 + a - b, -1.0 + 0.5 * b])
        })
        .collect()
}

#[test]
fn an_autoencoder_learns_to_reconstruct_and_reports_no_accuracy() {
    let points = planar(512);
    let mut model = Squeeze::new(1);
    let before = net::evaluate_reconstruction(&*model, &points);
    let history = Fit::new(60)
        .batch_size(32)
        .validation(0.1)
        .progress(Progress::Silent)
        .run_autoencoder(&mut *model, &mut Adam::new(1e-2), &points)
        .unwrap();
    let last = history.epochs.last().unwrap();
    let after = net::evaluate_reconstruction(&*model, &points);
    // A code of two spans the plane: the error all but vanishes.
    assert!(after < 1e-3 * before, "{before} -> {after}");
    assert!(last.validation.unwrap().loss < 1e-3 * before, "{last:?}");
    assert_eq!(last.train.accuracy, None);
}

#[test]
fn augmentation_spoils_the_input_but_never_the_target() {
    // Shown only zeros, the best reconstruction is the data's mean, and the
    // loss stays at the data's variance; had the target been the zeroed
    // input, it would fall to nothing.
    let points = planar(512);
    let blank = |_: &Tensor1<4>, _: &mut Rng| Tensor1::<4>::zeros();
    let mut model = Squeeze::new(2);
    let history = Fit::new(60)
        .batch_size(32)
        .augment(&blank)
        .progress(Progress::Silent)
        .run_autoencoder(&mut *model, &mut Adam::new(1e-2), &points)
        .unwrap();
    let n = points.len() as f32;
    let mean: Vec<f32> = (0..4)
        .map(|i| points.iter().map(|p| p.data[i]).sum::<f32>() / n)
        .collect();
    let variance: f32 = points
        .iter()
        .flat_map(|p| p.data.iter().zip(&mean).map(|(v, m)| (v - m) * (v - m)))
        .sum::<f32>()
        / (4.0 * n);
    let loss = history.epochs.last().unwrap().train.loss;
    assert!(
        (loss - variance).abs() < 0.05 * variance,
        "loss {loss}, variance {variance}"
    );
    let output = model.forward(&Tensor1::zeros());
    for (o, m) in output.data.iter().zip(&mean) {
        assert!((o - m).abs() < 0.05, "{:?} vs {mean:?}", output.data);
    }
}

network! {
    /// Two classes per pixel of an 8 x 8 map.
    struct Labeller: [1, 8, 8] {
        conv: Conv2d(8, kernel = 3, padding = 1),
        Relu,
        head: Conv2d(2, kernel = 1),
    }
}

/// Random maps, and for each the label of every pixel: 1 where it and its
/// right neighbour are both bright, a rule one pixel can not decide alone.
fn bright_pairs(n: usize) -> (Vec<Tensor3<1, 8, 8>>, Vec<Vec<u8>>) {
    let mut rng = Rng::seed_from_u64(5);
    let images: Vec<Tensor3<1, 8, 8>> = (0..n)
        .map(|_| Tensor3::zeros().map(|_| rng.uniform(0.0, 1.0)))
        .collect();
    let labels = images
        .iter()
        .map(|x| {
            let x = &x.data[0];
            (0..64)
                .map(|p| {
                    let (r, c) = (p / 8, p % 8);
                    u8::from(x[r][c] > 0.5 && c + 1 < 8 && x[r][c + 1] > 0.5)
                })
                .collect()
        })
        .collect();
    (images, labels)
}

#[test]
fn a_segmentation_run_learns_per_pixel_labels() {
    let (images, labels) = bright_pairs(256);
    let mut model = Labeller::new(3);
    let history = Fit::new(40)
        .batch_size(32)
        .validation(0.25)
        .progress(Progress::Silent)
        .run_segmentation(&mut *model, &mut Adam::new(1e-2), &images, &labels)
        .unwrap();
    let (first, last) = (&history.epochs[0], history.epochs.last().unwrap());
    assert!(
        last.train.loss < 0.5 * first.train.loss,
        "{first:?} -> {last:?}"
    );
    // Pixel accuracy: 78% of pixels are background (a pixel is labelled 1
    // with probability 1/4 x 7/8), so a model that learnt nothing scores 0.78.
    let validation = last.validation.unwrap();
    assert!(validation.accuracy.unwrap() > 0.95, "{validation:?}");

    let mut scores = net::Confusion::new(2);
    for (x, map) in images.iter().zip(&labels) {
        let y = model.forward(x);
        let predicted: Vec<u8> = (0..64)
            .map(|p| u8::from(y.data[1][p / 8][p % 8] > y.data[0][p / 8][p % 8]))
            .collect();
        scores.add(&predicted, map);
    }
    assert!(scores.mean_iou(0..2).unwrap() > 0.85, "{scores:?}");
}

#[test]
fn a_segmentation_run_refuses_label_maps_that_do_not_fit() {
    let (images, mut labels) = bright_pairs(4);
    let mut model = Labeller::new(3);
    let fit = Fit::new(1).progress(Progress::Silent);
    let mut adam = Adam::new(1e-2);
    let err = fit
        .run_segmentation(&mut *model, &mut adam, &images, &labels[..3])
        .unwrap_err();
    assert!(
        matches!(
            err,
            net::Error::Batch {
                expected: 4,
                found: 3,
                ..
            }
        ),
        "{err}"
    );
    labels[2].pop();
    let err = fit
        .run_segmentation(&mut *model, &mut adam, &images, &labels)
        .unwrap_err();
    assert!(
        matches!(
            err,
            net::Error::LabelMap {
                expected: 64,
                found: 63
            }
        ),
        "{err}"
    );
    labels[2].push(2);
    let err = fit
        .run_segmentation(&mut *model, &mut adam, &images, &labels)
        .unwrap_err();
    assert!(
        matches!(
            err,
            net::Error::Label {
                label: 2,
                classes: 2
            }
        ),
        "{err}"
    );
}

#[test]
fn a_debug_build_says_how_to_train_at_full_speed() {
    let notice = net::train::DEBUG_BUILD_NOTICE;
    assert_eq!(notice.is_some(), cfg!(debug_assertions));
    if let Some(notice) = notice {
        assert!(
            notice.contains("--release") && notice.contains("opt-level = 3"),
            "{notice}"
        );
    }
}
