use net::prelude::*;

network! {
    struct Net: [784] {
        conv: Conv2d(8, kernel = 5),
    }
}

fn main() {}
