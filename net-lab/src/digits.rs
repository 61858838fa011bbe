//! The 10,000 MNIST digits this repository carries, split as the MNIST training example
//! splits them.

use crate::Error;
use net::data::{self, Digit};
use net::Dataset;
use std::path::PathBuf;

/// Digits of the bundled set that are trained on; the other 2,000 are held out.
pub const TRAIN_DIGITS: usize = 8_000;

/// The folder of the bundled digits.
pub fn bundled_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-10k")
}

/// The bundled digits: the first 8,000 (training) and the last 2,000 (held
/// out).
pub fn load() -> Result<(Dataset<Digit>, Dataset<Digit>), Error> {
    let dir = bundled_dir();
    let all = data::load_mnist(
        dir.join("images-idx3-ubyte.gz"),
        dir.join("labels-idx1-ubyte.gz"),
    )?;
    Ok(all.split_at(TRAIN_DIGITS))
}

/// The digits of one class.
pub fn of_class(set: &Dataset<Digit>, class: usize) -> Vec<Digit> {
    set.inputs
        .iter()
        .zip(&set.labels)
        .filter(|(_, &l)| l == class)
        .map(|(d, _)| *d)
        .collect()
}
