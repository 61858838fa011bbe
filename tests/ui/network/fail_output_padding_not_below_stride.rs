use net::prelude::*;

network! {
    struct Net: [4, 7, 7] {
        up: ConvTranspose2d(2, kernel = 3, stride = 2, output_padding = 2),
    }
}

fn main() {}
