//! The trained networks the examples share: the Denoiser of `net::models`
//! (`net::models::Denoiser`) for denoising, inpainting, generation,
//! compression and few-shot features, and the MNIST training example's LeNet-5 for learned
//! filters and few-shot features. Each is loaded from `out/` when an earlier
//! run left it there, else trained on the bundled digits.

use crate::metrics::{apply_mask, gaussian_noise, salt_and_pepper, square_mask};
use crate::Error;
use net::data::Digit;
use net::models::{Denoiser, LeNet5};
use net::prelude::*;
use net::{Adam, Dataset, Fit, History, Progress, Schedule};
use std::path::Path;

/// Where the examples keep the trained Denoiser.
pub const DENOISER_WEIGHTS: &str = "out/denoiser-mnist.safetensors";
/// Where the MNIST training example (`cargo run --release --example mnist`) saves LeNet-5.
pub const LENET_WEIGHTS: &str = "out/lenet5-mnist.safetensors";

/// How the Denoiser is trained.
#[derive(Debug, Clone, Copy)]
pub struct DenoiserTraining {
    /// Epochs over the training digits.
    pub epochs: usize,
    /// Seed of the weights, shuffles and corruption.
    pub seed: u64,
    /// Adam's initial learning rate (cosine-annealed).
    pub lr: f32,
    /// Samples per batch.
    pub batch_size: usize,
    /// Train as a denoising autoencoder: each digit is shown spoilt (see
    /// [`random_corruption`]) and the target is the clean digit.
    pub corrupt: bool,
}

impl Default for DenoiserTraining {
    /// 40 epochs: with 30, seeds 1-3 gave +5.91, +6.36 and +5.88 dB at
    /// sigma 0.3; with 40, +6.05, +6.52 and +6.13.
    fn default() -> Self {
        Self {
            epochs: 40,
            seed: 1,
            lr: 5e-3,
            batch_size: 16,
            corrupt: true,
        }
    }
}

/// One of the corruptions the Denoiser learns to undo, drawn at random:
/// Gaussian noise half of the time, salt and pepper or an 8x8 black square a
/// fifth each, clean the rest.
pub fn random_corruption(digit: &Digit, rng: &mut Rng) -> Digit {
    match rng.below(10) {
        0..5 => gaussian_noise(digit, rng.uniform(0.1, 0.5), rng),
        5..7 => salt_and_pepper(digit, rng.uniform(0.05, 0.3), rng),
        7..9 => {
            let (left, top) = (rng.below(21), rng.below(21));
            apply_mask(digit, &square_mask(28, 28, left, top, 8), 0.0)
        }
        _ => *digit,
    }
}

/// Trains a Denoiser on `digits` (reconstruction with mean squared error).
pub fn train_denoiser(
    digits: &[Digit],
    settings: DenoiserTraining,
    progress: Progress,
) -> Result<(Box<Denoiser>, History), Error> {
    let mut model = Denoiser::new(settings.seed);
    // The output starts at the digits' mean intensity instead of sigmoid(0) =
    // 0.5, so the first epochs learn strokes rather than the background. On
    // seeds 1-3 (30 epochs) it lifted the worst denoising gain at sigma 0.3
    // from +5.5 to +6.15 dB.
    let mean = digits
        .iter()
        .map(|d| d.as_slice().iter().sum::<f32>())
        .sum::<f32>()
        / (digits.len().max(1) * 784) as f32;
    model.up2.bias.data[0] = (mean / (1.0 - mean)).ln();
    let mut optimizer = Adam::new(settings.lr);
    let corrupt = |x: &Digit, rng: &mut Rng| random_corruption(x, rng);
    let mut fit = Fit::new(settings.epochs)
        .batch_size(settings.batch_size)
        .seed(settings.seed)
        .schedule(Schedule::Cosine {
            epochs: settings.epochs,
            min_lr: settings.lr / 30.0,
        })
        .progress(progress);
    if settings.corrupt {
        fit = fit.augment(&corrupt);
    }
    let history = fit.run_autoencoder(&mut *model, &mut optimizer, digits)?;
    Ok((model, history))
}

/// The Denoiser saved at [`DENOISER_WEIGHTS`] if there is one, else one
/// trained on `digits` with the default settings and saved there; says which
/// on standard output.
pub fn denoiser(digits: &[Digit]) -> Result<Box<Denoiser>, Error> {
    let path = Path::new(DENOISER_WEIGHTS);
    if path.exists() {
        let mut model = Denoiser::new(0);
        model.load_safetensors(path)?;
        println!("Denoiser loaded from {DENOISER_WEIGHTS} (delete it to train again)");
        return Ok(model);
    }
    println!(
        "training the Denoiser on {} digits (once; kept in {DENOISER_WEIGHTS})",
        digits.len()
    );
    let (model, _) = train_denoiser(digits, DenoiserTraining::default(), Progress::Auto)?;
    save(&*model, path)?;
    Ok(model)
}

/// LeNet-5 trained for `epochs` on `data` as the MNIST training example trains it (Adam
/// at 2e-3, cosine-annealed, batches of 64), without augmentation and quietly.
pub fn train_lenet(data: &Dataset<Digit>, epochs: usize, seed: u64) -> Result<Box<LeNet5>, Error> {
    let mut model = LeNet5::new(seed);
    Fit::new(epochs)
        .batch_size(64)
        .seed(seed)
        .schedule(Schedule::Cosine {
            epochs,
            min_lr: 4e-5,
        })
        .progress(Progress::Silent)
        .run(&mut *model, &mut Adam::new(2e-3), data)?;
    Ok(model)
}

/// The MNIST training example's LeNet-5 from [`LENET_WEIGHTS`] if it has run, else one
/// trained here for 10 epochs on `data` (not saved: that file is the main
/// job's); says which on standard output.
pub fn lenet(data: &Dataset<Digit>) -> Result<Box<LeNet5>, Error> {
    if Path::new(LENET_WEIGHTS).exists() {
        let mut model = LeNet5::new(0);
        model.load_safetensors(LENET_WEIGHTS)?;
        println!("LeNet-5 loaded from {LENET_WEIGHTS} (the MNIST training example's)");
        return Ok(model);
    }
    println!(
        "{LENET_WEIGHTS} is missing (the MNIST training example makes it): training LeNet-5 here"
    );
    train_lenet(data, 10, 1)
}

/// Saves the model's tensors at `path`, creating its folder.
pub(crate) fn save(model: &impl NamedTensors, path: &Path) -> Result<(), Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::io(dir, source))?;
    }
    Ok(model.save_safetensors(path)?)
}
