use net::prelude::*;

network! {
    struct Net: [3, 5] {
        conv: Conv1d(4, kernel = 3),
        pool: MaxPool1d(4),
    }
}

fn main() {}
