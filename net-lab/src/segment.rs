//! Segmentation of multi-digit canvases ([`crate::canvas`]): the U-Net of
//! `net::models` and, for contrast, the same encoder-decoder without its
//! skips ([`EncoderDecoder`]), trained on label maps, scored with IoU per
//! class, and their label maps drawn in one colour per class.

use crate::canvas::{Canvas, Canvases, CLASSES, HEIGHT, WIDTH};
use crate::image::write_rgb_png;
use crate::Error;
use net::prelude::*;
use net::{Adam, Confusion, Fit, History, Progress, Schedule, Tensor3, Zeroable};
use std::path::Path;

/// A network's scores of every pixel of a canvas, one channel per class.
pub type Logits = Tensor3<CLASSES, HEIGHT, WIDTH>;

net::network! {
    /// `net::models::UNet` without its two `Concat` skips: the lecture's
    /// autoencoder shape, whose decoder sees only the 32 x 16 x 21 code and so
    /// must rebuild every digit's outline from it. The layers carry the U-Net's
    /// names; those after an upsampling read half as many channels.
    pub struct EncoderDecoder: [1, 64, 84] {
        down1: Conv2d(8, kernel = 3, padding = 1), down1_bn: BatchNorm, Relu,
        down1b: Conv2d(8, kernel = 3, padding = 1), down1b_bn: BatchNorm, Relu,
        MaxPool2d(2),
        down2: Conv2d(16, kernel = 3, padding = 1), down2_bn: BatchNorm, Relu,
        down2b: Conv2d(16, kernel = 3, padding = 1), down2b_bn: BatchNorm, Relu,
        MaxPool2d(2),
        bottom: Conv2d(32, kernel = 3, padding = 1), bottom_bn: BatchNorm, Relu,
        bottom_b: Conv2d(32, kernel = 3, padding = 1), bottom_b_bn: BatchNorm, Relu -> [32, 16, 21],
        up2: ConvTranspose2d(16, kernel = 2, stride = 2) -> [16, 32, 42],
        up2a: Conv2d(16, kernel = 3, padding = 1), up2a_bn: BatchNorm, Relu,
        up2b: Conv2d(16, kernel = 3, padding = 1), up2b_bn: BatchNorm, Relu,
        up1: ConvTranspose2d(8, kernel = 2, stride = 2) -> [8, 64, 84],
        up1a: Conv2d(16, kernel = 3, padding = 1), up1a_bn: BatchNorm, Relu,
        up1b: Conv2d(16, kernel = 3, padding = 1), up1b_bn: BatchNorm, Relu,
        head: Conv2d(11, kernel = 1),
    } -> [11, 64, 84]
}

/// How a segmentation network is trained: Adam, its rate cosine-annealed to
/// a thirtieth, on the per-pixel cross-entropy.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    /// Epochs over the training canvases.
    pub epochs: usize,
    /// Seed of the weights and the shuffles.
    pub seed: u64,
    /// Adam's initial learning rate.
    pub lr: f32,
    /// Canvases per batch.
    pub batch_size: usize,
}

impl Default for Training {
    /// Small batches and eight epochs. The U-Net learns the digits' classes
    /// from the number of steps more than from their size: in three epochs of
    /// 5,000 canvases, batches of 32 left every digit class below 0.3 IoU,
    /// batches of 8 took most above 0.75. With eight epochs, two seeds of
    /// the same recipe in PyTorch ended at 0.923 and 0.924 mean IoU. Fewer
    /// epochs at a higher rate are a lottery: four at 4e-3 ended at 0.903 and
    /// 0.869 (seeds 1 and 2) in net and at 0.872 and 0.526 in PyTorch (whole
    /// digit classes unlearnt); three at 4e-3 at 0.856 in net and 0.815 in
    /// PyTorch; three at 6e-3 at 0.688; four at 2e-3 at 0.838.
    fn default() -> Self {
        Self {
            epochs: 8,
            seed: 1,
            lr: 2e-3,
            batch_size: 8,
        }
    }
}

/// Trains `model` on the canvases' label maps.
pub fn train<N>(
    model: &mut N,
    canvases: &Canvases,
    settings: Training,
    progress: Progress,
) -> Result<History, Error>
where
    N: Network<Input = Canvas, Output = Logits>,
    N::Grads: Zeroable,
{
    let mut optimizer = Adam::new(settings.lr);
    let history = Fit::new(settings.epochs)
        .batch_size(settings.batch_size)
        .seed(settings.seed)
        .schedule(Schedule::Cosine {
            epochs: settings.epochs,
            min_lr: settings.lr / 30.0,
        })
        .progress(progress)
        .run_segmentation(model, &mut optimizer, &canvases.images, &canvases.labels)?;
    Ok(history)
}

/// The network saved at `path` if there is one (`None` for its history),
/// else `new(seed)` trained on `canvases` and saved there.
pub fn trained<N>(
    path: impl AsRef<Path>,
    new: impl FnOnce(u64) -> Box<N>,
    canvases: &Canvases,
    settings: Training,
    progress: Progress,
) -> Result<(Box<N>, Option<History>), Error>
where
    N: Network<Input = Canvas, Output = Logits>,
    N::Grads: Zeroable,
{
    let path = path.as_ref();
    let mut model = new(settings.seed);
    if path.exists() {
        model.load_safetensors(path)?;
        return Ok((model, None));
    }
    let history = train(&mut *model, canvases, settings, progress)?;
    crate::trained::save(&*model, path)?;
    Ok((model, Some(history)))
}

/// The network's label maps of the canvases, computed in batches of 100.
pub fn predict<N: Network<Input = Canvas, Output = Logits>>(
    model: &N,
    canvases: &[Canvas],
) -> Vec<Vec<u8>> {
    canvases
        .chunks(100)
        .flat_map(|chunk| model.forward_batch(chunk))
        .map(|logits| net::loss::label_map(&logits))
        .collect()
}

/// The counts of predicted against true labels over every canvas.
pub fn confusion(predicted: &[Vec<u8>], canvases: &Canvases) -> Confusion {
    let mut confusion = Confusion::new(CLASSES);
    for (p, t) in predicted.iter().zip(&canvases.labels) {
        confusion.add(p, t);
    }
    confusion
}

/// The colour of each class: black for the background, then for digits 0
/// to 9 red, orange, yellow, lime, green, cyan, blue, violet, magenta and
/// white.
pub const PALETTE: [[u8; 3]; CLASSES] = [
    [0, 0, 0],
    [230, 25, 75],
    [245, 130, 48],
    [255, 225, 25],
    [170, 255, 60],
    [60, 180, 75],
    [70, 240, 240],
    [0, 90, 255],
    [145, 30, 180],
    [240, 50, 230],
    [255, 255, 255],
];

/// One picture of 64 x 84 cells in rows, each cell a canvas (gray) or a
/// label map (in [`PALETTE`]'s colours), enlarged `scale` times and `gap`
/// pixels apart on gray; written as an RGB PNG file.
pub fn write_panel(
    path: impl AsRef<Path>,
    rows: &[Vec<Cell<'_>>],
    scale: usize,
) -> Result<(), Error> {
    let gap = 4;
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let (cell_w, cell_h) = (WIDTH * scale, HEIGHT * scale);
    let width = gap + columns * (cell_w + gap);
    let height = gap + rows.len() * (cell_h + gap);
    let mut rgb = vec![96u8; width * height * 3];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (left, top) = (gap + c * (cell_w + gap), gap + r * (cell_h + gap));
            for y in 0..cell_h {
                for x in 0..cell_w {
                    let at = (y / scale) * WIDTH + x / scale;
                    let colour = match cell {
                        Cell::Canvas(canvas) => {
                            let v = canvas.as_slice()[at].clamp(0.0, 1.0);
                            [(v * 255.0).round() as u8; 3]
                        }
                        Cell::Labels(map) => PALETTE[usize::from(map[at]).min(CLASSES - 1)],
                    };
                    let i = ((top + y) * width + left + x) * 3;
                    rgb[i..i + 3].copy_from_slice(&colour);
                }
            }
        }
    }
    write_rgb_png(path, width, height, &rgb)
}

/// What a cell of [`write_panel`] shows.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// A canvas in gray.
    Canvas(&'a Canvas),
    /// A label map (`HEIGHT * WIDTH` labels) in colour.
    Labels(&'a [u8]),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predictions_of_a_network_that_copies_a_rule_score_what_the_rule_scores() {
        // A 1x1 convolution whose class-1 score is the pixel's intensity
        // minus 0.5 labels ink as class 1 and the rest as background.
        net::network! {
            struct Threshold: [1, 64, 84] { head: Conv2d(11, kernel = 1) } -> [11, 64, 84]
        }
        let mut model = Threshold::new(0);
        model.head.weight.as_mut_slice().fill(0.0);
        model.head.bias.as_mut_slice().fill(0.0);
        model.head.weight.as_mut_slice()[1] = 1.0;
        model.head.bias.as_mut_slice()[1] = -0.5;
        let mut image = Canvas::zeros();
        let mut labels = vec![0u8; HEIGHT * WIDTH];
        image.as_mut_slice()[..150].fill(0.9);
        labels[..100].fill(1);
        // 50 pixels of ink of digit 3 (class 4) that the rule calls class 1.
        labels[100..150].fill(4);
        let set = Canvases {
            images: vec![image; 3],
            labels: vec![labels; 3],
        };
        let predicted = predict(&*model, &set.images);
        let scores = confusion(&predicted, &set);
        // Class 1: 100 right of 150 predicted; class 4: none of 50.
        assert!((scores.iou(1).unwrap() - 100.0 / 150.0).abs() < 1e-12);
        assert_eq!(scores.iou(4), Some(0.0));
        assert_eq!(scores.iou(0), Some(1.0));
        let pixels = (HEIGHT * WIDTH) as f64;
        assert!((scores.pixel_accuracy() - (pixels - 50.0) / pixels).abs() < 1e-12);
    }

    #[test]
    fn a_panel_is_as_large_as_its_cells_and_gaps() {
        let dir = std::env::temp_dir().join("net-lab-segment-panel");
        let path = dir.join("panel.png");
        let canvas = Canvas::zeros();
        let map = vec![3u8; HEIGHT * WIDTH];
        let rows = vec![vec![Cell::Canvas(&canvas), Cell::Labels(&map)]; 2];
        write_panel(&path, &rows, 2).unwrap();
        let image = crate::GrayImage::read_png(&path).unwrap();
        assert_eq!(image.width(), 4 + 2 * (2 * WIDTH + 4));
        assert_eq!(image.height(), 4 + 2 * (2 * HEIGHT + 4));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
