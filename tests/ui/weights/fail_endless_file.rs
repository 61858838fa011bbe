use net::prelude::*;

network! {
    // A device that never ends: read up to the limit, then refused.
    #[weights("/dev/zero")]
    struct Tiny: [1, 4, 4] {
        conv: Conv2d(2, 3),
        Flatten,
        fc: Dense(3),
    }
}

fn main() {
    let _ = Tiny::trained();
}
