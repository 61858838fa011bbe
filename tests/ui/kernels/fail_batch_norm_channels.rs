// The tensor has 4 channels; the statistics are for 3.
use net::kernels::batch_norm;
use net::prelude::*;

fn main() {
    let x = Tensor3::<4, 2, 2>::zeros();
    let stats = Tensor1::<3>::zeros();
    let mut y = Tensor3::<4, 2, 2>::zeros();
    batch_norm::batch_norm_infer(&x, &stats, &stats, &stats, &stats, 1e-5, &mut y);
}
