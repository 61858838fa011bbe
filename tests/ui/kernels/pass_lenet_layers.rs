use net::kernels::{conv, dense, pool};
use net::prelude::*;

fn main() {
    let x = Tensor3::<1, 28, 28>::zeros();
    let w1 = Tensor4::<6, 1, 5, 5>::zeros();
    let mut a1 = Tensor3::<6, 24, 24>::zeros();
    conv::conv2d_forward::<1, 28, 28, 6, 5, 5, 1, 1, 0, 0, 24, 24>(&x, &w1, None, &mut a1);
    let mut p1 = Tensor3::<6, 12, 12>::zeros();
    pool::max_pool2d_forward::<6, 24, 24, 2, 2, 2, 2, 0, 0, 12, 12>(&a1, &mut p1);
    let mut y = Tensor1::<10>::zeros();
    dense::dense_forward(&Tensor1::<864>::zeros(), &Tensor2::<10, 864>::zeros(), None, &mut y);
}
