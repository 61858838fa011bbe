//! Scores of per-pixel labels: intersection over union per class, its means,
//! and pixel accuracy, counted over a whole test set.

/// Pixel counts of predicted against true labels, over every map added.
///
/// A class's IoU is |predicted ∩ true| / |predicted ∪ true| over all the
/// pixels of all the maps (not a mean of per-map IoUs); a class that is in
/// neither the predictions nor the truth has none, and the means leave it out.
#[derive(Clone, Debug, PartialEq)]
pub struct Confusion {
    /// `counts[truth * classes + predicted]`: pixels so labelled.
    counts: Vec<u64>,
    classes: usize,
}

impl Confusion {
    /// No pixels yet, for labels `0..classes`.
    pub fn new(classes: usize) -> Self {
        Self {
            counts: vec![0; classes * classes],
            classes,
        }
    }

    /// Counts one map: `predicted[i]` against `truth[i]` for every pixel.
    ///
    /// # Panics
    /// If the maps differ in length or hold a label of `classes` or above:
    /// both come from the caller's own model and data.
    pub fn add(&mut self, predicted: &[u8], truth: &[u8]) {
        assert_eq!(predicted.len(), truth.len(), "maps of different sizes");
        for (&p, &t) in predicted.iter().zip(truth) {
            let (p, t) = (usize::from(p), usize::from(t));
            assert!(
                p < self.classes && t < self.classes,
                "label {} of {} classes",
                p.max(t),
                self.classes
            );
            self.counts[t * self.classes + p] += 1;
        }
    }

    /// Class `class`'s intersection over union, or `None` if no pixel is
    /// it, predicted or true.
    pub fn iou(&self, class: usize) -> Option<f64> {
        let n = self.classes;
        let both = self.counts[class * n + class];
        let truth: u64 = (0..n).map(|p| self.counts[class * n + p]).sum();
        let predicted: u64 = (0..n).map(|t| self.counts[t * n + class]).sum();
        let union = truth + predicted - both;
        (union > 0).then(|| both as f64 / union as f64)
    }

    /// The mean IoU over `classes` (all of them: `0..self.classes()`; the
    /// digits of M2NIST-style maps: `1..11`), over those that have one.
    pub fn mean_iou(&self, classes: core::ops::Range<usize>) -> Option<f64> {
        let scores: Vec<f64> = classes.filter_map(|c| self.iou(c)).collect();
        (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
    }

    /// The share of pixels labelled right.
    pub fn pixel_accuracy(&self) -> f64 {
        let n = self.classes;
        let right: u64 = (0..n).map(|c| self.counts[c * n + c]).sum();
        let all: u64 = self.counts.iter().sum();
        right as f64 / all.max(1) as f64
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_made_maps_give_their_iou() {
        // Truth:      Predicted:
        // 0 0 1 1     0 1 1 1
        // 0 0 1 1     0 0 1 0
        // 2 2 0 0     2 0 0 0
        let truth = [0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 0, 0];
        let predicted = [0, 1, 1, 1, 0, 0, 1, 0, 2, 0, 0, 0];
        let mut c = Confusion::new(4);
        c.add(&predicted, &truth);
        // Class 0: true at 6 pixels, predicted at 7, both at 5: 5 / 8.
        assert_eq!(c.iou(0), Some(5.0 / 8.0));
        // Class 1: true 4, predicted 4, both 3: 3 / 5.
        assert_eq!(c.iou(1), Some(3.0 / 5.0));
        // Class 2: true 2, predicted 1, both 1: 1 / 2.
        assert_eq!(c.iou(2), Some(0.5));
        // Class 3 appears nowhere: no IoU, and the means skip it.
        assert_eq!(c.iou(3), None);
        let mean = (5.0 / 8.0 + 3.0 / 5.0 + 0.5) / 3.0;
        assert!((c.mean_iou(0..4).unwrap() - mean).abs() < 1e-12);
        assert!((c.mean_iou(1..4).unwrap() - (3.0 / 5.0 + 0.5) / 2.0).abs() < 1e-12);
        assert_eq!(c.pixel_accuracy(), 9.0 / 12.0);
    }

    #[test]
    fn counts_add_up_over_maps() {
        let mut c = Confusion::new(2);
        c.add(&[1, 1], &[1, 0]);
        c.add(&[0, 0], &[1, 0]);
        // Class 1 over both maps: true 2, predicted 2, both 1: 1 / 3 (the
        // mean of the maps' own IoUs would be 1/4).
        assert_eq!(c.iou(1), Some(1.0 / 3.0));
        assert_eq!(c.pixel_accuracy(), 0.5);
        assert_eq!(Confusion::new(3).mean_iou(0..3), None);
    }
}
