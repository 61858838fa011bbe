//! Every construct of part two in one network that compiles and runs: an
//! unnamed leading Residual with a shortcut, grouped, dilated and "same"
//! convolutions, same max pooling, named layers without parameters,
//! Concat and Add skips, global pooling and ReLU6.
use net::prelude::*;

network! {
    struct Net: [4, 9, 9] {
        Residual {
            Conv2d(8, kernel = 3, stride = 2, padding = same), Relu6,
        } shortcut {
            Conv2d(8, kernel = 1, stride = 2),
        },
        start: Relu -> [8, 5, 5],
        dw: Conv2d(8, kernel = 3, padding = same, groups = 8),
        wide: Conv2d(8, kernel = 3, padding = 2, dilation = 2, groups = 2),
        Add(start),
        Concat(start, dw) -> [24, 5, 5],
        MaxPool2d(3, stride = 2, padding = same) -> [24, 3, 3],
        GlobalMaxPool,
        fc: Dense(3),
    } -> [3]
}

fn main() {
    let model = Net::new(1);
    let y = model.forward(&Tensor3::zeros().map(|_| 0.5));
    assert!(y.as_slice().iter().all(|v| v.is_finite()));
    let (ys, cache) = model.clone().forward_train(&[Tensor3::zeros(); 2], &mut Rng::seed_from_u64(1));
    let mut grads = <Net as Network>::Grads::default();
    let dxs = model.backward(&cache, &ys, &mut grads);
    assert_eq!(dxs.len(), 2);
    assert!(Net::summary().to_string().contains("groups=8"));
}
