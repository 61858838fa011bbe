use net::prelude::*;

network! {
    /// Small volumes.
    struct Volume: [1, 8, 16, 16] {
        c1: Conv3d(4, kernel = 3, padding = 1) -> [4, 8, 16, 16],
        Relu,
        MaxPool3d(2) -> [4, 4, 8, 8],
        c2: Conv3d(8, kernel = (1, 3, 3)) -> [8, 4, 6, 6],
        LeakyRelu(slope = 0.1),
        AvgPool3d((2, 2, 2)) -> [8, 2, 3, 3],
        Flatten,
        head: Dense(3),
    } -> [3]
}

fn main() {
    assert_eq!(Volume::NUM_PARAMS, (4 * 27 + 4) + (8 * 4 * 9 + 8) + (3 * 144 + 3));
    let y: Tensor1<3> = Volume::new(2).forward(&Tensor4::zeros());
    assert!(y.as_slice().iter().all(|v| v.is_finite()));
}
