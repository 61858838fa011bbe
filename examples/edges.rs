//! Hand-made filters: Sobel and [1, -1] edge detectors as fixed `Conv2d`
//! weights, then edge detection + pattern matching.
//!
//! `cargo run --release --example edges [PICTURE.png ...]` filters held-out
//! digits (and any PNG files given, in grayscale) and writes the input,
//! vertical, horizontal and magnitude images under `out/edges/`; then it runs a
//! second fixed filter that matches the two sides of a long vertical stroke
//! on the Sobel output, and compares its mean response on every digit class.

use net::data::Digit;
use net::prelude::*;
use net_lab::filters::{edges, StrokeDetector, EDGE_CHANNELS};
use net_lab::plot::bar_chart;
use net_lab::{digits, image::grid, Error, GrayImage};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const OUT: &str = "out/edges";

fn main() -> ExitCode {
    net_lab::exit_code(run(std::env::args().skip(1).map(PathBuf::from).collect()))
}

fn run(pictures: Vec<PathBuf>) -> Result<(), Error> {
    let started = Instant::now();
    let (_, test) = digits::load()?;
    let out = Path::new(OUT);

    // One held-out digit of each class: a row each of input, Sobel vertical,
    // Sobel horizontal, magnitude, [1, -1] along rows and down columns.
    // Signed responses are stretched from their minimum (black) to their
    // maximum (white); the strength from 0 (black).
    let mut rows = Vec::new();
    for class in 0..10 {
        let digit = GrayImage::from_tensor(&digits::of_class(&test, class)[0]);
        let e = edges(&digit);
        rows.extend([
            digit,
            e.vertical.normalized(),
            e.horizontal.normalized(),
            e.magnitude.scaled_to_max(),
            e.diff_row.normalized(),
            e.diff_column.normalized(),
        ]);
    }
    let sheet = grid(&rows, 6, 2, 1.0).enlarged(3);
    sheet.write_png(out.join("digits.png"))?;
    println!(
        "{OUT}/digits.png, one held-out digit per row; columns: input, {}, {}, edge strength, {}, {}",
        EDGE_CHANNELS[0], EDGE_CHANNELS[1], EDGE_CHANNELS[2], EDGE_CHANNELS[3]
    );

    for picture in &pictures {
        let image = GrayImage::read_png(picture)?;
        let e = edges(&image);
        let stem = picture
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "picture".into());
        image.write_png(out.join(format!("{stem}-gray.png")))?;
        e.vertical
            .normalized()
            .write_png(out.join(format!("{stem}-vertical.png")))?;
        e.horizontal
            .normalized()
            .write_png(out.join(format!("{stem}-horizontal.png")))?;
        e.magnitude
            .scaled_to_max()
            .write_png(out.join(format!("{stem}-magnitude.png")))?;
        println!(
            "{}: {}x{}, edges written to {OUT}/{stem}-{{gray,vertical,horizontal,magnitude}}.png",
            picture.display(),
            image.width(),
            image.height()
        );
    }

    // Pattern matching on the edges: the stroke response per class, raw and
    // per unit of edge strength.
    let detector = StrokeDetector::lecture();
    println!(
        "\nlong vertical strokes: a fixed 11x5 pattern on Sobel's output, mean over held-out digits"
    );
    println!("  digit   mean response   response / edge strength");
    let (mut means, mut shares) = (Vec::new(), Vec::new());
    for class in 0..10 {
        let digits = digits::of_class(&test, class);
        let average = |f: &dyn Fn(&Digit) -> f32| {
            digits.iter().map(|d| f(d) as f64).sum::<f64>() / digits.len() as f64
        };
        let mean = average(&|d| detector.mean_response(d));
        let share = average(&|d| detector.share_of_edges(d));
        println!("  {class:>5}   {mean:>13.4}   {share:>24.4}");
        means.push((class.to_string(), mean));
        shares.push((class.to_string(), share));
    }
    println!(
        "mean response: zeros {:.4}, ones {:.4}; a 0 has two near-vertical sides, a 1 one",
        means[0].1, means[1].1
    );
    let top = (0..10)
        .max_by(|&a, &b| shares[a].1.total_cmp(&shares[b].1))
        .expect("ten classes");
    println!(
        "per unit of edge strength: ones {:.4}, zeros {:.4} (ones {:.2}x); highest: digit {top}",
        shares[1].1,
        shares[0].1,
        shares[1].1 / shares[0].1
    );
    bar_chart(
        out.join("strokes.png"),
        "Long vertical strokes: response per unit of edge strength",
        "stroke response / edge strength",
        &shares,
    )?;
    // The response maps of the first held-out 1 and 0.
    let maps: Vec<GrayImage> = [1, 0]
        .iter()
        .flat_map(|&class| {
            let digit = digits::of_class(&test, class)[0];
            let map = detector.forward(&digit);
            [GrayImage::from_tensor(&digit), GrayImage::from_tensor(&map)]
        })
        .collect();
    grid(&maps, 4, 2, 1.0)
        .enlarged(4)
        .write_png(out.join("stroke-maps.png"))?;
    println!(
        "pictures in {OUT}/: digits.png, strokes.png, stroke-maps.png; {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
