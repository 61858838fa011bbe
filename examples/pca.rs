//! PCA as a linear autoencoder: two `Dense(.., bias = false)` layers with no
//! activation, trained by gradient descent on centred digits, against PCA
//! computed by SVD.
//!
//! `cargo run --release --example pca` reports the principal angles between
//! the autoencoder's 16-dimensional subspace and the top 16 principal
//! components, both reconstruction errors on held-out digits, and plots the
//! errors for codes of 1 to 32 values under `out/pca/`.

use net::data::Digit;
use net::evaluate_reconstruction;
use net::prelude::*;
use net_lab::image::grid;
use net_lab::nalgebra::DMatrix;
use net_lab::pca::*;
use net_lab::plot::{LineChart, Series};
use net_lab::{digits, Error, GrayImage};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

const OUT: &str = "out/pca";
/// Epochs for the code of 16, whose subspace is compared with PCA's; the
/// error alone settles sooner, so the other code sizes get fewer.
const EPOCHS: usize = 100;
const CURVE_EPOCHS: usize = 40;
const LR: f32 = 3e-3;
const SEED: u64 = 1;

fn main() -> ExitCode {
    net_lab::exit_code(run())
}

fn rows(set: &[Digit]) -> Vec<&[f32]> {
    set.iter().map(|d| d.as_slice()).collect()
}

fn run() -> Result<(), Error> {
    let started = Instant::now();
    let out = Path::new(OUT);
    let (train, test) = digits::load()?;
    let pca = Pca::fit(&rows(&train.inputs))?;
    let pca_errors = pca.reconstruction_errors(&rows(&test.inputs), 32)?;
    println!(
        "PCA of {} training digits by SVD: {:.2} s",
        train.len(),
        started.elapsed().as_secs_f64()
    );
    let train_set: Vec<Tensor1<784>> = centred(&train.inputs, pca.mean());
    let test_set: Vec<Tensor1<784>> = centred(&test.inputs, pca.mean());

    // The autoencoder with a code of 16, trained by gradient descent.
    let training = Instant::now();
    let mut model = Linear16::new(SEED);
    let loss = train_linear_autoencoder(&mut *model, &train_set, EPOCHS, LR, SEED)?;
    let ae_basis = decoder_basis(&model.dec.weight);
    let angles = principal_angles(&ae_basis, &pca.components(16))?;
    let ae_error = evaluate_reconstruction(&*model, &test_set) as f64;
    println!(
        "linear autoencoder 784 -> 16 -> 784: {EPOCHS} epochs of Adam in {:.1} s, training loss {loss:.5}",
        training.elapsed().as_secs_f64()
    );
    println!(
        "principal angles to PCA's top 16 components (rad): largest {:.4}, smallest {:.2e}, mean {:.4}",
        angles[15],
        angles[0],
        angles.iter().sum::<f64>() / 16.0
    );
    println!(
        "held-out reconstruction error per pixel: autoencoder {ae_error:.5}, PCA {:.5}: ratio {:.4}",
        pca_errors[15],
        ae_error / pca_errors[15]
    );

    // The error for other code sizes: one network type per size.
    let curve_started = Instant::now();
    let mut ae_points = Vec::new();
    macro_rules! point {
        ($($model:ty: $k:literal),*) => {$(
            let mut model = <$model>::new(SEED);
            train_linear_autoencoder(&mut *model, &train_set, CURVE_EPOCHS, LR, SEED)?;
            ae_points.push(($k as f64, evaluate_reconstruction(&*model, &test_set) as f64));
        )*};
    }
    point!(Linear1: 1, Linear2: 2, Linear4: 4, Linear8: 8, Linear12: 12);
    ae_points.push((16.0, ae_error));
    point!(Linear24: 24, Linear32: 32);
    println!("  k   autoencoder   PCA       ratio");
    for &(k, e) in &ae_points {
        let p = pca_errors[k as usize - 1];
        println!("  {k:>2}  {e:.5}       {p:.5}   {:.4}", e / p);
    }
    println!(
        "(7 more autoencoders, {CURVE_EPOCHS} epochs each, trained in {:.1} s)",
        curve_started.elapsed().as_secs_f64()
    );
    LineChart {
        title: "Held-out reconstruction error: PCA vs linear autoencoder".into(),
        x_label: "code size k".into(),
        y_label: "mean squared error per pixel".into(),
        series: vec![
            Series {
                name: "PCA (SVD)".into(),
                points: (1..=32).map(|k| (k as f64, pca_errors[k - 1])).collect(),
                markers: false,
            },
            Series {
                name: "linear autoencoder (gradient descent)".into(),
                points: ae_points,
                markers: true,
            },
        ],
    }
    .write_png(out.join("errors.png"))?;

    // PCA's components, and the same components projected onto the
    // autoencoder's subspace: alike when the subspaces agree.
    let q = ae_basis.qr().q();
    let components = pca.components(16);
    let projected = &q * (q.transpose() * &components);
    let picture = |m: &DMatrix<f64>, c: usize| {
        let pixels = m.column(c).iter().map(|&v| v as f32).collect();
        GrayImage::from_pixels(28, 28, pixels).map(|i| i.normalized())
    };
    let mut tiles = Vec::new();
    for m in [&components, &projected] {
        for c in 0..16 {
            tiles.push(picture(m, c)?);
        }
    }
    grid(&tiles, 16, 2, 1.0)
        .enlarged(3)
        .write_png(out.join("components.png"))?;

    // Held-out digits, their PCA-16 and their autoencoder reconstructions.
    let mut rows_of_digits = Vec::new();
    let mean: Vec<f32> = pca.mean().iter().map(|&v| v as f32).collect();
    let pca_reconstruct = |x: &Tensor1<784>| -> Vec<f32> {
        let v = net_lab::nalgebra::DVector::from_fn(784, |i, _| x.data[i] as f64);
        let r = &components * (components.transpose() * v);
        r.iter().zip(&mean).map(|(a, m)| *a as f32 + m).collect()
    };
    for x in &test_set[..10] {
        let original: Vec<f32> = x.data.iter().zip(&mean).map(|(a, m)| a + m).collect();
        let ae: Vec<f32> = model
            .forward(x)
            .data
            .iter()
            .zip(&mean)
            .map(|(a, m)| a + m)
            .collect();
        for pixels in [original, pca_reconstruct(x), ae] {
            rows_of_digits.push(GrayImage::from_pixels(28, 28, pixels)?);
        }
    }
    let reconstructions: Vec<GrayImage> = (0..3)
        .flat_map(|row| rows_of_digits.iter().skip(row).step_by(3).cloned())
        .collect();
    grid(&reconstructions, 10, 2, 1.0)
        .enlarged(3)
        .write_png(out.join("reconstructions.png"))?;
    println!(
        "pictures in {OUT}/: errors.png, components.png (top: PCA; bottom: projected onto the \
         autoencoder's subspace), reconstructions.png (digits, PCA, autoencoder); {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
