use net::prelude::*;

network! {
    struct Net: [1, 28, 28] {
        conv1: Conv2d(6, kernel = 5) -> [6, 25, 24],
    }
}

fn main() {}
