//! Multi-digit canvases for segmentation, the size of M2NIST's (64 x 84):
//! one to three digits at random places whose 28 x 28 boxes do not overlap,
//! and a label per pixel: 0 for the background, 1 + the digit where the
//! digit's intensity is at least [`INK`].

use net::data::Digit;
use net::{Dataset, Rng, Tensor3};

/// Canvas height, as M2NIST's.
pub const HEIGHT: usize = 64;
/// Canvas width, as M2NIST's.
pub const WIDTH: usize = 84;
/// Classes of a label map: the background and the ten digits.
pub const CLASSES: usize = 11;
/// The intensity from which a digit's pixel is labelled as the digit; a
/// fainter one (its anti-aliased rim) is background.
pub const INK: f32 = 0.5;

/// One canvas.
pub type Canvas = Tensor3<1, HEIGHT, WIDTH>;

/// Canvases and their label maps (row-major, `HEIGHT * WIDTH` labels each).
pub struct Canvases {
    pub images: Vec<Canvas>,
    pub labels: Vec<Vec<u8>>,
}

/// `count` canvases of digits drawn from `digits` only, the same for a seed.
///
/// # Panics
/// If `digits` is empty.
pub fn canvases(digits: &Dataset<Digit>, count: usize, seed: u64) -> Canvases {
    assert!(!digits.inputs.is_empty(), "canvases need digits");
    let mut rng = Rng::seed_from_u64(seed);
    let (mut images, mut labels) = (Vec::with_capacity(count), Vec::with_capacity(count));
    for _ in 0..count {
        let mut image = Canvas::zeros();
        let mut map = vec![0u8; HEIGHT * WIDTH];
        let wanted = 1 + rng.below(3);
        let mut boxes: Vec<(usize, usize)> = Vec::new();
        // Places are drawn until the digits fit; the attempts only bound the
        // search (a canvas whose last digit found no place keeps fewer).
        for _ in 0..1000 {
            if boxes.len() == wanted {
                break;
            }
            let (top, left) = (rng.below(HEIGHT - 27), rng.below(WIDTH - 27));
            let apart = |&(t, l): &(usize, usize)| top.abs_diff(t) >= 28 || left.abs_diff(l) >= 28;
            if boxes.iter().all(apart) {
                boxes.push((top, left));
            }
        }
        for &(top, left) in &boxes {
            let pick = rng.below(digits.inputs.len());
            let (digit, class) = (&digits.inputs[pick].data[0], digits.labels[pick]);
            for (r, row) in digit.iter().enumerate() {
                for (c, &v) in row.iter().enumerate() {
                    image.data[0][top + r][left + c] = v;
                    if v >= INK {
                        map[(top + r) * WIDTH + left + c] = 1 + class as u8;
                    }
                }
            }
        }
        images.push(image);
        labels.push(map);
    }
    Canvases { images, labels }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Digits that are each a solid square of their class's brightness.
    fn squares() -> Dataset<Digit> {
        let labels: Vec<usize> = (0..10).collect();
        let inputs = labels
            .iter()
            .map(|&l| Digit::zeros().map(|_| 0.05 + l as f32 / 10.0))
            .collect();
        Dataset::new(inputs, labels).unwrap()
    }

    #[test]
    fn labels_follow_the_ink_and_the_same_seed_gives_the_same_canvases() {
        let set = canvases(&squares(), 50, 3);
        for (image, map) in set.images.iter().zip(&set.labels) {
            assert_eq!(map.len(), HEIGHT * WIDTH);
            for (p, (&v, &label)) in image.as_slice().iter().zip(map).enumerate() {
                // A square of class l has brightness 0.05 + l/10: ink from 5 up.
                let want = if v >= INK {
                    1 + ((v - 0.05) * 10.0).round() as u8
                } else {
                    0
                };
                assert_eq!(label, want, "pixel {p}: value {v}");
            }
            // One to three squares of 784 pixels each, none overlapping.
            let drawn = image.as_slice().iter().filter(|&&v| v > 0.0).count();
            assert!(
                [784, 2 * 784, 3 * 784].contains(&drawn),
                "{drawn} pixels drawn"
            );
        }
        let again = canvases(&squares(), 50, 3);
        assert!(set.images == again.images && set.labels == again.labels);
        let other = canvases(&squares(), 50, 4);
        assert!(set.images != other.images);
        let counts: Vec<usize> = set
            .images
            .iter()
            .map(|x| x.as_slice().iter().filter(|&&v| v > 0.0).count() / 784)
            .collect();
        assert!((1..=3).all(|n| counts.contains(&n)), "{counts:?}");
    }
}
