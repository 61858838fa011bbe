use net::prelude::*;

network! {
    struct Net: [1, 7, 7] {
        Upsample2d(0),
    }
}

fn main() {}
