//! The addition that closes a residual block, `y = x + f(x)`, and its gradient
//! accumulation.

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
}
