use net::prelude::*;

network! {
    struct Net: [1, 28, 28] {
        encoder {
            enc: Conv2d(8, kernel = 3, padding = 1), MaxPool2d(2), Flatten,
            code: Dense(32),
        }
        decoder {
            dec: Dense(392), Reshape([8, 7, 7]),
            up1: ConvTranspose2d(8, kernel = 2, stride = 2),
            up2: ConvTranspose2d(1, kernel = 3, stride = 2),
        }
    }
}

fn main() {}
