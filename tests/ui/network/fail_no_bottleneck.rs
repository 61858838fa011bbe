use net::prelude::*;

// The code has as many values as the input: nothing forces compression.
network! {
    struct Net: [1, 8, 8] {
        encoder {
            Flatten,
            code: Dense(64),
        }
        decoder {
            Dense(64),
            Reshape([1, 8, 8]),
        }
    }
}

fn main() {}
