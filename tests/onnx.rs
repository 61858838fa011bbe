//! ONNX export: every model of `net::models` and the test suites' network of
//! the PyTorch fixtures (with the fixtures' weights where there are some), and
//! two networks that hold every layer kind, are written, read back and checked
//! here for what needs no Python: the file decodes, opset and IR version, the
//! input and output with their symbolic batch, the initializers against the
//! model's tensors, nodes named after the layers and in an order that computes
//! every value before it is read.
//!
//! Each export lands in `target/tmp/onnx/` with its `forward` outputs on fixed
//! inputs (`<name>.io.safetensors`: `input` and `output`, batch first), where
//! `scripts/check_onnx.py` runs `onnx.checker` and onnxruntime on them.

mod big_stack;
mod common;

use big_stack::on_a_big_stack;
use common::BnNet;
use net::models::{AnomalyAutoencoder, Denoiser, DsCnn, LeNet5, MobileNetV1, Resnet8, UNet};
use net::onnx::proto::{tensor_proto::DataType, tensor_shape_proto::dimension::Value, ModelProto};
use net::prelude::*;
use net::{NamedTensors, TensorData};
use prost::Message;
use std::collections::HashSet;
use std::path::PathBuf;

network! {
    /// Every 2d layer kind with its less common arguments: groups, dilation,
    /// uneven "same" padding of a max pool, an average pool counting its
    /// padding, output padding, upsampling, a residual block with a
    /// projection, a concatenation, and the activations.
    struct Every2d: [3, 15, 15] {
        stem: Conv2d(8, kernel = 3, padding = 1), stem_bn: BatchNorm(eps = 1e-3, momentum = 0.3),
        LeakyRelu(slope = 0.2),
        dw: Conv2d(8, kernel = 3, padding = 1, groups = 8), Relu6,
        wide: Conv2d(8, kernel = 3, padding = 2, dilation = 2), Tanh,
        split: Conv2d(8, kernel = 1, groups = 2, bias = false), Sigmoid,
        skip: MaxPool2d(2, padding = same) -> [8, 8, 8],
        block: Residual {
            r1: Conv2d(12, kernel = 3, stride = 2, padding = 1), Relu,
            r2: Conv2d(12, kernel = 3, padding = 1),
        } shortcut {
            project: Conv2d(12, kernel = 1, stride = 2),
        },
        AvgPool2d(3, stride = 1, padding = 1),
        up: ConvTranspose2d(8, kernel = 3, stride = 2, padding = 1, output_padding = 1) -> [8, 8, 8],
        Upsample2d(2) -> [8, 16, 16],
        AvgPool2d(2) -> [8, 8, 8],
        joined: Concat(skip) -> [16, 8, 8],
        Dropout(p = 0.5),
        GlobalMaxPool,
        head: Dense(6),
        Softmax,
    } -> [6]
}

network! {
    /// The 1d and 3d kinds, a global average pool, a reshape and a dense
    /// layer without bias.
    struct Every1d3d: [2, 20] {
        c1: Conv1d(4, kernel = 3, stride = 2, padding = 1), bn1: BatchNorm, Relu,
        MaxPool1d(2),
        t1: ConvTranspose1d(4, kernel = 2, stride = 2),
        Upsample1d(2),
        AvgPool1d(2, padding = 1) -> [4, 11],
        Flatten,
        mix: Dense(24, bias = false),
        Reshape([3, 2, 2, 2]),
        c3: Conv3d(5, kernel = 2, padding = 1) -> [5, 3, 3, 3],
        MaxPool3d(2, stride = 1),
        GlobalAvgPool -> [5],
        bn2: BatchNorm,
        Sigmoid,
    } -> [5]
}

/// Where the exports go: `target/tmp/onnx`.
fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("onnx");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/{name}.safetensors",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Moves the running statistics away from 0 and 1 with a few training steps,
/// so that inference's batch norm is not the identity.
fn train_a_little<N: Network>(model: &mut N, seed: u64) {
    let xs = inputs::<N::Input>(4, seed);
    let mut rng = Rng::seed_from_u64(seed);
    for _ in 0..3 {
        let _ = model.forward_train(&xs, &mut rng);
    }
}

fn inputs<T: Tensor>(n: usize, seed: u64) -> Vec<T> {
    let mut rng = Rng::seed_from_u64(seed);
    (0..n)
        .map(|_| T::zeros().map(|_| rng.uniform(-1.0, 1.0)))
        .collect()
}

/// Writes the model and its outputs on three inputs, reads the file back and
/// checks it.
fn export<N: Network>(
    name: &str,
    model: &N,
    save: impl Fn(&N, &std::path::Path) -> Result<(), net::Error>,
    graph: &net::onnx::Graph,
) {
    let dir = out_dir();
    let path = dir.join(format!("{name}.onnx"));
    let started = std::time::Instant::now();
    save(model, &path).unwrap();
    let took = started.elapsed();
    println!(
        "{name}: {} bytes written in {took:?}",
        std::fs::metadata(&path).unwrap().len()
    );

    let xs = inputs::<N::Input>(3, 99);
    let ys: Vec<N::Output> = xs.iter().map(|x| model.forward(x)).collect();
    let flat =
        |values: Vec<f32>| -> Vec<u8> { values.iter().flat_map(|v| v.to_le_bytes()).collect() };
    let (x_bytes, y_bytes) = (
        flat(xs.iter().flat_map(|x| x.as_slice().to_vec()).collect()),
        flat(ys.iter().flat_map(|y| y.as_slice().to_vec()).collect()),
    );
    let with_batch = |shape: &[usize]| [&[3][..], shape].concat();
    let views = [
        (
            "input",
            safetensors::tensor::TensorView::new(
                safetensors::Dtype::F32,
                with_batch(N::Input::SHAPE),
                &x_bytes,
            )
            .unwrap(),
        ),
        (
            "output",
            safetensors::tensor::TensorView::new(
                safetensors::Dtype::F32,
                with_batch(N::Output::SHAPE),
                &y_bytes,
            )
            .unwrap(),
        ),
    ];
    safetensors::serialize_to_file(views, None, &dir.join(format!("{name}.io.safetensors")))
        .unwrap();

    check(
        &std::fs::read(&path).unwrap(),
        model,
        graph,
        N::Input::SHAPE,
        N::Output::SHAPE,
    );
}

/// What the file must hold, read back with the same message types.
fn check(
    bytes: &[u8],
    model: &impl NamedTensors,
    graph: &net::onnx::Graph,
    input: &[usize],
    output: &[usize],
) {
    let file = ModelProto::decode(bytes).expect("the file decodes as an ONNX model");
    assert_eq!(file.opset_import.len(), 1);
    assert_eq!(
        (
            file.opset_import[0].domain.as_str(),
            file.opset_import[0].version
        ),
        ("", 17)
    );
    assert_eq!(file.ir_version, 8);
    let g = file.graph.expect("a graph");
    assert_eq!(g.name, graph.name);

    let shape_of = |v: &net::onnx::proto::ValueInfoProto| -> (Option<String>, Vec<i64>) {
        let Some(net::onnx::proto::type_proto::Value::TensorType(t)) =
            v.r#type.as_ref().and_then(|t| t.value.clone())
        else {
            panic!("{} is not a tensor", v.name)
        };
        assert_eq!(t.elem_type, DataType::Float as i32);
        let dims = t.shape.unwrap().dim;
        let batch = match &dims[0].value {
            Some(Value::DimParam(p)) => Some(p.clone()),
            _ => None,
        };
        let rest = dims[1..].iter().map(|d| match d.value {
            Some(Value::DimValue(v)) => v,
            _ => panic!("a fixed size"),
        });
        (batch, rest.collect())
    };
    let sizes = |s: &[usize]| s.iter().map(|&d| d as i64).collect::<Vec<_>>();
    assert_eq!(g.input.len(), 1);
    assert_eq!(g.input[0].name, "input");
    assert_eq!(shape_of(&g.input[0]), (Some("N".to_string()), sizes(input)));
    assert_eq!(g.output.len(), 1);
    assert_eq!(g.output[0].name, "output");
    assert_eq!(
        shape_of(&g.output[0]),
        (Some("N".to_string()), sizes(output))
    );

    // Every float tensor of the model is an initializer with its shape and
    // values, under its name; nothing else is, but the graph's constants.
    let mut expected = Vec::new();
    model.visit(&mut |name, shape, data| {
        if let TensorData::F32(values) = data {
            expected.push((name.to_string(), sizes(shape), values.to_vec()));
        }
    });
    let constants: HashSet<&str> = graph.constants.iter().map(|c| c.name).collect();
    let params: Vec<_> = g
        .initializer
        .iter()
        .filter(|t| !constants.contains(t.name.as_str()))
        .collect();
    assert_eq!(
        params.len(),
        expected.len(),
        "one initializer per float tensor"
    );
    for (t, (name, dims, values)) in params.iter().zip(&expected) {
        assert_eq!((&t.name, &t.dims), (name, dims));
        assert_eq!(t.data_type, DataType::Float as i32);
        let read: Vec<f32> = t
            .raw_data
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
            .collect();
        assert_eq!(&read, values, "{name}'s values");
    }

    // Each node reads only the input, initializers and earlier outputs, and
    // writes a value no other node writes; the last one writes `output`.
    let mut known: HashSet<String> = g.initializer.iter().map(|t| t.name.clone()).collect();
    known.insert("input".to_string());
    let mut names = HashSet::new();
    for node in &g.node {
        assert!(
            names.insert(node.name.clone()),
            "node name {} twice",
            node.name
        );
        for input in node.input.iter().filter(|i| !i.is_empty()) {
            assert!(
                known.contains(input),
                "{} reads {input} before it is written",
                node.name
            );
        }
        assert_eq!(node.output.len(), 1);
        assert!(
            known.insert(node.output[0].clone()),
            "{} written twice",
            node.output[0]
        );
    }
    assert_eq!(g.node.last().unwrap().output, ["output"]);
}

macro_rules! export {
    ($name:literal, $model:expr, $ty:ty) => {{
        let model = $model;
        export($name, &*model, |m: &$ty, p| m.save_onnx(p), &<$ty>::ONNX)
    }};
}

fn with_fixture<N: Network>(mut model: Box<N>, name: &str) -> Box<N> {
    model.load_safetensors(fixture(name)).unwrap();
    model
}

#[test]
fn every_model_exports_with_its_weights() {
    on_a_big_stack(|| {
        export!("lenet5", with_fixture(LeNet5::new(0), "lenet5"), LeNet5);
        export!("resnet8", with_fixture(Resnet8::new(0), "resnet8"), Resnet8);
        export!("dscnn", with_fixture(DsCnn::new(0), "dscnn"), DsCnn);
        export!(
            "mobilenetv1",
            with_fixture(MobileNetV1::new(0), "mobilenetv1"),
            MobileNetV1
        );
        export!(
            "anomaly_autoencoder",
            with_fixture(AnomalyAutoencoder::new(0), "anomaly_autoencoder"),
            AnomalyAutoencoder
        );
        export!("unet", with_fixture(UNet::new(0), "unet"), UNet);
        export!("denoiser", Denoiser::new(3), Denoiser);
        export!("bnnet", with_fixture(BnNet::new(0), "bnnet"), BnNet);
    });
}

#[test]
fn every_layer_kind_exports() {
    on_a_big_stack(|| {
        let mut every2d = Every2d::new(5);
        train_a_little(&mut *every2d, 6);
        export!("every2d", every2d, Every2d);
        let mut every1d3d = Every1d3d::new(7);
        train_a_little(&mut *every1d3d, 8);
        export!("every1d3d", every1d3d, Every1d3d);
    });
}

#[test]
fn nodes_follow_the_layer_names() {
    let names: Vec<&str> = LeNet5::ONNX.nodes.iter().map(|n| n.name).collect();
    assert_eq!(
        names,
        [
            "conv1",
            "relu_0",
            "max_pool2d_0",
            "conv2",
            "relu_1",
            "max_pool2d_1",
            "flatten_0",
            "fc1",
            "relu_2",
            "fc2",
            "relu_3",
            "fc3"
        ]
    );
    let ops: Vec<&str> = Every2d::ONNX.nodes.iter().map(|n| n.op).collect();
    for op in [
        "Conv",
        "BatchNormalization",
        "LeakyRelu",
        "Clip",
        "Tanh",
        "Sigmoid",
        "MaxPool",
        "Add",
        "AveragePool",
        "ConvTranspose",
        "Resize",
        "Concat",
        "Identity",
        "GlobalMaxPool",
        "Flatten",
        "Gemm",
        "Softmax",
    ] {
        assert!(ops.contains(&op), "{op} in {ops:?}");
    }
    let ops: Vec<&str> = Every1d3d::ONNX.nodes.iter().map(|n| n.op).collect();
    for op in ["Reshape", "GlobalAveragePool"] {
        assert!(ops.contains(&op), "{op} in {ops:?}");
    }
}
