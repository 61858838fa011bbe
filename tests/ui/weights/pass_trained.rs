use net::prelude::*;

network! {
    #[weights("weights/tiny.safetensors")]
    struct Tiny: [1, 4, 4] {
        conv: Conv2d(2, 3),
        bn: BatchNorm,
        Relu,
        Flatten,
        fc: Dense(3),
    }
}

network! {
    /// The same file without batch norm's counter, which PyTorch's older
    /// files leave out: it reads as 0.
    #[weights("weights/tiny_without_counter.safetensors")]
    struct NoCounter: [1, 4, 4] {
        conv: Conv2d(2, 3),
        bn: BatchNorm,
        Relu,
        Flatten,
        fc: Dense(3),
    }
}

// `trained` is a `const fn`: the model is there before the program starts.
static MODEL: &Tiny = Tiny::trained();

fn main() {
    let model = Tiny::trained();
    // Element i of the file's k-th tensor is k + i / 100.
    let at = |k: usize, i: usize| k as f32 + i as f32 / 100.0;
    assert_eq!(model.conv.weight.data[1][0][2][1], at(0, 9 + 2 * 3 + 1));
    assert_eq!(model.conv.bias.data, [at(1, 0), at(1, 1)]);
    assert_eq!(model.bn.weight.data, [at(2, 0), at(2, 1)]);
    assert_eq!(model.bn.running_var.data, [at(5, 0), at(5, 1)]);
    assert_eq!(model.bn.num_batches_tracked, 7);
    assert_eq!(model.fc.weight.data[2][7], at(6, 23));
    assert_eq!(model.fc.bias.data, [at(7, 0), at(7, 1), at(7, 2)]);
    assert!(std::ptr::eq(model, Tiny::trained()), "one static, not a copy per call");
    assert!(std::ptr::eq(MODEL, model));

    let other = NoCounter::trained();
    assert_eq!(other.bn.num_batches_tracked, 0);
    assert_eq!(other.fc.weight.as_slice(), model.fc.weight.as_slice());

    let x = Tensor3::<1, 4, 4>::zeros().map(|_| 0.25);
    let mut scratch = TinyScratch::new();
    assert_eq!(*model.forward_in(&x, &mut scratch), model.forward(&x));
}
