use net::prelude::*;

network! {
    struct Net: [1, 28, 28] {
        conv: Conv2d(6, kernel = true),
        bn: BatchNorm(eps = [1]),
    }
}

fn main() {}
