use net::prelude::*;

network! {
    struct Net: [32] {
        fc: Dense(392),
        Reshape([8, 7, 8]),
    }
}

fn main() {}
