use net::prelude::*;

network! {
    struct Net: [1, 2, 3, 4, 5] {
        Relu,
    }
}

fn main() {}
