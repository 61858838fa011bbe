//! Nearest-neighbour classification and the few-shot protocol: a handful of
//! labelled examples per class, accuracy on everything else.

use crate::Error;
use net::Rng;

/// A 1-nearest-neighbour classifier under Euclidean distance.
#[derive(Debug, Clone)]
pub struct NearestNeighbour {
    features: Vec<Vec<f32>>,
    labels: Vec<usize>,
}

impl NearestNeighbour {
    /// Remembers labelled examples; at least one, all of one length.
    pub fn new(features: Vec<Vec<f32>>, labels: Vec<usize>) -> Result<Self, Error> {
        if features.len() != labels.len() {
            return Err(Error::Size {
                what: "labels, one per example",
                expected: features.len(),
                found: labels.len(),
            });
        }
        let dim = features
            .first()
            .ok_or_else(|| {
                Error::Invalid("a nearest-neighbour classifier needs an example".into())
            })?
            .len();
        if let Some(bad) = features.iter().find(|f| f.len() != dim) {
            return Err(Error::Size {
                what: "values per example",
                expected: dim,
                found: bad.len(),
            });
        }
        Ok(Self { features, labels })
    }

    /// The label of the nearest example (the first of equally near ones).
    ///
    /// # Panics
    /// If `x` is not as long as the examples.
    pub fn predict(&self, x: &[f32]) -> usize {
        assert_eq!(x.len(), self.features[0].len(), "feature length");
        let distance =
            |f: &Vec<f32>| -> f32 { f.iter().zip(x).map(|(a, b)| (a - b) * (a - b)).sum() };
        let (mut best, mut best_distance) = (0, f32::INFINITY);
        for (i, f) in self.features.iter().enumerate() {
            let d = distance(f);
            if d < best_distance {
                (best, best_distance) = (i, d);
            }
        }
        self.labels[best]
    }

    /// The fraction of `features` predicted as their `labels`.
    pub fn accuracy(&self, features: &[Vec<f32>], labels: &[usize]) -> f64 {
        let right = features
            .iter()
            .zip(labels)
            .filter(|(f, &l)| self.predict(f) == l)
            .count();
        right as f64 / features.len().max(1) as f64
    }
}

/// Mean and standard deviation of the accuracy over random draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FewShot {
    /// Mean accuracy.
    pub mean: f64,
    /// Standard deviation across draws.
    pub std: f64,
}

/// Few-shot accuracy: `draws` times, pick `shots` examples of every class at
/// random from the pool, classify every test example by its nearest pick,
/// and average the accuracies. The same `seed` picks the same examples, so
/// different features can be compared on the same draws.
pub fn few_shot_accuracy(
    pool: (&[Vec<f32>], &[usize]),
    test: (&[Vec<f32>], &[usize]),
    shots: usize,
    draws: usize,
    seed: u64,
) -> Result<FewShot, Error> {
    let classes = pool.1.iter().max().map_or(0, |m| m + 1);
    let mut by_class: Vec<Vec<usize>> = vec![Vec::new(); classes];
    for (i, &label) in pool.1.iter().enumerate() {
        by_class[label].push(i);
    }
    if let Some(class) = by_class.iter().position(|members| members.len() < shots) {
        return Err(Error::Invalid(format!(
            "class {class} has {} examples in the pool, fewer than {shots} shots",
            by_class[class].len()
        )));
    }
    let mut rng = Rng::seed_from_u64(seed);
    let mut accuracies = Vec::with_capacity(draws);
    for _ in 0..draws {
        let (mut features, mut labels) = (Vec::new(), Vec::new());
        for (class, members) in by_class.iter_mut().enumerate() {
            rng.shuffle(members);
            for &i in &members[..shots] {
                features.push(pool.0[i].clone());
                labels.push(class);
            }
        }
        let classifier = NearestNeighbour::new(features, labels)?;
        accuracies.push(classifier.accuracy(test.0, test.1));
    }
    let n = accuracies.len().max(1) as f64;
    let mean = accuracies.iter().sum::<f64>() / n;
    let var = accuracies.iter().map(|a| (a - mean).powi(2)).sum::<f64>() / n;
    Ok(FewShot {
        mean,
        std: var.sqrt(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_neighbour_on_a_toy_set() {
        let classifier = NearestNeighbour::new(
            vec![vec![0.0, 0.0], vec![10.0, 0.0], vec![0.0, 10.0]],
            vec![0, 1, 2],
        )
        .unwrap();
        assert_eq!(classifier.predict(&[1.0, 1.0]), 0);
        assert_eq!(classifier.predict(&[7.0, 2.0]), 1);
        assert_eq!(classifier.predict(&[4.0, 6.0]), 2);
        // Equally near 0 and 1: the first wins.
        assert_eq!(classifier.predict(&[5.0, 0.0]), 0);
        let accuracy = classifier.accuracy(&[vec![9.0, 1.0], vec![9.0, 9.5]], &[1, 1]);
        assert_eq!(accuracy, 0.5);
        assert!(NearestNeighbour::new(vec![vec![0.0], vec![1.0, 2.0]], vec![0, 1]).is_err());
        assert!(NearestNeighbour::new(vec![vec![0.0]], vec![]).is_err());
        assert!(NearestNeighbour::new(vec![], vec![]).is_err());
    }

    #[test]
    fn few_shot_on_separated_clusters_is_perfect_and_needs_enough_examples() {
        // Three tight clusters far apart: one shot suffices.
        let mut rng = Rng::seed_from_u64(2);
        let mut make = |n: usize| {
            let labels: Vec<usize> = (0..n).map(|i| i % 3).collect();
            let features = labels
                .iter()
                .map(|&l| vec![10.0 * l as f32 + 0.1 * rng.normal(), 0.1 * rng.normal()])
                .collect::<Vec<_>>();
            (features, labels)
        };
        let (pool, test) = (make(30), make(60));
        let result = few_shot_accuracy((&pool.0, &pool.1), (&test.0, &test.1), 1, 5, 9).unwrap();
        assert_eq!(
            result,
            FewShot {
                mean: 1.0,
                std: 0.0
            }
        );
        assert!(few_shot_accuracy((&pool.0, &pool.1), (&test.0, &test.1), 11, 1, 9).is_err());
    }
}
