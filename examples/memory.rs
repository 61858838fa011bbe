//! What inference holds for each ready-made model: the weights, the planned
//! scratch, and the largest single activation, which no plan can go under,
//! as a Markdown table. `cargo run --example memory`.

use net::models::{AnomalyAutoencoder, Denoiser, DsCnn, LeNet5, MobileNetV1, Resnet8, UNet};
use net::{Network, Summary};

fn row<M: Network>(name: &str, summary: &Summary) {
    let largest = summary
        .layers
        .iter()
        .map(|l| l.output.iter().product::<usize>())
        .max()
        .unwrap_or(0);
    let every: usize = summary
        .layers
        .iter()
        .map(|l| l.output.iter().product::<usize>())
        .sum();
    let kb = |floats_or_bytes: usize| format!("{:.1} KB", floats_or_bytes as f64 / 1024.0);
    println!(
        "| `{name}` | {} | {} | {} | {} |",
        kb(M::WEIGHT_BYTES),
        kb(M::SCRATCH_BYTES),
        kb(largest * 4),
        kb(every * 4),
    );
}

fn main() {
    println!("| model | weights | scratch | largest activation | every activation |");
    println!("|---|---|---|---|---|");
    row::<LeNet5>("LeNet5", &LeNet5::SUMMARY);
    row::<Denoiser>("Denoiser", &Denoiser::SUMMARY);
    row::<Resnet8>("Resnet8", &Resnet8::SUMMARY);
    row::<DsCnn>("DsCnn", &DsCnn::SUMMARY);
    row::<MobileNetV1>("MobileNetV1", &MobileNetV1::SUMMARY);
    row::<AnomalyAutoencoder>("AnomalyAutoencoder", &AnomalyAutoencoder::SUMMARY);
    row::<UNet>("UNet", &UNet::SUMMARY);
}
