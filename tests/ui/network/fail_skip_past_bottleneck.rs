use net::prelude::*;

network! {
    struct Net: [1, 8, 8] {
        encoder {
            features: Conv2d(4, kernel = 3, padding = 1), Relu, MaxPool2d(2),
            Flatten,
            code: Dense(8),
        }
        decoder {
            Dense(256), Reshape([4, 8, 8]),
            Concat(features),
            out: Conv2d(1, kernel = 1),
        }
    }
}

fn main() {}
