//! Inpainting: the Denoiser fills in an 8x8 square masked out of each held-out
//! digit.
//!
//! `cargo run --release --example inpaint` uses the Denoiser of the `denoise`
//! example (training it first if `out/denoiser-mnist.safetensors` is missing),
//! blacks out an 8x8 square over the middle of every held-out digit, and
//! reports the PSNR inside the square before and after (the restored digit
//! keeps the known pixels and takes the Denoiser's inside the square);
//! masked / restored / clean rows go to `out/inpaint/`.

use net::data::Digit;
use net::prelude::*;
use net_lab::image::rows_of_digits;
use net_lab::metrics::{apply_mask, mse, psnr_from_mse, square_mask};
use net_lab::trained;
use net_lab::{digits, Error};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

const OUT: &str = "out/inpaint";
const SQUARE: usize = 8;

fn main() -> ExitCode {
    net_lab::exit_code(run())
}

fn run() -> Result<(), Error> {
    let started = Instant::now();
    let (train, test) = digits::load()?;
    let model = trained::denoiser(&train.inputs)?;
    // The square lands anywhere over the digit's middle, where the strokes
    // are: its top-left corner in rows and columns 6 to 14.
    let mut rng = Rng::seed_from_u64(7);
    let masks: Vec<Vec<bool>> = test
        .inputs
        .iter()
        .map(|_| square_mask(28, 28, 6 + rng.below(9), 6 + rng.below(9), SQUARE))
        .collect();
    let masked: Vec<Digit> = test
        .inputs
        .iter()
        .zip(&masks)
        .map(|(d, m)| apply_mask(d, m, 0.0))
        .collect();
    // The Denoiser's output inside the square, the known pixels outside it.
    let restored: Vec<Digit> = model
        .forward_batch(&masked)
        .iter()
        .zip(&masked)
        .zip(&masks)
        .map(|((out, known), m)| {
            out.map_indexed(|i| {
                if m[i] {
                    out.as_slice()[i]
                } else {
                    known.as_slice()[i]
                }
            })
        })
        .collect();
    // Inside the squares: mean squared error over all their pixels, and the
    // mean of the per-digit PSNRs (squares that hid only background are
    // skipped there: their masked PSNR is infinite).
    let (mut before_mse, mut after_mse) = (0.0, 0.0);
    let (mut before_db, mut after_db, mut counted) = (0.0, 0.0, 0usize);
    let mut whole = (0.0, 0.0);
    for (((clean, m), x), y) in test.inputs.iter().zip(&masks).zip(&masked).zip(&restored) {
        let (b, a) = (
            mse(clean.as_slice(), x.as_slice(), Some(m)),
            mse(clean.as_slice(), y.as_slice(), Some(m)),
        );
        before_mse += b;
        after_mse += a;
        if b > 0.0 {
            before_db += psnr_from_mse(b);
            after_db += psnr_from_mse(a);
            counted += 1;
        }
        whole.0 += mse(clean.as_slice(), x.as_slice(), None);
        whole.1 += mse(clean.as_slice(), y.as_slice(), None);
    }
    let n = test.len() as f64;
    println!(
        "{} held-out digits, each with an {SQUARE}x{SQUARE} square blacked out over its middle",
        test.len()
    );
    println!(
        "PSNR inside the square, all squares pooled: masked {:.2} dB, restored {:.2} dB ({:+.2} dB)",
        psnr_from_mse(before_mse / n),
        psnr_from_mse(after_mse / n),
        psnr_from_mse(after_mse / n) - psnr_from_mse(before_mse / n)
    );
    println!(
        "PSNR inside the square, mean over the {counted} digits whose square hid ink: \
         masked {:.2} dB, restored {:.2} dB ({:+.2} dB)",
        before_db / counted as f64,
        after_db / counted as f64,
        (after_db - before_db) / counted as f64
    );
    println!(
        "PSNR of the whole digit, all pooled: masked {:.2} dB, restored {:.2} dB",
        psnr_from_mse(whole.0 / n),
        psnr_from_mse(whole.1 / n)
    );
    rows_of_digits(&[&masked, &restored, &test.inputs], 10)
        .write_png(Path::new(OUT).join("squares.png"))?;
    println!(
        "picture: {OUT}/squares.png (rows: masked, restored, clean); {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
