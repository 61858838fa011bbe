//! A model with 20 MB of parameters is created, run and trained on a thread
//! with a 2 MiB stack: nothing of its size passes through the stack.

use net::prelude::*;

network! {
    /// 2,500 inputs to 2,000 outputs: 5,002,000 parameters, 20 MB.
    struct Wide: [2500] {
        fc: Dense(2000),
        Relu,
    } -> [2000]
}

#[test]
fn a_20_mb_model_fits_a_2_mib_stack() {
    assert_eq!(Wide::NUM_PARAMS, 5_002_000);
    let worker = std::thread::Builder::new().stack_size(2 << 20).spawn(|| {
        let mut model = Wide::new(1);
        let x = Tensor1::<2500>::zeros().map(|_| 1.0);
        let y = model.forward(&x);
        let (ys, cache) = model.forward_train(&[x, x], &mut Rng::seed_from_u64(1));
        let mut grads = net::zeroed_box::<<Wide as Network>::Grads>();
        let dxs = model.backward(&cache, &ys, &mut grads);
        let copy = net::clone_boxed(&*model);
        (
            y.as_slice()[0],
            ys[1].as_slice()[0],
            dxs.len(),
            copy.fc.bias == model.fc.bias,
        )
    });
    let (single, batched, grads, copied) = worker
        .unwrap()
        .join()
        .expect("the worker overflowed its stack");
    assert!((single - batched).abs() < 1e-3);
    assert_eq!(grads, 2);
    assert!(copied);
}
