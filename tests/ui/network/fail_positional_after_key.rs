use net::prelude::*;

network! {
    struct Net: [1, 28, 28] {
        conv: Conv2d(out = 6, 5),
    }
}

fn main() {}
