//! Inverted dropout: in training each value is kept with probability `1 - p` and
//! scaled by `1 / (1 - p)`, so inference is the identity and needs no kernel.

use net_core::Rng;

/// Fills `mask` with 0 (dropped, probability `p`) or `1 / (1 - p)` (kept), drawn
/// in order from `rng`. Panics unless `0 <= p < 1` (the macro checks this at
/// compile time for declared layers).
pub fn dropout_mask(rng: &mut Rng, p: f32, mask: &mut [f32]) {
    assert!(
        (0.0..1.0).contains(&p),
        "dropout probability {p} is outside [0, 1)"
    );
    let keep = 1.0 / (1.0 - p);
    for m in mask {
        *m = if rng.next_f32() < p { 0.0 } else { keep };
    }
}

/// `y = x * mask`, element-wise. The backward pass is the same product with the
/// output gradient: `dx = dy * mask`. Panics if the lengths differ.
pub fn apply_dropout_mask(x: &[f32], mask: &[f32], y: &mut [f32]) {
    assert!(
        x.len() == mask.len() && x.len() == y.len(),
        "dropout slices differ in length"
    );
    for ((y, &x), &m) in y.iter_mut().zip(x).zip(mask) {
        *y = x * m;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_expected_fraction_and_scales_the_rest() {
        let mut rng = Rng::seed_from_u64(9);
        let mut mask = vec![0.0; 100_000];
        dropout_mask(&mut rng, 0.3, &mut mask);
        let kept = mask.iter().filter(|&&m| m != 0.0).count() as f64 / mask.len() as f64;
        // Binomial standard deviation is sqrt(0.21 / 1e5) = 0.0014: allow 4 of them.
        assert!((kept - 0.7).abs() < 0.006, "kept {kept}");
        assert!(mask.iter().all(|&m| m == 0.0 || m == 1.0 / 0.7));
        let mut y = vec![0.0; mask.len()];
        apply_dropout_mask(&vec![2.0; mask.len()], &mask, &mut y);
        let mean = y.iter().map(|&v| v as f64).sum::<f64>() / y.len() as f64;
        assert!(
            (mean - 2.0).abs() < 0.02,
            "the expected value is kept: {mean}"
        );
    }

    #[test]
    fn zero_probability_keeps_everything_and_the_same_seed_gives_the_same_mask() {
        let mut mask = [0.0; 64];
        dropout_mask(&mut Rng::seed_from_u64(1), 0.0, &mut mask);
        assert!(mask.iter().all(|&m| m == 1.0));
        let (mut a, mut b) = ([0.0; 64], [0.0; 64]);
        dropout_mask(&mut Rng::seed_from_u64(2), 0.5, &mut a);
        dropout_mask(&mut Rng::seed_from_u64(2), 0.5, &mut b);
        assert_eq!(a, b);
    }

    #[test]
    #[should_panic(expected = "outside [0, 1)")]
    fn probability_one_is_refused() {
        dropout_mask(&mut Rng::seed_from_u64(1), 1.0, &mut [0.0; 4]);
    }
}
