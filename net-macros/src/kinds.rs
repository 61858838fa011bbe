//! Every layer kind's facts, one row each: its name in the DSL and in snake
//! case (for automatic names), its arguments with their positions and
//! defaults, the rank of input it takes, and its tensors with their PyTorch
//! names. `check` reads arguments and ranks from here and `expand` names
//! tensors from here; what a kind computes is its shape rule in `check::layers`
//! and its code in `expand`, which match over kinds and ops exhaustively.

/// A layer kind as written, with its number of spatial axes where it has them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
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
    Relu6,
    GlobalAvgPool,
    GlobalMaxPool,
    Concat,
    Add,
    Residual,
}

/// One kind's facts.
pub struct Row {
    /// As written in the DSL: `Conv2d`.
    pub written: &'static str,
    /// For automatic names: `conv2d` gives `conv2d_0`, `conv2d_1`, ...
    pub snake: &'static str,
    pub kind: Kind,
    /// In positional order; each may also be given as `key = value`.
    pub args: &'static [ArgSpec],
    pub rank: Rank,
    /// The layer's tensors in PyTorch's `state_dict` order, as `field.name`.
    pub tensors: &'static [TensorSpec],
}

/// The input a kind takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    /// `[channels, spatial...]` with this many spatial axes.
    Spatial(usize),
    /// `[channels, spatial...]` with any number (at least one) of spatial axes.
    Channels,
    /// `[n]`.
    Vector,
    /// Any shape.
    Any,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ArgType {
    Int,
    /// One integer for every spatial axis, or a tuple of one per axis.
    Axes,
    Bool,
    Float,
    Shape,
    /// As `Axes`, or `same` (TensorFlow's padding rule).
    Padding,
    /// One or more names of earlier layers, positional: it takes every
    /// positional argument from its position on.
    Names,
}

/// An argument's value when it is not given.
#[derive(Clone, Copy, PartialEq)]
pub enum ArgDefault {
    Required,
    Int(usize),
    /// The value of the `kernel` argument (a pooling window's stride).
    Kernel,
    Bool(bool),
    Float(f64),
}

pub struct ArgSpec {
    pub name: &'static str,
    pub ty: ArgType,
    pub default: ArgDefault,
    /// Given only as `name = value`, never by position.
    pub by_key: bool,
}

impl ArgSpec {
    pub fn required(&self) -> bool {
        self.default == ArgDefault::Required
    }
}

/// What a tensor of a layer is to PyTorch and to training.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Trained, with a gradient.
    Trainable,
    /// Trained, and present only with `bias = true`.
    Bias,
    /// A buffer of f32 values (running statistics), saved but not trained.
    Buffer,
    /// An i64 buffer (batch norm's `num_batches_tracked`).
    Counter,
}

pub struct TensorSpec {
    pub name: &'static str,
    pub role: Role,
}

const fn arg(name: &'static str, ty: ArgType, default: ArgDefault) -> ArgSpec {
    ArgSpec {
        name,
        ty,
        default,
        by_key: false,
    }
}

/// An argument given only by key.
const fn keyed(name: &'static str, ty: ArgType, default: ArgDefault) -> ArgSpec {
    ArgSpec {
        by_key: true,
        ..arg(name, ty, default)
    }
}

const fn tensor(name: &'static str, role: Role) -> TensorSpec {
    TensorSpec { name, role }
}

use ArgDefault::Required;
use ArgType::{Axes, Bool, Float, Int, Names, Padding, Shape};

const CONV_ARGS: &[ArgSpec] = &[
    arg("out", Int, Required),
    arg("kernel", Axes, Required),
    arg("stride", Axes, ArgDefault::Int(1)),
    arg("padding", Padding, ArgDefault::Int(0)),
    arg("bias", Bool, ArgDefault::Bool(true)),
    keyed("dilation", Axes, ArgDefault::Int(1)),
    keyed("groups", Int, ArgDefault::Int(1)),
];
const CONV_TRANSPOSE_ARGS: &[ArgSpec] = &[
    arg("out", Int, Required),
    arg("kernel", Axes, Required),
    arg("stride", Axes, ArgDefault::Int(1)),
    arg("padding", Axes, ArgDefault::Int(0)),
    arg("output_padding", Axes, ArgDefault::Int(0)),
    arg("bias", Bool, ArgDefault::Bool(true)),
];
const MAX_POOL_ARGS: &[ArgSpec] = &[
    arg("kernel", Axes, Required),
    // As in PyTorch, the stride defaults to the window.
    arg("stride", Axes, ArgDefault::Kernel),
    arg("padding", Padding, ArgDefault::Int(0)),
];
const AVG_POOL_ARGS: &[ArgSpec] = &[
    arg("kernel", Axes, Required),
    arg("stride", Axes, ArgDefault::Kernel),
    arg("padding", Axes, ArgDefault::Int(0)),
];
const NAMES_ARGS: &[ArgSpec] = &[arg("layers", Names, Required)];
const NAME_ARGS: &[ArgSpec] = &[arg("layer", Names, Required)];
const UPSAMPLE_ARGS: &[ArgSpec] = &[arg("scale", Axes, Required)];
const DENSE_ARGS: &[ArgSpec] = &[
    arg("out", Int, Required),
    arg("bias", Bool, ArgDefault::Bool(true)),
];
const RESHAPE_ARGS: &[ArgSpec] = &[arg("shape", Shape, Required)];
const BATCH_NORM_ARGS: &[ArgSpec] = &[
    arg("eps", Float, ArgDefault::Float(1e-5)),
    arg("momentum", Float, ArgDefault::Float(0.1)),
];
const DROPOUT_ARGS: &[ArgSpec] = &[arg("p", Float, Required)];
const LEAKY_RELU_ARGS: &[ArgSpec] = &[arg("slope", Float, ArgDefault::Float(0.01))];

const WEIGHTS: &[TensorSpec] = &[
    tensor("weight", Role::Trainable),
    tensor("bias", Role::Bias),
];
const BATCH_NORM_TENSORS: &[TensorSpec] = &[
    tensor("weight", Role::Trainable),
    tensor("bias", Role::Trainable),
    tensor("running_mean", Role::Buffer),
    tensor("running_var", Role::Buffer),
    tensor("num_batches_tracked", Role::Counter),
];

const fn row(
    written: &'static str,
    snake: &'static str,
    kind: Kind,
    args: &'static [ArgSpec],
    rank: Rank,
    tensors: &'static [TensorSpec],
) -> Row {
    Row {
        written,
        snake,
        kind,
        args,
        rank,
        tensors,
    }
}

use Rank::{Any, Channels, Spatial, Vector};

/// The layer table.
#[rustfmt::skip]
pub const KINDS: &[Row] = &[
    row("Conv1d", "conv1d", Kind::Conv(1), CONV_ARGS, Spatial(1), WEIGHTS),
    row("Conv2d", "conv2d", Kind::Conv(2), CONV_ARGS, Spatial(2), WEIGHTS),
    row("Conv3d", "conv3d", Kind::Conv(3), CONV_ARGS, Spatial(3), WEIGHTS),
    row("ConvTranspose1d", "conv_transpose1d", Kind::ConvTranspose(1), CONV_TRANSPOSE_ARGS, Spatial(1), WEIGHTS),
    row("ConvTranspose2d", "conv_transpose2d", Kind::ConvTranspose(2), CONV_TRANSPOSE_ARGS, Spatial(2), WEIGHTS),
    row("MaxPool1d", "max_pool1d", Kind::MaxPool(1), MAX_POOL_ARGS, Spatial(1), &[]),
    row("MaxPool2d", "max_pool2d", Kind::MaxPool(2), MAX_POOL_ARGS, Spatial(2), &[]),
    row("MaxPool3d", "max_pool3d", Kind::MaxPool(3), MAX_POOL_ARGS, Spatial(3), &[]),
    row("AvgPool1d", "avg_pool1d", Kind::AvgPool(1), AVG_POOL_ARGS, Spatial(1), &[]),
    row("AvgPool2d", "avg_pool2d", Kind::AvgPool(2), AVG_POOL_ARGS, Spatial(2), &[]),
    row("AvgPool3d", "avg_pool3d", Kind::AvgPool(3), AVG_POOL_ARGS, Spatial(3), &[]),
    row("Upsample1d", "upsample1d", Kind::Upsample(1), UPSAMPLE_ARGS, Spatial(1), &[]),
    row("Upsample2d", "upsample2d", Kind::Upsample(2), UPSAMPLE_ARGS, Spatial(2), &[]),
    row("Dense", "dense", Kind::Dense, DENSE_ARGS, Vector, WEIGHTS),
    row("Flatten", "flatten", Kind::Flatten, &[], Any, &[]),
    row("Reshape", "reshape", Kind::Reshape, RESHAPE_ARGS, Any, &[]),
    row("BatchNorm", "batch_norm", Kind::BatchNorm, BATCH_NORM_ARGS, Any, BATCH_NORM_TENSORS),
    row("Dropout", "dropout", Kind::Dropout, DROPOUT_ARGS, Any, &[]),
    row("Relu", "relu", Kind::Relu, &[], Any, &[]),
    row("LeakyRelu", "leaky_relu", Kind::LeakyRelu, LEAKY_RELU_ARGS, Any, &[]),
    row("Sigmoid", "sigmoid", Kind::Sigmoid, &[], Any, &[]),
    row("Tanh", "tanh", Kind::Tanh, &[], Any, &[]),
    row("Softmax", "softmax", Kind::Softmax, &[], Any, &[]),
    row("Relu6", "relu6", Kind::Relu6, &[], Any, &[]),
    row("GlobalAvgPool", "global_avg_pool", Kind::GlobalAvgPool, &[], Channels, &[]),
    row("GlobalMaxPool", "global_max_pool", Kind::GlobalMaxPool, &[], Channels, &[]),
    row("Concat", "concat", Kind::Concat, NAMES_ARGS, Any, &[]),
    row("Add", "add", Kind::Add, NAME_ARGS, Any, &[]),
    row("Residual", "residual", Kind::Residual, &[], Any, &[]),
];

impl Kind {
    pub fn row(self) -> &'static Row {
        KINDS
            .iter()
            .find(|row| row.kind == self)
            .expect("every kind has a row in KINDS")
    }

    pub fn written(self) -> &'static str {
        self.row().written
    }

    /// The row of a kind written `written`, if there is one.
    pub fn find(written: &str) -> Option<&'static Row> {
        KINDS.iter().find(|row| row.written == written)
    }

    /// The same family with `spatial` axes, if it exists (`Conv2d` -> `Conv1d`).
    pub fn with_spatial(self, spatial: usize) -> Option<Kind> {
        let candidate = match self {
            Kind::Conv(_) => Kind::Conv(spatial),
            Kind::ConvTranspose(_) => Kind::ConvTranspose(spatial),
            Kind::MaxPool(_) => Kind::MaxPool(spatial),
            Kind::AvgPool(_) => Kind::AvgPool(spatial),
            Kind::Upsample(_) => Kind::Upsample(spatial),
            Kind::Dense
            | Kind::Flatten
            | Kind::Reshape
            | Kind::BatchNorm
            | Kind::Dropout
            | Kind::Relu
            | Kind::LeakyRelu
            | Kind::Sigmoid
            | Kind::Tanh
            | Kind::Softmax
            | Kind::Relu6
            | Kind::GlobalAvgPool
            | Kind::GlobalMaxPool
            | Kind::Concat
            | Kind::Add
            | Kind::Residual => return None,
        };
        KINDS
            .iter()
            .any(|row| row.kind == candidate)
            .then_some(candidate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_spatial_ranks_match_the_kind() {
        for (i, row) in KINDS.iter().enumerate() {
            for other in &KINDS[i + 1..] {
                assert!(row.written != other.written && row.snake != other.snake);
                assert!(row.kind != other.kind);
            }
            let spatial_name = ["1d", "2d", "3d"].iter().any(|d| row.written.ends_with(d));
            match row.rank {
                Rank::Spatial(d) => assert!(row.written.ends_with(&format!("{d}d"))),
                Rank::Vector | Rank::Any | Rank::Channels => {
                    assert!(!spatial_name, "{}", row.written)
                }
            }
        }
    }

    #[test]
    fn required_arguments_come_first() {
        for row in KINDS {
            let first_optional = row.args.iter().position(|a| !a.required());
            if let Some(i) = first_optional {
                assert!(
                    row.args[i..].iter().all(|a| !a.required()),
                    "{}",
                    row.written
                );
            }
        }
    }
}
