//! The MNIST training example: LeNet-5 learns handwritten digits.
//!
//! `cargo run --release --example mnist` trains on the first 8,000 of the
//! 10,000 MNIST digits in `data/mnist-10k` and reports the accuracy on the
//! other 2,000, which it never trains on; `--data DIR` uses the full MNIST
//! training and test files instead. The weights go to a safetensors file in
//! PyTorch's names (see the README for the matching `torch.nn` module).

use net::models::LeNet5;
use net::prelude::*;
use net::{data, Adam, Augmentation, Fit, Progress, Schedule};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Digits of the bundled set that are trained on; the rest are held out.
const TRAIN_DIGITS: usize = 8_000;

const USAGE: &str = "usage: cargo run --release --example mnist -- [options]

options:
  --data DIR        train on the full MNIST files in DIR (train-images-idx3-ubyte[.gz],
                    train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz],
                    t10k-labels-idx1-ubyte[.gz]) instead of the bundled 10,000 digits
  --epochs N        epochs of training (default 20)
  --batch-size N    samples per batch (default 64)
  --lr X            Adam's initial learning rate (default 0.002, cosine-annealed)
  --seed N          seed of the initial weights, shuffles and augmentation (default 1)
  --out FILE        where to save the weights (default out/lenet5-mnist.safetensors)
  -h, --help        this text";

struct Options {
    data: Option<PathBuf>,
    epochs: usize,
    batch_size: usize,
    lr: f32,
    seed: u64,
    out: PathBuf,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        data: None,
        epochs: 20,
        batch_size: 64,
        lr: 2e-3,
        seed: 1,
        out: PathBuf::from("out/lenet5-mnist.safetensors"),
    };
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        fn number<T: std::str::FromStr>(flag: &str, text: String) -> Result<T, String> {
            text.parse()
                .map_err(|_| format!("{flag} takes a number, not `{text}`"))
        }
        match flag.as_str() {
            "--data" => options.data = Some(PathBuf::from(value("--data")?)),
            "--epochs" => options.epochs = number(&flag, value(&flag)?)?,
            "--batch-size" => options.batch_size = number(&flag, value(&flag)?)?,
            "--lr" => options.lr = number(&flag, value(&flag)?)?,
            "--seed" => options.seed = number(&flag, value(&flag)?)?,
            "--out" => options.out = PathBuf::from(value("--out")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if options.epochs == 0 || options.batch_size == 0 || options.lr.is_nan() || options.lr <= 0.0 {
        return Err("--epochs, --batch-size and --lr must be positive".to_string());
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            if message.is_empty() {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options) -> Result<(), net::Error> {
    let started = Instant::now();
    let dir = options
        .data
        .clone()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/mnist-10k"));
    let (train, test) = match data::find_mnist(&dir)? {
        data::MnistFiles::Single { images, labels } => {
            data::load_mnist(images, labels)?.split_at(TRAIN_DIGITS)
        }
        data::MnistFiles::TrainTest { train, test } => (
            data::load_mnist(&train.0, &train.1)?,
            data::load_mnist(&test.0, &test.1)?,
        ),
    };
    println!("{}", LeNet5::summary());
    println!(
        "{} training digits, {} held out, from {}; {} threads",
        train.len(),
        test.len(),
        dir.display(),
        rayon::current_num_threads()
    );

    let mut model = LeNet5::new(options.seed);
    let mut optimizer = Adam::new(options.lr);
    let augmentation = Augmentation::new().shift(2).rotate(10.0);
    let augment = |x: &data::Digit, rng: &mut Rng| augmentation.apply(x, rng);
    let training = Instant::now();
    let history = Fit::new(options.epochs)
        .batch_size(options.batch_size)
        .seed(options.seed)
        .validation(0.05)
        .schedule(Schedule::Cosine {
            epochs: options.epochs,
            min_lr: options.lr / 50.0,
        })
        .augment(&augment)
        .progress(Progress::Auto)
        .run(&mut *model, &mut optimizer, &train)?;
    let train_seconds = training.elapsed().as_secs_f64();
    let seen: usize =
        history.epochs.len() * (train.len() - (train.len() as f32 * 0.05).round() as usize);

    let held_out = net::evaluate(&*model, &test)?;
    std::fs::create_dir_all(options.out.parent().unwrap_or(std::path::Path::new("."))).map_err(
        |source| net::Error::Io {
            path: options.out.clone(),
            source,
        },
    )?;
    model.save_safetensors(&options.out)?;
    println!("held-out {held_out} on {} digits", test.len());
    println!(
        "trained {} epochs in {:.1} s ({:.0} samples/s); whole run {:.1} s",
        history.epochs.len(),
        train_seconds,
        seen as f64 / train_seconds,
        started.elapsed().as_secs_f64()
    );
    println!("weights saved to {}", options.out.display());
    Ok(())
}
