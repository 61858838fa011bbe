use net::prelude::*;

network! {
    struct Net: [4, 8, 8] {
        a: Conv2d(4, kernel = 3, padding = 1),
        Concat(nowhere),
        Add(later),
        r1: Residual {
            inner: Conv2d(4, kernel = 3, padding = 1),
            Add(r1),
        },
        Add(inner),
        r2: Residual {
            body: Conv2d(4, kernel = 3, padding = 1),
        } shortcut {
            side: Conv2d(4, kernel = 1),
            Add(body),
        },
        small: MaxPool2d(2),
        later: Conv2d(4, kernel = 1),
        Concat(a),
        Add(a),
    }
}

fn main() {}
