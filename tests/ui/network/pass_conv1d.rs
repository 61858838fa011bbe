use net::prelude::*;

network! {
    /// Two-channel signals of 100 samples.
    struct Signal: [2, 100] {
        c1: Conv1d(8, kernel = 5) -> [8, 96],
        Relu,
        MaxPool1d(2) -> [8, 48],
        c2: Conv1d(16, kernel = 3, stride = 2, padding = 1) -> [16, 24],
        Tanh,
        AvgPool1d(4) -> [16, 6],
        Upsample1d(2) -> [16, 12],
        Flatten,
        head: Dense(4),
        Softmax,
    } -> [4]
}

fn main() {
    assert_eq!(Signal::NUM_PARAMS, (8 * 2 * 5 + 8) + (16 * 8 * 3 + 16) + (4 * 192 + 4));
    let p = Signal::new(1).forward(&Tensor2::zeros().map(|_| 0.5));
    assert!((p.as_slice().iter().sum::<f32>() - 1.0).abs() < 1e-5);
}
