//! Transfer learning with few labels: a nearest-neighbour classifier given 1,
//! 5 or 10 labelled digits per class, on raw pixels, on the Denoiser's code
//! (learned without labels) and on LeNet-5's penultimate layer (`embed`).
//!
//! `cargo run --release --example fewshot` uses the MNIST training example's LeNet-5
//! (`out/lenet5-mnist.safetensors`, trained here if missing) and the Denoiser
//! of the `denoise` example, and for a real transfer also trains a LeNet-5 on
//! digits 0-4 only and tests its features (the penultimate layer's, and the
//! 256 that leave its convolutions) on 5-9. Accuracy on the held-out digits is
//! the mean over 10 random draws of the labelled examples.

use net::data::Digit;
use net::prelude::*;
use net::Dataset;
use net_lab::features::{copy_matching, LeNetTrunk};
use net_lab::knn::few_shot_accuracy;
use net_lab::plot::{LineChart, Series};
use net_lab::trained;
use net_lab::{digits, Error};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

const OUT: &str = "out/fewshot";
const SHOTS: [usize; 3] = [1, 5, 10];
const DRAWS: usize = 10;
const SEED: u64 = 5;

fn main() -> ExitCode {
    net_lab::exit_code(run())
}

/// Features of every digit of `set`.
fn features(set: &Dataset<Digit>, f: &(dyn Fn(&Digit) -> Vec<f32> + Sync)) -> Vec<Vec<f32>> {
    set.inputs.iter().map(f).collect()
}

/// The few-shot accuracies of one kind of feature, one per entry of `SHOTS`.
fn accuracies(
    name: &str,
    pool: &Dataset<Digit>,
    test: &Dataset<Digit>,
    f: &(dyn Fn(&Digit) -> Vec<f32> + Sync),
) -> Result<Vec<f64>, Error> {
    let (pool_features, test_features) = (features(pool, f), features(test, f));
    let dims = pool_features[0].len();
    let mut line = format!("  {name:<38} {dims:>4}");
    let mut means = Vec::new();
    for shots in SHOTS {
        let r = few_shot_accuracy(
            (&pool_features, &pool.labels),
            (&test_features, &test.labels),
            shots,
            DRAWS,
            SEED,
        )?;
        line += &format!("   {:>5.1}% ± {:>4.1}", 100.0 * r.mean, 100.0 * r.std);
        means.push(r.mean);
    }
    println!("{line}");
    Ok(means)
}

fn header() {
    println!(
        "  {:<38} {:>4}   {:>14}   {:>14}   {:>14}",
        "features", "dims", "1 per class", "5 per class", "10 per class"
    );
}

/// The digits of classes `low..low + 5`, relabelled from 0.
fn five_classes(set: &Dataset<Digit>, low: usize) -> Result<Dataset<Digit>, Error> {
    let keep: Vec<usize> = (0..set.len())
        .filter(|&i| (low..low + 5).contains(&set.labels[i]))
        .collect();
    let picked = set.select(&keep);
    Ok(Dataset::new(
        picked.inputs,
        picked.labels.iter().map(|l| l - low).collect(),
    )?)
}

fn run() -> Result<(), Error> {
    let started = Instant::now();
    let (train, test) = digits::load()?;
    let denoiser = trained::denoiser(&train.inputs)?;
    let lenet = trained::lenet(&train)?;

    let pixels = |d: &Digit| d.as_slice().to_vec();
    let code = |d: &Digit| denoiser.encode(d).as_slice().to_vec();
    let embed = |d: &Digit| lenet.embed(d).as_slice().to_vec();
    println!(
        "\nall ten digits: labelled examples drawn from the {} training digits, tested on the {} \
         held-out ones (mean ± std over {DRAWS} draws)",
        train.len(),
        test.len()
    );
    header();
    let raw = accuracies("raw pixels", &train, &test, &pixels)?;
    let ae = accuracies("Denoiser code (no labels used)", &train, &test, &code)?;
    let supervised = accuracies(
        "LeNet-5 embed (trained on all labels)",
        &train,
        &test,
        &embed,
    )?;

    // Transfer to classes the network never saw.
    let (seen, unseen_pool, unseen_test) = (
        five_classes(&train, 0)?,
        five_classes(&train, 5)?,
        five_classes(&test, 5)?,
    );
    let transfer_started = Instant::now();
    let lenet_04 = trained::train_lenet(&seen, 10, SEED)?;
    println!(
        "\ndigits 5-9 only, with a LeNet-5 trained on the {} training digits 0-4 ({:.1} s)",
        seen.len(),
        transfer_started.elapsed().as_secs_f64()
    );
    let embed_04 = |d: &Digit| lenet_04.embed(d).as_slice().to_vec();
    let mut trunk_04 = LeNetTrunk::new(0);
    copy_matching(&*lenet_04, &mut *trunk_04);
    let conv_04 = |d: &Digit| trunk_04.forward(d).as_slice().to_vec();
    header();
    accuracies("raw pixels", &unseen_pool, &unseen_test, &pixels)?;
    accuracies(
        "Denoiser code (no labels used)",
        &unseen_pool,
        &unseen_test,
        &code,
    )?;
    accuracies(
        "LeNet-5 embed, trained on 0-4",
        &unseen_pool,
        &unseen_test,
        &embed_04,
    )?;
    accuracies(
        "LeNet-5 conv features, on 0-4",
        &unseen_pool,
        &unseen_test,
        &conv_04,
    )?;

    let series = |name: &str, means: Vec<f64>| Series {
        name: name.into(),
        points: SHOTS
            .iter()
            .zip(means)
            .map(|(&s, m)| (s as f64, 100.0 * m))
            .collect(),
        markers: true,
    };
    LineChart {
        title: "Nearest neighbour on ten digits, few labels".into(),
        x_label: "labelled digits per class".into(),
        y_label: "held-out accuracy (%)".into(),
        series: vec![
            series("raw pixels", raw),
            series("Denoiser code", ae),
            series("LeNet-5 embed", supervised),
        ],
    }
    .write_png(Path::new(OUT).join("accuracy.png"))?;
    println!(
        "chart: {OUT}/accuracy.png; {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
