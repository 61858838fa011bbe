//! The `network!` macro of `net`: a network's architecture, checked when it
//! compiles, expanded into a plain struct with forward and backward passes.
//! Users reach it as `net::network!`, whose documentation is the reference of
//! the DSL.
//!
//! Three stages around a small IR, as in serde_derive and thiserror:
//! `parse` turns the grammar into `ast` (the network as written, with spans);
//! `check` infers every shape and applies every rule, collecting all errors
//! (`ctxt`), and, for `#[weights("..")]`, holds the file to the shapes
//! (`check::weights`), producing an `ir::Model`; `expand` turns the model
//! into code.
//! `kinds` is the layer table both `check` and `expand` read, and the output
//! sizes come from `net_shape`, the `const fn`s the kernels assert with.
//!
//! # Adding a layer kind
//!
//! In this order. Once the `Kind` variant exists, the compiler lists every
//! place in this crate that must handle it (steps 4 and 5): each `match` over
//! kinds and ops is exhaustive.
//! 1. a `Kind` variant and its row in `kinds::KINDS`: its DSL and snake-case
//!    names, its arguments with positions and defaults, the rank of input it
//!    takes, and its tensors with their PyTorch names and roles;
//! 2. its output-size rule as a `const fn` in `net-shape`, if it computes one;
//! 3. the kernels in `net-kernels`, forward and backward, with their proptests
//!    against a naive loop and finite differences;
//! 4. its shape rule in `check::layers::resolve`, which returns an `ir::Op`
//!    variant (add one if the kind computes something new) and, for a kind
//!    with parameters, its weight's shape in PyTorch's layout (`with_params`),
//!    which the struct's types and `#[weights]`' check both read;
//! 5. the code for that op: `expand::forward` (one sample; a method of
//!    `KernelCall` for a kind with a kernel of its own), `expand::train` (a
//!    batch, and what the cache keeps), `expand::backward`, and, for a kind
//!    with parameters, `expand::tensors::block` (its block types and the
//!    fan-in of its initialisation);
//! 6. trybuild cases under `tests/ui/network` for each new rejection, with the
//!    `.stderr` committed, and a look at the expansion snapshots
//!    (`NET_UPDATE_SNAPSHOTS=1 cargo test -p net-macros`).

mod ast;
mod check;
mod ctxt;
mod expand;
mod ir;
mod kinds;
mod parse;
mod plan;
#[cfg(test)]
mod snapshots;
mod text;

use proc_macro::TokenStream;

#[doc = include_str!("network.md")]
#[proc_macro]
pub fn network(input: TokenStream) -> TokenStream {
    generate(input.into()).into()
}

/// The whole macro on `proc_macro2` tokens, so that tests can run it.
fn generate(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let network = match syn::parse2::<ast::Network>(input) {
        Ok(network) => network,
        Err(error) => return error.to_compile_error(),
    };
    match check::check(network) {
        Ok(model) => expand::expand(&model),
        Err(rejected) => expand::fallback(&rejected),
    }
}
