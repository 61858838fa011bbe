use net::prelude::*;

// A [channels, length] input needs a 1d convolution.
network! {
    struct Net: [2, 100] {
        conv: Conv2d(8, kernel = 5),
    }
}

fn main() {}
