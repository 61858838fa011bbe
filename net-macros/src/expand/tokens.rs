//! The small pieces every part of the expansion writes: literals, tensor
//! types, activation and gradient names, kernel paths and const parameters.

use crate::ir::{Model, Step, Window};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

pub fn lit(n: usize) -> Literal {
    Literal::usize_unsuffixed(n)
}

pub fn lits(ns: &[usize]) -> Vec<Literal> {
    ns.iter().map(|&n| lit(n)).collect()
}

pub fn f32_lit(v: f64) -> Literal {
    Literal::f32_suffixed(v as f32)
}

/// `::net::TensorN<dims...>`.
pub fn tensor_type(dims: &[usize]) -> TokenStream {
    let name = format_ident!("Tensor{}", dims.len());
    let dims = lits(dims);
    quote!(::net::#name<#(#dims),*>)
}

pub fn shape_slice(dims: &[usize]) -> TokenStream {
    let dims = lits(dims);
    quote!(&[#(#dims),*])
}

/// Activation `i`: one sample, or the batch's buffer in the training passes.
pub fn act(i: usize) -> Ident {
    format_ident!("a{}", i)
}

/// The gradient of activation `i`.
pub fn grad(i: usize) -> Ident {
    format_ident!("d{}", i)
}

/// `::net::kernels`, where every kernel the expansion calls lives.
pub fn kernels() -> TokenStream {
    quote!(::net::kernels)
}

/// A batch-long buffer taken from the cache's field of the same name, so that
/// training steps reuse memory instead of mapping fresh pages every time. Its
/// old values are left in place: every kernel overwrites its whole output.
pub fn reused(name: &Ident, ty: &TokenStream) -> TokenStream {
    quote! {{
        let mut buffer = ::core::mem::take(&mut cache.#name);
        buffer.truncate(batch);
        buffer.resize(batch, <#ty>::zeros());
        buffer
    }}
}

/// A kernel's name: `conv2d_forward_batch`.
pub fn kernel_fn(family: &str, dims: usize, suffix: &str) -> Ident {
    format_ident!("{}{}d_{}", family, dims, suffix)
}

/// `Some(&self.field.bias)`, or `None` for a layer without a bias.
pub fn bias_arg(field: &Ident, bias: bool) -> TokenStream {
    if bias {
        quote!(::core::option::Option::Some(&self.#field.bias))
    } else {
        quote!(::core::option::Option::None)
    }
}

/// `Some(&mut grads.field.bias)`, or `None` for a layer without a bias.
pub fn bias_grad_arg(field: &Ident, bias: bool) -> TokenStream {
    if bias {
        quote!(::core::option::Option::Some(&mut grads.#field.bias))
    } else {
        quote!(::core::option::Option::None)
    }
}

/// The kernel module and const parameters of a convolution (`family`
/// `conv`) or transposed convolution (`conv_transpose`). A convolution with
/// groups, dilation or uneven padding takes `grouped`, whose parameters add
/// the weight's input channels, the dilation and the padding after; every
/// other one takes its family's faster kernels.
pub fn conv_kernel(
    model: &Model,
    step: &Step,
    family: &str,
    window: &Window,
    out: usize,
    groups: usize,
) -> (Ident, TokenStream) {
    let (c, sizes, o) = io_consts(model, step);
    let (k, s, p) = (
        lits(&window.kernel),
        lits(&window.stride),
        lits(&window.before),
    );
    let out = lit(out);
    let plain = groups == 1 && window.dilation.iter().all(|&d| d == 1) && window.is_symmetric();
    if family == "conv" && !plain {
        let channels = model.activations[step.input()][0];
        let per_group = lit(channels / groups);
        let (d, q) = (lits(&window.dilation), lits(&window.after));
        return (
            format_ident!("grouped"),
            quote!(#c, #(#sizes,)* #out, #per_group, #(#k,)* #(#s,)* #(#d,)* #(#p,)* #(#q,)* #(#o),*),
        );
    }
    (
        format_ident!("{}", family),
        quote!(#c, #(#sizes,)* #out, #(#k,)* #(#s,)* #(#p,)* #(#o),*),
    )
}

/// The kernel and const parameters of a pooling layer: `max_pool2d_forward`
/// and its window, or where the padding differs before and after
/// (`padding = same`), `max_pool2d_padded_forward` with both.
pub fn pool_kernel(
    model: &Model,
    step: &Step,
    max: bool,
    window: &Window,
    suffix: &str,
) -> (Ident, TokenStream) {
    let (c, sizes, o) = io_consts(model, step);
    let (k, s, p) = (
        lits(&window.kernel),
        lits(&window.stride),
        lits(&window.before),
    );
    let family = if max { "max_pool" } else { "avg_pool" };
    if window.is_symmetric() {
        let f = kernel_fn(family, window.kernel.len(), suffix);
        return (f, quote!(#c, #(#sizes,)* #(#k,)* #(#s,)* #(#p,)* #(#o),*));
    }
    let f = kernel_fn(family, window.kernel.len(), &format!("padded_{suffix}"));
    let q = lits(&window.after);
    (
        f,
        quote!(#c, #(#sizes,)* #(#k,)* #(#s,)* #(#p,)* #(#q,)* #(#o),*),
    )
}

/// A step's input channels, input sizes and output sizes, as literals.
fn io_consts(model: &Model, step: &Step) -> (Literal, Vec<Literal>, Vec<Literal>) {
    let input = &model.activations[step.input()];
    let output = &model.activations[step.output];
    (lit(input[0]), lits(&input[1..]), lits(&output[1..]))
}

/// The const parameters of an upsampling kernel: channels, input sizes,
/// scales, output sizes.
pub fn upsample_consts(model: &Model, step: &Step, scale: &[usize]) -> TokenStream {
    let ((c, i, o), s) = (io_consts(model, step), lits(scale));
    quote!(#c, #(#i,)* #(#s,)* #(#o),*)
}
