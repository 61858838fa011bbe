use net::prelude::*;

network! {
    struct Net: [8, 16, 16] {
        block: Residual {
            c1: Conv2d(16, kernel = 3, padding = 1),
            Relu,
        },
    }
}

fn main() {}
