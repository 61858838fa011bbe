use net::prelude::*;

network! {
    struct Net: [1, 8, 8] {
        MaxPool2d(2, padding = 2),
    }
}

fn main() {}
