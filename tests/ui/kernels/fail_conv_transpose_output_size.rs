// (7 - 1) * 2 + 2 = 14 (15 with output padding 1 < stride); 16 is neither.
use net::kernels::conv_transpose;
use net::prelude::*;

fn main() {
    let x = Tensor3::<8, 7, 7>::zeros();
    let w = Tensor4::<8, 16, 2, 2>::zeros();
    let mut y = Tensor3::<16, 16, 16>::zeros();
    conv_transpose::conv_transpose2d_forward::<8, 7, 7, 16, 2, 2, 2, 2, 0, 0, 16, 16>(&x, &w, None, &mut y);
}
