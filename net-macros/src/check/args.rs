//! A layer's arguments: matched to its kind's list (positions, keys, repeats,
//! missing and mistyped values), then read with their defaults and ranges.

use crate::ast::{Arg, Layer, Value};
use crate::ctxt::Ctxt;
use crate::kinds::{ArgDefault, ArgSpec, ArgType, Row};
use crate::text::{axis_names, nearest};
use std::collections::HashMap;

/// The arguments given to one layer, by name.
pub type Given<'l> = HashMap<&'static str, &'l Arg>;

/// Matches positional and `key = value` arguments to the kind's list; `None`
/// after any error, each of which is reported.
pub fn match_args<'l>(
    cx: &Ctxt,
    layer: &'l Layer,
    label: &str,
    row: &'static Row,
) -> Option<Given<'l>> {
    let specs = row.args;
    let mut given: Given<'l> = HashMap::new();
    let mut ok = true;
    let mut seen_key = false;
    for (position, arg) in layer.args.iter().enumerate() {
        let spec = match &arg.key {
            Some(key) => {
                seen_key = true;
                match specs.iter().find(|s| *key == s.name) {
                    Some(spec) => spec,
                    None => {
                        unknown_argument(cx, arg, &key.to_string(), label, row);
                        ok = false;
                        continue;
                    }
                }
            }
            None if seen_key => {
                cx.error(
                    &arg.source,
                    format!("{label}: a positional argument cannot follow `key = value` arguments"),
                    None,
                );
                ok = false;
                continue;
            }
            None => match positional_spec(specs, position) {
                // The rest of the positional arguments are its, too.
                Some(spec) if spec.ty == ArgType::Names && given.contains_key(spec.name) => {
                    continue;
                }
                Some(spec) => spec,
                None => {
                    let positional = specs.iter().filter(|s| !s.by_key).count();
                    let message = if specs.is_empty() {
                        format!("{label}: {} takes no arguments", row.written)
                    } else {
                        let which = if positional < specs.len() {
                            " positional"
                        } else {
                            ""
                        };
                        format!(
                            "{label}: {} takes at most {positional}{which} arguments ({}), found {}",
                            row.written,
                            describe_args(specs),
                            layer.args.iter().filter(|a| a.key.is_none()).count()
                        )
                    };
                    cx.error(&arg.source, message, None);
                    ok = false;
                    continue;
                }
            },
        };
        if given.insert(spec.name, arg).is_some() {
            cx.error(
                &arg.source,
                format!("{label}: argument `{}` is given twice", spec.name),
                None,
            );
            ok = false;
        }
    }
    // After a misspelt or misplaced argument, a missing one is most likely
    // that argument: it is not reported twice.
    if ok {
        for spec in specs
            .iter()
            .filter(|s| s.required() && !given.contains_key(s.name))
        {
            cx.error(
                &layer.source,
                format!(
                    "{label}: {} needs the argument `{}`",
                    row.written, spec.name
                ),
                Some(format!("{} takes: {}", row.written, describe_args(specs))),
            );
            ok = false;
        }
    }
    for (name, arg) in &given {
        let spec = specs
            .iter()
            .find(|s| s.name == *name)
            .expect("matched above");
        if matches!(arg.value, Value::Same) && spec.name == "padding" && spec.ty == ArgType::Axes {
            cx.error(
                &arg.source,
                format!(
                    "{label}: `padding = same` is for convolutions and max pooling, not {}",
                    row.written
                ),
                Some(format!(
                    "give {} its padding as an integer, or a tuple with one integer per axis",
                    row.written
                )),
            );
            ok = false;
            continue;
        }
        if !fits(&arg.value, spec.ty) {
            let expected = match spec.ty {
                ArgType::Int => "an integer",
                ArgType::Axes => "an integer, or a tuple with one integer per axis",
                ArgType::Bool => "`true` or `false`",
                ArgType::Float => "a number",
                ArgType::Shape => "a shape such as `[8, 7, 7]`",
                ArgType::Padding => "an integer, a tuple with one integer per axis, or `same`",
                ArgType::Names => "the name of an earlier layer",
            };
            cx.error(
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

/// The spec that the argument at `position` fills: the kind's arguments in
/// order, without those given only by key; a list of names takes the rest.
fn positional_spec(specs: &'static [ArgSpec], position: usize) -> Option<&'static ArgSpec> {
    let positional: Vec<&ArgSpec> = specs.iter().filter(|s| !s.by_key).collect();
    positional.get(position).copied().or_else(|| {
        positional
            .last()
            .copied()
            .filter(|s| s.ty == ArgType::Names)
    })
}

fn fits(value: &Value, ty: ArgType) -> bool {
    matches!(
        (value, ty),
        (
            Value::Int(_),
            ArgType::Int | ArgType::Axes | ArgType::Float | ArgType::Padding
        ) | (Value::Tuple(_), ArgType::Axes | ArgType::Padding)
            | (Value::Same, ArgType::Padding)
            | (Value::Name(_), ArgType::Names)
            | (Value::Float(_), ArgType::Float)
            | (Value::Bool(_), ArgType::Bool)
            | (Value::Shape(_), ArgType::Shape)
    )
}

fn unknown_argument(cx: &Ctxt, arg: &Arg, key: &str, label: &str, row: &Row) {
    let takes = format!("{} takes: {}", row.written, describe_args(row.args));
    let help = match nearest(key, row.args.iter().map(|s| s.name)) {
        Some(near) => format!("did you mean `{near}`? {takes}"),
        None => takes,
    };
    cx.error(
        &arg.source,
        format!("{label}: {} has no argument `{key}`", row.written),
        Some(help),
    );
}

fn describe_args(specs: &[ArgSpec]) -> String {
    let names: Vec<String> = specs
        .iter()
        .map(|s| {
            if s.required() {
                s.name.to_string()
            } else {
                format!("{} = ..", s.name)
            }
        })
        .collect();
    names.join(", ")
}

/// Typed access to a layer's matched arguments, with the defaults of its
/// kind's row; each accessor reports its own errors and returns `None` after one.
pub struct Args<'a> {
    pub cx: &'a Ctxt,
    pub label: &'a str,
    pub given: &'a Given<'a>,
    pub row: &'static Row,
}

impl Args<'_> {
    pub fn is_given(&self, name: &str) -> bool {
        self.given.contains_key(name)
    }

    fn default(&self, name: &str) -> ArgDefault {
        self.row
            .args
            .iter()
            .find(|s| s.name == name)
            .expect("the rule reads only its kind's arguments")
            .default
    }

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

    /// A size of at least 1 (channels, widths, groups), or its default.
    pub fn size(&self, name: &str, what: &str) -> Option<usize> {
        let Some(arg) = self.given.get(name) else {
            return match self.default(name) {
                ArgDefault::Int(v) => Some(v),
                ArgDefault::Required
                | ArgDefault::Kernel
                | ArgDefault::Bool(_)
                | ArgDefault::Float(_) => None,
            };
        };
        let Value::Int(v) = arg.value else {
            return None;
        };
        self.integer(name, v, arg, 1, what)
    }

    /// One value per axis: a single integer for every axis, or a tuple with one
    /// per axis; each at least `min`. An absent argument takes its integer
    /// default; one whose default is the kernel is the caller's to fill in.
    pub fn axes(&self, name: &str, axes: usize, min: usize) -> Option<Vec<usize>> {
        let Some(arg) = self.given.get(name) else {
            return match self.default(name) {
                ArgDefault::Int(v) => Some(vec![v; axes]),
                ArgDefault::Required
                | ArgDefault::Kernel
                | ArgDefault::Bool(_)
                | ArgDefault::Float(_) => None,
            };
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
            Value::Float(_) | Value::Bool(_) | Value::Shape(_) | Value::Same | Value::Name(_) => {
                return None
            }
        };
        let what = match name {
            "kernel" => "the kernel",
            "stride" => "the stride",
            "scale" => "the scale",
            "dilation" => "the dilation",
            other => other,
        };
        values
            .into_iter()
            .map(|v| self.integer(name, v, arg, min, what))
            .collect()
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.given.get(name) {
            None => match self.default(name) {
                ArgDefault::Bool(b) => Some(b),
                ArgDefault::Required
                | ArgDefault::Int(_)
                | ArgDefault::Kernel
                | ArgDefault::Float(_) => None,
            },
            Some(Arg {
                value: Value::Bool(b),
                ..
            }) => Some(*b),
            Some(_) => None,
        }
    }

    /// A number that `valid` accepts (`rule` says which, for the error).
    pub fn number(&self, name: &str, valid: impl Fn(f64) -> bool, rule: &str) -> Option<f64> {
        let Some(arg) = self.given.get(name) else {
            return match self.default(name) {
                ArgDefault::Float(v) => Some(v),
                ArgDefault::Required
                | ArgDefault::Int(_)
                | ArgDefault::Kernel
                | ArgDefault::Bool(_) => None,
            };
        };
        let value = match arg.value {
            Value::Int(v) => v as f64,
            Value::Float(v) => v,
            Value::Bool(_) | Value::Tuple(_) | Value::Shape(_) | Value::Same | Value::Name(_) => {
                return None
            }
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

    /// The shape a `Reshape` is given; it is required.
    pub fn shape(&self, name: &str) -> Option<&crate::ast::Shape> {
        match &self.given.get(name)?.value {
            Value::Shape(shape) => Some(shape),
            Value::Int(_)
            | Value::Float(_)
            | Value::Bool(_)
            | Value::Tuple(_)
            | Value::Same
            | Value::Name(_) => None,
        }
    }

    /// Whether a padding argument is `same`; an absent one is not.
    pub fn is_same(&self, name: &str) -> bool {
        self.given
            .get(name)
            .is_some_and(|arg| matches!(arg.value, Value::Same))
    }

    pub fn source(&self, name: &str) -> Option<&crate::ast::Source> {
        self.given.get(name).map(|arg| &arg.source)
    }
}
