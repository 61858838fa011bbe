use net::prelude::*;

network! {
    struct Net: [10] {
        fc: Dense(10),
        Dropout(1.0),
    }
}

fn main() {}
