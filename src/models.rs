//! Ready-made networks, declared with [`network!`](crate::network): the LeNet-5 and the Denoiser of its documentation.

use crate::prelude::*;

network! {
    /// LeNet-5 for 28x28 grayscale digits: 44,426 parameters, ten logits.
    /// Its weights load from the `state_dict` of the `torch.nn` module in the
    /// README.
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

network! {
    /// A convolutional denoising autoencoder for 28x28 digits with a code of 32
    /// values.
    pub struct Denoiser: [1, 28, 28] {
        encoder {
            enc1: Conv2d(16, kernel = 3, padding = 1), Relu, MaxPool2d(2),   // [16, 14, 14]
            enc2: Conv2d(8, kernel = 3, padding = 1), Relu, MaxPool2d(2),    // [8, 7, 7]
            Flatten,
            code: Dense(32),                                                 // the bottleneck
        }
        decoder {
            dec1: Dense(392), Relu, Reshape([8, 7, 7]),
            up1: ConvTranspose2d(16, kernel = 2, stride = 2), Relu,          // [16, 14, 14]
            up2: ConvTranspose2d(1, kernel = 2, stride = 2), Sigmoid,        // [1, 28, 28]
        }
    }
}
