//! Codes stored as one byte per value.

use crate::Error;

/// Maps each value of a code to 256 levels spread evenly over the range that
/// value takes in the codes the quantizer was fitted on.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantizer {
    low: Vec<f32>,
    step: Vec<f32>,
}

impl Quantizer {
    /// Fits the ranges to `codes` (at least one, all of one length).
    pub fn fit(codes: &[&[f32]]) -> Result<Self, Error> {
        let dim = codes
            .first()
            .ok_or_else(|| Error::Invalid("a quantizer needs at least one code".into()))?
            .len();
        let (mut low, mut high) = (vec![f32::INFINITY; dim], vec![f32::NEG_INFINITY; dim]);
        for code in codes {
            if code.len() != dim {
                return Err(Error::Size {
                    what: "values per code",
                    expected: dim,
                    found: code.len(),
                });
            }
            for ((l, h), &v) in low.iter_mut().zip(&mut high).zip(code.iter()) {
                (*l, *h) = (l.min(v), h.max(v));
            }
        }
        let step = low
            .iter()
            .zip(&high)
            .map(|(l, h)| (h - l) / 255.0)
            .collect();
        Ok(Self { low, step })
    }

    /// Values per code.
    pub fn len(&self) -> usize {
        self.low.len()
    }

    /// Whether codes are empty.
    pub fn is_empty(&self) -> bool {
        self.low.is_empty()
    }

    /// The bytes of the table shared by every code (a low value and a step
    /// per value, as f32).
    pub fn table_bytes(&self) -> usize {
        8 * self.len()
    }

    /// One byte per value: the nearest level, values outside the fitted
    /// range clamped to it.
    ///
    /// # Panics
    /// If `code` is not [`Quantizer::len`] long.
    pub fn encode(&self, code: &[f32]) -> Vec<u8> {
        assert_eq!(code.len(), self.len(), "code length");
        code.iter()
            .zip(self.low.iter().zip(&self.step))
            .map(|(&v, (&low, &step))| {
                if step > 0.0 {
                    ((v - low) / step).round().clamp(0.0, 255.0) as u8
                } else {
                    0
                }
            })
            .collect()
    }

    /// The values that `bytes` stand for.
    pub fn decode(&self, bytes: &[u8]) -> Vec<f32> {
        bytes
            .iter()
            .zip(self.low.iter().zip(&self.step))
            .map(|(&b, (&low, &step))| low + step * b as f32)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ends_of_the_range_are_exact_and_outside_values_clamp() {
        let q = Quantizer::fit(&[&[0.0, -1.0, 5.0], &[2.0, 1.0, 5.0]]).unwrap();
        assert_eq!(q.encode(&[0.0, -1.0, 5.0]), [0, 0, 0]);
        assert_eq!(q.encode(&[2.0, 1.0, 5.0]), [255, 255, 0]);
        assert_eq!(q.encode(&[9.0, -7.0, 4.0]), [255, 0, 0]);
        assert_eq!(q.decode(&[255, 0, 0]), [2.0, -1.0, 5.0]);
        assert_eq!(q.table_bytes(), 24);
        assert!(Quantizer::fit(&[&[0.0], &[0.0, 1.0]]).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig { rng_seed: proptest::test_runner::RngSeed::Fixed(11), ..ProptestConfig::default() })]
        #[test]
        fn round_trip_error_is_at_most_half_a_step(
            codes in prop::collection::vec(prop::collection::vec(-50.0f32..50.0, 4), 2..20)
        ) {
            let rows: Vec<&[f32]> = codes.iter().map(|c| &c[..]).collect();
            let q = Quantizer::fit(&rows).unwrap();
            for code in &codes {
                let back = q.decode(&q.encode(code));
                for ((v, b), step) in code.iter().zip(&back).zip(&q.step) {
                    prop_assert!((v - b).abs() <= step / 2.0 + 1e-4, "{v} -> {b}, step {step}");
                }
            }
        }
    }
}
