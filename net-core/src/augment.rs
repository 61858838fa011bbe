//! Data augmentation for images in [0, 1], applied on the fly: random shifts,
//! small rotations, horizontal flips (for images where mirroring keeps the
//! label; not for digits), Gaussian noise and brightness. Steps compose in
//! the order they are added and draw from the caller's seeded `Rng`.

use crate::rng::Rng;
use crate::tensor::Tensor3;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Shift(usize),
    Rotate(f32),
    FlipHorizontal(f32),
    Noise(f32),
    Brightness(f32),
}

/// A sequence of random transformations of `[C, H, W]` images.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Augmentation {
    steps: Vec<Step>,
}

impl Augmentation {
    /// No transformation.
    pub fn new() -> Self {
        Self::default()
    }
    /// Moves the image by up to `max` pixels along each axis, filling with 0.
    pub fn shift(mut self, max: usize) -> Self {
        self.steps.push(Step::Shift(max));
        self
    }
    /// Rotates about the centre by up to `max_degrees` either way (bilinear,
    /// filling with 0).
    pub fn rotate(mut self, max_degrees: f32) -> Self {
        self.steps.push(Step::Rotate(max_degrees));
        self
    }
    /// Mirrors left to right with probability `p`.
    pub fn flip_horizontal(mut self, p: f32) -> Self {
        self.steps.push(Step::FlipHorizontal(p));
        self
    }
    /// Adds Gaussian noise of standard deviation `sigma`, then clamps to [0, 1].
    pub fn noise(mut self, sigma: f32) -> Self {
        self.steps.push(Step::Noise(sigma));
        self
    }
    /// Adds one random offset in [-max_delta, max_delta] to every value, then
    /// clamps to [0, 1].
    pub fn brightness(mut self, max_delta: f32) -> Self {
        self.steps.push(Step::Brightness(max_delta));
        self
    }

    /// A transformed copy of `image`.
    pub fn apply<const C: usize, const H: usize, const W: usize>(
        &self,
        image: &Tensor3<C, H, W>,
        rng: &mut Rng,
    ) -> Tensor3<C, H, W> {
        let mut out = *image;
        for step in &self.steps {
            out = match *step {
                Step::Shift(max) => {
                    let span = 2 * max + 1;
                    let dy = rng.below(span) as isize - max as isize;
                    let dx = rng.below(span) as isize - max as isize;
                    resample(&out, |y, x| (y - dy as f32, x - dx as f32), false)
                }
                Step::Rotate(max_degrees) => {
                    let angle = rng.uniform(-max_degrees, max_degrees).to_radians();
                    let (sin, cos) = angle.sin_cos();
                    let (cy, cx) = ((H as f32 - 1.0) / 2.0, (W as f32 - 1.0) / 2.0);
                    // Each output pixel reads the input at the inverse rotation.
                    resample(
                        &out,
                        |y, x| {
                            let (ry, rx) = (y - cy, x - cx);
                            (cy + cos * ry - sin * rx, cx + sin * ry + cos * rx)
                        },
                        true,
                    )
                }
                Step::FlipHorizontal(p) => {
                    if rng.next_f32() < p {
                        let mut flipped = out;
                        for (channel, source) in flipped.data.iter_mut().zip(&out.data) {
                            for (row, source_row) in channel.iter_mut().zip(source) {
                                row.iter_mut()
                                    .zip(source_row.iter().rev())
                                    .for_each(|(d, s)| *d = *s);
                            }
                        }
                        flipped
                    } else {
                        out
                    }
                }
                Step::Noise(sigma) => out.map(|v| (v + sigma * rng.normal()).clamp(0.0, 1.0)),
                Step::Brightness(max_delta) => {
                    let delta = rng.uniform(-max_delta, max_delta);
                    out.map(|v| (v + delta).clamp(0.0, 1.0))
                }
            };
        }
        out
    }
}

/// Each output pixel (y, x) takes the input at `source(y, x)`: bilinearly
/// interpolated when `bilinear`, else the exact (integral) position; 0 outside.
fn resample<const C: usize, const H: usize, const W: usize>(
    image: &Tensor3<C, H, W>,
    source: impl Fn(f32, f32) -> (f32, f32),
    bilinear: bool,
) -> Tensor3<C, H, W> {
    let mut out = Tensor3::zeros();
    let at = |c: usize, y: isize, x: isize| -> f32 {
        if y < 0 || x < 0 || y >= H as isize || x >= W as isize {
            0.0
        } else {
            image.data[c][y as usize][x as usize]
        }
    };
    for y in 0..H {
        for x in 0..W {
            let (sy, sx) = source(y as f32, x as f32);
            for c in 0..C {
                out.data[c][y][x] = if bilinear {
                    let (y0, x0) = (floor(sy), floor(sx));
                    let (fy, fx) = (sy - y0, sx - x0);
                    let (y0, x0) = (y0 as isize, x0 as isize);
                    (1.0 - fy) * ((1.0 - fx) * at(c, y0, x0) + fx * at(c, y0, x0 + 1))
                        + fy * ((1.0 - fx) * at(c, y0 + 1, x0) + fx * at(c, y0 + 1, x0 + 1))
                } else {
                    at(c, floor(sy + 0.5) as isize, floor(sx + 0.5) as isize)
                };
            }
        }
    }
    out
}

/// `v.floor()` for |v| < 2^31, inline: `f32::floor` is a call into libm on
/// x86-64 without SSE4.1, and it took a fifth of the augmentation's time.
fn floor(v: f32) -> f32 {
    let truncated = v as i32 as f32;
    if truncated > v {
        truncated - 1.0
    } else {
        truncated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Tensor3<1, 8, 8> {
        let mut t = Tensor3::zeros();
        for row in &mut t.data[0][2..6] {
            row[2..6].fill(1.0);
        }
        t
    }

    #[test]
    fn the_inline_floor_is_the_floor() {
        for i in -4000..4000 {
            let v = i as f32 * 0.0125;
            assert_eq!(floor(v), v.floor(), "at {v}");
            assert_eq!(floor(v + 0.5), (v + 0.5).floor(), "at {v} + 0.5");
        }
        for v in [-0.0, 1e-7, -1e-7, 27.999998, -27.999998, 1e9, -1e9] {
            assert_eq!(floor(v), v.floor(), "at {v}");
        }
    }

    #[test]
    fn every_step_keeps_the_shape_and_the_value_range() {
        let all = Augmentation::new()
            .shift(2)
            .rotate(15.0)
            .flip_horizontal(0.5)
            .noise(0.2)
            .brightness(0.3);
        let mut rng = Rng::seed_from_u64(1);
        for _ in 0..50 {
            let out = all.apply(&square(), &mut rng);
            assert!(out.as_slice().iter().all(|v| (0.0..=1.0).contains(v)));
        }
    }

    #[test]
    fn shifts_move_without_changing_the_content() {
        let mut rng = Rng::seed_from_u64(3);
        let shifted = Augmentation::new().shift(2).apply(&square(), &mut rng);
        assert_eq!(shifted.as_slice().iter().sum::<f32>(), 16.0);
        let rotated = Augmentation::new().rotate(0.0).apply(&square(), &mut rng);
        assert_eq!(rotated, square());
    }

    #[test]
    fn a_flip_mirrors_rows_and_the_seed_fixes_the_draws() {
        let mut image = Tensor3::<1, 1, 3>::zeros();
        image.data[0][0] = [1.0, 0.5, 0.0];
        let flipped = Augmentation::new()
            .flip_horizontal(1.0)
            .apply(&image, &mut Rng::seed_from_u64(0));
        assert_eq!(flipped.data[0][0], [0.0, 0.5, 1.0]);
        let a = Augmentation::new().shift(3).noise(0.1);
        assert_eq!(
            a.apply(&square(), &mut Rng::seed_from_u64(7)),
            a.apply(&square(), &mut Rng::seed_from_u64(7))
        );
    }
}
