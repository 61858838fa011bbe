use net::prelude::*;

network! {
    struct Net: [1, 28, 28] {
        conv: Conv2d(4, kernel = (3, 0)),
    }
}

fn main() {}
