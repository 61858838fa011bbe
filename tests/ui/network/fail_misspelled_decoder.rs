use net::prelude::*;

network! {
    struct Net: [16] {
        encoder { code: Dense(4) }
        decodr { Dense(16) }
    }
}

fn main() {}
