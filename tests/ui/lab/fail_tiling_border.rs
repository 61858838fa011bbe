use net::prelude::*;
use net_lab::filters::apply_tiled;
use net_lab::GrayImage;

// A 5x5 kernel eats 2 pixels on each side of the height but the padding
// leaves the width whole: no tiling can join such tiles.
network! {
    struct Lopsided: [1, 20, 20] {
        conv: Conv2d(1, kernel = 5, padding = (0, 2)),
    } -> [1, 16, 20]
}

fn main() {
    let model = Lopsided::new(0);
    let _ = apply_tiled(&*model, &GrayImage::new(40, 40));
}
