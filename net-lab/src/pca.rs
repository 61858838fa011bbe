//! Principal component analysis by singular value decomposition (nalgebra),
//! principal angles between subspaces, and the linear autoencoders that the
//! lecture says span the same subspace as the top principal components.

use crate::Error;
use nalgebra::{DMatrix, DVector};
use net::prelude::*;

/// The principal components of a set of vectors.
#[derive(Debug, Clone)]
pub struct Pca {
    mean: DVector<f64>,
    /// `d x d`, one unit component per column, by decreasing variance.
    components: DMatrix<f64>,
    variances: Vec<f64>,
}

impl Pca {
    /// The components of `rows` (each `dim` values): the right singular
    /// vectors of the centred data, from the SVD of its `dim x dim` scatter
    /// matrix (the same vectors, far cheaper than the SVD of an `n x dim`
    /// matrix when `n` is large).
    pub fn fit(rows: &[&[f32]]) -> Result<Self, Error> {
        let data = matrix(rows, 1, "PCA")?;
        let n = data.nrows() as f64;
        let mean = data.row_mean().transpose();
        let centred = center(&data, &mean);
        let scatter = centred.transpose() * &centred / n;
        let svd = scatter.svd(true, false);
        let u = svd.u.expect("asked for U");
        let mut order: Vec<usize> = (0..svd.singular_values.len()).collect();
        order.sort_by(|&a, &b| svd.singular_values[b].total_cmp(&svd.singular_values[a]));
        let components = DMatrix::from_fn(u.nrows(), order.len(), |r, c| u[(r, order[c])]);
        let variances = order.iter().map(|&i| svd.singular_values[i]).collect();
        Ok(Self {
            mean,
            components,
            variances,
        })
    }

    /// The mean vector.
    pub fn mean(&self) -> &DVector<f64> {
        &self.mean
    }

    /// The variance along each component, largest first.
    pub fn variances(&self) -> &[f64] {
        &self.variances
    }

    /// The top `k` components as the columns of a `d x k` matrix.
    pub fn components(&self, k: usize) -> DMatrix<f64> {
        self.components.columns(0, k).into_owned()
    }

    /// For k = 1..=`max_k`, the mean squared error per value of `rows`
    /// projected onto the top k components and back.
    pub fn reconstruction_errors(&self, rows: &[&[f32]], max_k: usize) -> Result<Vec<f64>, Error> {
        let centred = center(&matrix(rows, 1, "PCA")?, &self.mean);
        let scores = &centred * self.components(max_k);
        let total: f64 = centred.iter().map(|v| v * v).sum();
        let cells = (centred.nrows() * centred.ncols()) as f64;
        let mut explained = 0.0;
        Ok((0..max_k)
            .map(|k| {
                explained += scores.column(k).iter().map(|v| v * v).sum::<f64>();
                (total - explained) / cells
            })
            .collect())
    }
}

/// The principal angles, in radians and increasing, between the subspaces
/// spanned by the columns of `a` and of `b` (any bases, not necessarily
/// orthonormal, of the same dimension): the arccosines of the singular values
/// of `Qa^T Qb`, with `Q` from QR decompositions.
pub fn principal_angles(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<Vec<f64>, Error> {
    if a.nrows() != b.nrows() || a.ncols() != b.ncols() || a.ncols() > a.nrows() {
        return Err(Error::Invalid(format!(
            "principal angles need two bases of k <= d vectors in the same space, \
             found {}x{} and {}x{}",
            a.nrows(),
            a.ncols(),
            b.nrows(),
            b.ncols()
        )));
    }
    let (qa, qb) = (a.clone().qr().q(), b.clone().qr().q());
    let cosines = (qa.transpose() * qb).singular_values();
    let mut angles: Vec<f64> = cosines.iter().map(|c| c.clamp(-1.0, 1.0).acos()).collect();
    angles.sort_by(f64::total_cmp);
    Ok(angles)
}

/// `rows` as the rows of a matrix; at least `min_rows` of them, all of one
/// non-zero length (`what` names the computation in the error).
pub(crate) fn matrix(rows: &[&[f32]], min_rows: usize, what: &str) -> Result<DMatrix<f64>, Error> {
    let dim = rows.first().map_or(0, |r| r.len());
    if rows.len() < min_rows.max(1) || dim == 0 {
        return Err(Error::Invalid(format!(
            "{what} needs at least {} non-empty vectors, found {}",
            min_rows.max(1),
            rows.len()
        )));
    }
    if let Some(bad) = rows.iter().find(|r| r.len() != dim) {
        return Err(Error::Size {
            what: "values per vector",
            expected: dim,
            found: bad.len(),
        });
    }
    Ok(DMatrix::from_fn(rows.len(), dim, |r, c| rows[r][c] as f64))
}

/// `data` with `mean` taken from every row.
pub(crate) fn center(data: &DMatrix<f64>, mean: &DVector<f64>) -> DMatrix<f64> {
    let mut centred = data.clone();
    for mut row in centred.row_iter_mut() {
        row -= mean.transpose();
    }
    centred
}

/// The column space of a linear autoencoder's decoder weight (`[d, k]` in
/// PyTorch's layout): the subspace its reconstructions live in.
pub fn decoder_basis<const D: usize, const K: usize>(weight: &Tensor2<D, K>) -> DMatrix<f64> {
    DMatrix::from_fn(D, K, |r, c| weight.data[r][c] as f64)
}

/// `digits` flattened, with `mean` taken away: what PCA and the linear
/// autoencoders work on.
pub fn centred<const N: usize>(
    digits: &[Tensor3<1, 28, 28>],
    mean: &DVector<f64>,
) -> Vec<Tensor1<N>> {
    digits
        .iter()
        .map(|d| Tensor1::<N>::zeros().map_indexed(|i| (d.as_slice()[i] as f64 - mean[i]) as f32))
        .collect()
}

/// Trains a linear autoencoder on centred vectors with mean squared error:
/// Adam at `lr`, cosine-annealed, batches of 64. Returns the final epoch's
/// training loss.
pub fn train_linear_autoencoder<T, N>(
    model: &mut N,
    centred: &[T],
    epochs: usize,
    lr: f32,
    seed: u64,
) -> Result<f32, Error>
where
    T: Tensor,
    N: Network<Input = T, Output = T>,
    N::Grads: net::Zeroable,
{
    let history = net::Fit::new(epochs)
        .batch_size(64)
        .seed(seed)
        .schedule(net::Schedule::Cosine {
            epochs,
            min_lr: lr / 100.0,
        })
        .progress(net::Progress::Silent)
        .run_autoencoder(model, &mut net::Adam::new(lr), centred)?;
    Ok(history.epochs.last().map_or(f32::NAN, |e| e.train.loss))
}

/// Declares a linear autoencoder for 784 values with a code of `k`: two
/// `Dense(.., bias = false)` layers and no activation.
macro_rules! linear_autoencoders {
    ($($name:ident: $k:literal),* $(,)?) => {$(
        network! {
            #[doc = concat!("A linear autoencoder, 784 -> ", stringify!($k), " -> 784, without biases.")]
            pub struct $name: [784] {
                encoder {
                    enc: Dense($k, bias = false),
                }
                decoder {
                    dec: Dense(784, bias = false),
                }
            }
        }
    )*};
}

linear_autoencoders!(
    Linear1: 1, Linear2: 2, Linear4: 4, Linear8: 8, Linear12: 12, Linear16: 16,
    Linear24: 24, Linear32: 32,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_angles_of_known_subspaces() {
        // span(e1, e2) against span(e1, cos t e2 + sin t e3), with a
        // non-orthonormal second basis: angles 0 and t.
        let t = 0.3f64;
        let a = DMatrix::from_column_slice(4, 2, &[1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
        let b = DMatrix::from_column_slice(4, 2, &[2.0, 0.0, 0.0, 0.0, 1.0, t.cos(), t.sin(), 0.0]);
        let angles = principal_angles(&a, &b).unwrap();
        assert!(angles[0].abs() < 1e-7, "{angles:?}");
        assert!((angles[1] - t).abs() < 1e-7, "{angles:?}");
        // Orthogonal subspaces: both angles pi/2.
        let c = DMatrix::from_column_slice(4, 2, &[0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
        for angle in principal_angles(&a, &c).unwrap() {
            assert!((angle - std::f64::consts::FRAC_PI_2).abs() < 1e-7);
        }
        assert!(principal_angles(&a, &DMatrix::zeros(3, 2)).is_err());
    }

    #[test]
    fn pca_finds_the_axes_of_a_stretched_cloud() {
        // Points spread 3 along (1, 1)/sqrt 2, 1 along (1, -1)/sqrt 2, none
        // along z, around (1, 2, 3).
        let mut rng = Rng::seed_from_u64(5);
        let points: Vec<[f32; 3]> = (0..4000)
            .map(|_| {
                let (u, v) = (3.0 * rng.normal(), rng.normal());
                let s = std::f32::consts::FRAC_1_SQRT_2;
                [1.0 + s * (u + v), 2.0 + s * (u - v), 3.0]
            })
            .collect();
        let rows: Vec<&[f32]> = points.iter().map(|p| &p[..]).collect();
        let pca = Pca::fit(&rows).unwrap();
        let v = pca.variances();
        assert!(
            (v[0] - 9.0).abs() < 0.5 && (v[1] - 1.0).abs() < 0.1 && v[2] < 1e-9,
            "{v:?}"
        );
        let first = pca.components(1);
        assert!(
            (first[(0, 0)].abs() - std::f64::consts::FRAC_1_SQRT_2).abs() < 0.01,
            "{first}"
        );
        assert!((pca.mean()[1] - 2.0).abs() < 0.1);
        // Errors per value: what is left after k components, over 3 values.
        let errors = pca.reconstruction_errors(&rows, 3).unwrap();
        assert!((errors[0] - v[1] / 3.0).abs() < 1e-6, "{errors:?}");
        assert!(
            errors[1].abs() < 1e-9 && errors[2].abs() < 1e-9,
            "{errors:?}"
        );
        assert!(Pca::fit(&[&[1.0, 2.0][..], &[1.0][..]]).is_err());
    }

    #[test]
    fn the_decoder_basis_is_the_weight_in_pytorch_layout() {
        let model = Linear2::new(3);
        let basis = decoder_basis(&model.dec.weight);
        assert_eq!((basis.nrows(), basis.ncols()), (784, 2));
        assert_eq!(basis[(5, 1)], model.dec.weight.data[5][1] as f64);
    }
}
