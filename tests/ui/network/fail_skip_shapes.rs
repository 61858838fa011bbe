use net::prelude::*;

network! {
    struct Adds: [4, 8, 8] {
        full: Conv2d(4, kernel = 3, padding = 1),
        MaxPool2d(2),
        wide: Conv2d(6, kernel = 1),
        Add(full),
        Add(wide),
        Flatten,
        Concat(wide),
    }
}

network! {
    struct Concats: [4, 8, 8] {
        full: Conv2d(4, kernel = 3, padding = 1),
        MaxPool2d(2),
        wide: Conv2d(6, kernel = 1),
        Concat(wide, full),
    }
}

fn main() {}
