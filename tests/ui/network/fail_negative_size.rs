use net::prelude::*;

network! {
    struct Net: [1, 28, 28] {
        conv: Conv2d(-3, kernel = 3),
    }
}

fn main() {}
