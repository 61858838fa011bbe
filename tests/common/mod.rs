//! Networks shared by the integration tests (the ready-made ones are in
//! `net::models`): a residual block with batch norm and dropout, and the
//! network of the `bnnet` PyTorch fixtures.
#![allow(dead_code)]

use net::prelude::*;

network! {
    /// A residual block with batch norm, on small images.
    pub struct ResNet: [3, 8, 8] {
        stem: Conv2d(8, kernel = 3, padding = 1),
        bn0: BatchNorm,
        Relu,
        r1: Residual {
            c1: Conv2d(8, kernel = 3, padding = 1),
            bn1: BatchNorm,
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

network! {
    /// Batch norm, a residual block, a transposed convolution and a sigmoid:
    /// `scripts/pytorch_fixtures.py` has its twin (the `bnnet` fixtures).
    pub struct BnNet: [3, 8, 8] {
        stem: Conv2d(8, kernel = 3, padding = 1),
        bn0: BatchNorm,
        Relu,
        r: Residual {
            c1: Conv2d(8, kernel = 3, padding = 1),
            bn1: BatchNorm(eps = 1e-3, momentum = 0.2),
            Relu,
            c2: Conv2d(8, kernel = 3, padding = 1, bias = false),
            bn2: BatchNorm,
        },
        Relu,
        AvgPool2d(4),
        up: ConvTranspose2d(4, kernel = 2, stride = 2),
        Sigmoid,
        Flatten,
        head: Dense(5),
    } -> [5]
}
