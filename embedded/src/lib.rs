//! LeNet-5 as firmware runs it: the weights compiled in through
//! `#[weights(..)]`, inference in a `Scratch` the caller places (a `static`,
//! in the binary's zeroed data), no std, no allocator.
//!
//! The library builds for any target `net` builds for, a microcontroller's
//! included (`cargo build --lib --target thumbv7em-none-eabihf --release`);
//! the binary beside it is the same thing as a program for x86-64 Linux
//! without libc, which CI runs.
//!
//! The weights are the MNIST training example's, made by
//! `cargo run --release --example mnist -- --out embedded/lenet5-mnist.safetensors`
//! in the repository's root; `digits.bin` holds the first held-out digit of
//! each class (the bundled set's digits 8,000 to 9,999, which that example
//! never trains on), written by `NET_UPDATE_DIGITS=1 cargo test --test embedding`.

#![no_std]

use net::prelude::*;

network! {
    /// LeNet-5, as `net::models::LeNet5`, with the MNIST example's weights.
    #[weights("lenet5-mnist.safetensors")]
    pub struct LeNet5: [1, 28, 28] {
        conv1: Conv2d(6, kernel = 5),
        Relu,
        MaxPool2d(2),
        conv2: Conv2d(16, kernel = 5),
        Relu,
        MaxPool2d(2),
        Flatten,
        fc1: Dense(120),
        Relu,
        fc2: Dense(84),
        Relu,
        fc3: Dense(10),
    } -> [10]
}

/// Bytes per digit in `DIGITS`: its label, then 28 x 28 pixels, row by row.
const RECORD: usize = 1 + 28 * 28;

/// Ten held-out digits, one of each class.
const DIGITS: &[u8; 10 * RECORD] = include_bytes!("../digits.bin");

/// How many digits there are to classify.
pub const COUNT: usize = DIGITS.len() / RECORD;

/// Digit `i`'s label and its pixels as the training example scales them
/// (0 to 1).
pub fn digit(i: usize) -> (usize, Tensor3<1, 28, 28>) {
    let record = &DIGITS[i * RECORD..(i + 1) * RECORD];
    let mut image = Tensor3::zeros();
    for (x, &p) in image.as_mut_slice().iter_mut().zip(&record[1..]) {
        *x = f32::from(p) / 255.0;
    }
    (usize::from(record[0]), image)
}

/// The class LeNet-5 gives digit `i`, computed in `scratch`.
pub fn classify(i: usize, scratch: &mut LeNet5Scratch) -> usize {
    let (_, image) = digit(i);
    let logits = LeNet5::trained().forward_in(&image, scratch);
    let mut best = 0;
    for (class, &logit) in logits.data.iter().enumerate() {
        if logit > logits.data[best] {
            best = class;
        }
    }
    best
}
