use net::prelude::*;

network! {
    struct Net: [1, 28, 28] {
        conv1: Conv2D(6, kernel = 5),
    }
}

fn main() {}
