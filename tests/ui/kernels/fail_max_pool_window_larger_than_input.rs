// A 5-wide window on a 4-long input has no valid position.
use net::kernels::pool;
use net::prelude::*;

fn main() {
    let x = Tensor2::<3, 4>::zeros();
    let mut y = Tensor2::<3, 1>::zeros();
    pool::max_pool1d_forward::<3, 4, 5, 5, 0, 1>(&x, &mut y);
}
