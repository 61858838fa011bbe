use net::prelude::*;

network! {
    /// LeNet-5 for 28x28 grayscale digits.
    pub struct LeNet5: [1, 28, 28] {
        conv1: Conv2d(6, kernel = 5) -> [6, 24, 24],
        Relu,
        MaxPool2d(2),
        conv2: Conv2d(16, kernel = 5),
        Relu,
        MaxPool2d(2) -> [16, 4, 4],
        Flatten,
        fc1: Dense(120),
        Relu,
        fc2: Dense(84),
        Relu,
        fc3: Dense(10),
    } -> [10]
}

fn main() {
    assert_eq!(LeNet5::NUM_PARAMS, 44_426);
    assert_eq!(LeNet5::OUTPUT_SHAPE, &[10]);
    let model = LeNet5::new(0);
    let logits: Tensor1<10> = model.forward(&Tensor3::zeros());
    assert!(logits.as_slice().iter().all(|v| v.is_finite()));
}
