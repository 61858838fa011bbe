//! The `network!` macro: a network's architecture, checked when it compiles,
//! expanded into a plain struct with forward and backward passes.
//!
//! Three stages with a small IR between them: `parse` (the grammar to `ast`),
//! `check` (shapes and every rule, all errors collected; `ast` to a `Model`
//! carrying every shape) and `expand` (the `Model` to code).

mod ast;
mod check;
mod ctxt;
mod expand;
mod parse;

use proc_macro::TokenStream;

/// Declares a network: see the `net` crate's documentation for the grammar,
/// the layers and what is generated.
#[proc_macro]
pub fn network(input: TokenStream) -> TokenStream {
    let network = syn::parse_macro_input!(input as ast::Network);
    match check::check(network) {
        Ok(model) => expand::expand(&model).into(),
        Err(errors) => errors.to_compile_error().into(),
    }
}
