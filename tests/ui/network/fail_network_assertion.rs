use net::prelude::*;

network! {
    struct Net: [20] {
        fc1: Dense(12),
        fc2: Dense(10),
    } -> [12]
}

fn main() {}
