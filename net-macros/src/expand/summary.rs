//! The layer table, of the layers as declared.

use super::tokens::{lit, shape_slice};
use crate::ir::{Model, Op, Step};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub struct Summary {
    /// The `::net::Summary` value.
    pub constant: TokenStream,
    /// Trainable parameters, as PyTorch's `parameters()` counts them.
    pub num_params: Literal,
}

/// The kind as the table shows it: with its groups and dilation where they
/// are not 1 (`Conv2d groups=8`), which the output shape does not show.
fn kind(step: &Step) -> String {
    let Op::Conv { window, groups, .. } = &step.op else {
        return step.kind.to_string();
    };
    let mut kind = step.kind.to_string();
    if *groups != 1 {
        kind += &format!(" groups={groups}");
    }
    if window.dilation.iter().any(|&d| d != 1) {
        kind += &format!(" dilation={}", axes(&window.dilation));
    }
    kind
}

/// One value per axis as the DSL writes it: `2`, or `(2, 1)`.
fn axes(values: &[usize]) -> String {
    if values.iter().all(|&v| v == values[0]) {
        return values[0].to_string();
    }
    let items: Vec<String> = values.iter().map(usize::to_string).collect();
    format!("({})", items.join(", "))
}

pub fn summary(declared: &Model) -> Summary {
    let rows: Vec<TokenStream> = declared
        .steps
        .iter()
        .map(|s| {
            let shape = shape_slice(&declared.activations[s.output]);
            let (label, kind) = (&s.label, kind(s));
            let (p, m) = (lit(s.cost.params), lit(s.cost.mult_adds));
            quote!(::net::LayerSummary { name: #label, kind: #kind, output: #shape, params: #p, mult_adds: #m })
        })
        .collect();
    let total = |cost: fn(&crate::ir::Cost) -> usize| {
        lit(declared.steps.iter().map(|s| cost(&s.cost)).sum())
    };
    let (num_params, buffers, mult_adds) = (
        total(|c| c.params),
        total(|c| c.buffers),
        total(|c| c.mult_adds),
    );
    let name = declared.name.to_string();
    let input = shape_slice(&declared.activations[0]);
    Summary {
        constant: quote! {
            ::net::Summary {
                name: #name,
                input: #input,
                layers: &[#(#rows),*],
                params: #num_params,
                buffers: #buffers,
                mult_adds: #mult_adds,
            }
        },
        num_params,
    }
}
