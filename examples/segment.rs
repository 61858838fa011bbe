//! Segmentation: a U-Net labels every pixel of canvases of one to three
//! digits as background or as its digit, against the same encoder-decoder
//! without its skips.
//!
//! `cargo run --release --example segment` makes 5,000 training canvases
//! from the first 8,000 bundled digits and 1,000 test canvases from the
//! held-out 2,000, trains `net::models::UNet` and `net_lab::segment::EncoderDecoder`
//! on them (once; the weights are kept in `out/`), and prints each class's
//! IoU on the test canvases, their means and pixel accuracy. It writes test
//! canvases beside their true and predicted label maps to
//! `out/segment/labels.png` and the IoU of every class for both networks to
//! `out/segment/iou.png`.
//!
//! `-- --export FILE` writes the canvases and their maps to a safetensors
//! file instead (`train_images` [5000, 1, 64, 84] f32, `train_labels`
//! [5000, 64, 84] u8, and `test_…` likewise), which
//! `scripts/segment_pytorch.py` trains the same U-Net on.

use net::models::UNet;
use net::prelude::*;
use net::{Confusion, Progress};
use net_lab::canvas::{canvases, Canvases, CLASSES, HEIGHT, WIDTH};
use net_lab::plot::{grouped_bar_chart, Bars};
use net_lab::segment::{self, Cell, EncoderDecoder, Logits, Training};
use net_lab::{digits, Error};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

const OUT: &str = "out/segment";
const UNET_WEIGHTS: &str = "out/unet-canvases.safetensors";
const ENCODER_DECODER_WEIGHTS: &str = "out/encoder-decoder-canvases.safetensors";
const TRAIN_CANVASES: usize = 5000;
const TEST_CANVASES: usize = 1000;

fn main() -> ExitCode {
    net_lab::exit_code(run())
}

fn run() -> Result<(), Error> {
    let started = Instant::now();
    let (train_digits, test_digits) = digits::load()?;
    let train = canvases(&train_digits, TRAIN_CANVASES, 1);
    let test = canvases(&test_digits, TEST_CANVASES, 2);
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => {}
        [flag, file] if flag == "--export" => return export(file, &train, &test),
        _ => {
            return Err(Error::Invalid(
                "usage: segment [--export FILE.safetensors]".into(),
            ))
        }
    }
    println!(
        "{TRAIN_CANVASES} training canvases from {} digits, {TEST_CANVASES} test canvases from {} others",
        train_digits.len(),
        test_digits.len()
    );
    let settings = Training::default();
    let unet = trained("U-Net", UNET_WEIGHTS, UNet::new, &train, settings)?;
    let plain = trained(
        "encoder-decoder",
        ENCODER_DECODER_WEIGHTS,
        EncoderDecoder::new,
        &train,
        settings,
    )?;

    let scoring = Instant::now();
    let unet_maps = segment::predict(&*unet, &test.images);
    let plain_maps = segment::predict(&*plain, &test.images);
    let scores = [
        ("U-Net", segment::confusion(&unet_maps, &test)),
        ("without skips", segment::confusion(&plain_maps, &test)),
    ];
    println!(
        "\nIoU on the {TEST_CANVASES} test canvases ({:.1} s for both networks):",
        scoring.elapsed().as_secs_f64()
    );
    print_table(&scores);

    let shown = 8;
    let rows: Vec<Vec<Cell<'_>>> = (0..shown)
        .map(|i| {
            vec![
                Cell::Canvas(&test.images[i]),
                Cell::Labels(&test.labels[i]),
                Cell::Labels(&unet_maps[i]),
                Cell::Labels(&plain_maps[i]),
            ]
        })
        .collect();
    let labels_png = Path::new(OUT).join("labels.png");
    segment::write_panel(&labels_png, &rows, 2)?;
    let iou_png = Path::new(OUT).join("iou.png");
    let classes: Vec<String> = (0..CLASSES)
        .map(|c| {
            if c == 0 {
                "bg".into()
            } else {
                (c - 1).to_string()
            }
        })
        .collect();
    let groups: Vec<Bars> = scores
        .iter()
        .map(|(name, confusion)| Bars {
            name: (*name).into(),
            values: (0..CLASSES)
                .map(|c| confusion.iou(c).unwrap_or(0.0))
                .collect(),
        })
        .collect();
    grouped_bar_chart(
        &iou_png,
        "IoU per class, 1,000 test canvases",
        "IoU",
        &classes,
        &groups,
    )?;
    println!(
        "\nwrote {} (columns: canvas, true labels, U-Net, without skips; background black, \
         digits 0-9 red, orange, yellow, lime, green, cyan, blue, violet, magenta, white) and {}",
        labels_png.display(),
        iou_png.display()
    );
    println!("{:.1} s in all", started.elapsed().as_secs_f64());
    Ok(())
}

/// The network saved at `path`, or one trained now and saved there; says
/// which, and how fast it trained.
fn trained<N>(
    name: &str,
    path: &str,
    new: impl FnOnce(u64) -> Box<N>,
    train: &Canvases,
    settings: Training,
) -> Result<Box<N>, Error>
where
    N: Network<Input = net_lab::canvas::Canvas, Output = Logits>,
    N::Grads: net::Zeroable,
{
    let started = Instant::now();
    let (model, history) = segment::trained(path, new, train, settings, Progress::Auto)?;
    match history {
        None => println!("{name} loaded from {path} (delete it to train again)"),
        Some(history) => {
            let seconds = started.elapsed().as_secs_f64();
            let last = history.epochs.last();
            println!(
                "{name}: {} epochs of {} canvases in batches of {} in {seconds:.1} s \
                 ({:.0} canvases/s), final training loss {:.4}; kept in {path}",
                settings.epochs,
                train.images.len(),
                settings.batch_size,
                (settings.epochs * train.images.len()) as f64 / seconds,
                last.map_or(f32::NAN, |e| e.train.loss),
            );
        }
    }
    Ok(model)
}

fn print_table(scores: &[(&str, Confusion)]) {
    print!("{:<16}", "class");
    for (name, _) in scores {
        print!("{name:>15}");
    }
    println!();
    let iou = |c: &Confusion, class| c.iou(class).map_or("-".into(), |v| format!("{v:.3}"));
    for class in 0..CLASSES {
        let label = if class == 0 {
            "background".to_string()
        } else {
            format!("digit {}", class - 1)
        };
        print!("{label:<16}");
        for (_, confusion) in scores {
            print!("{:>15}", iou(confusion, class));
        }
        println!();
    }
    type Score = fn(&Confusion) -> Option<f64>;
    let rows: [(&str, Score); 3] = [
        ("mean, 11 classes", |c| c.mean_iou(0..CLASSES)),
        ("mean, 10 digits", |c| c.mean_iou(1..CLASSES)),
        ("pixel accuracy", |c| Some(c.pixel_accuracy())),
    ];
    for (label, value) in rows {
        print!("{label:<16}");
        for (_, confusion) in scores {
            print!(
                "{:>15}",
                value(confusion).map_or("-".into(), |v| format!("{v:.3}"))
            );
        }
        println!();
    }
}

/// Writes the canvases and their label maps for another framework.
fn export(file: &str, train: &Canvases, test: &Canvases) -> Result<(), Error> {
    use safetensors::tensor::{Dtype, TensorView};
    let images = |set: &Canvases| -> Vec<u8> {
        set.images
            .iter()
            .flat_map(|x| x.as_slice().iter().flat_map(|v| v.to_le_bytes()))
            .collect()
    };
    let (train_images, test_images) = (images(train), images(test));
    let (train_labels, test_labels) = (train.labels.concat(), test.labels.concat());
    let view = |dtype, count: usize, channels: &[usize], bytes| {
        let shape = [&[count][..], channels, &[HEIGHT, WIDTH]].concat();
        TensorView::new(dtype, shape, bytes).map_err(|e| Error::Invalid(e.to_string()))
    };
    let views = vec![
        (
            "train_images",
            view(Dtype::F32, train.images.len(), &[1], &train_images)?,
        ),
        (
            "train_labels",
            view(Dtype::U8, train.labels.len(), &[], &train_labels)?,
        ),
        (
            "test_images",
            view(Dtype::F32, test.images.len(), &[1], &test_images)?,
        ),
        (
            "test_labels",
            view(Dtype::U8, test.labels.len(), &[], &test_labels)?,
        ),
    ];
    let bytes = safetensors::serialize(views, None).map_err(|e| Error::Invalid(e.to_string()))?;
    std::fs::write(file, bytes).map_err(|source| {
        Error::Net(net::Error::Io {
            path: file.into(),
            source,
        })
    })?;
    println!(
        "wrote {} training and {} test canvases with their label maps to {file}",
        train.images.len(),
        test.images.len()
    );
    Ok(())
}
