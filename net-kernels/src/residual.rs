//! The joins of skips: the addition that closes a residual block or an
//! `Add`, `y = x + f(x)`, the concatenation along channels of a `Concat`,
//! and their gradients. Channels are the outermost axis of a sample, so
//! joining samples along channels is appending their values.

/// `y = a + b`, element-wise. Panics if the lengths differ.
pub fn add(a: &[f32], b: &[f32], y: &mut [f32]) {
    assert!(
        a.len() == b.len() && a.len() == y.len(),
        "residual slices differ in length"
    );
    for ((y, a), b) in y.iter_mut().zip(a).zip(b) {
        *y = a + b;
    }
}

/// `total += part`, element-wise: a tensor used twice (the block's input, by
/// the block and by the addition) gets the sum of both gradients.
pub fn accumulate(total: &mut [f32], part: &[f32]) {
    assert_eq!(total.len(), part.len(), "residual slices differ in length");
    for (t, p) in total.iter_mut().zip(part) {
        *t += p;
    }
}

/// A batch of `samples` joined along channels: sample `b` of `y` is sample
/// `b` of each part, one part after another. Panics unless every part and
/// `y` hold `samples` samples and `y` holds as many values as the parts.
pub fn concat(samples: usize, parts: &[&[f32]], y: &mut [f32]) {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    assert_eq!(
        total,
        y.len(),
        "concat: the parts hold {total} values, the output {}",
        y.len()
    );
    assert!(
        samples > 0 && parts.iter().all(|p| p.len().is_multiple_of(samples)),
        "concat: a part is not {samples} samples long"
    );
    for (b, y) in y.chunks_exact_mut(total / samples).enumerate() {
        let mut at = 0;
        for part in parts {
            let len = part.len() / samples;
            y[at..at + len].copy_from_slice(&part[b * len..][..len]);
            at += len;
        }
    }
}

/// The gradient of one part of a [`concat`] of `samples` samples: the
/// values of each sample of `dys` from `offset` on, as many as a sample of
/// `dx` holds, written into `dx` or, when `add`, added to it. Panics
/// if the part does not fit in `dys` at `offset`.
pub fn concat_backward(samples: usize, dys: &[f32], offset: usize, dx: &mut [f32], add: bool) {
    assert!(
        samples > 0 && dys.len().is_multiple_of(samples) && dx.len().is_multiple_of(samples),
        "concat: a gradient is not {samples} samples long"
    );
    let (sample_out, len) = (dys.len() / samples, dx.len() / samples);
    assert!(
        offset + len <= sample_out,
        "concat: the part does not fit at {offset}"
    );
    for (b, dx) in dx.chunks_exact_mut(len).enumerate() {
        let dy = &dys[b * sample_out + offset..][..len];
        if add {
            accumulate(dx, dy);
        } else {
            dx.copy_from_slice(dy);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_and_accumulates() {
        let mut y = [0.0; 2];
        add(&[1.0, 2.0], &[10.0, 20.0], &mut y);
        assert_eq!(y, [11.0, 22.0]);
        accumulate(&mut y, &[1.0, 1.0]);
        assert_eq!(y, [12.0, 23.0]);
    }

    #[test]
    fn concat_appends_each_sample_and_its_gradient_splits_back() {
        // Two samples: a part of 2 values and one of 3 per sample.
        let (a, b) = ([1.0, 2.0, 3.0, 4.0], [10.0, 20.0, 30.0, 40.0, 50.0, 60.0]);
        let mut y = [0.0; 10];
        concat(2, &[&a, &b], &mut y);
        assert_eq!(y, [1.0, 2.0, 10.0, 20.0, 30.0, 3.0, 4.0, 40.0, 50.0, 60.0]);
        let mut da = [0.0; 4];
        concat_backward(2, &y, 0, &mut da, false);
        assert_eq!(da, a);
        let mut db = [1.0; 6];
        concat_backward(2, &y, 2, &mut db, true);
        assert_eq!(db, [11.0, 21.0, 31.0, 41.0, 51.0, 61.0]);
    }
}
