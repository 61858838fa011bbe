//! Learned filters: what LeNet-5's first layer learned, and what excites a few
//! units of its second convolution.
//!
//! `cargo run --release --example filters` loads the MNIST training example's LeNet-5
//! (`out/lenet5-mnist.safetensors`, trained here if missing), draws conv1's
//! six 5x5 filters and their responses to a digit, and for four of conv2's
//! sixteen channels (the unit at the middle of the map) finds the held-out
//! digits that excite it most and an input made by gradient ascent on its
//! activation, through the network's own backward pass, with a smoothness
//! prior. Pictures go to `out/filters/`.

use net::data::Digit;
use net::prelude::*;

use net_lab::features::{copy_matching, maximize_unit, top_k, Ascent, LeNetConv};
use net_lab::image::grid;
use net_lab::trained;
use net_lab::{digits, Error, GrayImage};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

const OUT: &str = "out/filters";
/// The unit of a conv2 channel that is studied: the middle of its 8x8 map.
const ROW: usize = 4;
const COLUMN: usize = 4;
const UNITS: usize = 4;
const TOP: usize = 8;

fn main() -> ExitCode {
    net_lab::exit_code(run())
}

fn run() -> Result<(), Error> {
    let started = Instant::now();
    let out = Path::new(OUT);
    let (train, test) = digits::load()?;
    let lenet = trained::lenet(&train)?;

    // conv1: six filters, and their responses to a held-out digit.
    let filters: Vec<GrayImage> = lenet
        .conv1
        .weight
        .data
        .iter()
        .map(|f| GrayImage::from_tensor(&Tensor3::from([f[0]])).normalized())
        .collect();
    grid(&filters, 6, 1, 1.0)
        .enlarged(12)
        .write_png(out.join("conv1.png"))?;
    let mut conv = LeNetConv::new(0);
    let copied = copy_matching(&*lenet, &mut *conv);
    assert_eq!(copied.len(), 4, "conv1 and conv2, weights and biases");
    let digit = test.inputs[0];
    let mut maps = vec![GrayImage::from_tensor(&digit)];
    let responses = net::kernels::conv::conv2d_forward::<1, 28, 28, 6, 5, 5, 1, 1, 0, 0, 24, 24>;
    let mut conv1_out = Tensor3::<6, 24, 24>::zeros();
    responses(
        &digit,
        &lenet.conv1.weight,
        Some(&lenet.conv1.bias),
        &mut conv1_out,
    );
    maps.extend((0..6).map(|c| GrayImage::from_channel(&conv1_out, c).normalized()));
    grid(&maps, 7, 2, 1.0)
        .enlarged(4)
        .write_png(out.join("conv1-responses.png"))?;
    println!("conv1: the six learned 5x5 filters, and their responses to a held-out digit");

    // conv2: the held-out digits that excite a unit most, and gradient ascent.
    let unit = |channel: usize| (channel * 8 + ROW) * 8 + COLUMN;
    let activations: Vec<Tensor3<16, 8, 8>> = conv.forward_batch(&test.inputs);
    let mean_activation = |channel: usize| {
        activations
            .iter()
            .map(|a| a.as_slice()[unit(channel)])
            .sum::<f32>()
            / test.len() as f32
    };
    let means: Vec<f32> = (0..16).map(mean_activation).collect();
    let channels = top_k(&means, UNITS);
    let mut rows = Vec::new();
    let average: Digit = Tensor3::zeros().map_indexed(|i| {
        test.inputs.iter().map(|d| d.as_slice()[i]).sum::<f32>() / test.len() as f32
    });
    println!(
        "conv2: the unit at row {ROW}, column {COLUMN} of the {UNITS} channels with the highest mean activation"
    );
    for &channel in &channels {
        let values: Vec<f32> = activations
            .iter()
            .map(|a| a.as_slice()[unit(channel)])
            .collect();
        let best = top_k(&values, TOP);
        rows.extend(
            best.iter()
                .map(|&i| GrayImage::from_tensor(&test.inputs[i])),
        );
        // From the average held-out digit: a blank start can leave the unit
        // below its ReLU's threshold, where the gradient is zero.
        let start = average;
        let (made, trace) = maximize_unit(&mut *conv, unit(channel), &start, Ascent::default());
        rows.push(GrayImage::from_tensor(&made));
        println!(
            "  channel {channel:>2}: mean {:.2}, best held-out digit {:.2} (labels {:?}), \
             gradient ascent {:.2} -> {:.2}",
            means[channel],
            values[best[0]],
            best.iter().map(|&i| test.labels[i]).collect::<Vec<_>>(),
            trace[0],
            trace.last().copied().unwrap_or(f32::NAN)
        );
    }
    grid(&rows, TOP + 1, 2, 1.0)
        .enlarged(3)
        .write_png(out.join("conv2-units.png"))?;
    println!(
        "pictures in {OUT}/: conv1.png, conv1-responses.png, conv2-units.png (per row: the {TOP} \
         held-out digits that excite the unit most, then the input found by gradient ascent); {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
