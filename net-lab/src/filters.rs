//! The lecture's hand-made filters as fixed `Conv2d` weights: Sobel and
//! [1, -1] edge detectors, and a pattern matcher on their output that responds
//! to long vertical strokes.

use crate::image::GrayImage;
use net::prelude::*;

/// Sobel's vertical-edge filter W1 (responds to left-right changes).
pub const SOBEL_VERTICAL: [[f32; 3]; 3] = [[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]];
/// Sobel's horizontal-edge filter W2 (responds to up-down changes).
pub const SOBEL_HORIZONTAL: [[f32; 3]; 3] = [[1.0, 2.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -2.0, -1.0]];
/// The difference filter [1, -1] along a row, placed in a 3x3 window so that
/// pixel (y, x) minus its right neighbour lands at (y, x).
pub const DIFF_ROW: [[f32; 3]; 3] = [[0.0, 0.0, 0.0], [0.0, 1.0, -1.0], [0.0, 0.0, 0.0]];
/// The difference filter [1, -1]^T down a column: pixel (y, x) minus the one
/// below it.
pub const DIFF_COLUMN: [[f32; 3]; 3] = [[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, -1.0, 0.0]];

/// Which output channel of [`EdgeFilters`] holds which filter's response.
pub const EDGE_CHANNELS: [&str; 4] = [
    "Sobel vertical edges",
    "Sobel horizontal edges",
    "[1, -1] along rows",
    "[1, -1] down columns",
];

network! {
    /// The four edge filters over a 66x66 tile, as one `Conv2d` with fixed
    /// weights: a 64x64 tile of responses per filter (see [`apply_tiled`] for
    /// images of any size).
    pub struct EdgeFilters: [1, 66, 66] {
        edges: Conv2d(4, kernel = 3) -> [4, 64, 64],
    }
}

impl EdgeFilters {
    /// The filters with the lecture's weights (and zero biases).
    pub fn lecture() -> Box<Self> {
        let mut model = Self::new(0);
        let filters = [SOBEL_VERTICAL, SOBEL_HORIZONTAL, DIFF_ROW, DIFF_COLUMN];
        for (weight, filter) in model.edges.weight.data.iter_mut().zip(filters) {
            weight[0] = filter;
        }
        model.edges.bias = Tensor1::zeros();
        model
    }
}

/// The Sobel responses and the edge strength `sqrt(v^2 + h^2)` of an image.
#[derive(Debug, Clone)]
pub struct Edges {
    /// Sobel W1's response: positive where the image gets darker to the right.
    pub vertical: GrayImage,
    /// Sobel W2's response: positive where the image gets darker downwards.
    pub horizontal: GrayImage,
    /// `[1, -1]` along rows.
    pub diff_row: GrayImage,
    /// `[1, -1]^T` down columns.
    pub diff_column: GrayImage,
    /// The edge strength.
    pub magnitude: GrayImage,
}

/// Every edge filter over `image` (of any size), zero beyond its border.
pub fn edges(image: &GrayImage) -> Edges {
    let model = EdgeFilters::lecture();
    let [vertical, horizontal, diff_row, diff_column]: [GrayImage; 4] = apply_tiled(&*model, image)
        .try_into()
        .expect("EdgeFilters has four output channels");
    let magnitude = GrayImage::from_pixels(
        image.width(),
        image.height(),
        vertical
            .pixels()
            .iter()
            .zip(horizontal.pixels())
            .map(|(v, h)| v.hypot(*h))
            .collect(),
    )
    .expect("the filters keep the image's size");
    Edges {
        vertical,
        horizontal,
        diff_row,
        diff_column,
        magnitude,
    }
}

/// Runs a fixed-size network of 'valid' convolutions over an image of any
/// size, tile by tile: each `[1, H, W]` input tile overlaps its neighbours by
/// the border that the convolutions eat, so the result (one image per output
/// channel) equals the network applied to the whole image padded with zeros,
/// and has the image's size.
///
/// The network's input must be `[1, H, W]` and its output `[C, h, w]` with
/// `H - h` and `W - w` the same even number; anything else fails to compile.
pub fn apply_tiled<N: Network>(model: &N, image: &GrayImage) -> Vec<GrayImage> {
    let border = const { tiling_border(N::INPUT_SHAPE, N::OUTPUT_SHAPE) };
    let (input, output) = (N::INPUT_SHAPE, N::OUTPUT_SHAPE);
    let (tile_h, tile_w, channels) = (output[1], output[2], output[0]);
    let (width, height) = (image.width(), image.height());
    let mut maps = vec![GrayImage::new(width, height); channels];
    let mut tile = N::Input::zeros();
    for top in (0..height).step_by(tile_h) {
        for left in (0..width).step_by(tile_w) {
            let values = tile.as_mut_slice();
            for ty in 0..input[1] {
                for tx in 0..input[2] {
                    let (y, x) = (
                        (top + ty).checked_sub(border),
                        (left + tx).checked_sub(border),
                    );
                    values[ty * input[2] + tx] = match (y, x) {
                        (Some(y), Some(x)) if y < height && x < width => image.get(x, y),
                        _ => 0.0,
                    };
                }
            }
            let responses = model.forward(&tile);
            let responses = responses.as_slice();
            for (c, map) in maps.iter_mut().enumerate() {
                for ty in 0..tile_h.min(height - top) {
                    for tx in 0..tile_w.min(width - left) {
                        let value = responses[(c * tile_h + ty) * tile_w + tx];
                        map.set(left + tx, top + ty, value);
                    }
                }
            }
        }
    }
    maps
}

/// The border that a `[1, H, W] -> [C, h, w]` network of 'valid'
/// convolutions eats on each side, `(H - h) / 2`, checked to be the same on
/// both axes.
const fn tiling_border(input: &[usize], output: &[usize]) -> usize {
    assert!(
        input.len() == 3 && input[0] == 1 && output.len() == 3,
        "apply_tiled needs a [1, H, W] -> [C, h, w] network"
    );
    assert!(
        input[1] >= output[1] && input[2] >= output[2],
        "apply_tiled needs an output no larger than the input"
    );
    let border = (input[1] - output[1]) / 2;
    assert!(
        input[1] - output[1] == 2 * border && input[2] - output[2] == 2 * border,
        "apply_tiled needs the same even border on every side"
    );
    border
}

network! {
    /// Edge detection then pattern matching: Sobel's vertical-edge filter,
    /// then an 11x5 filter that fires where a rising edge (dark to bright) has
    /// a falling edge two to four pixels to its right along eleven rows, the
    /// two sides of a long vertical stroke; a ReLU keeps the matches.
    pub struct StrokeDetector: [1, 28, 28] {
        edges: Conv2d(1, kernel = 3, padding = 1),
        strokes: Conv2d(1, kernel = (11, 5)) -> [1, 18, 24],
        Relu,
    }
}

impl StrokeDetector {
    /// The detector with its fixed weights.
    pub fn lecture() -> Box<Self> {
        let mut model = Self::new(0);
        model.edges.weight.data[0][0] = SOBEL_VERTICAL;
        model.edges.bias = Tensor1::zeros();
        // Sobel W1 gives -4 on the two columns at the left side of a bright
        // stroke and +4 on the two at its right; the pattern wants both,
        // eleven rows tall, scaled so that a perfect match of a 0-to-1 stroke
        // three pixels wide gives 1.
        let column = [-1.0, -1.0, 0.0, 1.0, 1.0].map(|v| v / (4.0 * 4.0 * 11.0));
        for row in model.strokes.weight.data[0][0].iter_mut() {
            *row = column;
        }
        model.strokes.bias = Tensor1::zeros();
        model
    }

    /// The mean response over the map: how much long vertical stroke the
    /// digit holds (a 0, with two near-vertical sides, holds more than a 1).
    pub fn mean_response(&self, digit: &Tensor3<1, 28, 28>) -> f32 {
        let map = self.forward(digit);
        map.as_slice().iter().sum::<f32>() / map.as_slice().len() as f32
    }

    /// The summed response over the digit's summed Sobel edge strength: how
    /// much of what the digit is made of is long vertical stroke.
    pub fn share_of_edges(&self, digit: &Tensor3<1, 28, 28>) -> f32 {
        let strength: f32 = edges(&GrayImage::from_tensor(digit))
            .magnitude
            .pixels()
            .iter()
            .sum();
        let response: f32 = self.forward(digit).as_slice().iter().sum();
        if strength > 0.0 {
            response / strength
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(width: usize, height: usize, vertical: bool) -> GrayImage {
        let mut image = GrayImage::new(width, height);
        for y in 0..height {
            for x in 0..width {
                let bright = if vertical {
                    x >= width / 2
                } else {
                    y >= height / 2
                };
                image.set(x, y, bright as u8 as f32);
            }
        }
        image
    }

    #[test]
    fn sobel_and_differences_give_the_lecture_numbers_on_a_vertical_edge() {
        let e = edges(&step(8, 8, true));
        // Away from the border, the dark-to-bright step between columns 3 and
        // 4: W1 gives -4 on both sides of it, W2 nothing, [1, -1] -1 at the
        // dark pixel.
        for y in 1..7 {
            assert_eq!(e.vertical.get(3, y), -4.0);
            assert_eq!(e.vertical.get(4, y), -4.0);
            assert_eq!(e.vertical.get(1, y), 0.0);
            assert_eq!(e.horizontal.get(3, y), 0.0);
            assert_eq!(e.diff_row.get(3, y), -1.0);
            assert_eq!(e.diff_row.get(4, y), 0.0);
            assert_eq!(e.diff_column.get(3, y), 0.0);
            assert_eq!(e.magnitude.get(4, y), 4.0);
        }
    }

    #[test]
    fn horizontal_edges_respond_to_the_horizontal_filters_only() {
        let e = edges(&step(6, 6, false));
        for x in 1..5 {
            assert_eq!(e.horizontal.get(x, 2), -4.0);
            assert_eq!(e.vertical.get(x, 2), 0.0);
            assert_eq!(e.diff_column.get(x, 2), -1.0);
            assert_eq!(e.diff_row.get(x, 2), 0.0);
        }
    }

    network! {
        struct Small: [1, 6, 6] {
            conv: Conv2d(1, kernel = 3),
        } -> [1, 4, 4]
    }

    #[test]
    fn a_fixed_filter_gives_the_lectures_2d_convolution() {
        // SEED-VECTORS' 2D example: x (5x5) * w (3x3), valid part 3x3. Tiled
        // (4x4 tiles, 'same' size, zeros beyond the border), the valid part
        // is the middle of the 5x5 result.
        let mut model = Small::new(0);
        model.conv.weight.data[0][0] = [[0.0, 1.0, 2.0], [2.0, 2.0, 0.0], [0.0, 1.0, 2.0]];
        model.conv.bias = Tensor1::zeros();
        let x = [
            [3.0, 3.0, 2.0, 1.0, 0.0],
            [0.0, 0.0, 1.0, 3.0, 1.0],
            [3.0, 1.0, 2.0, 2.0, 3.0],
            [2.0, 0.0, 0.0, 2.0, 2.0],
            [2.0, 0.0, 0.0, 0.0, 1.0],
        ];
        let image = GrayImage::from_pixels(5, 5, x.iter().flatten().copied().collect()).unwrap();
        let out = &apply_tiled(&*model, &image)[0];
        let want = [[12.0, 12.0, 17.0], [10.0, 17.0, 19.0], [9.0, 6.0, 14.0]];
        for (i, row) in want.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                assert_eq!(out.get(j + 1, i + 1), *v, "({i}, {j})");
            }
        }
    }

    #[test]
    fn tiles_join_without_seams() {
        // 150x70 needs 3x2 tiles; compare with the filter computed directly.
        let mut image = GrayImage::new(150, 70);
        for (i, v) in image.pixels_mut().iter_mut().enumerate() {
            *v = ((i * 7919) % 101) as f32 / 100.0;
        }
        let e = edges(&image);
        let at = |x: isize, y: isize| -> f32 {
            if x < 0 || y < 0 || x >= 150 || y >= 70 {
                0.0
            } else {
                image.get(x as usize, y as usize)
            }
        };
        for (x, y) in [
            (0, 0),
            (63, 10),
            (64, 10),
            (65, 63),
            (64, 64),
            (149, 69),
            (128, 5),
        ] {
            let mut expected = 0.0;
            for (ky, row) in SOBEL_HORIZONTAL.iter().enumerate() {
                for (kx, w) in row.iter().enumerate() {
                    expected += w * at(x as isize + kx as isize - 1, y as isize + ky as isize - 1);
                }
            }
            assert!(
                (e.horizontal.get(x, y) - expected).abs() < 1e-5,
                "({x}, {y})"
            );
        }
    }

    #[test]
    fn stroke_detector_prefers_a_long_vertical_stroke() {
        let mut vertical = Tensor3::<1, 28, 28>::zeros();
        let mut horizontal = Tensor3::<1, 28, 28>::zeros();
        for i in 4..24 {
            for j in 13..16 {
                vertical.data[0][i][j] = 1.0;
                horizontal.data[0][j][i] = 1.0;
            }
        }
        let detector = StrokeDetector::lecture();
        let map = detector.forward(&vertical);
        // A perfect match of a three-pixel 0-to-1 stroke gives 1.
        let best = map.as_slice().iter().fold(0.0f32, |m, &v| m.max(v));
        assert!((best - 1.0).abs() < 1e-5, "{best}");
        // The ends of a horizontal stroke match one side of the pattern only.
        let (v, h) = (
            detector.mean_response(&vertical),
            detector.mean_response(&horizontal),
        );
        assert!(v > 5.0 * h, "vertical {v}, horizontal {h}");
        let (v, h) = (
            detector.share_of_edges(&vertical),
            detector.share_of_edges(&horizontal),
        );
        assert!(v > 5.0 * h, "vertical {v}, horizontal {h}");
        assert_eq!(detector.share_of_edges(&Tensor3::zeros()), 0.0);
    }
}
