use net::prelude::*;

network! {
    struct Net: [4, 8, 8] {
        AvgPool2d(2, padding = same),
        up: ConvTranspose2d(4, kernel = 2, stride = 2, padding = same),
        MaxPool2d(3, stride = 2, padding = same) -> [4, 3, 3],
    }
}

fn main() {}
