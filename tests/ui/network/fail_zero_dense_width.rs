use net::prelude::*;

network! {
    struct Net: [10] {
        fc: Dense(0),
    }
}

fn main() {}
