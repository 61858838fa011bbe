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
#[cfg(test)]
mod snapshots;

use proc_macro::TokenStream;

/// Declares a network: see the `net` crate's documentation for the grammar,
/// the layers and what is generated.
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
        Err(errors) => errors.to_compile_error(),
    }
}
