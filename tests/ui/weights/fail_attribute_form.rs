use net::prelude::*;

network! {
    #[weights = "weights/tiny.safetensors"]
    struct Tiny: [1, 4, 4] {
        conv: Conv2d(2, 3),
        Flatten,
        fc: Dense(3),
    }
}

fn main() {}
