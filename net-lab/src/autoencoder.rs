//! The Denoiser of DESIGN.md (`net::models::Denoiser`) trained on the bundled
//! digits, shared by the denoising, inpainting, generation, compression and
//! few-shot examples.

use crate::metrics::{apply_mask, gaussian_noise, salt_and_pepper, square_mask};
use crate::Error;
use net::data::Digit;
use net::models::Denoiser;
use net::prelude::*;
use net::{Adam, Fit, History, Progress, Schedule};
use std::path::Path;

/// Where the examples keep the trained Denoiser.
pub const DENOISER_WEIGHTS: &str = "out/denoiser-mnist.safetensors";

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
    /// Train as a denoising autoencoder: each digit is shown spoilt (noise,
    /// salt and pepper, or a masked square, a quarter of the time each; clean
    /// otherwise) and the target is the clean digit.
    pub corrupt: bool,
}

impl Default for DenoiserTraining {
    fn default() -> Self {
        Self {
            epochs: 20,
            seed: 1,
            lr: 5e-3,
            batch_size: 16,
            corrupt: true,
        }
    }
}

/// One of the corruptions the Denoiser learns to undo, drawn at random.
pub fn random_corruption(digit: &Digit, rng: &mut Rng) -> Digit {
    match rng.below(4) {
        0 => gaussian_noise(digit, rng.uniform(0.1, 0.5), rng),
        1 => salt_and_pepper(digit, rng.uniform(0.05, 0.3), rng),
        2 => {
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

/// The Denoiser saved at `path` if there is one, else one trained on `digits`
/// with the default settings and saved there. The flag says whether it was
/// trained now.
pub fn load_or_train_denoiser(
    path: impl AsRef<Path>,
    digits: &[Digit],
) -> Result<(Box<Denoiser>, bool), Error> {
    let path = path.as_ref();
    if path.exists() {
        let mut model = Denoiser::new(0);
        model.load_safetensors(path)?;
        return Ok((model, false));
    }
    println!(
        "training the Denoiser on {} digits (once; kept in {})",
        digits.len(),
        path.display()
    );
    let (model, _) = train_denoiser(digits, DenoiserTraining::default(), Progress::Auto)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::io(dir, source))?;
    }
    model.save_safetensors(path)?;
    Ok((model, true))
}
