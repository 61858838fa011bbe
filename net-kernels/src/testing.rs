//! Helpers shared by the kernels' tests: random data, random window shapes, and
//! a finite-difference check computed in f64.

use crate::window::Window;
use net_core::shape::conv_output;
use net_core::Rng;
use proptest::prelude::*;

/// `f` on a fresh rayon pool of `threads` threads.
pub(crate) fn on_threads<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool for the test")
        .install(f)
}

pub(crate) fn random_vec(rng: &mut Rng, len: usize) -> Vec<f32> {
    (0..len).map(|_| rng.uniform(-1.0, 1.0)).collect()
}

pub(crate) fn to_f64(v: &[f32]) -> Vec<f64> {
    v.iter().map(|&v| v as f64).collect()
}

pub(crate) fn assert_close(got: &[f32], want: &[f64], tolerance: f64) {
    assert_eq!(got.len(), want.len(), "lengths differ");
    let scale = want.iter().fold(1.0f64, |m, v| m.max(v.abs()));
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g as f64 - w).abs() <= tolerance * scale,
            "element {i}: got {g}, want {w} (tolerance {tolerance} x {scale})"
        );
    }
}

/// Checks an analytic gradient of `loss` at `at` along three random directions
/// against central finite differences of `loss`, evaluated in f64:
/// `<grad, v>` against `(loss(at + h v) - loss(at - h v)) / 2h`.
pub(crate) fn check_gradient(
    rng: &mut Rng,
    what: &str,
    grad: &[f32],
    at: &[f32],
    loss: impl Fn(&[f64]) -> f64,
) {
    let h = 1e-4;
    let base = to_f64(at);
    for _ in 0..3 {
        let v: Vec<f64> = (0..at.len())
            .map(|_| rng.uniform(-1.0, 1.0) as f64)
            .collect();
        let shifted = |sign: f64| -> Vec<f64> {
            base.iter().zip(&v).map(|(a, d)| a + sign * h * d).collect()
        };
        let numeric = (loss(&shifted(1.0)) - loss(&shifted(-1.0))) / (2.0 * h);
        let analytic: f64 = grad.iter().zip(&v).map(|(&g, d)| g as f64 * d).sum();
        let scale: f64 = grad
            .iter()
            .zip(&v)
            .map(|(&g, d)| (g as f64 * d).abs())
            .sum::<f64>()
            + 1e-3;
        assert!(
            (numeric - analytic).abs() <= 1e-3 * scale,
            "{what}: finite differences give {numeric}, the backward pass {analytic}"
        );
    }
}

/// `<a, b>` in f64: the loss whose output gradient is `b`.
pub(crate) fn dot(a: &[f64], b: &[f32]) -> f64 {
    a.iter().zip(b).map(|(a, &b)| a * b as f64).sum()
}

/// One axis of a random window: (input, kernel, stride, padding).
fn axis(
    max_input: usize,
    max_kernel: usize,
    max_padding: usize,
) -> impl Strategy<Value = (usize, usize, usize, usize)> {
    (1..=max_input, 1..=max_kernel, 1..=3usize, 0..=max_padding)
}

/// A random window over 1, 2 or 3 spatial axes (unused leading axes have size,
/// window and stride 1), with a valid output on every axis under `output`.
pub(crate) fn window_strategy(
    max_input: usize,
    max_padding: usize,
    output: fn(usize, usize, usize, usize) -> Option<usize>,
) -> impl Strategy<Value = Window> {
    (
        1..=3usize,
        1..=3usize,
        [
            axis(max_input, 4, max_padding),
            axis(max_input, 4, max_padding),
            axis(max_input, 4, max_padding),
        ],
    )
        .prop_filter_map("output below 1", move |(rank, channels, axes)| {
            let mut g = Window {
                channels,
                input: [1; 3],
                kernel: [1; 3],
                stride: [1; 3],
                dilation: [1; 3],
                padding: [0; 3],
                output: [1; 3],
            };
            for (a, &(d, k, s, p)) in axes.iter().enumerate().skip(3 - rank) {
                g.input[a] = d;
                g.kernel[a] = k;
                g.stride[a] = s;
                g.padding[a] = p;
                g.output[a] = output(d, k, s, p)?;
            }
            Some(g)
        })
}

/// A random convolution window.
pub(crate) fn conv_window() -> impl Strategy<Value = Window> {
    window_strategy(7, 2, conv_output)
}

/// A random pooling window whose padding after each axis may differ from
/// the padding before (each at most half the window, as PyTorch).
pub(crate) fn pool_window() -> impl Strategy<Value = Window> {
    (
        window_strategy(7, 2, net_core::shape::pool_output),
        [0..=2usize, 0..=2usize, 0..=2usize],
    )
        .prop_filter_map("output below 1", |(mut g, after)| {
            for a in 0..3 {
                let after = if g.kernel[a] == 1 { 0 } else { after[a] };
                g.output[a] = net_core::shape::pool_window_output(
                    g.input[a],
                    g.kernel[a],
                    g.stride[a],
                    g.padding[a],
                    after,
                )?;
            }
            Some(g)
        })
}

/// A random transposed-convolution window: the window of the convolution from
/// y back to x, with y's sizes from `conv_transpose_output` and an output padding
/// below the stride.
pub(crate) fn conv_transpose_window() -> impl Strategy<Value = Window> {
    let axis = (1..=5usize, 1..=4usize, 1..=3usize, 0..=2usize, 0..=2usize);
    (1..=2usize, 1..=3usize, [axis.clone(), axis.clone(), axis]).prop_filter_map(
        "output below 1",
        |(rank, channels, axes)| {
            let mut g = Window {
                channels,
                input: [1; 3],
                kernel: [1; 3],
                stride: [1; 3],
                dilation: [1; 3],
                padding: [0; 3],
                output: [1; 3],
            };
            for (a, &(d, k, s, p, op)) in axes.iter().enumerate().skip(3 - rank) {
                g.input[a] = net_core::shape::conv_transpose_output(d, k, s, p, op % s)?;
                g.kernel[a] = k;
                g.stride[a] = s;
                g.padding[a] = p;
                g.output[a] = d;
            }
            Some(g)
        },
    )
}

/// `len` distinct values in [-1, 1), at least `2 / len` apart, in random order:
/// finite differences never cross from one maximum to another.
pub(crate) fn distinct_values(rng: &mut Rng, len: usize) -> Vec<f32> {
    let mut v: Vec<f32> = (0..len)
        .map(|i| -1.0 + 2.0 * i as f32 / len as f32)
        .collect();
    rng.shuffle(&mut v);
    v
}

/// Whether a test of code for `isa` can run here. Where the CPU lacks it, the
/// test says so once on the terminal (past the test harness's capture, so a
/// passing run shows it), and fails instead if `NET_REQUIRE_ISA` (a
/// comma-separated list such as `avx512,avx2`) names it.
pub(crate) fn runs_here(isa: crate::path::Isa, what: &str) -> bool {
    use std::io::Write;
    use std::sync::Mutex;
    static REPORTED: Mutex<Vec<String>> = Mutex::new(Vec::new());
    if isa.available() {
        return true;
    }
    let name = match isa {
        crate::path::Isa::Avx512 => "avx512",
        crate::path::Isa::Avx2Fma => "avx2",
    };
    let required = std::env::var("NET_REQUIRE_ISA").unwrap_or_default();
    assert!(
        !required.split(',').any(|n| n.trim() == name),
        "{what}: NET_REQUIRE_ISA names {name}, which this CPU lacks"
    );
    let mut reported = REPORTED.lock().unwrap_or_else(|e| e.into_inner());
    if !reported.iter().any(|r| r == what) {
        reported.push(what.to_string());
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {what}: this CPU lacks {name} (NET_REQUIRE_ISA={name} makes this a failure)"
        );
    }
    false
}
