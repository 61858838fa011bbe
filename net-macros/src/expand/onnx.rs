//! The declared model as ONNX operators of opset 17 (`net::onnx::Graph`):
//! each layer one node named after it, or two where ONNX's operator keeps
//! axes that the layer drops (a global pool's `[N, C, 1, 1]` flattened to
//! `[N, C]`). Values are named after the layer that writes them; the network
//! reads `input` and writes `output`; parameters are read under their
//! PyTorch names; inference semantics (batch norm with its running
//! statistics, dropout the identity).

use super::tokens::shape_slice;
use crate::ir::{Model, Op, Step, Window};
use net_shape::conv_transpose_output;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

struct Node {
    op: &'static str,
    name: String,
    inputs: Vec<String>,
    output: String,
    attributes: Vec<(&'static str, Attribute)>,
}

enum Attribute {
    Int(i64),
    Ints(Vec<i64>),
    Float(f64),
    String(&'static str),
}

struct Constant {
    name: String,
    dims: Vec<i64>,
    values: Values,
}

enum Values {
    F32(Vec<f64>),
    I64(Vec<i64>),
}

fn ints(values: &[usize]) -> Attribute {
    Attribute::Ints(values.iter().map(|&v| v as i64).collect())
}

/// `pads` of a window: every axis's padding before, then every axis's after.
fn pads(window: &Window) -> Attribute {
    ints(&[&window.before[..], &window.after[..]].concat())
}

/// A convolution's window as attributes.
fn window_attributes(window: &Window) -> Vec<(&'static str, Attribute)> {
    vec![
        ("kernel_shape", ints(&window.kernel)),
        ("strides", ints(&window.stride)),
        ("pads", pads(window)),
        ("dilations", ints(&window.dilation)),
    ]
}

/// The name of each activation's value.
fn value_names(model: &Model) -> Vec<String> {
    let mut names = vec![String::new(); model.activations.len()];
    names[0] = "input".to_string();
    for step in &model.steps {
        names[step.output] = match step.label.as_str() {
            // A layer may be called so; its value may not.
            "input" | "output" => format!("{}_value", step.label),
            label => label.to_string(),
        };
    }
    names[model.output()] = "output".to_string();
    names
}

/// A layer's tensor under its PyTorch name (`conv1.weight`), if it has it.
fn tensor(step: &Step, which: &str) -> Option<String> {
    let field = step.field.as_ref()?;
    step.tensors
        .iter()
        .any(|t| t.spec.name == which)
        .then(|| format!("{field}.{which}"))
}

fn required(step: &Step, which: &str) -> String {
    tensor(step, which).unwrap_or_else(|| panic!("{} has a {which}", step.label))
}

/// The nodes and constants of one layer, reading `inputs` and writing `output`.
fn layer(
    model: &Model,
    step: &Step,
    inputs: Vec<String>,
    output: String,
) -> (Vec<Node>, Vec<Constant>) {
    let label = step.label.clone();
    let one =
        |op: &'static str, inputs: Vec<String>, attributes: Vec<(&'static str, Attribute)>| Node {
            op,
            name: label.clone(),
            inputs,
            output: output.clone(),
            attributes,
        };
    let x = inputs[0].clone();
    let with_params = |names: &[&str]| -> Vec<String> {
        let mut read = vec![x.clone()];
        read.extend(names.iter().filter_map(|n| tensor(step, n)));
        read
    };
    let node = match &step.op {
        Op::Conv { window, groups, .. } => {
            let mut attributes = window_attributes(window);
            attributes.push(("group", Attribute::Int(*groups as i64)));
            one("Conv", with_params(&["weight", "bias"]), attributes)
        }
        Op::ConvTranspose { window, .. } => {
            // The output padding the shapes imply: what the size exceeds
            // the transposed convolution's size without one by.
            let (input, out) = (
                &model.activations[step.input()],
                &model.activations[step.output],
            );
            let output_padding: Vec<usize> = (0..window.kernel.len())
                .map(|i| {
                    let w = &window;
                    let bare = conv_transpose_output(
                        input[1 + i],
                        w.kernel[i],
                        w.stride[i],
                        w.before[i],
                        0,
                    )
                    .expect("the checker accepted this size");
                    out[1 + i] - bare
                })
                .collect();
            let mut attributes = window_attributes(window);
            attributes.push(("output_padding", ints(&output_padding)));
            one(
                "ConvTranspose",
                with_params(&["weight", "bias"]),
                attributes,
            )
        }
        Op::Pool { max: true, window } => one(
            "MaxPool",
            vec![x],
            vec![
                ("kernel_shape", ints(&window.kernel)),
                ("strides", ints(&window.stride)),
                ("pads", pads(window)),
            ],
        ),
        Op::Pool { max: false, window } => one(
            "AveragePool",
            vec![x],
            vec![
                ("kernel_shape", ints(&window.kernel)),
                ("strides", ints(&window.stride)),
                ("pads", pads(window)),
                // The kernels divide by the whole window, padding included.
                ("count_include_pad", Attribute::Int(1)),
            ],
        ),
        Op::Upsample { scale } => {
            let scales = format!("{label}.scales");
            let values: Vec<f64> = [1, 1].iter().chain(scale).map(|&s| s as f64).collect();
            let constant = Constant {
                name: scales.clone(),
                dims: vec![values.len() as i64],
                values: Values::F32(values),
            };
            // Output position i reads input floor(i / s): nearest-neighbour
            // copies, as the kernel makes them.
            let node = one(
                "Resize",
                vec![x, String::new(), scales],
                vec![
                    ("mode", Attribute::String("nearest")),
                    (
                        "coordinate_transformation_mode",
                        Attribute::String("asymmetric"),
                    ),
                    ("nearest_mode", Attribute::String("floor")),
                ],
            );
            return (vec![node], vec![constant]);
        }
        Op::Dense { .. } => one(
            "Gemm",
            with_params(&["weight", "bias"]),
            vec![("transB", Attribute::Int(1))],
        ),
        Op::Reshape => {
            let shape = format!("{label}.shape");
            let dims = &model.activations[step.output];
            let values: Vec<i64> = [-1]
                .into_iter()
                .chain(dims.iter().map(|&d| d as i64))
                .collect();
            let constant = Constant {
                name: shape.clone(),
                dims: vec![values.len() as i64],
                values: Values::I64(values),
            };
            return (vec![one("Reshape", vec![x, shape], vec![])], vec![constant]);
        }
        Op::BatchNorm { eps, momentum } => one(
            "BatchNormalization",
            vec![
                x,
                required(step, "weight"),
                required(step, "bias"),
                required(step, "running_mean"),
                required(step, "running_var"),
            ],
            vec![
                ("epsilon", Attribute::Float(*eps)),
                // ONNX's momentum weighs the running statistic, PyTorch's the
                // batch's.
                ("momentum", Attribute::Float(1.0 - momentum)),
            ],
        ),
        Op::Dropout { .. } => one("Identity", vec![x], vec![]),
        Op::Relu => one("Relu", vec![x], vec![]),
        Op::LeakyRelu { slope } => one(
            "LeakyRelu",
            vec![x],
            vec![("alpha", Attribute::Float(*slope))],
        ),
        Op::Sigmoid => one("Sigmoid", vec![x], vec![]),
        Op::Tanh => one("Tanh", vec![x], vec![]),
        Op::Softmax => one("Softmax", vec![x], vec![("axis", Attribute::Int(1))]),
        Op::Relu6 => {
            let bound = |which: &str, value: f64| Constant {
                name: format!("{label}.{which}"),
                dims: vec![],
                values: Values::F32(vec![value]),
            };
            let (min, max) = (bound("min", 0.0), bound("max", 6.0));
            let node = one("Clip", vec![x, min.name.clone(), max.name.clone()], vec![]);
            return (vec![node], vec![min, max]);
        }
        Op::GlobalPool { max } => {
            let pooled = format!("{label}_pooled");
            let pool = Node {
                op: if *max {
                    "GlobalMaxPool"
                } else {
                    "GlobalAveragePool"
                },
                name: label.clone(),
                inputs: vec![x],
                output: pooled.clone(),
                attributes: vec![],
            };
            let flatten = Node {
                op: "Flatten",
                name: format!("{label}_flatten"),
                inputs: vec![pooled],
                output: output.clone(),
                attributes: vec![("axis", Attribute::Int(1))],
            };
            return (vec![pool, flatten], vec![]);
        }
        Op::Add if inputs.len() == 2 => one("Add", inputs, vec![]),
        Op::Add => one("Sum", inputs, vec![]),
        Op::Concat => one("Concat", inputs, vec![("axis", Attribute::Int(1))]),
    };
    (vec![node], vec![])
}

/// The `::net::onnx::Graph` constant of a model.
pub fn graph(model: &Model) -> TokenStream {
    let names = value_names(model);
    let (mut nodes, mut constants) = (Vec::new(), Vec::new());
    for step in &model.steps {
        let inputs = step.inputs.iter().map(|&a| names[a].clone()).collect();
        let (n, c) = layer(model, step, inputs, names[step.output].clone());
        nodes.extend(n);
        constants.extend(c);
    }
    let nodes = nodes.iter().map(node_tokens);
    let constants = constants.iter().map(|c| {
        let (name, dims) = (&c.name, c.dims.iter().map(|&d| Literal::i64_suffixed(d)));
        let values = match &c.values {
            Values::F32(v) => {
                let v = v.iter().map(|&x| Literal::f32_suffixed(x as f32));
                quote!(::net::TensorData::F32(&[#(#v),*]))
            }
            Values::I64(v) => {
                let v = v.iter().map(|&x| Literal::i64_suffixed(x));
                quote!(::net::TensorData::I64(&[#(#v),*]))
            }
        };
        quote!(::net::onnx::Constant { name: #name, dims: &[#(#dims),*], values: #values })
    });
    let name = model.name.to_string();
    let (input, output) = (
        shape_slice(&model.activations[0]),
        shape_slice(&model.activations[model.output()]),
    );
    quote! {
        ::net::onnx::Graph {
            name: #name,
            input: #input,
            output: #output,
            nodes: &[#(#nodes),*],
            constants: &[#(#constants),*],
        }
    }
}

fn node_tokens(node: &Node) -> TokenStream {
    let (op, name, inputs, output) = (node.op, &node.name, &node.inputs, &node.output);
    let attributes = node.attributes.iter().map(|(key, value)| {
        let value = match value {
            Attribute::Int(i) => {
                let i = Literal::i64_suffixed(*i);
                quote!(::net::onnx::Attribute::Int(#i))
            }
            Attribute::Ints(v) => {
                let v = v.iter().map(|&x| Literal::i64_suffixed(x));
                quote!(::net::onnx::Attribute::Ints(&[#(#v),*]))
            }
            Attribute::Float(f) => {
                let f = Literal::f32_suffixed(*f as f32);
                quote!(::net::onnx::Attribute::Float(#f))
            }
            Attribute::String(s) => quote!(::net::onnx::Attribute::String(#s)),
        };
        quote!((#key, #value))
    });
    quote! {
        ::net::onnx::Node {
            op: #op,
            name: #name,
            inputs: &[#(#inputs),*],
            output: #output,
            attributes: &[#(#attributes),*],
        }
    }
}
