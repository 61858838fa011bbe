//! How close a picture is to the truth, and ways of spoiling one.

use net::{Rng, Tensor};

/// Mean squared difference between `a` and `b` over the pixels where `mask`
/// is true (every pixel when `mask` is `None`); `NaN` when no pixel counts.
pub fn mse(a: &[f32], b: &[f32], mask: Option<&[bool]>) -> f64 {
    assert_eq!(a.len(), b.len(), "images of different sizes");
    let (mut sum, mut count) = (0.0f64, 0usize);
    for (i, (&x, &y)) in a.iter().zip(b).enumerate() {
        if mask.is_none_or(|m| m[i]) {
            sum += (x as f64 - y as f64).powi(2);
            count += 1;
        }
    }
    sum / count as f64
}

/// Peak signal-to-noise ratio in decibels for values in [0, 1]:
/// `10 log10(1 / mse)`; infinite for identical images.
pub fn psnr(clean: &[f32], other: &[f32]) -> f64 {
    psnr_from_mse(mse(clean, other, None))
}

/// PSNR over the pixels where `mask` is true.
pub fn psnr_masked(clean: &[f32], other: &[f32], mask: &[bool]) -> f64 {
    psnr_from_mse(mse(clean, other, Some(mask)))
}

/// `10 log10(1 / mse)`, in decibels.
pub fn psnr_from_mse(mse: f64) -> f64 {
    -10.0 * mse.log10()
}

/// The image with Gaussian noise of standard deviation `sigma` added to every
/// value, clipped to [0, 1].
pub fn gaussian_noise<T: Tensor>(image: &T, sigma: f32, rng: &mut Rng) -> T {
    image.map(|v| (v + sigma * rng.normal()).clamp(0.0, 1.0))
}

/// The image with a fraction `amount` of its values set to 0 or 1 (each with
/// probability one half).
pub fn salt_and_pepper<T: Tensor>(image: &T, amount: f32, rng: &mut Rng) -> T {
    image.map(|v| {
        if rng.next_f32() < amount {
            if rng.next_f32() < 0.5 {
                0.0
            } else {
                1.0
            }
        } else {
            v
        }
    })
}

/// Which pixels of a `width`-wide, `height`-high image lie in the `size` x
/// `size` square whose top-left corner is column `left`, row `top`.
pub fn square_mask(width: usize, height: usize, left: usize, top: usize, size: usize) -> Vec<bool> {
    (0..height)
        .flat_map(|y| (0..width).map(move |x| (x, y)))
        .map(|(x, y)| (left..left + size).contains(&x) && (top..top + size).contains(&y))
        .collect()
}

/// The image with the pixels in `mask` set to `value`.
pub fn apply_mask<T: Tensor>(image: &T, mask: &[bool], value: f32) -> T {
    image.map_indexed(|i| if mask[i] { value } else { image.as_slice()[i] })
}

#[cfg(test)]
mod tests {
    use super::*;
    use net::Tensor1;

    #[test]
    fn psnr_of_known_images() {
        // A constant error of 0.1 is an MSE of 0.01: 20 dB.
        let clean = [0.5f32; 16];
        let off = [0.6f32; 16];
        assert!((psnr(&clean, &off) - 20.0).abs() < 1e-4);
        // One pixel in four off by 1: MSE 0.25, 6.02 dB.
        let a = [0.0f32, 0.0, 0.0, 0.0];
        let b = [1.0f32, 0.0, 0.0, 0.0];
        assert!((psnr(&a, &b) - 6.0206).abs() < 1e-3);
        assert_eq!(psnr(&a, &a), f64::INFINITY);
        // Only the masked pixel counts: MSE 1, 0 dB.
        assert!(psnr_masked(&a, &b, &[true, false, false, false]).abs() < 1e-9);
    }

    #[test]
    fn square_mask_covers_the_square() {
        let mask = square_mask(4, 3, 1, 1, 2);
        let covered: Vec<usize> = (0..12).filter(|&i| mask[i]).collect();
        assert_eq!(covered, [5, 6, 9, 10]);
        let masked = apply_mask(&Tensor1::<12>::from([0.5; 12]), &mask, 0.0);
        assert_eq!(masked.as_slice()[5], 0.0);
        assert_eq!(masked.as_slice()[4], 0.5);
    }

    #[test]
    fn noise_has_the_asked_strength() {
        let mut rng = Rng::seed_from_u64(1);
        let grey = Tensor1::<10_000>::from([0.5; 10_000]);
        let noisy = gaussian_noise(&grey, 0.1, &mut rng);
        let spread = mse(grey.as_slice(), noisy.as_slice(), None).sqrt();
        assert!((spread - 0.1).abs() < 0.005, "{spread}");
        let salted = salt_and_pepper(&grey, 0.2, &mut rng);
        let changed = salted.as_slice().iter().filter(|&&v| v != 0.5).count();
        assert!((1_800..2_200).contains(&changed), "{changed}");
    }
}
