use net::prelude::*;

// conv2 gets a 4x4 input, smaller than its 5x5 kernel.
network! {
    struct Net: [1, 12, 12] {
        conv1: Conv2d(6, kernel = 5, stride = 2),
        conv2: Conv2d(16, kernel = 5),
    }
}

fn main() {}
