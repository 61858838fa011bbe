use net::prelude::*;

network! {
    struct Net: [1, 0, 28] {
        Relu,
    }
}

fn main() {}
