//! The training forward pass over a batch: every activation kept for the
//! backward pass, batch norm's statistics, dropout's masks, and the cut of
//! the batch into chunks that one task each takes through every layer.

use super::forward::{field, KernelCall};
use super::tokens::*;
use crate::ir::{Model, Op, Step};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

/// Whether the training passes cut the batch into chunks that one task each
/// takes through every layer (`net_core::chunks`): yes unless a layer couples the
/// samples, as batch norm's statistics and dropout's draws from one generator do.
pub fn runs_in_chunks(model: &Model) -> bool {
    !model
        .steps
        .iter()
        .any(|s| matches!(s.op, Op::BatchNorm { .. } | Op::Dropout { .. }))
}

/// Cuts batch-long data into chunks and runs `body` on each chunk in parallel
/// (`net_core::chunks`). Each part is an iterator over the chunks of one buffer and
/// the pattern that binds a chunk's piece inside `body`.
pub fn chunk_region(parts: &[(TokenStream, TokenStream)], body: &[TokenStream]) -> TokenStream {
    let (first, first_pattern) = &parts[0];
    let rest = parts[1..].iter().map(|p| &p.0);
    let pattern = parts[1..].iter().fold(
        first_pattern.clone(),
        |pattern, (_, next)| quote!((#pattern, #next)),
    );
    quote! {{
        let chunks: ::net::__private::Vec<_> = #first #(.zip(#rest))*.collect();
        ::net::__private::chunks::for_each_chunk(chunks, |#pattern| { #(#body)* });
    }}
}

/// Chunks of a batch-long buffer, read-only or writable.
pub fn chunks_of(buffer: TokenStream, writable: bool) -> TokenStream {
    if writable {
        quote!(#buffer.chunks_mut(::net::__private::chunks::chunk_samples(batch)))
    } else {
        quote!(#buffer.chunks(::net::__private::chunks::chunk_samples(batch)))
    }
}

/// One step of the training forward pass, over the batch or over one chunk of
/// it: `#x` and `#y` are batch-long buffers or a chunk's slices of them. With
/// it, the cache field (declaration and name) of what the step keeps for its
/// backward pass beyond its activations, if anything.
fn forward_batch(
    model: &Model,
    index: usize,
    step: &Step,
) -> (TokenStream, Option<(TokenStream, Ident)>) {
    let (x, y) = (act(step.input()), act(step.output));
    let y_ty = tensor_type(&model.activations[step.output]);
    let k = kernels();
    let slices = quote!(::net::__private::batch_as_slice(&#x), ::net::__private::batch_as_mut_slice(&mut #y));
    let kernel = KernelCall {
        model,
        step,
        suffix: "forward_batch",
        x: quote!(&#x),
        y: quote!(&mut #y),
        work: None,
    };
    let code = match &step.op {
        Op::Conv {
            window,
            out,
            bias,
            groups,
        } => kernel.conv("conv", window, *out, *bias, *groups),
        Op::ConvTranspose { window, out, bias } => {
            kernel.conv("conv_transpose", window, *out, *bias, 1)
        }
        Op::Pool { max, window } => kernel.pool(*max, window),
        Op::GlobalPool { max } => kernel.global_pool(*max),
        Op::Upsample { scale } => kernel.upsample(scale),
        Op::Dense { bias } => kernel.dense(*bias),
        Op::Reshape => quote! {
            for (x, y) in #x.iter().zip(#y.iter_mut()) {
                *y = ::net::reshape(x);
            }
        },
        Op::BatchNorm { eps, momentum } => {
            let (field, eps, momentum) = (field(step), f32_lit(*eps), f32_lit(*momentum));
            let stats = format_ident!("s{}", index);
            let c = lit(model.activations[step.input()][0]);
            let kept = quote!(#stats: ::net::kernels::batch_norm::BatchNormStats<#c>);
            let code = quote! {
                let #stats = #k::batch_norm::batch_norm_train(&#x, &self.#field.weight, &self.#field.bias,
                    &mut self.#field.running_mean, &mut self.#field.running_var, #momentum, #eps, &mut #y);
                self.#field.num_batches_tracked += 1;
            };
            return (code, Some((kept, stats)));
        }
        Op::Dropout { p } => {
            let p = f32_lit(*p);
            let mask = format_ident!("m{}", index);
            let mask_buffer = reused(&mask, &y_ty);
            let kept = quote!(#mask: ::net::__private::Vec<#y_ty>);
            let code = quote! {
                let mut #mask = #mask_buffer;
                #k::dropout::dropout_mask(rng, #p, ::net::__private::batch_as_mut_slice(&mut #mask));
                #k::dropout::apply_dropout_mask(::net::__private::batch_as_slice(&#x), ::net::__private::batch_as_slice(&#mask),
                    ::net::__private::batch_as_mut_slice(&mut #y));
            };
            return (code, Some((kept, mask)));
        }
        Op::Relu => quote!(#k::activation::batched(#slices, #k::activation::relu);),
        Op::Relu6 => quote!(#k::activation::batched(#slices, #k::activation::relu6);),
        Op::LeakyRelu { slope } => {
            let slope = f32_lit(*slope);
            quote!(#k::activation::batched(#slices, |x, y| #k::activation::leaky_relu(#slope, x, y));)
        }
        Op::Sigmoid => quote!(#k::activation::batched(#slices, #k::activation::sigmoid);),
        Op::Tanh => quote!(#k::activation::batched(#slices, #k::activation::tanh);),
        Op::Softmax => quote! {
            for (x, y) in #x.iter().zip(#y.iter_mut()) {
                #k::activation::softmax(x, y);
            }
        },
        Op::Add => {
            let skip = act(step.inputs[1]);
            quote!(#k::residual::add(::net::__private::batch_as_slice(&#skip), #slices);)
        }
        Op::Concat => {
            let parts = step.inputs.iter().map(|&i| act(i));
            quote!(#k::residual::concat(#x.len(), &[#(::net::__private::batch_as_slice(&#parts)),*],
                ::net::__private::batch_as_mut_slice(&mut #y));)
        }
    };
    (code, None)
}

/// The training forward pass and what it leaves in the cache.
pub struct Training {
    /// Every activation's buffer, taken from the cache.
    pub buffers: Vec<TokenStream>,
    /// The steps, whole or in chunks.
    pub pass: TokenStream,
    /// Cache fields besides the activations and gradients: batch norm's
    /// statistics (`sN`) and dropout's masks (`mN`), N the step's index.
    pub extra_fields: Vec<TokenStream>,
    pub extra_names: Vec<Ident>,
}

pub fn training(model: &Model, chunked: bool) -> Training {
    let activations = &model.activations;
    let (mut extra_fields, mut extra_names) = (Vec::new(), Vec::new());
    let steps: Vec<TokenStream> = model
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (code, kept) = forward_batch(model, i, s);
            if let Some((field, name)) = kept {
                extra_fields.push(field);
                extra_names.push(name);
            }
            code
        })
        .collect();
    let act_names: Vec<Ident> = (0..activations.len()).map(act).collect();
    let buffers = act_names
        .iter()
        .zip(activations)
        .map(|(a, shape)| {
            let buffer = reused(a, &tensor_type(shape));
            quote!(let mut #a = #buffer;)
        })
        .collect();
    // In chunks, each task copies its chunk of the input next to the
    // activations it computes from it.
    let pass = if chunked {
        let mut parts = vec![(chunks_of(quote!(xs), false), quote!(xs))];
        parts.extend(
            act_names
                .iter()
                .map(|a| (chunks_of(quote!(#a), true), quote!(mut #a))),
        );
        let mut body = vec![quote!(a0.copy_from_slice(xs);)];
        body.extend(steps);
        chunk_region(&parts, &body)
    } else {
        quote!(a0.copy_from_slice(xs); #(#steps)*)
    };
    Training {
        buffers,
        pass,
        extra_fields,
        extra_names,
    }
}
