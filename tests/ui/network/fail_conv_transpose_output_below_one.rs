use net::prelude::*;

network! {
    struct Net: [4, 1, 1] {
        up: ConvTranspose2d(2, kernel = 1, padding = 1),
    }
}

fn main() {}
