use net::prelude::*;

network! {
    struct Net: [1, 28, 28] {
        pool: AvgPool2d(2, stride = 0),
    }
}

fn main() {}
