//! A network with a residual block, batch norm and dropout, shared by the
//! integration tests (the ready-made ones are in `net::models`).
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
