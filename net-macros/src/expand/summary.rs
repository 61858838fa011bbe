//! The layer table, of the layers as declared.

use super::tokens::{lit, shape_slice};
use crate::ir::Model;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub struct Summary {
    /// The `::net::Summary` value.
    pub constant: TokenStream,
    /// Trainable parameters, as PyTorch's `parameters()` counts them.
    pub num_params: Literal,
}

pub fn summary(declared: &Model) -> Summary {
    let rows: Vec<TokenStream> = declared
        .steps
        .iter()
        .map(|s| {
            let shape = shape_slice(&declared.activations[s.output]);
            let (label, kind) = (&s.label, s.kind);
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
