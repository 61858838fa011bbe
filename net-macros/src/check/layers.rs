//! Each layer kind's shape rule: its arguments read and checked, then its
//! output shape and cost from its input's, with the arithmetic of every
//! failing axis in the error. The sizes come from `net_shape`, the same
//! `const fn`s the kernels assert with.

use super::args::{Args, Given};
use crate::ast::Layer;
use crate::ctxt::Ctxt;
use crate::ir::{Cost, Op, Param, Window};
use crate::kinds::{Kind, Rank, Role, Row};
use crate::text::{axis_names, count, input_form, show_shape};
use net_shape::{
    conv_transpose_output, pool_window_output, same_padding, upsample_output, window_output,
};

/// A layer resolved against its input.
pub struct Resolved {
    pub op: Op,
    pub output: Vec<usize>,
    pub cost: Cost,
    /// The tensors the layer has: its kind's, without a bias under `bias = false`.
    pub tensors: Vec<Param>,
}

impl Resolved {
    /// A layer without parameters.
    fn new(op: Op, output: Vec<usize>) -> Self {
        Resolved {
            op,
            output,
            cost: Cost::default(),
            tensors: Vec::new(),
        }
    }

    /// A layer without parameters that keeps its input's shape.
    fn same(op: Op, input: &[usize]) -> Self {
        Self::new(op, input.to_vec())
    }
}

/// What an axis that fails reports: its arithmetic, and the fix.
type Problem = (String, String);

/// One layer being checked.
pub struct Rule<'a> {
    pub cx: &'a Ctxt,
    pub layer: &'a Layer,
    pub label: &'a str,
    pub row: &'static Row,
    pub args: Args<'a>,
}

/// Resolves a layer of kind `row` whose arguments matched; `input` is `None`
/// when an earlier error left the input's shape unknown. Each rule reads and
/// checks its arguments first, so their errors are reported even then.
pub fn resolve(
    cx: &Ctxt,
    layer: &Layer,
    label: &str,
    row: &'static Row,
    given: &Given<'_>,
    input: Option<&[usize]>,
) -> Option<Resolved> {
    let rule = Rule {
        cx,
        layer,
        label,
        row,
        args: Args {
            cx,
            label,
            given,
            row,
        },
    };
    match row.kind {
        Kind::Conv(d) => rule.conv(d, false, input),
        Kind::ConvTranspose(d) => rule.conv(d, true, input),
        Kind::MaxPool(d) => rule.pool(d, true, input),
        Kind::AvgPool(d) => rule.pool(d, false, input),
        Kind::Upsample(d) => rule.upsample(d, input),
        Kind::Dense => rule.dense(input),
        Kind::Flatten => Some(Resolved::new(Op::Reshape, vec![count(input?)])),
        Kind::Reshape => rule.reshape(input),
        Kind::BatchNorm => rule.batch_norm(input),
        Kind::Dropout => {
            let p = rule.args.number(
                "p",
                |p| (0.0..1.0).contains(&p),
                "must be in [0, 1): 0 keeps every value, 1 would keep none",
            )?;
            Some(Resolved::same(Op::Dropout { p }, input?))
        }
        Kind::LeakyRelu => {
            let slope = rule
                .args
                .number("slope", f64::is_finite, "must be a finite number")?;
            Some(Resolved::same(Op::LeakyRelu { slope }, input?))
        }
        Kind::Relu => Some(Resolved::same(Op::Relu, input?)),
        Kind::Sigmoid => Some(Resolved::same(Op::Sigmoid, input?)),
        Kind::Tanh => Some(Resolved::same(Op::Tanh, input?)),
        Kind::Softmax => Some(Resolved::same(Op::Softmax, input?)),
        Kind::Relu6 => Some(Resolved::same(Op::Relu6, input?)),
        Kind::GlobalAvgPool => rule.global_pool(false, input),
        Kind::GlobalMaxPool => rule.global_pool(true, input),
        Kind::Concat | Kind::Add | Kind::Residual => {
            unreachable!("joins and blocks read other layers: the walker checks them")
        }
    }
}

impl Rule<'_> {
    /// A convolution, or a transposed one (which also reads `output_padding`
    /// and takes neither groups, dilation nor `same`).
    fn conv(&self, d: usize, transposed: bool, input: Option<&[usize]>) -> Option<Resolved> {
        let a = &self.args;
        let out = a.size("out", "out channels");
        let kernel = a.axes("kernel", d, 1);
        let stride = a.axes("stride", d, 1);
        let same = a.is_same("padding");
        let padding = if same {
            Some(vec![0; d])
        } else {
            a.axes("padding", d, 0)
        };
        let (output_padding, dilation, groups) = if transposed {
            (a.axes("output_padding", d, 0), Some(vec![1; d]), Some(1))
        } else {
            (
                Some(vec![0; d]),
                a.axes("dilation", d, 1),
                a.size("groups", "groups"),
            )
        };
        let bias = a.flag("bias");
        let (out, kernel, stride, padding, output_padding, dilation, groups, bias) = (
            out?,
            kernel?,
            stride?,
            padding?,
            output_padding?,
            dilation?,
            groups?,
            bias?,
        );
        let input = self.input_of(input)?;
        let label = self.label;
        if input[0] % groups != 0 || out % groups != 0 {
            self.cx.error(
                &self.layer.source,
                format!(
                    "{label}: groups = {groups} must divide the input channels {} and the output channels {out}",
                    input[0]
                ),
                Some("a depthwise convolution has groups = in = out channels".to_string()),
            );
            return None;
        }
        let names = axis_names(d);
        let (mut before, mut after) = (padding.clone(), padding);
        if same {
            for i in 0..d {
                [before[i], after[i]] =
                    same_padding(input[1 + i], kernel[i], stride[i], dilation[i]);
            }
        }
        let sizes = self.axes(d, |i| {
            let (dim, k, s, op) = (input[1 + i], kernel[i], stride[i], output_padding[i]);
            if !transposed {
                let (dil, p, q) = (dilation[i], before[i], after[i]);
                return window_output(dim, k, s, dil, p, q)
                    .ok_or_else(|| window_problem("kernel", names[i], [dim, k, s, dil, p, q]));
            }
            let p = before[i];
            if op >= s {
                return Err((
                    format!("{}: output_padding {op} must be smaller than the stride {s}", names[i]),
                    "output padding only picks one of the sizes a strided convolution maps to the same size".to_string(),
                ));
            }
            conv_transpose_output(dim, k, s, p, op).ok_or_else(|| {
                let value = (dim as i128 - 1) * s as i128 - 2 * p as i128 + k as i128 + op as i128;
                (
                    format!("{} ({dim} - 1)*{s} - 2*{p} + {k} + {op} = {value}; the output would be below 1", names[i]),
                    format!("use padding of less than {p}"),
                )
            })
        })?;
        let weights = input[0] / groups * out * count(&kernel);
        // PyTorch's layouts: each output reads its group's channels; a
        // transposed convolution's weight is indexed by input channel first.
        let weight_dims = if transposed {
            [&[input[0], out][..], &kernel].concat()
        } else {
            [&[out, input[0] / groups][..], &kernel].concat()
        };
        // Each multiply-add of a transposed convolution is per input position.
        let positions = if transposed {
            count(&input[1..])
        } else {
            count(&sizes)
        };
        let window = Window {
            kernel,
            stride,
            dilation,
            before,
            after,
        };
        let op = if transposed {
            Op::ConvTranspose { window, out, bias }
        } else {
            Op::Conv {
                window,
                out,
                bias,
                groups,
            }
        };
        Some(self.with_params(
            Resolved::new(op, [vec![out], sizes].concat()),
            Cost {
                params: weights + if bias { out } else { 0 },
                buffers: 0,
                mult_adds: positions * weights,
            },
            bias,
            weight_dims,
        ))
    }

    fn pool(&self, d: usize, max: bool, input: Option<&[usize]>) -> Option<Resolved> {
        let a = &self.args;
        let kernel = a.axes("kernel", d, 1);
        let stride = if a.is_given("stride") {
            a.axes("stride", d, 1)
        } else {
            kernel.clone()
        };
        let same = a.is_same("padding");
        let padding = if same {
            Some(vec![0; d])
        } else {
            a.axes("padding", d, 0)
        };
        let (kernel, stride, padding) = (kernel?, stride?, padding?);
        let input = self.input_of(input)?;
        let names = axis_names(d);
        let (mut before, mut after) = (padding.clone(), padding);
        if same {
            for i in 0..d {
                [before[i], after[i]] = same_padding(input[1 + i], kernel[i], stride[i], 1);
            }
        }
        let sizes = self.axes(d, |i| {
            let (dim, k, s, p, q) = (input[1 + i], kernel[i], stride[i], before[i], after[i]);
            if 2 * p.max(q) > k {
                return Err((
                    format!("{}: padding {} is more than half the window {k}; a window could then hold only padding", names[i], p.max(q)),
                    format!("use padding of at most {}", k / 2),
                ));
            }
            pool_window_output(dim, k, s, p, q)
                .ok_or_else(|| window_problem("window", names[i], [dim, k, s, 1, p, q]))
        })?;
        let window = Window {
            kernel,
            stride,
            dilation: vec![1; d],
            before,
            after,
        };
        Some(Resolved::new(
            Op::Pool { max, window },
            [vec![input[0]], sizes].concat(),
        ))
    }

    fn global_pool(&self, max: bool, input: Option<&[usize]>) -> Option<Resolved> {
        let input = self.input_of(input)?;
        Some(Resolved::new(Op::GlobalPool { max }, vec![input[0]]))
    }

    fn upsample(&self, d: usize, input: Option<&[usize]>) -> Option<Resolved> {
        let scale = self.args.axes("scale", d, 1)?;
        let input = self.input_of(input)?;
        let sizes = input[1..]
            .iter()
            .zip(&scale)
            .map(|(&dim, &s)| upsample_output(dim, s).expect("sizes and scales are at least 1"));
        let output = [input[0]].into_iter().chain(sizes).collect();
        Some(Resolved::new(Op::Upsample { scale }, output))
    }

    fn dense(&self, input: Option<&[usize]>) -> Option<Resolved> {
        let out = self.args.size("out", "the output width");
        let bias = self.args.flag("bias");
        let input = self.input_of(input)?;
        let (out, bias, width) = (out?, bias?, input[0]);
        Some(self.with_params(
            Resolved::new(Op::Dense { bias }, vec![out]),
            Cost {
                params: out * width + if bias { out } else { 0 },
                buffers: 0,
                mult_adds: out * width,
            },
            bias,
            vec![out, width],
        ))
    }

    fn reshape(&self, input: Option<&[usize]>) -> Option<Resolved> {
        let (shape, source) = (self.args.shape("shape")?, self.args.source("shape")?);
        let label = self.label;
        if shape.dims.len() > 4 || shape.dims.contains(&0) {
            self.cx.error(
                source,
                format!(
                    "{label}: Reshape to {} is not a shape: give 1 to 4 sizes, each at least 1",
                    show_shape(&shape.dims)
                ),
                None,
            );
            return None;
        }
        let input = input?;
        if count(&shape.dims) != count(input) {
            self.cx.error(
                source,
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
        Some(Resolved::new(Op::Reshape, shape.dims.clone()))
    }

    fn batch_norm(&self, input: Option<&[usize]>) -> Option<Resolved> {
        let eps = self.args.number("eps", |v| v > 0.0, "must be positive");
        let momentum = self.args.number(
            "momentum",
            |v| (0.0..=1.0).contains(&v),
            "must be in [0, 1]",
        );
        let (eps, momentum, input) = (eps?, momentum?, input?);
        let channels = input[0];
        Some(self.with_params(
            Resolved::same(Op::BatchNorm { eps, momentum }, input),
            Cost {
                params: 2 * channels,
                buffers: 2 * channels,
                mult_adds: 0,
            },
            true,
            vec![channels],
        ))
    }

    /// A layer with parameters: its cost, and its kind's tensors (the bias
    /// only if it has one) with their shapes. The trainable tensors have the
    /// shape `weight`; a bias and the buffers have one value per output channel.
    fn with_params(&self, layer: Resolved, cost: Cost, bias: bool, weight: Vec<usize>) -> Resolved {
        let channels = layer.output[0];
        let tensors = self
            .row
            .tensors
            .iter()
            .filter(|t| bias || t.role != Role::Bias)
            .map(|spec| Param {
                spec,
                dims: match spec.role {
                    Role::Trainable => weight.clone(),
                    Role::Bias | Role::Buffer => vec![channels],
                    Role::Counter => Vec::new(),
                },
            })
            .collect();
        Resolved {
            cost,
            tensors,
            ..layer
        }
    }

    /// The input, if its rank is the one the kind takes; else an error that
    /// says what would fit.
    fn input_of<'i>(&self, input: Option<&'i [usize]>) -> Option<&'i [usize]> {
        let input = input?;
        let (label, written) = (self.label, self.row.written);
        match self.row.rank {
            Rank::Any => Some(input),
            Rank::Channels if input.len() >= 2 => Some(input),
            Rank::Channels => {
                self.cx.error(
                    &self.layer.source,
                    format!(
                        "{label}: {written} needs an input [C, spatial...] with at least one spatial axis, found {}",
                        show_shape(input)
                    ),
                    Some(format!("a vector has no positions to pool: remove {label}, or pool before `Flatten`")),
                );
                None
            }
            Rank::Vector if input.len() == 1 => Some(input),
            Rank::Vector => {
                self.cx.error(
                    &self.layer.source,
                    format!(
                        "{label}: {written} needs a rank-1 input [n], found {}",
                        show_shape(input)
                    ),
                    Some(format!("add `Flatten` before {label}")),
                );
                None
            }
            Rank::Spatial(spatial) if input.len() == spatial + 1 => Some(input),
            Rank::Spatial(spatial) => {
                let help = match self.row.kind.with_spatial(input.len().wrapping_sub(1)) {
                    Some(k) if input.len() >= 2 => Some(format!("did you mean `{}`?", k.written())),
                    _ if input.len() == 1 => Some(format!(
                        "add `Reshape([..])` before {label} to give the values {} axes",
                        spatial + 1
                    )),
                    _ => None,
                };
                self.cx.error(
                    &self.layer.source,
                    format!(
                        "{label}: {written} needs an input of shape {}, found {}",
                        input_form(spatial),
                        show_shape(input)
                    ),
                    help,
                );
                None
            }
        }
    }

    /// The output size of each of `d` axes; if any fails, one error for all
    /// that fail, each with its arithmetic on a line of its own, and the
    /// fixes after them without repeats.
    fn axes(&self, d: usize, size: impl Fn(usize) -> Result<usize, Problem>) -> Option<Vec<usize>> {
        let (mut sizes, mut problems) = (Vec::new(), Vec::new());
        for axis in 0..d {
            match size(axis) {
                Ok(s) => sizes.push(s),
                Err(problem) => problems.push(problem),
            }
        }
        if problems.is_empty() {
            return Some(sizes);
        }
        let lines: Vec<String> = problems
            .iter()
            .map(|(line, _)| format!("{}: {line}", self.label))
            .collect();
        let mut helps: Vec<&str> = Vec::new();
        for (_, help) in &problems {
            if !helps.contains(&help.as_str()) {
                helps.push(help);
            }
        }
        self.cx
            .error(&self.layer.source, lines.join("\n"), Some(helps.join("; ")));
        None
    }
}

/// A kernel or pooling window larger than its padded input, with the
/// arithmetic, and its fix. The padding shows as `2*p` where it is the same
/// on both sides, the dilation only where it is not 1.
fn window_problem(what: &str, axis: &str, [dim, k, s, dil, p, q]: [usize; 6]) -> Problem {
    let span = dil * (k - 1) + 1;
    let numerator = dim as i128 + p as i128 + q as i128 - span as i128;
    let result = numerator.div_euclid(s as i128) + 1;
    let padded = dim + p + q;
    let padding = if p == q {
        format!("2*{p}")
    } else {
        format!("{p} + {q}")
    };
    let (window, subject) = if dil == 1 {
        (format!("{k}"), format!("{what} {k} is"))
    } else {
        (
            format!("{dil}*({k} - 1) - 1"),
            format!("{what} {k} dilated by {dil} spans {span}, which is"),
        )
    };
    let needed = (span - dim).div_ceil(2);
    (
        format!("{axis} ({dim} + {padding} - {window})/{s} + 1 = {result}; {subject} larger than the padded input {padded}"),
        format!("use a {what} of at most {padded} on this axis, or padding of at least {needed}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arithmetic_rounds_down_as_the_formula_does() {
        // (2 + 0 - 5) / 1 + 1 = -2; (3 + 2 - 7) / 2 + 1 = 0.
        assert!(window_problem("kernel", "height", [2, 5, 1, 1, 0, 0])
            .0
            .contains("= -2;"));
        assert!(window_problem("kernel", "width", [3, 7, 2, 1, 1, 1])
            .0
            .contains("= 0;"));
        // A 3-tap kernel dilated by 3 spans 7: (4 + 0 - 7)/1 + 1 = -2.
        let (line, _) = window_problem("kernel", "width", [4, 3, 1, 3, 0, 0]);
        assert!(
            line.contains("(4 + 2*0 - 3*(3 - 1) - 1)/1 + 1 = -2;"),
            "{line}"
        );
    }
}
