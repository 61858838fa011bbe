//! The lecture's applications of `net`, as a library the examples call:
//! grayscale PNG files and picture grids, multi-digit canvases with per-pixel
//! labels and the networks that label them, fixed edge filters, PSNR and ways of
//! spoiling an image, PCA and principal angles, nearest-neighbour few-shot
//! classification, Gaussian sampling of codes, code quantisation, feature
//! visualisation and charts.

pub mod canvas;
pub mod digits;
mod error;
pub mod features;
pub mod filters;
pub mod gaussian;
pub mod image;
pub mod knn;
pub mod metrics;
pub mod pca;
pub mod plot;
pub mod quantize;
pub mod segment;
pub mod trained;

pub use error::Error;
pub use image::GrayImage;
pub use nalgebra;

/// An example's exit status: success, or the error on standard error and
/// failure.
pub fn exit_code(result: Result<(), Error>) -> std::process::ExitCode {
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
