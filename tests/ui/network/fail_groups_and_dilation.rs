use net::prelude::*;

network! {
    struct Grouped: [6, 9, 9] {
        // 4 groups divide neither 6 input nor 10 output channels.
        grouped: Conv2d(10, kernel = 3, groups = 4),
    }
}

network! {
    struct Dilated: [6, 9, 9] {
        // A 3-tap kernel dilated by 5 spans 11 cells, more than 9.
        dilated: Conv2d(8, kernel = 3, dilation = (1, 5)),
    }
}

network! {
    struct Zero: [6, 9, 9] {
        zero: Conv2d(8, kernel = 3, groups = 0, dilation = (1, 0)),
        // Groups and dilation are given by key only.
        positional: Conv2d(8, 3, 1, 0, true, 2),
    }
}

fn main() {}
