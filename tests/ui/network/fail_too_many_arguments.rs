use net::prelude::*;

network! {
    struct Net: [10] {
        fc: Dense(5, true, 3),
        Relu(1),
    }
}

fn main() {}
