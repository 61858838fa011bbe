// 7 * 2 = 14, not 15.
use net::kernels::upsample;
use net::prelude::*;

fn main() {
    let x = Tensor3::<1, 7, 7>::zeros();
    let mut y = Tensor3::<1, 15, 14>::zeros();
    upsample::upsample2d_forward::<1, 7, 7, 2, 2, 15, 14>(&x, &mut y);
}
