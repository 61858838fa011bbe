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

/// The const parameters of a windowed kernel: channels, input sizes, (out
/// channels,) kernel, stride, padding, output sizes.
pub fn window_consts(
    model: &Model,
    step: &Step,
    out_channels: Option<usize>,
    window: &Window,
) -> TokenStream {
    let input = &model.activations[step.input()];
    let output = &model.activations[step.output];
    let c = lit(input[0]);
    let sizes = lits(&input[1..]);
    let out = out_channels.map(|o| {
        let o = lit(o);
        quote!(#o,)
    });
    let (k, s, p) = (
        lits(&window.kernel),
        lits(&window.stride),
        lits(&window.padding),
    );
    let o = lits(&output[1..]);
    quote!(#c, #(#sizes,)* #out #(#k,)* #(#s,)* #(#p,)* #(#o),*)
}

/// The const parameters of an upsampling kernel: channels, input sizes,
/// scales, output sizes.
pub fn upsample_consts(model: &Model, step: &Step, scale: &[usize]) -> TokenStream {
    let input = &model.activations[step.input()];
    let output = &model.activations[step.output];
    let c = lit(input[0]);
    let (i, s, o) = (lits(&input[1..]), lits(scale), lits(&output[1..]));
    quote!(#c, #(#i,)* #(#s,)* #(#o),*)
}
