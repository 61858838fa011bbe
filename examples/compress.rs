//! Compression with an autoencoder: each digit stored as its Denoiser code,
//! quantised to one byte per value, against the digit's PNG file.
//!
//! `cargo run --release --example compress` uses the Denoiser of the `denoise`
//! example (training it first if `out/denoiser-mnist.safetensors` is missing),
//! fits the quantiser to the training digits' codes, and reports bytes per
//! held-out digit and the PSNR of the digit decoded from those bytes;
//! originals and decoded digits go to `out/compress/digits.png`.

use net::data::Digit;
use net::prelude::*;
use net_lab::image::rows_of_digits;
use net_lab::metrics::{mse, psnr_from_mse};
use net_lab::quantize::Quantizer;
use net_lab::trained;
use net_lab::{digits, Error, GrayImage};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

const OUT: &str = "out/compress";

fn main() -> ExitCode {
    net_lab::exit_code(run())
}

fn run() -> Result<(), Error> {
    let started = Instant::now();
    let (train, test) = digits::load()?;
    let model = trained::denoiser(&train.inputs)?;
    let train_codes: Vec<Tensor1<32>> = train.inputs.iter().map(|d| model.encode(d)).collect();
    let quantizer = Quantizer::fit(&train_codes.iter().map(|c| c.as_slice()).collect::<Vec<_>>())?;

    let (mut png_bytes, mut code_bytes) = (0usize, 0usize);
    let (mut float_mse, mut byte_mse) = (0.0, 0.0);
    let mut decoded_digits: Vec<Digit> = Vec::new();
    for digit in &test.inputs {
        png_bytes += GrayImage::from_tensor(digit).encode_png().len();
        let code = model.encode(digit);
        let bytes = quantizer.encode(code.as_slice());
        code_bytes += bytes.len();
        let back =
            Tensor1::<32>::from_slice(&quantizer.decode(&bytes)).map_err(net::Error::from)?;
        let from_bytes = model.decode(&back);
        float_mse += mse(digit.as_slice(), model.decode(&code).as_slice(), None);
        byte_mse += mse(digit.as_slice(), from_bytes.as_slice(), None);
        decoded_digits.push(from_bytes);
    }
    let n = test.len() as f64;
    println!(
        "{} held-out digits (784 pixels, 784 bytes raw):",
        test.len()
    );
    println!(
        "  PNG (lossless, 8-bit grayscale): {:.1} bytes per digit",
        png_bytes as f64 / n
    );
    println!(
        "  Denoiser code, 8 bits per value: {:.0} bytes per digit ({:.1}x smaller than PNG), \
         plus a {}-byte table shared by all; PSNR {:.2} dB",
        code_bytes as f64 / n,
        png_bytes as f64 / code_bytes as f64,
        quantizer.table_bytes(),
        psnr_from_mse(byte_mse / n)
    );
    println!(
        "  the same code in f32 (128 bytes): PSNR {:.2} dB, so 8-bit quantisation costs {:.3} dB",
        psnr_from_mse(float_mse / n),
        psnr_from_mse(float_mse / n) - psnr_from_mse(byte_mse / n)
    );
    rows_of_digits(&[&test.inputs, &decoded_digits], 12)
        .write_png(Path::new(OUT).join("digits.png"))?;
    println!(
        "picture: {OUT}/digits.png (top: originals; bottom: decoded from 32 bytes each); {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
