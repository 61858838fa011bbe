use net::prelude::*;

network! {
    struct Net: [1, 28, 28] {
        conv1: Conv2d(6, 5, kernel = 5),
    }
}

fn main() {}
