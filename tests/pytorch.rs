//! `net` against PyTorch. scripts/pytorch_fixtures.py built these networks as
//! `torch.nn` modules with the same parameter names, saved their initial
//! state_dicts, and recorded what PyTorch computes from them in f64: inference
//! logits, one training step's outputs, gradients and input gradients, and
//! batch norm's running statistics after it. Here the state_dicts load into
//! the `network!` models, which must give the same numbers.

mod big_stack;
mod common;

use big_stack::on_a_big_stack;
use common::BnNet;
use net::models::{AnomalyAutoencoder, DsCnn, LeNet5, MobileNetV1, Resnet8, UNet};
use net::prelude::*;
use net::{NamedTensors, TensorData};
use safetensors::tensor::Dtype;
use std::collections::HashMap;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Every tensor of a fixture file as f32 values (labels as their values).
fn read(name: &str) -> HashMap<String, Vec<f32>> {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let file = safetensors::SafeTensors::deserialize(&bytes).unwrap();
    file.tensors()
        .into_iter()
        .map(|(key, view)| {
            let values = match view.dtype() {
                Dtype::F32 => view
                    .data()
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
                    .collect(),
                Dtype::I64 => view
                    .data()
                    .chunks_exact(8)
                    .map(|b| i64::from_le_bytes(b.try_into().unwrap()) as f32)
                    .collect(),
                other => panic!("{key}: unexpected dtype {other:?}"),
            };
            (key, values)
        })
        .collect()
}

fn largest(values: &[f32]) -> f32 {
    values.iter().fold(0.0, |m, v| m.max(v.abs()))
}

fn assert_close(what: &str, got: &[f32], want: &[f32], tolerance: f32) {
    assert_close_at_scale(what, got, want, tolerance, 1e-3);
}

/// Each value within `tolerance` of the largest in `want`, or of `floor` if
/// that is larger.
fn assert_close_at_scale(what: &str, got: &[f32], want: &[f32], tolerance: f32, floor: f32) {
    assert_eq!(got.len(), want.len(), "{what}: lengths differ");
    let scale = largest(want).max(floor);
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tolerance * scale,
            "{what}[{i}]: net {g}, PyTorch {w}"
        );
    }
}

fn check<N: Network + NamedTensors>(name: &str, model: &mut N, logits_tolerance: f32)
where
    N::Grads: net::Zeroable,
{
    model
        .load_safetensors(fixture(&format!("{name}.safetensors")))
        .unwrap();
    let io = read(&format!("{name}_io.safetensors"));
    let inputs: Vec<N::Input> = io["inputs"]
        .chunks_exact(N::Input::LEN)
        .map(|x| N::Input::from_slice(x).unwrap())
        .collect();

    let logits: Vec<f32> = inputs
        .iter()
        .flat_map(|x| model.forward(x).as_slice().to_vec())
        .collect();
    assert_close("logits", &logits, &io["logits"], logits_tolerance);

    let (outputs, cache) = model.forward_train(&inputs, &mut Rng::seed_from_u64(0));
    assert_close(
        "training outputs",
        net::__private::batch_as_slice(&outputs),
        &io["train_outputs"],
        1e-4,
    );
    // Classifiers step on the mean cross-entropy of their labels; the other
    // networks' backward pass starts from a recorded output gradient.
    let dys = match io.get("labels") {
        Some(labels) => {
            let labels: Vec<usize> = labels.iter().map(|&l| l as usize).collect();
            net::loss::softmax_cross_entropy(&outputs, &labels)
                .unwrap()
                .1
        }
        None => io["output_grads"]
            .chunks_exact(N::Output::LEN)
            .map(|dy| N::Output::from_slice(dy).unwrap())
            .collect(),
    };
    let mut grads = net::zeroed_box::<N::Grads>();
    let input_grads = model.backward(&cache, &dys, &mut grads);
    assert_close(
        "input gradients",
        net::__private::batch_as_slice(&input_grads),
        &io["input_grads"],
        1e-4,
    );

    let torch_grads = read(&format!("{name}_grads.safetensors"));
    // A bias followed by batch norm has a gradient of zero in exact
    // arithmetic (batch norm subtracts the mean), so what f32 leaves of it is
    // rounding: it is measured against the scale of its layer's gradients.
    let layer_scale = |key: &str| {
        let layer = key.split('.').next().unwrap();
        torch_grads
            .iter()
            .filter(|(k, _)| k.split('.').next() == Some(layer))
            .fold(1e-3f32, |m, (_, v)| m.max(largest(v)))
    };
    let mut compared = 0;
    grads.visit(&mut |key, _, data| {
        let TensorData::F32(values) = data else {
            panic!("{key}: gradients are f32")
        };
        assert_close_at_scale(key, values, &torch_grads[key], 1e-4, layer_scale(key));
        compared += 1;
    });
    assert_eq!(
        compared,
        torch_grads.len(),
        "every PyTorch gradient has a counterpart"
    );
    // The same file loads as `Grads` too: the names and layouts are PyTorch's.
    let mut loaded = net::zeroed_box::<N::Grads>();
    loaded
        .load_safetensors(fixture(&format!("{name}_grads.safetensors")))
        .unwrap();

    model.visit(&mut |key, _, data| {
        if let (Some(want), TensorData::F32(values)) = (io.get(&format!("after_step.{key}")), data)
        {
            assert_close(key, values, want, 1e-5);
        }
    });
}

#[test]
fn lenet5_matches_pytorch_forward_and_backward() {
    let mut model = LeNet5::new(99);
    check("lenet5", &mut *model, 1e-5);
    let io = read("lenet5_io.safetensors");
    assert_eq!(io["logits"].len(), 40);
}

#[test]
fn batch_norm_residual_network_matches_pytorch_in_training_and_inference() {
    let mut model = BnNet::new(99);
    check("bnnet", &mut *model, 1e-5);
    assert_eq!(model.bn0.num_batches_tracked, 1);
    assert!(read("bnnet_io.safetensors").contains_key("after_step.bn1.running_var"));
}

#[test]
fn resnet8_matches_pytorch() {
    on_a_big_stack(|| check("resnet8", &mut *Resnet8::new(99), 1e-5));
}

#[test]
fn ds_cnn_matches_pytorch() {
    on_a_big_stack(|| check("dscnn", &mut *DsCnn::new(99), 1e-5));
}

#[test]
fn mobilenet_v1_matches_pytorch() {
    // Twenty-seven layers, each normalised: f32 arithmetic alone moves the
    // logits by about 1e-5 of their size (PyTorch's own f32 forward: 0.6 to
    // 2.1e-5 from its f64 one, over six initialisations).
    on_a_big_stack(|| check("mobilenetv1", &mut *MobileNetV1::new(99), 5e-5));
}

#[test]
fn anomaly_autoencoder_matches_pytorch() {
    on_a_big_stack(|| {
        check(
            "anomaly_autoencoder",
            &mut *AnomalyAutoencoder::new(99),
            1e-5,
        )
    });
}

#[test]
fn unet_matches_pytorch() {
    on_a_big_stack(|| check("unet", &mut *UNet::new(99), 1e-5));
}
