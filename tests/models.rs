//! `net::models`: the parameters and multiply-adds of MLPerf Tiny's reference
//! models equal PyTorch's for the same modules (`sum(p.numel() for p in
//! m.parameters())`, and the multiply-adds of every convolution and linear
//! layer), and every model runs forward and trains.

mod big_stack;

use big_stack::on_a_big_stack;
use net::models::{AnomalyAutoencoder, DsCnn, MobileNetV1, Resnet8, UNet};
use net::prelude::*;

#[test]
fn the_reference_models_have_pytorchs_parameters_and_multiply_adds() {
    let counts = [
        ("Resnet8", Resnet8::summary(), 78_186, 12_501_632),
        ("DsCnn", DsCnn::summary(), 23_756, 2_656_768),
        ("MobileNetV1", MobileNetV1::summary(), 216_322, 7_489_664),
        (
            "AnomalyAutoencoder",
            AnomalyAutoencoder::summary(),
            267_928,
            264_192,
        ),
        ("UNet", UNet::summary(), 32_747, 49_158_144),
    ];
    for (name, summary, params, mult_adds) in counts {
        assert_eq!(
            (summary.params, summary.mult_adds),
            (params, mult_adds),
            "{name}"
        );
    }
    assert_eq!(Resnet8::NUM_PARAMS, 78_186);
    assert_eq!(<AnomalyAutoencoder as Autoencoder>::CODE_SHAPE, &[8]);
}

#[test]
fn the_summary_shows_groups_where_they_are_not_one() {
    let table = MobileNetV1::summary().to_string();
    let dw1 = table
        .lines()
        .find(|l| l.contains("dw1 "))
        .expect("a row for dw1");
    assert!(dw1.contains("Conv2d groups=8"), "{dw1}");
    let pw1 = table
        .lines()
        .find(|l| l.contains("pw1 "))
        .expect("a row for pw1");
    assert!(!pw1.contains("groups"), "{pw1}");
}

/// One training step and one inference on a thread with room for the
/// activations, which `forward` keeps on the stack.
fn trains<M: Network>(model: &mut M, seed: u64) -> (f32, f32)
where
    M::Grads: net::Zeroable,
{
    let mut rng = Rng::seed_from_u64(seed);
    let xs: Vec<M::Input> = (0..3)
        .map(|_| {
            let values: Vec<f32> = (0..<M::Input as Tensor>::LEN)
                .map(|_| rng.uniform(-1.0, 1.0))
                .collect();
            M::Input::from_slice(&values).unwrap()
        })
        .collect();
    let single = model.forward(&xs[0]);
    let (ys, cache) = model.forward_train(&xs, &mut rng);
    let mut grads = net::zeroed_box::<M::Grads>();
    let dxs = model.backward(&cache, &ys, &mut grads);
    let grad_norm: f32 = dxs.iter().flat_map(|d| d.as_slice()).map(|v| v * v).sum();
    (single.as_slice().iter().sum(), grad_norm)
}

#[test]
fn every_model_runs_forward_and_trains() {
    let results = on_a_big_stack(|| {
        [
            trains(&mut *Resnet8::new(1), 1),
            trains(&mut *DsCnn::new(2), 2),
            trains(&mut *MobileNetV1::new(3), 3),
            trains(&mut *AnomalyAutoencoder::new(4), 4),
            trains(&mut *UNet::new(5), 5),
        ]
    });
    for (i, (output, grad_norm)) in results.into_iter().enumerate() {
        assert!(output.is_finite(), "model {i}: output {output}");
        assert!(
            grad_norm.is_finite() && grad_norm > 0.0,
            "model {i}: input gradient {grad_norm}"
        );
    }
}

/// `forward_batch` runs each sample in a scratch on the heap: the U-Net's,
/// 700 KB, on rayon's threads of 2 MB (no big stack here), gives what
/// `forward_in` gives one sample at a time.
#[test]
fn the_unets_batch_inference_fits_rayons_threads() {
    let model = UNet::new(6);
    let mut rng = Rng::seed_from_u64(6);
    let xs: Vec<<UNet as Network>::Input> = (0..6)
        .map(|_| {
            let values: Vec<f32> = (0..64 * 84).map(|_| rng.uniform(0.0, 1.0)).collect();
            Tensor::from_slice(&values).unwrap()
        })
        .collect();
    let batch = model.forward_batch(&xs);
    let mut scratch = net::zeroed_box::<<UNet as Network>::Scratch>();
    for (x, y) in xs.iter().zip(&batch) {
        assert_eq!(model.forward_in(x, &mut scratch), y);
    }
}
