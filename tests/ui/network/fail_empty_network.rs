use net::prelude::*;

network! {
    struct Net: [10] {}
}

fn main() {}
