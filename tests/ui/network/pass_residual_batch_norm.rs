use net::prelude::*;

network! {
    /// A residual block with batch norm.
    struct ResNet: [3, 8, 8] {
        stem: Conv2d(8, kernel = 3, padding = 1),
        bn0: BatchNorm,
        Relu,
        r1: Residual {
            c1: Conv2d(8, kernel = 3, padding = 1),
            bn1: BatchNorm(eps = 1e-3, momentum = 0.2),
            Relu,
            c2: Conv2d(8, kernel = 3, padding = 1, bias = false),
            bn2: BatchNorm,
        } -> [8, 8, 8],
        Relu,
        AvgPool2d(2),
        Flatten,
        Dropout(0.25),
        head: Dense(5),
    } -> [5]
}

fn main() {
    // Batch norm counts 2 parameters per channel (its running statistics are buffers).
    assert_eq!(ResNet::NUM_PARAMS, (8 * 27 + 8) + 16 + (8 * 72 + 8) + 16 + 8 * 72 + 16 + (5 * 128 + 5));
    assert_eq!(ResNet::SUMMARY.buffers, 3 * 16);
    let model = ResNet::new(3);
    assert_eq!(model.bn1.running_var.data, [1.0; 8]);
    let _: Tensor1<5> = model.forward(&Tensor3::zeros());
}
