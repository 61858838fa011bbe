//! Inference in a planned scratch: `forward_in` gives `forward`'s outputs
//! bit for bit, needs little stack, and its scratch holds less than every
//! activation at once.

mod big_stack;

use big_stack::on_a_big_stack;
use net::models::{AnomalyAutoencoder, Denoiser, DsCnn, LeNet5, MobileNetV1, Resnet8, UNet};
use net::prelude::*;
use net::Zeroable;

/// An input whose values vary, so that a buffer planned over another
/// activation too early would show.
fn input<T: Tensor>() -> T {
    T::zeros().map_indexed(|i| ((i * 7919 % 1000) as f32 / 500.0) - 1.0)
}

/// The activations' floats if every layer had a buffer of its own (the
/// summary's output shapes), and the largest of them.
fn activation_floats(summary: &net::Summary) -> (usize, usize) {
    let floats = summary
        .layers
        .iter()
        .map(|l| l.output.iter().product::<usize>());
    floats.fold((0, 0), |(sum, most), f| (sum + f, most.max(f)))
}

fn check<M>(name: &'static str, model: Box<M>, summary: &net::Summary)
where
    M: Network + 'static,
    M::Scratch: Zeroable + Send,
{
    // On the heap: MobileNetV1's input is 108 KB, the U-Net's output 231 KB.
    let x = Box::new(input::<M::Input>());
    let model: &'static M = Box::leak(model);
    let x: &'static M::Input = Box::leak(x);
    let want: &'static M::Output = Box::leak(on_a_big_stack(move || Box::new(model.forward(x))));
    let mut scratch = net::zeroed_box::<M::Scratch>();
    // A thread with a 16 KB stack: everything `forward_in` holds is in the
    // scratch, on the heap here.
    let scratch = std::thread::Builder::new()
        .stack_size(16 << 10)
        .spawn(move || {
            for _ in 0..2 {
                let got = model.forward_in(x, &mut scratch);
                assert!(
                    got.as_slice() == want.as_slice(),
                    "{name}: forward_in differs from forward"
                );
            }
            scratch
        })
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("{name}: forward_in failed on a 16 KB stack"));
    drop(scratch);
    let (every, largest) = activation_floats(summary);
    assert!(
        M::SCRATCH_BYTES >= largest * 4,
        "{name}: the scratch is smaller than its largest activation"
    );
    assert!(
        M::SCRATCH_BYTES < every * 4,
        "{name}: the scratch ({} bytes) is no smaller than every activation at once ({} bytes)",
        M::SCRATCH_BYTES,
        every * 4
    );
    assert_eq!(M::WEIGHT_BYTES, std::mem::size_of::<M>());
}

#[test]
fn every_ready_made_model_runs_in_its_scratch_on_a_16_kb_stack() {
    check("LeNet-5", LeNet5::new(1), &LeNet5::SUMMARY);
    check("Denoiser", Denoiser::new(2), &Denoiser::SUMMARY);
    check("ResNet-8", Resnet8::new(3), &Resnet8::SUMMARY);
    check("DS-CNN", DsCnn::new(4), &DsCnn::SUMMARY);
    check("MobileNetV1", MobileNetV1::new(5), &MobileNetV1::SUMMARY);
    check(
        "AnomalyAutoencoder",
        AnomalyAutoencoder::new(6),
        &AnomalyAutoencoder::SUMMARY,
    );
    check("UNet", UNet::new(7), &UNet::SUMMARY);
}

#[test]
fn encode_decode_and_embed_follow_the_same_plan() {
    let model = Denoiser::new(8);
    let x = input::<Tensor3<1, 28, 28>>();
    let code = model.encode(&x);
    assert_eq!(model.decode(&code).as_slice(), model.forward(&x).as_slice());
    let lenet = LeNet5::new(9);
    let features = lenet.embed(&x);
    // The last layer, by hand, from the embedding.
    let mut logits = Tensor1::<10>::zeros();
    net::kernels::dense::dense_forward(
        &features,
        &lenet.fc3.weight,
        Some(&lenet.fc3.bias),
        &mut logits,
    );
    assert_eq!(logits.as_slice(), lenet.forward(&x).as_slice());
}

#[test]
fn a_skip_keeps_its_source_alive_and_the_input_is_not_overwritten() {
    network! {
        /// A ReLU of the input, which must not run in place, and a skip
        /// over two element-wise layers that do.
        pub struct Skips: [2, 6, 6] {
            Relu,
            first: Conv2d(2, kernel = 3, padding = 1),
            Relu,
            Tanh,
            Add(first),
            Sigmoid,
            Flatten,
            fc: Dense(3),
        } -> [3]
    }
    let model = Skips::new(10);
    let x = input::<Tensor3<2, 6, 6>>();
    let before = x;
    // By hand, every activation a buffer of its own.
    let mut first = Tensor3::<2, 6, 6>::zeros();
    net::kernels::conv::conv2d_forward::<2, 6, 6, 2, 3, 3, 1, 1, 1, 1, 6, 6>(
        &x.map(|v| v.max(0.0)),
        &model.first.weight,
        Some(&model.first.bias),
        &mut first,
    );
    let mut a = first.map(|v| v.max(0.0).tanh());
    a = a.map_indexed(|i| a.as_slice()[i] + first.as_slice()[i]);
    a = a.map(|v| 1.0 / (1.0 + (-v).exp()));
    let flat: Tensor1<72> = net::reshape(&a);
    let mut want = Tensor1::<3>::zeros();
    net::kernels::dense::dense_forward(&flat, &model.fc.weight, Some(&model.fc.bias), &mut want);
    let mut scratch = SkipsScratch::new();
    let got = *model.forward_in(&x, &mut scratch);
    assert_eq!(x, before);
    for (g, w) in got.as_slice().iter().zip(want.as_slice()) {
        assert!((g - w).abs() < 1e-5, "{got:?} != {want:?}");
    }
    // Two buffers (the skip's source and the element-wise layers' one) and
    // the ReLU's: 3 x 80 floats, and the output.
    const { assert!(Skips::SCRATCH_BYTES <= 4 * 80 * 4) };
}

/// `embedded/digits.bin`, the no-std program's ten digits, is the first
/// held-out digit of each class, label byte then pixels;
/// `NET_UPDATE_DIGITS=1` writes it.
#[test]
fn embedded_digits_are_held_out() {
    let (_, held_out) = net_lab::digits::load().expect("the bundled digits");
    let mut want = Vec::new();
    for class in 0..10 {
        let digit = net_lab::digits::of_class(&held_out, class)[0];
        want.push(class as u8);
        want.extend(digit.as_slice().iter().map(|&p| (p * 255.0).round() as u8));
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("embedded/digits.bin");
    if std::env::var_os("NET_UPDATE_DIGITS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is not the first held-out digit of each class; NET_UPDATE_DIGITS=1 rewrites it",
        path.display()
    );
}
