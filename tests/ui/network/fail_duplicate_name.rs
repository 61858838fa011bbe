use net::prelude::*;

network! {
    struct Net: [10] {
        fc: Dense(20),
        Relu,
        fc: Dense(5),
    }
}

fn main() {}
