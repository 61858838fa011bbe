use net::prelude::*;

// Names are flat: a layer inside a Residual block is a field of the network.
network! {
    struct Net: [4, 8, 8] {
        conv: Conv2d(4, kernel = 3, padding = 1),
        r1: Residual {
            conv: Conv2d(4, kernel = 3, padding = 1),
        },
    }
}

fn main() {}
