//! A multivariate Gaussian fitted to codes, to sample new ones.

use crate::pca::{center, matrix};
use crate::Error;
use nalgebra::{DMatrix, DVector};
use net::Rng;

/// A Gaussian with a full covariance matrix.
#[derive(Debug, Clone)]
pub struct Gaussian {
    mean: DVector<f64>,
    covariance: DMatrix<f64>,
    /// Lower Cholesky factor of the covariance: a sample is `mean + L z`.
    factor: DMatrix<f64>,
}

impl Gaussian {
    /// The maximum-likelihood fit to `rows` (each `d` values), with the
    /// covariance's diagonal raised by a millionth of its mean so that it is
    /// positive definite even when the rows span fewer than `d` directions.
    pub fn fit(rows: &[&[f32]]) -> Result<Self, Error> {
        let data = matrix(rows, 2, "a Gaussian")?;
        let dim = data.ncols();
        let mean = data.row_mean().transpose();
        let centred = center(&data, &mean);
        let mut covariance = centred.transpose() * &centred / rows.len() as f64;
        let ridge = 1e-6 * covariance.trace() / dim as f64;
        for i in 0..dim {
            covariance[(i, i)] += ridge.max(f64::MIN_POSITIVE);
        }
        let factor = covariance
            .clone()
            .cholesky()
            .ok_or_else(|| Error::Invalid("the covariance is not positive definite".into()))?
            .l();
        Ok(Self {
            mean,
            covariance,
            factor,
        })
    }

    /// The mean.
    pub fn mean(&self) -> &DVector<f64> {
        &self.mean
    }

    /// The covariance.
    pub fn covariance(&self) -> &DMatrix<f64> {
        &self.covariance
    }

    /// A sample.
    pub fn sample(&self, rng: &mut Rng) -> Vec<f32> {
        let z = DVector::from_fn(self.mean.len(), |_, _| rng.normal() as f64);
        let x = &self.mean + &self.factor * z;
        x.iter().map(|&v| v as f32).collect()
    }
}

/// The point a fraction `t` of the way from `a` to `b`.
pub fn interpolate(a: &[f32], b: &[f32], t: f32) -> Vec<f32> {
    a.iter().zip(b).map(|(x, y)| x + t * (y - x)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_and_samples_a_known_gaussian() {
        // x ~ N(1, 4), y = x/2 + N(0, 1) - 3: cov [[4, 2], [2, 2]], mean (1, -2.5).
        let mut rng = Rng::seed_from_u64(3);
        let points: Vec<[f32; 2]> = (0..20_000)
            .map(|_| {
                let x = 1.0 + 2.0 * rng.normal();
                [x, x / 2.0 + rng.normal() - 3.0]
            })
            .collect();
        let rows: Vec<&[f32]> = points.iter().map(|p| &p[..]).collect();
        let g = Gaussian::fit(&rows).unwrap();
        let expected = [[4.0, 2.0], [2.0, 2.0]];
        for (r, row) in expected.iter().enumerate() {
            for (c, e) in row.iter().enumerate() {
                assert!(
                    (g.covariance()[(r, c)] - e).abs() < 0.15,
                    "{}",
                    g.covariance()
                );
            }
        }
        assert!((g.mean()[0] - 1.0).abs() < 0.05 && (g.mean()[1] + 2.5).abs() < 0.05);
        // Samples of the fit have the fit's statistics.
        let samples: Vec<Vec<f32>> = (0..20_000).map(|_| g.sample(&mut rng)).collect();
        let refit = Gaussian::fit(&samples.iter().map(|s| &s[..]).collect::<Vec<_>>()).unwrap();
        assert!((refit.covariance() - g.covariance()).abs().max() < 0.15);
        assert!(Gaussian::fit(&rows[..1]).is_err());
    }

    #[test]
    fn interpolation_runs_from_a_to_b() {
        assert_eq!(interpolate(&[0.0, 2.0], &[4.0, 6.0], 0.25), [1.0, 3.0]);
    }
}
