//! Saving and loading models and gradients as safetensors files in PyTorch's
//! names, shapes and dtypes, and refusing files that do not match.

mod common;

use common::ResNet;
use net::models::LeNet5;
use net::prelude::*;
use net::{Error, TensorMismatch};
use safetensors::tensor::{Dtype, TensorView};
use std::path::PathBuf;

fn temp_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("net-safetensors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The tensors of a saved file, to rewrite some of them.
fn read_all(path: &PathBuf) -> Vec<(String, Dtype, Vec<usize>, Vec<u8>)> {
    let bytes = std::fs::read(path).unwrap();
    let file = safetensors::SafeTensors::deserialize(&bytes).unwrap();
    file.tensors()
        .into_iter()
        .map(|(name, view)| {
            (
                name,
                view.dtype(),
                view.shape().to_vec(),
                view.data().to_vec(),
            )
        })
        .collect()
}

fn write_all(path: &PathBuf, tensors: &[(String, Dtype, Vec<usize>, Vec<u8>)]) {
    let views = tensors.iter().map(|(name, dtype, shape, data)| {
        (
            name.clone(),
            TensorView::new(*dtype, shape.clone(), data).unwrap(),
        )
    });
    std::fs::write(path, safetensors::serialize(views, None).unwrap()).unwrap();
}

fn mismatches(error: Error) -> Vec<TensorMismatch> {
    match error {
        Error::Tensors { problems, .. } => problems,
        other => panic!("expected a tensor mismatch, got {other}"),
    }
}

#[test]
fn a_saved_model_loads_into_a_fresh_one_with_the_same_outputs() {
    let path = temp_file("lenet.safetensors");
    let model = LeNet5::new(1);
    model.save_safetensors(&path).unwrap();
    let mut fresh = LeNet5::new(2);
    let x = Tensor3::zeros().map(|_| 0.25);
    assert_ne!(fresh.forward(&x), model.forward(&x));
    fresh.load_safetensors(&path).unwrap();
    assert_eq!(fresh.forward(&x), model.forward(&x));
    assert_eq!(*fresh, *model);

    let names: Vec<String> = read_all(&path).into_iter().map(|t| t.0).collect();
    for name in [
        "conv1.weight",
        "conv1.bias",
        "conv2.weight",
        "fc1.weight",
        "fc3.bias",
    ] {
        assert!(
            names.contains(&name.to_string()),
            "{name} missing from {names:?}"
        );
    }
    let shapes: Vec<(String, Vec<usize>)> =
        read_all(&path).into_iter().map(|t| (t.0, t.2)).collect();
    assert!(shapes.contains(&("conv1.weight".to_string(), vec![6, 1, 5, 5])));
    assert!(shapes.contains(&("fc1.weight".to_string(), vec![120, 256])));
}

#[test]
fn batch_norm_buffers_round_trip_with_pytorchs_names_and_dtypes() {
    let path = temp_file("resnet.safetensors");
    let mut model = ResNet::new(3);
    let xs: Vec<Tensor3<3, 8, 8>> = (0..4).map(|i| Tensor3::zeros().map(|_| i as f32)).collect();
    model.forward_train(&xs, &mut Rng::seed_from_u64(1));
    model.save_safetensors(&path).unwrap();
    let tensors = read_all(&path);
    let counter = tensors
        .iter()
        .find(|t| t.0 == "bn0.num_batches_tracked")
        .unwrap();
    assert_eq!((counter.1, counter.2.as_slice()), (Dtype::I64, &[][..]));
    assert!(tensors
        .iter()
        .any(|t| t.0 == "bn1.running_var" && t.2 == vec![8]));
    let mut fresh = ResNet::new(4);
    fresh.load_safetensors(&path).unwrap();
    assert_eq!(fresh.bn0.num_batches_tracked, 1);
    assert_eq!(*fresh, *model);
}

#[test]
fn a_batch_norm_state_without_num_batches_tracked_loads_as_pytorch_does() {
    let path = temp_file("no_counter.safetensors");
    let mut model = ResNet::new(3);
    let xs: Vec<Tensor3<3, 8, 8>> = (0..2).map(|i| Tensor3::zeros().map(|_| i as f32)).collect();
    model.forward_train(&xs, &mut Rng::seed_from_u64(1));
    model.save_safetensors(&path).unwrap();
    let mut tensors = read_all(&path);
    tensors.retain(|t| !t.0.ends_with("num_batches_tracked"));
    write_all(&path, &tensors);
    let mut fresh = ResNet::new(4);
    fresh.bn0.num_batches_tracked = 9;
    fresh.load_safetensors(&path).unwrap();
    assert_eq!(fresh.bn0.num_batches_tracked, 0);
    assert_eq!(fresh.bn0.running_var, model.bn0.running_var);
    // A counter that is there must still be I64 and a scalar.
    let mut wrong = read_all(&path);
    wrong.push((
        "bn0.num_batches_tracked".into(),
        Dtype::F32,
        vec![],
        1.0f32.to_le_bytes().to_vec(),
    ));
    write_all(&path, &wrong);
    let error = fresh.load_safetensors(&path).unwrap_err();
    assert!(
        matches!(&mismatches(error)[..], [TensorMismatch::Dtype { name, .. }] if name == "bn0.num_batches_tracked")
    );
    let mut misshapen = read_all(&path);
    misshapen.retain(|t| t.0 != "bn0.num_batches_tracked");
    misshapen.push((
        "bn0.num_batches_tracked".into(),
        Dtype::I64,
        vec![2],
        vec![0; 16],
    ));
    write_all(&path, &misshapen);
    let error = fresh.load_safetensors(&path).unwrap_err();
    assert!(
        matches!(&mismatches(error)[..], [TensorMismatch::Shape { name, .. }] if name == "bn0.num_batches_tracked")
    );
}

#[test]
fn gradients_save_and_load_under_the_parameters_names() {
    let path = temp_file("grads.safetensors");
    let mut model = LeNet5::new(5);
    let xs = [Tensor3::zeros().map(|_| 0.5)];
    let (ys, cache) = model.forward_train(&xs, &mut Rng::seed_from_u64(1));
    let mut grads = <LeNet5 as Network>::Grads::default();
    model.backward(&cache, &ys, &mut grads);
    grads.save_safetensors(&path).unwrap();
    let mut loaded = <LeNet5 as Network>::Grads::default();
    loaded.load_safetensors(&path).unwrap();
    assert_eq!(loaded, grads);
    assert!(read_all(&path).iter().any(|t| t.0 == "conv2.weight"));
}

#[test]
fn a_missing_tensor_is_named_and_nothing_is_loaded() {
    let path = temp_file("missing.safetensors");
    LeNet5::new(1).save_safetensors(&path).unwrap();
    let mut tensors = read_all(&path);
    tensors.retain(|t| t.0 != "fc3.bias");
    write_all(&path, &tensors);
    let mut model = LeNet5::new(2);
    let before = net::clone_boxed(&*model);
    let error = model.load_safetensors(&path).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("fc3.bias: missing from the file"),
        "{error}"
    );
    assert_eq!(
        mismatches(error),
        vec![TensorMismatch::Missing {
            name: "fc3.bias".into()
        }]
    );
    assert_eq!(*model, *before, "a refused file changed the model");
}

#[test]
fn a_wrong_shape_a_wrong_dtype_and_an_extra_tensor_are_each_named() {
    let path = temp_file("mismatched.safetensors");
    LeNet5::new(1).save_safetensors(&path).unwrap();
    let mut tensors = read_all(&path);
    for t in tensors.iter_mut() {
        match t.0.as_str() {
            "conv1.weight" => t.2 = vec![6, 1, 25],
            "fc1.bias" => {
                t.1 = Dtype::F64;
                t.3 = t
                    .3
                    .chunks(4)
                    .flat_map(|b| (f32::from_le_bytes(b.try_into().unwrap()) as f64).to_le_bytes())
                    .collect();
            }
            _ => {}
        }
    }
    tensors.push(("fc4.weight".into(), Dtype::F32, vec![1], vec![0; 4]));
    write_all(&path, &tensors);
    let mut model = LeNet5::new(2);
    let before = net::clone_boxed(&*model);
    let error = model.load_safetensors(&path).unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("conv1.weight: expected shape [6, 1, 5, 5], found [6, 1, 25]"),
        "{text}"
    );
    assert!(
        text.contains("fc1.bias: expected dtype F32, found F64"),
        "{text}"
    );
    assert!(
        text.contains("fc4.weight: in the file, but the model has no such tensor"),
        "{text}"
    );
    let names: Vec<String> = mismatches(error)
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    assert_eq!(names, ["conv1.weight", "fc1.bias", "fc4.weight"]);
    assert_eq!(*model, *before);
}

#[test]
fn files_that_are_not_safetensors_or_not_there_are_errors_naming_the_file() {
    let path = temp_file("garbage.safetensors");
    std::fs::write(&path, b"not a safetensors file").unwrap();
    let mut model = LeNet5::new(1);
    let error = model.load_safetensors(&path).unwrap_err();
    assert!(matches!(error, Error::Format { .. }), "{error}");
    assert!(error.to_string().contains("garbage.safetensors"));
    let error = model
        .load_safetensors(temp_file("absent.safetensors"))
        .unwrap_err();
    assert!(matches!(error, Error::Io { .. }), "{error}");
    assert!(error.to_string().contains("absent.safetensors"));
}

/// The model's every tensor, to compare before and after a failed load.
fn snapshot(model: &LeNet5) -> Vec<u8> {
    let path = temp_file(&format!("snapshot-{:p}.safetensors", model));
    model.save_safetensors(&path).unwrap();
    std::fs::read(path).unwrap()
}

#[test]
fn header_edits_are_errors_that_name_the_tensor() {
    let path = temp_file("edited.safetensors");
    LeNet5::new(1).save_safetensors(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let header_len = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    let header = std::str::from_utf8(&bytes[8..8 + header_len])
        .unwrap()
        .to_string();
    let edit = |from: &str, to: &str| -> String {
        assert!(header.contains(from), "{from} in {header}");
        // Same length, so that the offsets of the rest stay.
        assert_eq!(from.len(), to.len());
        let mut edited = bytes.clone();
        edited[8..8 + header_len].copy_from_slice(header.replacen(from, to, 1).as_bytes());
        std::fs::write(&path, edited).unwrap();
        LeNet5::new(2)
            .load_safetensors(&path)
            .unwrap_err()
            .to_string()
    };
    let message = edit(
        r#""conv2.bias":{"dtype":"F32","shape":[16]"#,
        r#""conv2.bias":{"dtype":"F32","shape":[17]"#,
    );
    assert!(
        message.contains("conv2.bias: shape [17] of F32 needs 68 bytes"),
        "{message}"
    );
    let message = edit(
        r#""fc3.bias":{"dtype":"F32""#,
        r#""fc3.bias":{"dtype":"X32""#,
    );
    assert!(message.contains("fc3.bias: unknown dtype X32"), "{message}");
}

#[test]
fn a_file_over_the_limits_is_refused_before_it_is_read() {
    let path = temp_file("limits.safetensors");
    LeNet5::new(1).save_safetensors(&path).unwrap();
    let mut model = LeNet5::new(2);
    let before = snapshot(&model);
    let tight = net::limits::Limits {
        file_bytes: 1000,
        ..net::limits::Limits::DEFAULT
    };
    let message = model
        .load_safetensors_with(&path, &tight)
        .unwrap_err()
        .to_string();
    assert!(message.contains("Limits::file_bytes"), "{message}");
    let few = net::limits::Limits {
        tensors: 9,
        ..net::limits::Limits::DEFAULT
    };
    let message = model
        .load_safetensors_with(&path, &few)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("lists 10 tensors, more than the limit of 9"),
        "{message}"
    );
    assert_eq!(snapshot(&model), before);
}

/// Truncations, bit flips, huge length fields and edited header bytes, from
/// one seed: every load is Ok or an Err, never a panic, and after an Err the
/// model is bitwise what it was.
#[test]
fn mangled_files_never_panic_and_never_half_load() {
    let path = temp_file("source.safetensors");
    LeNet5::new(1).save_safetensors(&path).unwrap();
    let good = std::fs::read(&path).unwrap();
    let mut model = LeNet5::new(2);
    let before = snapshot(&model);
    let mut rng = Rng::seed_from_u64(19);
    let mangled = temp_file("mangled.safetensors");
    let header_end = 8 + u64::from_le_bytes(good[..8].try_into().unwrap()) as usize;
    let mut errors = 0;
    for case in 0..600 {
        let mut bytes = good.clone();
        match case % 4 {
            0 => bytes.truncate(rng.below(good.len())),
            1 => {
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(header_end);
                    bytes[at] ^= 1 << rng.below(8);
                }
            }
            2 => {
                let huge = [u64::MAX, u64::MAX / 2, 1 << 40, good.len() as u64][rng.below(4)];
                bytes[..8].copy_from_slice(&huge.to_le_bytes());
            }
            _ => {
                // A digit of the header (a shape or an offset) replaced.
                let digits: Vec<usize> = (8..header_end)
                    .filter(|&i| bytes[i].is_ascii_digit())
                    .collect();
                let at = digits[rng.below(digits.len())];
                bytes[at] = b'0' + rng.below(10) as u8;
            }
        }
        std::fs::write(&mangled, &bytes).unwrap();
        if model.load_safetensors(&mangled).is_err() {
            errors += 1;
            assert_eq!(snapshot(&model), before, "case {case} changed the model");
        } else {
            // A mutation the format cannot tell (a flipped bit of a name's
            // padding, say): start again from the model as it was.
            model = LeNet5::new(2);
        }
    }
    assert!(
        errors > 400,
        "only {errors} of 600 mangled files were refused"
    );
}

#[test]
fn thousands_of_stray_tensors_make_a_short_message() {
    let path = temp_file("stray.safetensors");
    LeNet5::new(1).save_safetensors(&path).unwrap();
    let mut tensors = read_all(&path);
    for i in 0..5_000 {
        tensors.push((format!("stray.{i}"), Dtype::F32, vec![1], vec![0; 4]));
    }
    write_all(&path, &tensors);
    let error = LeNet5::new(2).load_safetensors(&path).unwrap_err();
    let message = error.to_string();
    assert!(
        message.len() < 2_000 && message.ends_with("... and 4980 more"),
        "{message}"
    );
    assert_eq!(
        mismatches(error).len(),
        5_000,
        "the error keeps every problem"
    );
}

#[test]
fn overlapping_and_missing_data_name_the_tensors() {
    let file = |header: &str, data: usize| -> String {
        let path = temp_file("spans.safetensors");
        let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
        bytes.extend(header.as_bytes());
        bytes.extend(vec![0; data]);
        std::fs::write(&path, bytes).unwrap();
        LeNet5::new(1)
            .load_safetensors(&path)
            .unwrap_err()
            .to_string()
    };
    let message = file(
        r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
        12,
    );
    assert!(
        message.contains("b: data_offsets [4, 12] overlap a's, which end at byte 8"),
        "{message}"
    );
    let message = file(
        r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}"#,
        16,
    );
    assert!(
        message.contains("b: data_offsets [12, 16] leave bytes 8 to 12 after a unused"),
        "{message}"
    );
    let message = file(
        r#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
        9,
    );
    assert!(
        message.contains("data ends at byte 4, but the file holds 9 bytes"),
        "{message}"
    );
}
