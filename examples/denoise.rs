//! A denoising autoencoder: the Denoiser of `net::models` restores held-out digits
//! spoilt by Gaussian noise and by salt-and-pepper noise.
//!
//! `cargo run --release --example denoise` trains the Denoiser once (about
//! 40 seconds; the weights are kept in `out/denoiser-mnist.safetensors` for the
//! other autoencoder examples), then reports the PSNR of noisy and restored
//! digits against the clean ones and writes noisy / restored / clean rows
//! under `out/denoise/`.

use net::data::Digit;
use net::prelude::*;
use net_lab::image::rows_of_digits;
use net_lab::metrics::{gaussian_noise, psnr, salt_and_pepper};
use net_lab::plot::{LineChart, Series};
use net_lab::trained;
use net_lab::{digits, Error, GrayImage};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

const OUT: &str = "out/denoise";

fn main() -> ExitCode {
    net_lab::exit_code(run())
}

/// Mean PSNR of the spoilt and of the restored digits against the clean ones,
/// and the digits.
struct Outcome {
    before: f64,
    after: f64,
    spoilt: Vec<Digit>,
    restored: Vec<Digit>,
    clean: Vec<Digit>,
}

fn restore(
    model: &net::models::Denoiser,
    clean: &[Digit],
    spoil: impl Fn(&Digit, &mut Rng) -> Digit,
) -> Outcome {
    let mut rng = Rng::seed_from_u64(2024);
    let spoilt: Vec<Digit> = clean.iter().map(|d| spoil(d, &mut rng)).collect();
    let restored = model.forward_batch(&spoilt);
    let mean = |images: &[Digit]| {
        clean
            .iter()
            .zip(images)
            .map(|(c, x)| psnr(c.as_slice(), x.as_slice()))
            .sum::<f64>()
            / clean.len() as f64
    };
    Outcome {
        before: mean(&spoilt),
        after: mean(&restored),
        spoilt,
        restored,
        clean: clean.to_vec(),
    }
}

/// Spoilt, restored and clean versions of the first ten digits.
fn sheet(outcome: &Outcome) -> GrayImage {
    rows_of_digits(&[&outcome.spoilt, &outcome.restored, &outcome.clean], 10)
}

fn run() -> Result<(), Error> {
    let started = Instant::now();
    let out = Path::new(OUT);
    let (train, test) = digits::load()?;
    let model = trained::denoiser(&train.inputs)?;
    println!(
        "{} held-out digits; mean PSNR against the clean digit:",
        test.len()
    );
    println!("  noise                    noisy     restored   gain");
    let report = |name: &str, outcome: &Outcome| {
        println!(
            "  {name:<22} {:>6.2} dB  {:>6.2} dB  {:+.2} dB",
            outcome.before,
            outcome.after,
            outcome.after - outcome.before
        );
    };
    let (mut noisy_curve, mut restored_curve) = (Vec::new(), Vec::new());
    for sigma in [0.1f32, 0.2, 0.3, 0.4, 0.5] {
        let outcome = restore(&model, &test.inputs, |d, rng| gaussian_noise(d, sigma, rng));
        report(&format!("Gaussian sigma {sigma}"), &outcome);
        noisy_curve.push((sigma as f64, outcome.before));
        restored_curve.push((sigma as f64, outcome.after));
        if sigma == 0.3 {
            sheet(&outcome).write_png(out.join("gaussian-0.3.png"))?;
        }
    }
    for amount in [0.1f32, 0.2, 0.3] {
        let outcome = restore(&model, &test.inputs, |d, rng| {
            salt_and_pepper(d, amount, rng)
        });
        report(&format!("salt and pepper {:.0}%", 100.0 * amount), &outcome);
        if amount == 0.2 {
            sheet(&outcome).write_png(out.join("salt-and-pepper-20.png"))?;
        }
    }
    LineChart {
        title: "Denoiser on held-out digits with Gaussian noise".into(),
        x_label: "noise standard deviation".into(),
        y_label: "mean PSNR (dB)".into(),
        series: vec![
            Series {
                name: "noisy".into(),
                points: noisy_curve,
                markers: true,
            },
            Series {
                name: "restored".into(),
                points: restored_curve,
                markers: true,
            },
        ],
    }
    .write_png(out.join("psnr.png"))?;
    println!(
        "pictures in {OUT}/: gaussian-0.3.png and salt-and-pepper-20.png (rows: noisy, restored, \
         clean), psnr.png; {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
