use net::prelude::*;

network! {
    struct Net: [16, 8, 8] {
        block: Residual {
            down: Conv2d(32, kernel = 3, stride = 2, padding = 1),
        } shortcut {
            project: Conv2d(32, kernel = 1),
        },
    }
}

fn main() {}
