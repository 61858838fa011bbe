//! Shape inference and every rule of DESIGN.md over the parsed IR. Errors go to
//! the collector and checking goes on, so one compile reports all of them. The
//! result, a `Model`, carries every activation's shape, so `expand` computes
//! nothing.
//!
//! The output sizes come from `net_shape`, the same `const fn`s the
//! kernels assert with.

use crate::ast::{self, Arg, Body, Layer, Source, Value};
use crate::ctxt::Ctxt;
use net_shape::{conv_output, conv_transpose_output, pool_output, upsample_output};
use std::collections::{HashMap, HashSet};
use syn::{Attribute, Ident, Visibility};

/// A checked network: activations `a0` (the input) .. `aN`, and the steps that
/// compute each from an earlier one.
#[derive(Clone)]
pub struct Model {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub name: Ident,
    pub activations: Vec<Vec<usize>>,
    pub steps: Vec<Step>,
    /// For an autoencoder: the code's activation and the number of encoder steps.
    pub code: Option<(usize, usize)>,
    /// The activation `embed` returns: the input of the last layer with parameters.
    pub embed: usize,
}

impl Model {
    pub fn output(&self) -> usize {
        self.activations.len() - 1
    }
}

#[derive(Clone)]
pub struct Step {
    pub op: Op,
    pub src: usize,
    pub dst: usize,
    /// The layer's name: given, or its kind in snake case and its count.
    pub label: String,
    /// The kind as written (`Conv2d`), or `Residual` for a block's addition.
    pub kind: &'static str,
    pub params: usize,
    pub buffers: usize,
    pub mult_adds: usize,
}

/// A layer with its arguments resolved; sizes are the input's and output's
/// spatial sizes, one per axis.
#[derive(Clone)]
pub enum Op {
    Conv {
        field: Ident,
        window: Window,
        out: usize,
        bias: bool,
    },
    ConvTranspose {
        field: Ident,
        window: Window,
        out: usize,
        bias: bool,
    },
    Pool {
        max: bool,
        window: Window,
    },
    Upsample {
        scale: Vec<usize>,
    },
    Dense {
        field: Ident,
        out: usize,
        bias: bool,
    },
    Reshape,
    BatchNorm {
        field: Ident,
        eps: f64,
        momentum: f64,
    },
    Dropout {
        p: f64,
    },
    Relu,
    LeakyRelu {
        slope: f64,
    },
    Sigmoid,
    Tanh,
    Softmax,
    /// The end of a residual block: adds the block's input, activation `skip`.
    Add {
        skip: usize,
    },
}

impl Op {
    /// The struct field holding this layer's parameters, if it has any.
    pub fn field(&self) -> Option<&Ident> {
        match self {
            Op::Conv { field, .. }
            | Op::ConvTranspose { field, .. }
            | Op::Dense { field, .. }
            | Op::BatchNorm { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// Kernel, stride and padding per spatial axis.
#[derive(Clone)]
pub struct Window {
    pub kernel: Vec<usize>,
    pub stride: Vec<usize>,
    pub padding: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Conv(usize),
    ConvTranspose(usize),
    MaxPool(usize),
    AvgPool(usize),
    Upsample(usize),
    Dense,
    Flatten,
    Reshape,
    BatchNorm,
    Dropout,
    Relu,
    LeakyRelu,
    Sigmoid,
    Tanh,
    Softmax,
    Residual,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ArgType {
    Int,
    Axes,
    Bool,
    Float,
    Shape,
}

struct ArgSpec {
    name: &'static str,
    ty: ArgType,
    required: bool,
}

const fn arg(name: &'static str, ty: ArgType, required: bool) -> ArgSpec {
    ArgSpec { name, ty, required }
}

const CONV_ARGS: &[ArgSpec] = &[
    arg("out", ArgType::Int, true),
    arg("kernel", ArgType::Axes, true),
    arg("stride", ArgType::Axes, false),
    arg("padding", ArgType::Axes, false),
    arg("bias", ArgType::Bool, false),
];
const CONV_TRANSPOSE_ARGS: &[ArgSpec] = &[
    arg("out", ArgType::Int, true),
    arg("kernel", ArgType::Axes, true),
    arg("stride", ArgType::Axes, false),
    arg("padding", ArgType::Axes, false),
    arg("output_padding", ArgType::Axes, false),
    arg("bias", ArgType::Bool, false),
];
const POOL_ARGS: &[ArgSpec] = &[
    arg("kernel", ArgType::Axes, true),
    arg("stride", ArgType::Axes, false),
    arg("padding", ArgType::Axes, false),
];
const UPSAMPLE_ARGS: &[ArgSpec] = &[arg("scale", ArgType::Axes, true)];
const DENSE_ARGS: &[ArgSpec] = &[
    arg("out", ArgType::Int, true),
    arg("bias", ArgType::Bool, false),
];
const RESHAPE_ARGS: &[ArgSpec] = &[arg("shape", ArgType::Shape, true)];
const BATCH_NORM_ARGS: &[ArgSpec] = &[
    arg("eps", ArgType::Float, false),
    arg("momentum", ArgType::Float, false),
];
const DROPOUT_ARGS: &[ArgSpec] = &[arg("p", ArgType::Float, true)];
const LEAKY_RELU_ARGS: &[ArgSpec] = &[arg("slope", ArgType::Float, false)];

/// Every layer kind as written in the DSL, with its snake-case name.
const KINDS: &[(&str, &str, Kind)] = &[
    ("Conv1d", "conv1d", Kind::Conv(1)),
    ("Conv2d", "conv2d", Kind::Conv(2)),
    ("Conv3d", "conv3d", Kind::Conv(3)),
    (
        "ConvTranspose1d",
        "conv_transpose1d",
        Kind::ConvTranspose(1),
    ),
    (
        "ConvTranspose2d",
        "conv_transpose2d",
        Kind::ConvTranspose(2),
    ),
    ("MaxPool1d", "max_pool1d", Kind::MaxPool(1)),
    ("MaxPool2d", "max_pool2d", Kind::MaxPool(2)),
    ("MaxPool3d", "max_pool3d", Kind::MaxPool(3)),
    ("AvgPool1d", "avg_pool1d", Kind::AvgPool(1)),
    ("AvgPool2d", "avg_pool2d", Kind::AvgPool(2)),
    ("AvgPool3d", "avg_pool3d", Kind::AvgPool(3)),
    ("Upsample1d", "upsample1d", Kind::Upsample(1)),
    ("Upsample2d", "upsample2d", Kind::Upsample(2)),
    ("Dense", "dense", Kind::Dense),
    ("Flatten", "flatten", Kind::Flatten),
    ("Reshape", "reshape", Kind::Reshape),
    ("BatchNorm", "batch_norm", Kind::BatchNorm),
    ("Dropout", "dropout", Kind::Dropout),
    ("Relu", "relu", Kind::Relu),
    ("LeakyRelu", "leaky_relu", Kind::LeakyRelu),
    ("Sigmoid", "sigmoid", Kind::Sigmoid),
    ("Tanh", "tanh", Kind::Tanh),
    ("Softmax", "softmax", Kind::Softmax),
    ("Residual", "residual", Kind::Residual),
];

impl Kind {
    fn args(self) -> &'static [ArgSpec] {
        match self {
            Kind::Conv(_) => CONV_ARGS,
            Kind::ConvTranspose(_) => CONV_TRANSPOSE_ARGS,
            Kind::MaxPool(_) | Kind::AvgPool(_) => POOL_ARGS,
            Kind::Upsample(_) => UPSAMPLE_ARGS,
            Kind::Dense => DENSE_ARGS,
            Kind::Reshape => RESHAPE_ARGS,
            Kind::BatchNorm => BATCH_NORM_ARGS,
            Kind::Dropout => DROPOUT_ARGS,
            Kind::LeakyRelu => LEAKY_RELU_ARGS,
            Kind::Flatten
            | Kind::Relu
            | Kind::Sigmoid
            | Kind::Tanh
            | Kind::Softmax
            | Kind::Residual => &[],
        }
    }

    /// The kind's spatial axes, for the kinds that have them.
    fn spatial(self) -> Option<usize> {
        match self {
            Kind::Conv(d)
            | Kind::ConvTranspose(d)
            | Kind::MaxPool(d)
            | Kind::AvgPool(d)
            | Kind::Upsample(d) => Some(d),
            _ => None,
        }
    }

    fn written(self) -> &'static str {
        KINDS
            .iter()
            .find(|k| k.2 == self)
            .expect("every kind is listed")
            .0
    }

    /// The same family with `spatial` axes, if it exists (`Conv2d` -> `Conv1d`).
    fn with_spatial(self, spatial: usize) -> Option<Kind> {
        let candidate = match self {
            Kind::Conv(_) => Kind::Conv(spatial),
            Kind::ConvTranspose(_) => Kind::ConvTranspose(spatial),
            Kind::MaxPool(_) => Kind::MaxPool(spatial),
            Kind::AvgPool(_) => Kind::AvgPool(spatial),
            Kind::Upsample(_) => Kind::Upsample(spatial),
            _ => return None,
        };
        KINDS.iter().any(|k| k.2 == candidate).then_some(candidate)
    }
}

pub fn show_shape(dims: &[usize]) -> String {
    let items: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
    format!("[{}]", items.join(", "))
}

fn count(dims: &[usize]) -> usize {
    dims.iter().product()
}

fn axis_names(spatial: usize) -> &'static [&'static str] {
    match spatial {
        1 => &["length"],
        2 => &["height", "width"],
        _ => &["depth", "height", "width"],
    }
}

fn input_form(spatial: usize) -> String {
    format!("[channels, {}]", axis_names(spatial).join(", "))
}

/// Levenshtein distance, case-insensitive, for "did you mean" suggestions.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (
        a.to_lowercase().chars().collect(),
        b.to_lowercase().chars().collect(),
    );
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut diagonal = row[0];
        row[0] = i;
        for j in 1..=b.len() {
            let above = row[j];
            row[j] = (row[j] + 1)
                .min(row[j - 1] + 1)
                .min(diagonal + usize::from(a[i - 1] != b[j - 1]));
            diagonal = above;
        }
    }
    row[b.len()]
}

fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|&(d, c)| d <= 2.max(c.len() / 4))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Floor division as Python and the shape formula mean it.
fn floor_div(a: i128, b: i128) -> i128 {
    a.div_euclid(b)
}

pub fn check(network: ast::Network) -> Result<Model, syn::Error> {
    let cx = Ctxt::default();
    let input = &network.input;
    if input.dims.len() > 4 {
        cx.error(
            &input.source,
            format!("{}: the input {} has {} axes; shapes have 1 to 4: [n], [C, L], [C, H, W] or [C, D, H, W]", network.name, show_shape(&input.dims), input.dims.len()),
            None,
        );
    }
    if let Some(axis) = input.dims.iter().position(|&d| d == 0) {
        cx.error(
            &input.source,
            format!(
                "{}: axis {axis} of the input {} is 0; every size must be at least 1",
                network.name,
                show_shape(&input.dims)
            ),
            None,
        );
    }
    let input_ok = !cx.has_errors();
    let mut walker = Walker {
        cx: &cx,
        activations: vec![input.dims.clone()],
        steps: Vec::new(),
        kind_counts: HashMap::new(),
        names: HashSet::new(),
    };
    let start = input_ok.then_some(0);
    let mut code = None;
    let end = match &network.body {
        Body::Layers(layers) => {
            if layers.is_empty() {
                cx.error(
                    &Source::new(network.name.span(), network.name.span()),
                    format!("{}: a network needs at least one layer", network.name),
                    None,
                );
            }
            walker.walk(layers, start)
        }
        Body::Autoencoder { encoder, decoder } => {
            for block in [encoder, decoder] {
                if block.layers.is_empty() {
                    let span = block.keyword.span();
                    cx.error(
                        &Source::new(span, span),
                        format!(
                            "{}: the {} needs at least one layer",
                            network.name, block.keyword
                        ),
                        None,
                    );
                }
            }
            let code_at = walker.walk(&encoder.layers, start);
            let encoder_steps = walker.steps.len();
            if let (Some(code_at), Some(last)) = (code_at, encoder.layers.last()) {
                let (code_shape, input_shape) = (&walker.activations[code_at], &input.dims);
                if count(code_shape) >= count(input_shape) {
                    cx.error(
                        &last.source,
                        format!(
                            "{}: the code {} has {} values, {} the input {} ({} values): an autoencoder needs a bottleneck",
                            walker.steps.last().map_or("encoder", |s| s.label.as_str()),
                            show_shape(code_shape),
                            count(code_shape),
                            if count(code_shape) == count(input_shape) { "as many as" } else { "more than" },
                            show_shape(input_shape),
                            count(input_shape)
                        ),
                        Some(format!("make the encoder's last layer give fewer than {} values", count(input_shape))),
                    );
                }
                code = Some((code_at, encoder_steps));
            }
            let end = walker.walk(&decoder.layers, code_at);
            if let (Some(end), Some(last)) = (end, decoder.layers.last()) {
                let (out, input_shape) = (&walker.activations[end], &input.dims);
                if out != input_shape {
                    cx.error(
                        &last.source,
                        format!(
                            "{}: the decoder ends in {} ({} values), but the input is {} ({} values); an autoencoder must end in its input's shape",
                            walker.steps.last().map_or("decoder", |s| s.label.as_str()),
                            show_shape(out),
                            count(out),
                            show_shape(input_shape),
                            count(input_shape)
                        ),
                        None,
                    );
                }
            }
            end
        }
    };
    if let (Some(end), Some(asserted)) = (end, &network.output) {
        let computed = &walker.activations[end];
        if computed != &asserted.dims {
            cx.error(
                &asserted.source,
                format!(
                    "{}: the network's output is {}, but the assertion says {}",
                    network.name,
                    show_shape(computed),
                    show_shape(&asserted.dims)
                ),
                None,
            );
        }
    }
    let Walker {
        activations, steps, ..
    } = walker;
    cx.finish()?;
    let embed = steps
        .iter()
        .rev()
        .find(|s| s.op.field().is_some())
        .map_or(0, |s| s.src);
    Ok(Model {
        attrs: network.attrs,
        vis: network.vis,
        name: network.name,
        activations,
        steps,
        code: code.filter(|_| end.is_some()),
        embed,
    })
}

struct Walker<'a> {
    cx: &'a Ctxt,
    activations: Vec<Vec<usize>>,
    steps: Vec<Step>,
    /// Layers of each kind so far, for automatic names.
    kind_counts: HashMap<&'static str, usize>,
    /// Every name so far.
    names: HashSet<String>,
}

impl Walker<'_> {
    /// Checks `layers` from activation `current` (`None` once an earlier error
    /// made the shape unknown: the layers' own arguments are still checked) and
    /// returns the activation after them.
    fn walk(&mut self, layers: &[Layer], mut current: Option<usize>) -> Option<usize> {
        for layer in layers {
            current = self.layer(layer, current);
        }
        current
    }

    fn layer(&mut self, layer: &Layer, current: Option<usize>) -> Option<usize> {
        let written = layer.kind.to_string();
        let Some(&(_, snake, kind)) = KINDS.iter().find(|k| k.0 == written) else {
            let help = nearest(&written, KINDS.iter().map(|k| k.0))
                .map(|k| format!("did you mean `{k}`?"));
            let span = layer.kind.span();
            self.cx.error(
                &Source::new(span, span),
                format!("unknown layer kind `{written}`"),
                help,
            );
            if let Some(name) = &layer.name {
                self.name(name.to_string(), layer);
            }
            return None;
        };
        let index = self.kind_counts.entry(snake).or_insert(0);
        let auto_name = format!("{snake}_{index}");
        *index += 1;
        let label = layer.name.as_ref().map_or(auto_name, Ident::to_string);
        self.name(label.clone(), layer);

        if kind == Kind::Residual {
            return self.residual(layer, &label, current);
        }
        if layer.inner.is_some() {
            self.cx.error(
                &layer.source,
                format!("{label}: only `Residual` takes a block of layers `{{ .. }}`"),
                None,
            );
            return None;
        }
        let args = self.args(layer, &label, kind);
        let input = current.map(|c| self.activations[c].clone());
        let (op, output, params, buffers, mult_adds) =
            self.op(layer, &label, kind, args?, input.as_deref())?;
        self.assert_shape(layer, &label, &output);
        Some(self.push(
            op,
            current?,
            output,
            label,
            kind.written(),
            [params, buffers, mult_adds],
        ))
    }

    fn push(
        &mut self,
        op: Op,
        src: usize,
        output: Vec<usize>,
        label: String,
        kind: &'static str,
        sizes: [usize; 3],
    ) -> usize {
        self.activations.push(output);
        let dst = self.activations.len() - 1;
        let [params, buffers, mult_adds] = sizes;
        self.steps.push(Step {
            op,
            src,
            dst,
            label,
            kind,
            params,
            buffers,
            mult_adds,
        });
        dst
    }

    fn name(&mut self, name: String, layer: &Layer) {
        if !self.names.insert(name.clone()) {
            let help = if layer.name.is_some() {
                "rename one of them: each layer with parameters becomes a field of that name"
                    .to_string()
            } else {
                format!("this unnamed layer is named `{name}` after its kind and count; give it a name of its own")
            };
            self.cx.error(
                &layer.source,
                format!("two layers are named `{name}`; layer names must be unique in the whole network, Residual blocks included"),
                Some(help),
            );
        }
    }

    fn assert_shape(&self, layer: &Layer, label: &str, output: &[usize]) {
        if let Some(asserted) = &layer.assert {
            if asserted.dims != output {
                self.cx.error(
                    &asserted.source,
                    format!(
                        "{label}: the computed shape is {}, but the assertion says {}",
                        show_shape(output),
                        show_shape(&asserted.dims)
                    ),
                    None,
                );
            }
        }
    }

    fn residual(&mut self, layer: &Layer, label: &str, current: Option<usize>) -> Option<usize> {
        let Some(inner) = &layer.inner else {
            self.cx.error(
                &layer.source,
                format!("{label}: a Residual block is written `Residual {{ layers }}`"),
                None,
            );
            return None;
        };
        if inner.is_empty() {
            self.cx.error(
                &layer.source,
                format!("{label}: a Residual block needs at least one layer"),
                None,
            );
            return None;
        }
        let end = self.walk(inner, current)?;
        let (input, output) = (&self.activations[current?], &self.activations[end]);
        if input != output {
            self.cx.error(
                &layer.source,
                format!("{label}: a Residual block must keep its input's shape, but it takes {} and gives {}", show_shape(input), show_shape(output)),
                Some("the block's output is added to its input: give its last layer the input's channels and keep the sizes (padding, stride 1)".to_string()),
            );
            return None;
        }
        let output = output.clone();
        self.assert_shape(layer, label, &output);
        Some(self.push(
            Op::Add { skip: current? },
            end,
            output,
            label.to_string(),
            "Residual",
            [0; 3],
        ))
    }

    /// Matches positional and `key = value` arguments to the kind's list.
    fn args<'l>(
        &self,
        layer: &'l Layer,
        label: &str,
        kind: Kind,
    ) -> Option<HashMap<&'static str, &'l Arg>> {
        let specs = kind.args();
        let names: Vec<&str> = specs.iter().map(|s| s.name).collect();
        let mut given: HashMap<&'static str, &Arg> = HashMap::new();
        let mut ok = true;
        let mut seen_key = false;
        for (position, arg) in layer.args.iter().enumerate() {
            let spec = match &arg.key {
                Some(key) => {
                    seen_key = true;
                    let key = key.to_string();
                    match specs.iter().find(|s| s.name == key) {
                        Some(spec) => spec,
                        None => {
                            let help = match nearest(&key, names.iter().copied()) {
                                Some(n) => format!(
                                    "did you mean `{n}`? {} takes: {}",
                                    kind.written(),
                                    describe_args(specs)
                                ),
                                None => {
                                    format!("{} takes: {}", kind.written(), describe_args(specs))
                                }
                            };
                            self.cx.error(
                                &arg.source,
                                format!("{label}: {} has no argument `{key}`", kind.written()),
                                Some(help),
                            );
                            ok = false;
                            continue;
                        }
                    }
                }
                None if seen_key => {
                    self.cx.error(
                        &arg.source,
                        format!(
                            "{label}: a positional argument cannot follow `key = value` arguments"
                        ),
                        None,
                    );
                    ok = false;
                    continue;
                }
                None => match specs.get(position) {
                    Some(spec) => spec,
                    None => {
                        let message = if specs.is_empty() {
                            format!("{label}: {} takes no arguments", kind.written())
                        } else {
                            format!(
                                "{label}: {} takes at most {} arguments ({}), found {}",
                                kind.written(),
                                specs.len(),
                                describe_args(specs),
                                layer.args.len()
                            )
                        };
                        self.cx.error(&arg.source, message, None);
                        ok = false;
                        continue;
                    }
                },
            };
            if given.insert(spec.name, arg).is_some() {
                self.cx.error(
                    &arg.source,
                    format!("{label}: argument `{}` is given twice", spec.name),
                    None,
                );
                ok = false;
            }
        }
        // After a misspelt or misplaced argument, a missing one is most likely
        // that argument: it is not reported twice.
        let arguments_ok = ok;
        for spec in specs
            .iter()
            .filter(|s| arguments_ok && s.required && !given.contains_key(s.name))
        {
            self.cx.error(
                &layer.source,
                format!(
                    "{label}: {} needs the argument `{}`",
                    kind.written(),
                    spec.name
                ),
                Some(format!(
                    "{} takes: {}",
                    kind.written(),
                    describe_args(specs)
                )),
            );
            ok = false;
        }
        for (name, arg) in &given {
            let spec = specs
                .iter()
                .find(|s| s.name == *name)
                .expect("matched above");
            let fits = matches!(
                (&arg.value, spec.ty),
                (Value::Int(_), ArgType::Int | ArgType::Axes | ArgType::Float)
                    | (Value::Tuple(_), ArgType::Axes)
                    | (Value::Float(_), ArgType::Float)
                    | (Value::Bool(_), ArgType::Bool)
                    | (Value::Shape(_), ArgType::Shape)
            );
            if !fits {
                let expected = match spec.ty {
                    ArgType::Int => "an integer",
                    ArgType::Axes => "an integer, or a tuple with one integer per axis",
                    ArgType::Bool => "`true` or `false`",
                    ArgType::Float => "a number",
                    ArgType::Shape => "a shape such as `[8, 7, 7]`",
                };
                self.cx.error(
                    &arg.source,
                    format!(
                        "{label}: `{name}` must be {expected}, found `{}`",
                        arg.value.describe()
                    ),
                    None,
                );
                ok = false;
            }
        }
        ok.then_some(given)
    }

    /// Resolves a layer's arguments against its input shape; returns the op,
    /// the output shape, and its parameters, buffers and multiply-adds.
    fn op(
        &self,
        layer: &Layer,
        label: &str,
        kind: Kind,
        args: HashMap<&'static str, &Arg>,
        input: Option<&[usize]>,
    ) -> Option<(Op, Vec<usize>, usize, usize, usize)> {
        let a = Args {
            cx: self.cx,
            label,
            args: &args,
        };
        let field = || syn::Ident::new(label, layer.name.as_ref().unwrap_or(&layer.kind).span());
        // Each arm reads and checks its arguments first, so their errors are
        // reported even when an earlier error left the input's shape unknown.
        match kind {
            Kind::Conv(d) | Kind::ConvTranspose(d) => {
                let out = a.size("out", "out channels");
                let kernel = a.axes("kernel", d, None, 1);
                let stride = a.axes("stride", d, Some(1), 1);
                let padding = a.axes("padding", d, Some(0), 0);
                let output_padding = if kind == Kind::ConvTranspose(d) {
                    a.axes("output_padding", d, Some(0), 0)
                } else {
                    Some(vec![0; d])
                };
                let bias = a.flag("bias", true);
                let (out, kernel, stride, padding, output_padding, bias) =
                    (out?, kernel?, stride?, padding?, output_padding?, bias?);
                let input = self.input_of(layer, label, kind, input)?;
                let (channels, spatial) = (input[0], &input[1..]);
                let names = axis_names(d);
                let mut sizes = Vec::new();
                let mut problems = Vec::new();
                for i in 0..d {
                    let (dim, k, s, p, op) = (
                        spatial[i],
                        kernel[i],
                        stride[i],
                        padding[i],
                        output_padding[i],
                    );
                    let size = if let Kind::Conv(_) = kind {
                        conv_output(dim, k, s, p)
                            .ok_or_else(|| window_problem("kernel", names[i], [dim, k, s, p]))
                    } else if op >= s {
                        Err((
                            format!("{}: output_padding {op} must be smaller than the stride {s}", names[i]),
                            "output padding only picks one of the sizes a strided convolution maps to the same size".to_string(),
                        ))
                    } else {
                        conv_transpose_output(dim, k, s, p, op).ok_or_else(|| {
                            let value = (dim as i128 - 1) * s as i128 - 2 * p as i128 + k as i128 + op as i128;
                            (
                                format!("{} ({dim} - 1)*{s} - 2*{p} + {k} + {op} = {value}; the output would be below 1", names[i]),
                                format!("use padding of less than {p}"),
                            )
                        })
                    };
                    match size {
                        Ok(size) => sizes.push(size),
                        Err(problem) => problems.push(problem),
                    }
                }
                if !problems.is_empty() {
                    self.report_axes(layer, label, problems);
                    return None;
                }
                let cells: usize = kernel.iter().product();
                let weights = channels * out * cells;
                let params = weights + if bias { out } else { 0 };
                let mut output = vec![out];
                output.extend(&sizes);
                let window = Window {
                    kernel,
                    stride,
                    padding,
                };
                if let Kind::Conv(_) = kind {
                    let mult_adds = count(&sizes) * weights;
                    Some((
                        Op::Conv {
                            field: field(),
                            window,
                            out,
                            bias,
                        },
                        output,
                        params,
                        0,
                        mult_adds,
                    ))
                } else {
                    let mult_adds = count(spatial) * weights;
                    Some((
                        Op::ConvTranspose {
                            field: field(),
                            window,
                            out,
                            bias,
                        },
                        output,
                        params,
                        0,
                        mult_adds,
                    ))
                }
            }
            Kind::MaxPool(d) | Kind::AvgPool(d) => {
                let kernel = a.axes("kernel", d, None, 1);
                let stride = a.axes("stride", d, Some(0), 1);
                let padding = a.axes("padding", d, Some(0), 0);
                let (kernel, stride, padding) = (kernel?, stride?, padding?);
                // The stride defaults to the window, as in PyTorch.
                let stride = if args.contains_key("stride") {
                    stride
                } else {
                    kernel.clone()
                };
                let input = self.input_of(layer, label, kind, input)?;
                let (channels, spatial) = (input[0], &input[1..]);
                let names = axis_names(d);
                let mut sizes = Vec::new();
                let mut problems = Vec::new();
                for i in 0..d {
                    let (dim, k, s, p) = (spatial[i], kernel[i], stride[i], padding[i]);
                    let size = if 2 * p > k {
                        Err((
                            format!("{}: padding {p} is more than half the window {k}; a window could then hold only padding", names[i]),
                            format!("use padding of at most {}", k / 2),
                        ))
                    } else {
                        pool_output(dim, k, s, p)
                            .ok_or_else(|| window_problem("window", names[i], [dim, k, s, p]))
                    };
                    match size {
                        Ok(size) => sizes.push(size),
                        Err(problem) => problems.push(problem),
                    }
                }
                if !problems.is_empty() {
                    self.report_axes(layer, label, problems);
                    return None;
                }
                let mut output = vec![channels];
                output.extend(&sizes);
                let max = matches!(kind, Kind::MaxPool(_));
                Some((
                    Op::Pool {
                        max,
                        window: Window {
                            kernel,
                            stride,
                            padding,
                        },
                    },
                    output,
                    0,
                    0,
                    0,
                ))
            }
            Kind::Upsample(d) => {
                let scale = a.axes("scale", d, None, 1)?;
                let input = self.input_of(layer, label, kind, input)?;
                let (channels, spatial) = (input[0], &input[1..]);
                let mut output = vec![channels];
                output.extend(spatial.iter().zip(&scale).map(|(&dim, &s)| {
                    upsample_output(dim, s).expect("sizes and scales are at least 1")
                }));
                Some((Op::Upsample { scale }, output, 0, 0, 0))
            }
            Kind::Dense => {
                let out = a.size("out", "the output width");
                let bias = a.flag("bias", true);
                let input = input?;
                if input.len() != 1 {
                    self.cx.error(
                        &layer.source,
                        format!(
                            "{label}: Dense needs a rank-1 input [n], found {}",
                            show_shape(input)
                        ),
                        Some(format!("add `Flatten` before {label}")),
                    );
                    return None;
                }
                let (out, bias, channels) = (out?, bias?, input[0]);
                let params = out * channels + if bias { out } else { 0 };
                Some((
                    Op::Dense {
                        field: field(),
                        out,
                        bias,
                    },
                    vec![out],
                    params,
                    0,
                    out * channels,
                ))
            }
            Kind::Flatten => Some((Op::Reshape, vec![count(input?)], 0, 0, 0)),
            Kind::Reshape => {
                let arg = args["shape"];
                let Value::Shape(shape) = &arg.value else {
                    unreachable!("checked by type")
                };
                if shape.dims.len() > 4 || shape.dims.contains(&0) {
                    self.cx.error(&arg.source, format!("{label}: Reshape to {} is not a shape: give 1 to 4 sizes, each at least 1", show_shape(&shape.dims)), None);
                    return None;
                }
                let input = input?;
                if count(&shape.dims) != count(input) {
                    self.cx.error(
                        &arg.source,
                        format!(
                            "{label}: Reshape to {} needs {} values, but its input {} has {}",
                            show_shape(&shape.dims),
                            count(&shape.dims),
                            show_shape(input),
                            count(input)
                        ),
                        None,
                    );
                    return None;
                }
                Some((Op::Reshape, shape.dims.clone(), 0, 0, 0))
            }
            Kind::BatchNorm => {
                let eps = a.number("eps", 1e-5, |v| v > 0.0, "must be positive");
                let momentum = a.number(
                    "momentum",
                    0.1,
                    |v| (0.0..=1.0).contains(&v),
                    "must be in [0, 1]",
                );
                let (eps, momentum, input) = (eps?, momentum?, input?);
                let channels = input[0];
                Some((
                    Op::BatchNorm {
                        field: field(),
                        eps,
                        momentum,
                    },
                    input.to_vec(),
                    2 * channels,
                    2 * channels,
                    0,
                ))
            }
            Kind::Dropout => {
                let p = a.number(
                    "p",
                    0.0,
                    |p| (0.0..1.0).contains(&p),
                    "must be in [0, 1): 0 keeps every value, 1 would keep none",
                )?;
                Some((Op::Dropout { p }, input?.to_vec(), 0, 0, 0))
            }
            Kind::LeakyRelu => {
                let slope = a.number("slope", 0.01, f64::is_finite, "must be a finite number")?;
                Some((Op::LeakyRelu { slope }, input?.to_vec(), 0, 0, 0))
            }
            Kind::Relu => Some((Op::Relu, input?.to_vec(), 0, 0, 0)),
            Kind::Sigmoid => Some((Op::Sigmoid, input?.to_vec(), 0, 0, 0)),
            Kind::Tanh => Some((Op::Tanh, input?.to_vec(), 0, 0, 0)),
            Kind::Softmax => Some((Op::Softmax, input?.to_vec(), 0, 0, 0)),
            Kind::Residual => unreachable!("handled before"),
        }
    }

    /// The input of a layer with spatial axes, if its rank fits the layer.
    fn input_of<'i>(
        &self,
        layer: &Layer,
        label: &str,
        kind: Kind,
        input: Option<&'i [usize]>,
    ) -> Option<&'i [usize]> {
        let input = input?;
        let spatial = kind.spatial().expect("only layers with spatial axes ask");
        if input.len() == spatial + 1 {
            return Some(input);
        }
        let help = match kind.with_spatial(input.len().wrapping_sub(1)) {
            Some(k) if input.len() >= 2 => Some(format!("did you mean `{}`?", k.written())),
            _ if input.len() == 1 => Some(format!(
                "add `Reshape([..])` before {label} to give the values {} axes",
                spatial + 1
            )),
            _ => None,
        };
        self.cx.error(
            &layer.source,
            format!(
                "{label}: {} needs an input of shape {}, found {}",
                kind.written(),
                input_form(spatial),
                show_shape(input)
            ),
            help,
        );
        None
    }

    /// One error for all the axes of a layer that fail, each with its
    /// arithmetic on a line of its own; the fixes follow, without repeats.
    fn report_axes(&self, layer: &Layer, label: &str, problems: Vec<(String, String)>) {
        let lines: Vec<String> = problems
            .iter()
            .map(|(line, _)| format!("{label}: {line}"))
            .collect();
        let mut helps: Vec<&str> = Vec::new();
        for (_, help) in &problems {
            if !helps.contains(&help.as_str()) {
                helps.push(help);
            }
        }
        self.cx
            .error(&layer.source, lines.join("\n"), Some(helps.join("; ")));
    }
}

/// A kernel or pooling window larger than its padded input, with the
/// arithmetic, and its fix.
fn window_problem(what: &str, axis: &str, [dim, k, s, p]: [usize; 4]) -> (String, String) {
    let numerator = dim as i128 + 2 * p as i128 - k as i128;
    let result = floor_div(numerator, s as i128) + 1;
    let padded = dim + 2 * p;
    let needed = (k - dim).div_ceil(2);
    (
        format!("{axis} ({dim} + 2*{p} - {k})/{s} + 1 = {result}; {what} {k} is larger than the padded input {padded}"),
        format!("use a {what} of at most {padded} on this axis, or padding of at least {needed}"),
    )
}

fn describe_args(specs: &[ArgSpec]) -> String {
    let names: Vec<String> = specs
        .iter()
        .map(|s| {
            if s.required {
                s.name.to_string()
            } else {
                format!("{} = ..", s.name)
            }
        })
        .collect();
    names.join(", ")
}

/// Typed access to a layer's matched arguments; each accessor reports its own
/// errors and returns `None` after one.
struct Args<'a> {
    cx: &'a Ctxt,
    label: &'a str,
    args: &'a HashMap<&'static str, &'a Arg>,
}

impl Args<'_> {
    fn integer(&self, name: &str, value: i128, arg: &Arg, min: usize, what: &str) -> Option<usize> {
        if value < min as i128 {
            self.cx.error(
                &arg.source,
                format!(
                    "{}: {what} must be at least {min}, found {value}",
                    self.label
                ),
                None,
            );
            return None;
        }
        usize::try_from(value).ok().or_else(|| {
            self.cx.error(
                &arg.source,
                format!("{}: `{name}` = {value} is too large", self.label),
                None,
            );
            None
        })
    }

    /// A size of at least 1 (channels, widths).
    fn size(&self, name: &str, what: &str) -> Option<usize> {
        let arg = self.args.get(name)?;
        let Value::Int(v) = arg.value else {
            return None;
        };
        self.integer(name, v, arg, 1, what)
    }

    /// One value per axis: a single integer for every axis, or a tuple with one
    /// per axis; `default` when absent; each at least `min`.
    fn axes(
        &self,
        name: &str,
        axes: usize,
        default: Option<usize>,
        min: usize,
    ) -> Option<Vec<usize>> {
        let Some(arg) = self.args.get(name) else {
            return Some(vec![default.expect("required arguments are present"); axes]);
        };
        let values = match &arg.value {
            Value::Int(v) => vec![*v; axes],
            Value::Tuple(values) if values.len() == axes => values.clone(),
            Value::Tuple(values) => {
                self.cx.error(
                    &arg.source,
                    format!(
                        "{}: `{name}` has {} values, but the layer has {axes} spatial axes ({})",
                        self.label,
                        values.len(),
                        axis_names(axes).join(", ")
                    ),
                    Some(format!(
                        "give one integer for every axis, or a tuple of {axes}"
                    )),
                );
                return None;
            }
            _ => return None,
        };
        let what = match name {
            "kernel" => "the kernel",
            "stride" => "the stride",
            "scale" => "the scale",
            other => other,
        };
        values
            .into_iter()
            .map(|v| self.integer(name, v, arg, min, what))
            .collect()
    }

    fn flag(&self, name: &str, default: bool) -> Option<bool> {
        match self.args.get(name) {
            None => Some(default),
            Some(Arg {
                value: Value::Bool(b),
                ..
            }) => Some(*b),
            Some(_) => None,
        }
    }

    fn number(
        &self,
        name: &str,
        default: f64,
        valid: impl Fn(f64) -> bool,
        rule: &str,
    ) -> Option<f64> {
        let Some(arg) = self.args.get(name) else {
            return Some(default);
        };
        let value = match arg.value {
            Value::Int(v) => v as f64,
            Value::Float(v) => v,
            _ => return None,
        };
        if !valid(value) {
            self.cx.error(
                &arg.source,
                format!(
                    "{}: `{name}` {rule}, found {}",
                    self.label,
                    arg.value.describe()
                ),
                None,
            );
            return None;
        }
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_find_the_nearest_name() {
        assert_eq!(nearest("Conv2D", KINDS.iter().map(|k| k.0)), Some("Conv2d"));
        assert_eq!(
            nearest("Maxpool2d", KINDS.iter().map(|k| k.0)),
            Some("MaxPool2d")
        );
        assert_eq!(
            nearest("kernal", ["out", "kernel", "stride"]),
            Some("kernel")
        );
        assert_eq!(nearest("Transformer", KINDS.iter().map(|k| k.0)), None);
    }

    #[test]
    fn floor_division_rounds_down() {
        assert_eq!(floor_div(-1, 2), -1);
        assert_eq!(floor_div(3, 2), 1);
    }
}
