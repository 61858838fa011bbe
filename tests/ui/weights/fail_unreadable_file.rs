use net::prelude::*;

network! {
    #[weights("weights/no_such_file.safetensors")]
    struct Tiny: [1, 4, 4] {
        conv: Conv2d(2, 3),
        bn: BatchNorm,
        Relu,
        Flatten,
        fc: Dense(3),
    }
}

fn main() {
    let _ = Tiny::trained();
}
