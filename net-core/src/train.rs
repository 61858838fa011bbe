//! Training a classifier (softmax cross-entropy) or an autoencoder (mean squared
//! reconstruction error): epochs of shuffled, optionally augmented batches, an
//! optimizer with a learning-rate schedule, a held-out validation split, and a
//! history of per-epoch loss and accuracy.
//!
//! Every random choice (the split, the shuffles, augmentation, dropout) draws
//! from one `Rng` seeded by the configuration, in a fixed order, and the kernels
//! sum gradients in a fixed order: the same seed gives the same weights on any
//! number of threads.

use crate::data::Dataset;
use crate::error::Error;
use crate::loss::{
    argmax, check_label_maps, label_map, mse, pixel_softmax_cross_entropy, softmax_cross_entropy,
};
use crate::network::Network;
use crate::optim::{Optimizer, Schedule};
use crate::params::{fill_zeros, zeroed_box, Zeroable};
use crate::rng::Rng;
use crate::tensor::Tensor;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// How `fit` reports its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// A progress bar when standard error is a terminal, else plain lines.
    Auto,
    /// One line per epoch on standard output.
    Lines,
    /// Nothing.
    Silent,
}

/// Loss and accuracy of a model on a data set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evaluation {
    /// Mean softmax cross-entropy of a classifier, mean squared error of an
    /// autoencoder.
    pub loss: f32,
    /// A classifier's fraction of samples whose largest output is their label;
    /// `None` for an autoencoder.
    pub accuracy: Option<f32>,
}

impl std::fmt::Display for Evaluation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "loss {:.4}", self.loss)?;
        if let Some(accuracy) = self.accuracy {
            write!(f, ", accuracy {:.2}%", 100.0 * accuracy)?;
        }
        Ok(())
    }
}

/// One epoch of training.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochStats {
    /// The epoch, from 1.
    pub epoch: usize,
    /// The learning rate used.
    pub learning_rate: f32,
    /// Mean loss and accuracy over the epoch's training batches (training mode).
    pub train: Evaluation,
    /// Loss and accuracy on the validation split (inference mode), if any.
    pub validation: Option<Evaluation>,
    /// Wall time of the epoch.
    pub seconds: f32,
}

/// What `fit` returns: one entry per epoch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The epochs in order.
    pub epochs: Vec<EpochStats>,
}

/// Transforms a training sample, drawing from the run's generator.
pub type AugmentFn<'a, T> = dyn Fn(&T, &mut Rng) -> T + Sync + 'a;

/// A training run's settings; `run` trains.
pub struct Fit<'a, T> {
    epochs: usize,
    batch_size: usize,
    seed: u64,
    validation: f32,
    schedule: Schedule,
    progress: Progress,
    augment: Option<&'a AugmentFn<'a, T>>,
}

impl<'a, T: Copy> Fit<'a, T> {
    /// `epochs` epochs of batches of 32, seed 0, no validation split, a
    /// constant learning rate, progress shown automatically.
    pub fn new(epochs: usize) -> Self {
        Self {
            epochs,
            batch_size: 32,
            seed: 0,
            validation: 0.0,
            schedule: Schedule::Constant,
            progress: Progress::Auto,
            augment: None,
        }
    }
    /// Samples per batch.
    pub fn batch_size(mut self, batch_size: usize) -> Self {
        self.batch_size = batch_size.max(1);
        self
    }
    /// The seed of every random choice.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// Holds out this fraction of the data (chosen by the seed) for validation.
    pub fn validation(mut self, fraction: f32) -> Self {
        self.validation = fraction.clamp(0.0, 1.0);
        self
    }
    /// The learning rate per epoch, from the optimizer's initial rate.
    pub fn schedule(mut self, schedule: Schedule) -> Self {
        self.schedule = schedule;
        self
    }
    /// How progress is reported.
    pub fn progress(mut self, progress: Progress) -> Self {
        self.progress = progress;
        self
    }
    /// Transforms each training sample anew every time it is drawn. A batch's
    /// samples are transformed in parallel, each with a generator of its own
    /// seeded from the run's, so the same seed gives the same samples on any
    /// number of threads.
    pub fn augment(mut self, augment: &'a AugmentFn<'a, T>) -> Self {
        self.augment = Some(augment);
        self
    }

    /// Trains `model` on `data` with softmax cross-entropy and `optimizer`.
    pub fn run<N, O>(
        &self,
        model: &mut N,
        optimizer: &mut O,
        data: &Dataset<T>,
    ) -> Result<History, Error>
    where
        N: Network<Input = T>,
        N::Grads: Zeroable,
        O: Optimizer,
        T: Tensor,
    {
        check_labels::<N>(data)?;
        self.train(model, optimizer, &Classify { data })
    }

    /// Trains `model` to reproduce `inputs` with mean squared error and
    /// `optimizer`. Augmentation changes only what the model sees, never the
    /// target, so a corrupting augmentation (noise, a mask) trains a denoising
    /// autoencoder.
    pub fn run_autoencoder<N, O>(
        &self,
        model: &mut N,
        optimizer: &mut O,
        inputs: &[T],
    ) -> Result<History, Error>
    where
        N: Network<Input = T, Output = T>,
        N::Grads: Zeroable,
        O: Optimizer,
        T: Tensor,
    {
        self.train(model, optimizer, &Reconstruct { inputs })
    }

    /// Trains `model` to label every position of its output (the output's
    /// first axis holds the classes: `[classes, H, W]`) with
    /// [`pixel_softmax_cross_entropy`] and `optimizer`; `labels[i]` is
    /// sample `i`'s label map, one class per position in row-major order.
    /// The accuracy reported is pixel accuracy. `augment` transforms the
    /// input alone, so it suits changes that move no pixel (noise, contrast),
    /// not shifts or flips, which would need the map moved with the image.
    pub fn run_segmentation<N, O, L>(
        &self,
        model: &mut N,
        optimizer: &mut O,
        inputs: &[T],
        labels: &[L],
    ) -> Result<History, Error>
    where
        N: Network<Input = T>,
        N::Grads: Zeroable,
        O: Optimizer,
        T: Tensor,
        L: AsRef<[u8]> + Sync,
    {
        if inputs.len() != labels.len() {
            return Err(Error::Batch {
                what: "label maps",
                expected: inputs.len(),
                found: labels.len(),
            });
        }
        check_label_maps::<N::Output, L>(labels)?;
        self.train(model, optimizer, &Segment { inputs, labels })
    }

    /// The loop they share. The run works on sample indices, so the data is
    /// never copied.
    fn train<N, O, L>(
        &self,
        model: &mut N,
        optimizer: &mut O,
        objective: &L,
    ) -> Result<History, Error>
    where
        N: Network<Input = T>,
        N::Grads: Zeroable,
        O: Optimizer,
        T: Tensor,
        L: Objective<N>,
    {
        let inputs = objective.inputs();
        let mut rng = Rng::seed_from_u64(self.seed);
        let mut order: Vec<usize> = (0..inputs.len()).collect();
        rng.shuffle(&mut order);
        let held_out = (inputs.len() as f32 * self.validation).round() as usize;
        let (validation, train) = order.split_at(held_out);
        let base_lr = optimizer.learning_rate();
        let mut grads = zeroed_box::<N::Grads>();
        let mut cache = N::Cache::default();
        let mut history = History::default();
        if let (Some(notice), false) = (
            DEBUG_BUILD_NOTICE,
            matches!(self.progress, Progress::Silent),
        ) {
            eprintln!("{notice}");
        }
        let reporter = Reporter::new(self.progress, train.len().div_ceil(self.batch_size));
        for epoch in 0..self.epochs {
            let started = Instant::now();
            let lr = self.schedule.learning_rate(base_lr, epoch);
            optimizer.set_learning_rate(lr);
            reporter.start_epoch(epoch + 1);
            let mut positions: Vec<usize> = (0..train.len()).collect();
            rng.shuffle(&mut positions);
            let (loss_sum, correct) = with_spinning_workers(|| -> Result<_, Error> {
                let (mut loss_sum, mut correct) = (0.0f64, 0.0f64);
                for chunk in positions.chunks(self.batch_size) {
                    let batch: Vec<usize> = chunk.iter().map(|&p| train[p]).collect();
                    let xs: Vec<T> = match self.augment {
                        // One generator per sample, seeded in order from the
                        // run's: the samples are augmented in parallel, and
                        // each one's draws do not depend on the threads.
                        Some(augment) => {
                            let seeds: Vec<u64> = batch.iter().map(|_| rng.next_u64()).collect();
                            batch
                                .par_iter()
                                .zip(seeds)
                                .map(|(&i, seed)| {
                                    augment(&inputs[i], &mut Rng::seed_from_u64(seed))
                                })
                                .collect()
                        }
                        None => batch.iter().map(|&i| inputs[i]).collect(),
                    };
                    let (ys, used) =
                        model.forward_train_reusing(&xs, &mut rng, std::mem::take(&mut cache));
                    cache = used;
                    let (loss, dys, right) = objective.loss(&ys, &batch)?;
                    fill_zeros(&mut *grads);
                    model.backward_params(&mut cache, &dys, &mut grads);
                    optimizer.step(model, &grads);
                    loss_sum += loss as f64 * batch.len() as f64;
                    correct += right;
                    reporter.batch_done(loss);
                }
                Ok((loss_sum, correct))
            })?;
            let seen = train.len().max(1) as f64;
            let stats = EpochStats {
                epoch: epoch + 1,
                learning_rate: lr,
                train: Evaluation {
                    loss: (loss_sum / seen) as f32,
                    accuracy: L::CLASSIFIES.then_some((correct / seen) as f32),
                },
                validation: (!validation.is_empty())
                    .then(|| objective.evaluate(model, validation))
                    .transpose()?,
                seconds: started.elapsed().as_secs_f32(),
            };
            reporter.end_epoch(&stats, self.epochs);
            history.epochs.push(stats);
        }
        reporter.finish();
        Ok(history)
    }
}

/// What `Fit` prints before training in a build with debug assertions (a
/// `cargo run` without `--release`), where it runs tens of times slower
/// unless the profile optimizes (README, "Set up, train, test"); `None` in
/// a release build.
pub const DEBUG_BUILD_NOTICE: Option<&str> = if cfg!(debug_assertions) {
    Some(
        "net: this is a debug build, where training runs about 45x slower: use `cargo run --release`, \
         or set `[profile.dev] opt-level = 1` and `[profile.dev.package.\"*\"] opt-level = 3` in Cargo.toml",
    )
} else {
    None
};

/// Runs `f` with the other threads of rayon's current pool looking for work
/// all the time instead of falling asleep between `f`'s parallel regions
/// (OpenMP's threads, by default, also spin a while before they sleep). A
/// training step is a chain of parallel regions (a pass in chunks, or one per
/// layer) with serial stretches between them (the loss, the optimizer); a
/// rayon thread that has found no work for some microseconds sleeps, and on a
/// virtual machine waking it costs tens of microseconds at the start of the next
/// region.
/// The trainer runs each epoch's steps inside this; a training loop of one's
/// own can too. The other threads keep their cores busy while `f` runs; no
/// result changes.
pub fn with_spinning_workers<R>(f: impl FnOnce() -> R) -> R {
    let caller_is_a_worker = rayon::current_thread_index().is_some();
    let others = rayon::current_num_threads() - usize::from(caller_is_a_worker);
    if others == 0 {
        return f();
    }
    let stop = AtomicBool::new(false);
    rayon::in_place_scope(|scope| {
        // Spawned before `f` runs, so the other threads steal these first:
        // stealing takes the oldest job, and the caller never waits inside one.
        for _ in 0..others {
            scope.spawn(|_| {
                while !stop.load(Ordering::Acquire) {
                    if rayon::yield_now() != Some(rayon::Yield::Executed) {
                        std::hint::spin_loop();
                    }
                }
            });
        }
        /// Ends the polling when `f` returns or panics, so the scope can end.
        struct Stop<'a>(&'a AtomicBool);
        impl Drop for Stop<'_> {
            fn drop(&mut self) {
                self.0.store(true, Ordering::Release);
            }
        }
        let _stop = Stop(&stop);
        f()
    })
}

/// What a training run minimises, over samples named by their index.
trait Objective<N: Network> {
    /// Whether the objective has an accuracy to report.
    const CLASSIFIES: bool;
    /// Every sample, the validation split included.
    fn inputs(&self) -> &[N::Input];
    /// The batch's mean loss, its gradient for each output, and the sum
    /// over its samples of the share of each that is labelled right (a
    /// classified sample's is 0 or 1).
    fn loss(
        &self,
        outputs: &[N::Output],
        batch: &[usize],
    ) -> Result<(f32, Vec<N::Output>, f64), Error>;
    /// The loss (and accuracy) in inference mode on the samples at `indices`.
    fn evaluate(&self, model: &N, indices: &[usize]) -> Result<Evaluation, Error>;
}

struct Classify<'d, T> {
    data: &'d Dataset<T>,
}

impl<N: Network> Objective<N> for Classify<'_, N::Input> {
    const CLASSIFIES: bool = true;
    fn inputs(&self) -> &[N::Input] {
        &self.data.inputs
    }
    fn loss(
        &self,
        outputs: &[N::Output],
        batch: &[usize],
    ) -> Result<(f32, Vec<N::Output>, f64), Error> {
        let labels: Vec<usize> = batch.iter().map(|&i| self.data.labels[i]).collect();
        let (loss, grads) = softmax_cross_entropy(outputs, &labels)?;
        let correct = outputs
            .iter()
            .zip(&labels)
            .filter(|(y, &l)| argmax(*y) == l)
            .count();
        Ok((loss, grads, correct as f64))
    }
    fn evaluate(&self, model: &N, indices: &[usize]) -> Result<Evaluation, Error> {
        Ok(classification_at(model, self.data, indices))
    }
}

struct Reconstruct<'d, T> {
    inputs: &'d [T],
}

impl<T: Tensor, N: Network<Input = T, Output = T>> Objective<N> for Reconstruct<'_, T> {
    const CLASSIFIES: bool = false;
    fn inputs(&self) -> &[T] {
        self.inputs
    }
    fn loss(&self, outputs: &[T], batch: &[usize]) -> Result<(f32, Vec<T>, f64), Error> {
        let targets: Vec<T> = batch.iter().map(|&i| self.inputs[i]).collect();
        let (loss, grads) = mse(outputs, &targets)?;
        Ok((loss, grads, 0.0))
    }
    fn evaluate(&self, model: &N, indices: &[usize]) -> Result<Evaluation, Error> {
        Ok(Evaluation {
            loss: reconstruction_at(model, self.inputs, indices),
            accuracy: None,
        })
    }
}

/// Every label must name one of the model's outputs.
fn check_labels<N: Network>(data: &Dataset<N::Input>) -> Result<(), Error> {
    match data.labels.iter().find(|&&l| l >= N::Output::LEN) {
        Some(&label) => Err(Error::Label {
            label,
            classes: N::Output::LEN,
        }),
        None => Ok(()),
    }
}

/// Loss and accuracy of `model` (inference mode) on `data`, samples in parallel.
pub fn evaluate<N: Network>(model: &N, data: &Dataset<N::Input>) -> Result<Evaluation, Error> {
    check_labels::<N>(data)?;
    let all: Vec<usize> = (0..data.len()).collect();
    Ok(classification_at(model, data, &all))
}

/// Mean squared error of `model`'s reconstructions (inference mode) of
/// `inputs`, samples in parallel.
pub fn evaluate_reconstruction<T: Tensor, N: Network<Input = T, Output = T>>(
    model: &N,
    inputs: &[T],
) -> f32 {
    let all: Vec<usize> = (0..inputs.len()).collect();
    reconstruction_at(model, inputs, &all)
}

/// [`evaluate`] on the samples at `indices`, whose labels were checked.
fn classification_at<N: Network>(
    model: &N,
    data: &Dataset<N::Input>,
    indices: &[usize],
) -> Evaluation {
    evaluation_at(model, &Classify { data }, indices).expect("labels were checked")
}

/// An objective's loss and accuracy in inference mode on the samples at
/// `indices`, in chunks in parallel. Per-chunk sums added in order: the same
/// figures on any number of threads.
fn evaluation_at<N: Network, L: Objective<N> + Sync>(
    model: &N,
    objective: &L,
    indices: &[usize],
) -> Result<Evaluation, Error> {
    let parts: Vec<(f64, f64)> = indices
        .par_chunks(64)
        .map(|chunk| {
            let inputs = objective.inputs();
            let mut scratch = zeroed_box::<N::Scratch>();
            let outputs: Vec<N::Output> = chunk
                .iter()
                .map(|&i| *model.forward_in(&inputs[i], &mut scratch))
                .collect();
            let (loss, _, right) = objective.loss(&outputs, chunk)?;
            Ok((loss as f64 * chunk.len() as f64, right))
        })
        .collect::<Result<_, Error>>()?;
    let n = indices.len().max(1) as f64;
    let (loss, right) = parts
        .iter()
        .fold((0.0, 0.0), |(l, r), p| (l + p.0, r + p.1));
    Ok(Evaluation {
        loss: (loss / n) as f32,
        accuracy: L::CLASSIFIES.then_some((right / n) as f32),
    })
}

struct Segment<'d, T, L> {
    inputs: &'d [T],
    labels: &'d [L],
}

impl<N: Network, L: AsRef<[u8]> + Sync> Objective<N> for Segment<'_, N::Input, L> {
    const CLASSIFIES: bool = true;
    fn inputs(&self) -> &[N::Input] {
        self.inputs
    }
    fn loss(
        &self,
        outputs: &[N::Output],
        batch: &[usize],
    ) -> Result<(f32, Vec<N::Output>, f64), Error> {
        let labels: Vec<&[u8]> = batch.iter().map(|&i| self.labels[i].as_ref()).collect();
        let (loss, grads) = pixel_softmax_cross_entropy(outputs, &labels)?;
        let right = outputs
            .iter()
            .zip(&labels)
            .map(|(y, map)| pixels_right(y, map))
            .sum();
        Ok((loss, grads, right))
    }
    fn evaluate(&self, model: &N, indices: &[usize]) -> Result<Evaluation, Error> {
        evaluation_at(model, self, indices)
    }
}

/// The share of `map`'s positions whose largest logit in `y` is its label.
fn pixels_right<T: Tensor>(y: &T, map: &[u8]) -> f64 {
    let right = label_map(y).iter().zip(map).filter(|(p, t)| p == t).count();
    right as f64 / map.len().max(1) as f64
}

/// [`evaluate_reconstruction`] on the samples at `indices`.
fn reconstruction_at<T: Tensor, N: Network<Input = T, Output = T>>(
    model: &N,
    inputs: &[T],
    indices: &[usize],
) -> f32 {
    let parts: Vec<f64> = indices
        .par_chunks(64)
        .map(|chunk| {
            chunk
                .iter()
                .map(|&i| {
                    let (x, y) = (&inputs[i], model.forward(&inputs[i]));
                    y.as_slice()
                        .iter()
                        .zip(x.as_slice())
                        .map(|(&a, &b)| (a as f64 - b as f64).powi(2))
                        .sum::<f64>()
                })
                .sum::<f64>()
        })
        .collect();
    (parts.iter().sum::<f64>() / (indices.len() * T::LEN).max(1) as f64) as f32
}

/// Progress output: a bar on a terminal, lines elsewhere, or nothing.
struct Reporter {
    bar: Option<ProgressBar>,
    lines: bool,
}

impl Reporter {
    fn new(progress: Progress, batches: usize) -> Self {
        let terminal = std::io::stderr().is_terminal();
        match progress {
            Progress::Auto if terminal => {
                let bar = ProgressBar::with_draw_target(
                    Some(batches as u64),
                    ProgressDrawTarget::stderr(),
                );
                bar.set_style(
                    ProgressStyle::with_template(
                        "{prefix} [{bar:30}] {pos}/{len} batches, loss {msg} ({elapsed})",
                    )
                    .expect("the template is valid")
                    .progress_chars("=> "),
                );
                Self {
                    bar: Some(bar),
                    lines: false,
                }
            }
            Progress::Auto | Progress::Lines => Self {
                bar: None,
                lines: true,
            },
            Progress::Silent => Self {
                bar: None,
                lines: false,
            },
        }
    }

    fn start_epoch(&self, epoch: usize) {
        if let Some(bar) = &self.bar {
            bar.reset();
            bar.set_prefix(format!("epoch {epoch}"));
        }
    }

    fn batch_done(&self, loss: f32) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{loss:.4}"));
            bar.inc(1);
        }
    }

    fn end_epoch(&self, stats: &EpochStats, epochs: usize) {
        let mut line = format!(
            "epoch {}/{epochs}: lr {:.2e}, train {}",
            stats.epoch, stats.learning_rate, stats.train
        );
        if let Some(v) = stats.validation {
            line += &format!("; validation {v}");
        }
        line += &format!(" ({:.1} s)", stats.seconds);
        match &self.bar {
            Some(bar) => bar.println(line),
            None if self.lines => println!("{line}"),
            None => {}
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
