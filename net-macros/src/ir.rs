//! The checked network that `check` produces and `expand` reads: every
//! activation's shape and the steps between them, each naming the
//! activations it reads. Nothing here is computed again by `expand`.

use crate::kinds::TensorSpec;
use std::collections::HashMap;
use syn::{Attribute, Ident, Visibility};

/// A checked network: activations `a0` (the input) .. `aN`, and the steps
/// that compute each from earlier ones, in order.
#[derive(Clone)]
pub struct Model {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub name: Ident,
    /// Each activation's shape, channels first, without the batch.
    pub activations: Vec<Vec<usize>>,
    pub steps: Vec<Step>,
    /// For an autoencoder: where the encoder ends.
    pub code: Option<Code>,
    /// The activation `embed` returns: the input of the last layer with parameters.
    pub embed: usize,
    /// The checked file of `#[weights(..)]`, when the network has one.
    pub weights: Option<Embedded>,
}

/// A safetensors file compiled into the binary, found to match the model.
#[derive(Clone)]
pub struct Embedded {
    /// The file as the attribute gives it, relative to the crate.
    pub written: String,
    /// The file, as `include_bytes!` reads it.
    pub path: String,
    /// Where each tensor's bytes start in the file, by its name
    /// (`conv1.weight`); a counter the file leaves out is missing.
    pub offsets: HashMap<String, usize>,
}

impl Model {
    pub fn output(&self) -> usize {
        self.activations.len() - 1
    }

    /// The layers with parameters, in source order: the struct's fields.
    pub fn param_steps(&self) -> impl Iterator<Item = (&Step, &Ident)> {
        self.steps
            .iter()
            .filter_map(|step| Some((step, step.field.as_ref()?)))
    }
}

/// The encoder's end in an autoencoder.
#[derive(Clone, Copy)]
pub struct Code {
    /// The code's activation.
    pub activation: usize,
    /// The steps of the encoder; the rest are the decoder's.
    pub encoder_steps: usize,
}

#[derive(Clone)]
pub struct Step {
    pub op: Op,
    /// The activations the step reads: the current tensor first, then the
    /// others it joins (a residual block's input).
    pub inputs: Vec<usize>,
    /// The activation the step writes.
    pub output: usize,
    /// The layer's name: given, or its kind in snake case and its count.
    pub label: String,
    /// The kind as written (`Conv2d`), or `Residual` for a block's addition.
    pub kind: &'static str,
    /// The struct field holding the layer's tensors, for a layer that has some.
    pub field: Option<Ident>,
    /// The layer's tensors in PyTorch's `state_dict` order: its kind's, without
    /// a bias under `bias = false`.
    pub tensors: Vec<Param>,
    pub cost: Cost,
}

impl Step {
    /// The current tensor the step reads.
    pub fn input(&self) -> usize {
        self.inputs[0]
    }
}

/// One tensor of a layer with parameters.
#[derive(Clone)]
pub struct Param {
    pub spec: &'static TensorSpec,
    /// Its shape in PyTorch's layout (`[]` for a counter).
    pub dims: Vec<usize>,
}

/// What a layer's summary row counts.
#[derive(Clone, Copy, Default)]
pub struct Cost {
    /// Trainable parameters.
    pub params: usize,
    /// Values of buffers (running statistics).
    pub buffers: usize,
    pub mult_adds: usize,
}

/// A layer with its arguments resolved.
#[derive(Clone)]
pub enum Op {
    Conv {
        window: Window,
        out: usize,
        bias: bool,
        groups: usize,
    },
    ConvTranspose {
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
        bias: bool,
    },
    Reshape,
    BatchNorm {
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
    Relu6,
    /// The mean or the max over every spatial position, per channel.
    GlobalPool {
        max: bool,
    },
    /// The sum of its inputs, which have one shape.
    Add,
    /// Its inputs joined along channels, in order.
    Concat,
}

/// Kernel, stride, dilation and padding before and after, per spatial axis.
#[derive(Clone)]
pub struct Window {
    pub kernel: Vec<usize>,
    pub stride: Vec<usize>,
    pub dilation: Vec<usize>,
    pub before: Vec<usize>,
    pub after: Vec<usize>,
}

impl Window {
    /// Whether the padding is the same before and after every axis.
    pub fn is_symmetric(&self) -> bool {
        self.before == self.after
    }
}
