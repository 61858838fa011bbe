use net::prelude::*;

// The architecture's error is the one reported: a file is checked only
// against shapes known to be right, and `trained()` still resolves.
network! {
    #[weights("weights/tiny.safetensors")]
    struct Tiny: [1, 4, 4] {
        conv: Conv2d(2, 5),
        Flatten,
        fc: Dense(3),
    }
}

fn main() {
    let _ = Tiny::trained();
}
