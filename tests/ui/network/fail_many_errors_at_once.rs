use net::prelude::*;

// Every mistake of one network is reported in one compile.
network! {
    struct Net: [1, 28, 28] {
        conv1: Conv2d(6, kernal = 5),
        Maxpool2d(2),
        conv2: Conv2d(16, kernel = (5, 5, 5)),
        fc: Dense(10),
        Dropout(1.5),
    }
}

fn main() {}
