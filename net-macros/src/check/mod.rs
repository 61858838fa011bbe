//! Shape inference and every rule of the DSL over the parsed network. Errors
//! go to the collector and checking goes on, so one compile reports all of
//! them. The result, an `ir::Model`, carries every activation's shape, so
//! `expand` computes nothing.
//!
//! `layers` holds each kind's shape rule, `args` the matching of arguments
//! and `weights` the check of a `#[weights(..)]` file; this module walks the
//! layers, names them and checks the network as a whole.

mod args;
mod layers;
mod weights;

use crate::ast::{self, Body, Layer, Source};
use crate::ctxt::Ctxt;
use crate::ir::{Code, Cost, Model, Op, Step};
use crate::kinds::{Kind, KINDS};
use crate::text::{axis_names, count, nearest, show_shape};
use std::collections::{HashMap, HashSet};
use syn::{Attribute, Ident, Visibility};

/// A network the checks refused: every error, and what is still known of
/// it, so that the type can be declared and later uses do not fail too.
pub struct Rejected {
    pub errors: syn::Error,
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub name: Ident,
    /// The input's and output's shapes, where they are known.
    pub io: Option<(Vec<usize>, Vec<usize>)>,
    /// Whether it has `#[weights(..)]`, and so a `trained()` to declare.
    pub has_weights: bool,
}

pub fn check(network: ast::Network) -> Result<Model, Box<Rejected>> {
    let cx = Ctxt::default();
    check_input(&cx, &network);
    let input_ok = !cx.has_errors();
    let mut walker = Walker {
        cx: &cx,
        activations: vec![network.input.dims.clone()],
        steps: Vec::new(),
        kind_counts: HashMap::new(),
        names: HashSet::new(),
        declared: declared_names(&network.body),
        scopes: vec![Scope::default()],
    };
    let start = input_ok.then_some(0);
    let (end, code) = match &network.body {
        Body::Layers(layers) => {
            if layers.is_empty() {
                cx.error(
                    &Source::new(network.name.span(), network.name.span()),
                    format!("{}: a network needs at least one layer", network.name),
                    None,
                );
            }
            (walker.walk(layers, start), None)
        }
        Body::Autoencoder { encoder, decoder } => {
            walker.autoencoder(&network, encoder, decoder, start)
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
    // A file is checked against shapes that are known to be right.
    let weights = match &network.weights {
        Some(file) if !cx.has_errors() => weights::check(&cx, file, &network.name, &steps),
        _ => None,
    };
    if let Err(errors) = cx.finish() {
        let output = match (&network.output, end) {
            (Some(asserted), _) => Some(asserted.dims.clone()),
            (None, Some(end)) => Some(activations[end].clone()),
            (None, None) => None,
        };
        return Err(Box::new(Rejected {
            errors,
            io: output
                .filter(|_| input_ok)
                .map(|o| (network.input.dims.clone(), o)),
            has_weights: network.weights.is_some(),
            attrs: network.attrs,
            vis: network.vis,
            name: network.name,
        }));
    }
    let embed = steps
        .iter()
        .rev()
        .find(|s| s.field.is_some())
        .map_or(0, Step::input);
    Ok(Model {
        attrs: network.attrs,
        vis: network.vis,
        name: network.name,
        activations,
        steps,
        code,
        embed,
        weights,
    })
}

fn check_input(cx: &Ctxt, network: &ast::Network) {
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
}

/// Every name given in the body, Residual blocks and shortcuts included.
fn declared_names(body: &Body) -> HashSet<String> {
    fn add(layers: &[Layer], names: &mut HashSet<String>) {
        for layer in layers {
            if let Some(name) = &layer.name {
                names.insert(name.to_string());
            }
            for block in [&layer.inner, &layer.shortcut].into_iter().flatten() {
                add(block, names);
            }
        }
    }
    let mut names = HashSet::new();
    match body {
        Body::Layers(layers) => add(layers, &mut names),
        Body::Autoencoder { encoder, decoder } => {
            add(&encoder.layers, &mut names);
            add(&decoder.layers, &mut names);
        }
    }
    names
}

/// The named layers that a `Concat` or `Add` may read from one block: the
/// network's, a Residual's body or its shortcut.
#[derive(Default)]
struct Scope {
    /// Each name and its layer's output, in order; `None` where an error
    /// left the output unknown (a later use of the name reports nothing more).
    names: Vec<(String, Option<usize>)>,
    /// The encoder's, which the decoder may not read: a skip past the
    /// bottleneck.
    encoder: bool,
}

struct Walker<'a> {
    cx: &'a Ctxt,
    activations: Vec<Vec<usize>>,
    steps: Vec<Step>,
    /// Layers of each kind so far, for automatic names.
    kind_counts: HashMap<&'static str, usize>,
    /// Every name so far.
    names: HashSet<String>,
    /// Every name the network gives, for errors about later layers.
    declared: HashSet<String>,
    /// The blocks around the current layer, innermost last.
    scopes: Vec<Scope>,
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

    /// The encoder and the decoder, the bottleneck between them and the
    /// decoder's output shape; the end and the code, where they are known.
    fn autoencoder(
        &mut self,
        network: &ast::Network,
        encoder: &ast::Block,
        decoder: &ast::Block,
        start: Option<usize>,
    ) -> (Option<usize>, Option<Code>) {
        let cx = self.cx;
        let input = &network.input.dims;
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
        let code_at = self.walk(&encoder.layers, start);
        let encoder_steps = self.steps.len();
        // The decoder sees the encoder's names only to refuse them.
        self.scopes.last_mut().expect("the network's scope").encoder = true;
        self.scopes.push(Scope::default());
        let mut code = None;
        if let (Some(code_at), Some(last)) = (code_at, encoder.layers.last()) {
            let code_shape = &self.activations[code_at];
            if count(code_shape) >= count(input) {
                cx.error(
                    &last.source,
                    format!(
                        "{}: the code {} has {} values, {} the input {} ({} values): an autoencoder needs a bottleneck",
                        self.steps.last().map_or("encoder", |s| s.label.as_str()),
                        show_shape(code_shape),
                        count(code_shape),
                        if count(code_shape) == count(input) { "as many as" } else { "more than" },
                        show_shape(input),
                        count(input)
                    ),
                    Some(format!("make the encoder's last layer give fewer than {} values", count(input))),
                );
            }
            code = Some(Code {
                activation: code_at,
                encoder_steps,
            });
        }
        let end = self.walk(&decoder.layers, code_at);
        if let (Some(end), Some(last)) = (end, decoder.layers.last()) {
            let out = &self.activations[end];
            if out != input {
                cx.error(
                    &last.source,
                    format!(
                        "{}: the decoder ends in {} ({} values), but the input is {} ({} values); an autoencoder must end in its input's shape",
                        self.steps.last().map_or("decoder", |s| s.label.as_str()),
                        show_shape(out),
                        count(out),
                        show_shape(input),
                        count(input)
                    ),
                    None,
                );
            }
        }
        (end, code.filter(|_| end.is_some()))
    }

    fn layer(&mut self, layer: &Layer, current: Option<usize>) -> Option<usize> {
        let written = layer.kind.to_string();
        let Some(row) = Kind::find(&written) else {
            let help = nearest(&written, KINDS.iter().map(|k| k.written))
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
        let index = self.kind_counts.entry(row.snake).or_insert(0);
        let auto_name = format!("{}_{index}", row.snake);
        *index += 1;
        let label = layer.name.as_ref().map_or(auto_name, Ident::to_string);
        self.name(label.clone(), layer);

        let output = match row.kind {
            Kind::Residual => self.residual(layer, &label, current),
            Kind::Concat | Kind::Add => self.join(layer, &label, row, current),
            _ => self.simple(layer, label.clone(), row, current),
        };
        if let Some(name) = &layer.name {
            self.scopes
                .last_mut()
                .expect("the network's scope")
                .names
                .push((name.to_string(), output));
        }
        output
    }

    /// A layer that reads only the current tensor.
    fn simple(
        &mut self,
        layer: &Layer,
        label: String,
        row: &'static crate::kinds::Row,
        current: Option<usize>,
    ) -> Option<usize> {
        if layer.inner.is_some() {
            self.cx.error(
                &layer.source,
                format!("{label}: only `Residual` takes a block of layers `{{ .. }}`"),
                None,
            );
            return None;
        }
        let given = args::match_args(self.cx, layer, &label, row);
        let input = current.map(|c| self.activations[c].clone());
        let resolved = layers::resolve(self.cx, layer, &label, row, &given?, input.as_deref())?;
        self.assert_shape(layer, &label, &resolved.output);
        let field = (!resolved.tensors.is_empty())
            .then(|| Ident::new(&label, layer.name.as_ref().unwrap_or(&layer.kind).span()));
        Some(self.push(
            Step {
                op: resolved.op,
                inputs: vec![current?],
                output: 0,
                label,
                kind: row.written,
                field,
                tensors: resolved.tensors,
                cost: resolved.cost,
            },
            resolved.output,
        ))
    }

    /// Appends `step`, writing a new activation of shape `output`.
    fn push(&mut self, mut step: Step, output: Vec<usize>) -> usize {
        self.activations.push(output);
        step.output = self.activations.len() - 1;
        self.steps.push(step);
        self.activations.len() - 1
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

    /// The layers of a block, in a scope of their own.
    fn block(&mut self, layers: &[Layer], current: Option<usize>) -> Option<usize> {
        self.scopes.push(Scope::default());
        let end = self.walk(layers, current);
        self.scopes.pop();
        end
    }

    /// The output of the layer named by `arg`, if it is in scope and known;
    /// if it is not in scope, an error that says why and lists the names
    /// in scope.
    fn lookup(&self, label: &str, arg: &ast::Arg) -> Option<usize> {
        let ast::Value::Name(name) = &arg.value else {
            return None;
        };
        let wanted = name.to_string();
        let in_decoder = self.scopes.iter().any(|s| s.encoder);
        for scope in self.scopes.iter().rev() {
            if let Some((_, output)) = scope.names.iter().rev().find(|(n, _)| *n == wanted) {
                if scope.encoder && in_decoder {
                    self.cx.error(
                        &arg.source,
                        format!("{label}: `{wanted}` is in the encoder; a skip from the decoder to the encoder would bypass the bottleneck"),
                        Some("declare a plain network instead of `encoder { } decoder { }`, as a U-Net is".to_string()),
                    );
                    return None;
                }
                return *output;
            }
        }
        let visible: Vec<String> = self
            .scopes
            .iter()
            .filter(|s| !(s.encoder && in_decoder))
            .flat_map(|s| s.names.iter().map(|(n, _)| format!("`{n}`")))
            .collect();
        let in_scope = if visible.is_empty() {
            "no named layer is in scope here".to_string()
        } else {
            format!("in scope: {}", visible.join(", "))
        };
        let message = if self.declared.contains(&wanted) {
            format!("{label}: `{wanted}` is not an earlier layer of this block or of one around it: it comes later, is inside a Residual that has closed, in the other branch of this Residual, or is this Residual; {in_scope}")
        } else {
            format!("{label}: no layer is named `{wanted}`; {in_scope}")
        };
        let help = nearest(&wanted, self.declared.iter().map(String::as_str))
            .filter(|_| !self.declared.contains(&wanted))
            .map(|n| format!("did you mean `{n}`?"));
        self.cx.error(&arg.source, message, help);
        None
    }

    /// `Concat(a, ..)` or `Add(a)`: the current tensor joined with the
    /// outputs of earlier named layers.
    fn join(
        &mut self,
        layer: &Layer,
        label: &str,
        row: &'static crate::kinds::Row,
        current: Option<usize>,
    ) -> Option<usize> {
        let matched = args::match_args(self.cx, layer, label, row);
        let concat = row.kind == Kind::Concat;
        if !concat && layer.args.len() > 1 {
            self.cx.error(
                &layer.source,
                format!(
                    "{label}: Add takes the name of one earlier layer, found {}",
                    layer.args.len()
                ),
                Some("to add several, write one `Add(..)` after another".to_string()),
            );
            return None;
        }
        matched?;
        let sources: Vec<Option<usize>> =
            layer.args.iter().map(|a| self.lookup(label, a)).collect();
        let sources: Vec<usize> = sources.into_iter().collect::<Option<_>>()?;
        let current = current?;
        let input = self.activations[current].clone();
        let mut output = input.clone();
        let mut fits = true;
        for (arg, &source) in layer.args.iter().zip(&sources) {
            let (shape, name) = (&self.activations[source], arg.value.describe());
            let mismatch = if concat {
                (shape.len() != input.len() || shape[1..] != input[1..]).then(|| {
                    let axis = if shape.len() != input.len() {
                        "the number of axes".to_string()
                    } else {
                        let names = axis_names(input.len() - 1);
                        let i = (1..input.len()).find(|&i| shape[i] != input[i]).expect("an axis differs");
                        format!("the {} ({} against {})", names[i - 1], input[i], shape[i])
                    };
                    format!("{label}: Concat joins along channels, so every other axis must agree, but {axis} differs: the current tensor is {} and `{name}` is {}", show_shape(&input), show_shape(shape))
                })
            } else {
                (shape != &input).then(|| {
                    format!("{label}: Add needs one shape, but the current tensor is {} and `{name}` is {}", show_shape(&input), show_shape(shape))
                })
            };
            match mismatch {
                Some(message) => {
                    self.cx
                        .error(&arg.source, message, Some(join_help(concat).to_string()));
                    fits = false;
                }
                None if concat => output[0] += shape[0],
                None => {}
            }
        }
        if !fits {
            // A failed Add still leaves the current shape, so the layers after
            // it are checked too; a failed Concat's channel count is unknown.
            return (!concat).then_some(current);
        }
        self.assert_shape(layer, label, &output);
        Some(self.push(
            Step {
                op: if concat { Op::Concat } else { Op::Add },
                inputs: [vec![current], sources].concat(),
                output: 0,
                label: label.to_string(),
                kind: row.written,
                field: None,
                tensors: Vec::new(),
                cost: Cost::default(),
            },
            output,
        ))
    }

    /// A residual block: its layers, and its shortcut's or the identity,
    /// then a step that adds the two.
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
        let end = self.block(inner, current);
        let shortcut = match &layer.shortcut {
            Some(shortcut) if shortcut.is_empty() => {
                self.cx.error(
                    &layer.source,
                    format!("{label}: a shortcut needs at least one layer; leave it out for the identity"),
                    None,
                );
                None
            }
            Some(shortcut) => self.block(shortcut, current),
            None => current,
        };
        let (end, shortcut) = (end?, shortcut?);
        let (input, output) = (&self.activations[shortcut], &self.activations[end]);
        if input != output {
            if layer.shortcut.is_some() {
                self.cx.error(
                    &layer.source,
                    format!("{label}: a Residual's body and shortcut must give one shape, but the body gives {} and the shortcut {}", show_shape(output), show_shape(input)),
                    Some("the two are added: give the shortcut's last layer the body's channels and stride".to_string()),
                );
            } else {
                self.cx.error(
                    &layer.source,
                    format!("{label}: a Residual block must keep its input's shape, but it takes {} and gives {}", show_shape(input), show_shape(output)),
                    Some("the block's output is added to its input: give its last layer the input's channels and keep the sizes (padding, stride 1), or give the block a `shortcut { .. }` that matches them".to_string()),
                );
            }
            return None;
        }
        let output = output.clone();
        self.assert_shape(layer, label, &output);
        Some(self.push(
            Step {
                op: Op::Add,
                inputs: vec![end, shortcut],
                output: 0,
                label: label.to_string(),
                kind: Kind::Residual.written(),
                field: None,
                tensors: Vec::new(),
                cost: Cost::default(),
            },
            output,
        ))
    }
}

/// How to mend a skip whose shapes disagree.
fn join_help(concat: bool) -> &'static str {
    if concat {
        "bring both to one size first (pooling, a strided or transposed convolution, upsampling), and to one rank (Flatten or Reshape)"
    } else {
        "bring both to one shape first: a 1x1 convolution changes the channels, a strided one or pooling the size"
    }
}
