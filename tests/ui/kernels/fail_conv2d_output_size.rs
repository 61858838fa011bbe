// 28 - 5 + 1 = 24, not 25.
use net::kernels::conv;
use net::prelude::*;

fn main() {
    let x = Tensor3::<1, 28, 28>::zeros();
    let w = Tensor4::<6, 1, 5, 5>::zeros();
    let mut y = Tensor3::<6, 25, 24>::zeros();
    conv::conv2d_forward::<1, 28, 28, 6, 5, 5, 1, 1, 0, 0, 25, 24>(&x, &w, None, &mut y);
}
