//! Prints the layer tables of LeNet-5 and the Denoiser (`net::models`).
//!
//! Run: `cargo run --release --example summary`

use net::models::{Denoiser, LeNet5};
use net::prelude::*;

fn main() {
    println!("{}", LeNet5::summary());
    println!("{}", Denoiser::summary());
    let lenet = LeNet5::new(0);
    let digit = Tensor3::zeros().map(|_| 0.5);
    println!(
        "LeNet-5 logits of a grey image: {:?}",
        lenet.forward(&digit)
    );
}
