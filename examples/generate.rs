//! Generation from an autoencoder: fit a Gaussian to the Denoiser's codes of
//! the training digits, sample codes, decode them; and walk from one digit's
//! code to another's.
//!
//! `cargo run --release --example generate` uses the Denoiser of the `denoise`
//! example (training it first if `out/denoiser-mnist.safetensors` is missing)
//! and writes `out/generate/samples.png` and `out/generate/interpolation.png`;
//! the MNIST training example's LeNet-5 (trained here if missing) says how digit-like the
//! samples are.

use net::data::Digit;
use net::prelude::*;
use net_lab::features::predictions;
use net_lab::gaussian::{interpolate, Gaussian};
use net_lab::image::grid;
use net_lab::trained;
use net_lab::{digits, Error, GrayImage};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

const OUT: &str = "out/generate";
const STEPS: usize = 10;

fn main() -> ExitCode {
    net_lab::exit_code(run())
}

fn run() -> Result<(), Error> {
    let started = Instant::now();
    let out = Path::new(OUT);
    let (train, test) = digits::load()?;
    let model = trained::denoiser(&train.inputs)?;
    let codes: Vec<Tensor1<32>> = train.inputs.iter().map(|d| model.encode(d)).collect();
    let rows: Vec<&[f32]> = codes.iter().map(|c| c.as_slice()).collect();
    let gaussian = Gaussian::fit(&rows)?;
    let spread: f64 = (0..32).map(|i| gaussian.covariance()[(i, i)]).sum::<f64>() / 32.0;
    println!(
        "Gaussian fitted to the {}-value codes of {} training digits: mean variance per value {spread:.3}",
        32,
        codes.len()
    );

    let mut rng = Rng::seed_from_u64(11);
    let samples: Vec<GrayImage> = (0..64)
        .map(|_| {
            let code =
                Tensor1::<32>::from_slice(&gaussian.sample(&mut rng)).map_err(net::Error::from)?;
            Ok(GrayImage::from_tensor(&model.decode(&code)))
        })
        .collect::<Result<_, Error>>()?;
    grid(&samples, 8, 2, 1.0)
        .enlarged(3)
        .write_png(out.join("samples.png"))?;

    // How digit-like are the samples? LeNet-5's verdict on 2,000 of them,
    // against its verdict on the held-out digits and on their reconstructions.
    let lenet = trained::lenet(&train)?;
    let sampled: Vec<Digit> = (0..test.len())
        .map(|_| {
            let code =
                Tensor1::<32>::from_slice(&gaussian.sample(&mut rng)).map_err(net::Error::from)?;
            Ok(model.decode(&code))
        })
        .collect::<Result<_, Error>>()?;
    let reconstructed = model.forward_batch(&test.inputs);
    println!("LeNet-5 on 2,000 digits each: mean probability of its answer, share above 0.9, answers per class 0-9");
    for (name, set) in [
        ("held-out digits", &test.inputs),
        ("their reconstructions", &reconstructed),
        ("decoded samples", &sampled),
    ] {
        let verdicts = predictions(&*lenet, set);
        let n = verdicts.len() as f32;
        let mut counts = [0usize; 10];
        verdicts.iter().for_each(|&(class, _)| counts[class] += 1);
        println!(
            "  {name:<22} {:.3}  {:>5.1}%  {counts:?}",
            verdicts.iter().map(|v| v.1).sum::<f32>() / n,
            100.0 * verdicts.iter().filter(|v| v.1 > 0.9).count() as f32 / n,
        );
    }

    // From a held-out digit of one class to one of another, in code space.
    let mut walk = Vec::new();
    for (from, to) in [(1, 7), (3, 8), (4, 9), (0, 6)] {
        let (a, b) = (
            model.encode(&digits::of_class(&test, from)[0]),
            model.encode(&digits::of_class(&test, to)[0]),
        );
        for step in 0..STEPS {
            let t = step as f32 / (STEPS - 1) as f32;
            let code = Tensor1::<32>::from_slice(&interpolate(a.as_slice(), b.as_slice(), t))
                .map_err(net::Error::from)?;
            walk.push(GrayImage::from_tensor(&model.decode(&code)));
        }
    }
    grid(&walk, STEPS, 2, 1.0)
        .enlarged(3)
        .write_png(out.join("interpolation.png"))?;
    println!(
        "pictures in {OUT}/: samples.png (64 decoded samples), interpolation.png (1 to 7, 3 to 8, \
         4 to 9, 0 to 6); {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
