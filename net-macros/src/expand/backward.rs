//! The backward passes: `backward` (every input gradient) and
//! `backward_params` (parameter gradients only, buffers kept in the cache),
//! steps in reverse, each adding its share into the gradients of the
//! activations it read.

use super::forward::field;
use super::tokens::*;
use super::train::{chunk_region, chunks_of};
use crate::ir::{Model, Op, Step, Window};
use crate::text::count;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

/// How one backward pass is generated.
#[derive(Clone, Copy)]
struct Pass {
    /// Whether the network's own input gradient is wanted (`backward`) or
    /// not (`backward_params`: a first layer with parameters only
    /// accumulates them, one without is skipped).
    input_grad: bool,
    /// Whether the step works on one chunk: activations and gradients are the
    /// chunk's slices, and a fresh gradient is written straight into its slice.
    chunked: bool,
}

/// The kernel call that writes the gradient of a step's current input into
/// `g` (or, for the first layer of `backward_params`, only its parameter
/// gradients).
fn input_gradient(model: &Model, index: usize, step: &Step, pass: Pass) -> TokenStream {
    let (s, t) = (step.input(), step.output);
    let dy = grad(t);
    let saved = |a: Ident| {
        if pass.chunked {
            quote!(#a)
        } else {
            quote!(cache.#a)
        }
    };
    let (x, y) = (saved(act(s)), saved(act(t)));
    let k = kernels();
    let out = format_ident!("g");
    let dx_arg = if !pass.input_grad && s == 0 {
        quote!(::core::option::Option::None)
    } else {
        quote!(::core::option::Option::Some(&mut #out))
    };
    let batched = |x: &TokenStream, f: TokenStream| {
        quote!(#k::activation::batched_backward(::net::__private::batch_as_slice(&#x), ::net::__private::batch_as_slice(&#dy),
            ::net::__private::batch_as_mut_slice(&mut #out), #f);)
    };
    // `family` is `conv` or `conv_transpose`.
    let conv = |family: &str, window: &Window, out: usize, bias: bool, groups: usize| {
        let (module, consts) = conv_kernel(model, step, family, window, out, groups);
        let f = kernel_fn(family, window.kernel.len(), "backward_batch");
        let (field, db) = (field(step), bias_grad_arg(field(step), bias));
        quote!(#k::#module::#f::<#consts>(&#x, &self.#field.weight, &#dy,
            #dx_arg, &mut grads.#field.weight, #db);)
    };
    match &step.op {
        Op::Conv {
            window,
            out,
            bias,
            groups,
        } => conv("conv", window, *out, *bias, *groups),
        Op::ConvTranspose { window, out, bias } => conv("conv_transpose", window, *out, *bias, 1),
        Op::Pool { max, window } => {
            let (f, consts) = pool_kernel(model, step, *max, window, "backward_batch");
            quote!(#k::pool::#f::<#consts>(&#x, &#dy, &mut #out);)
        }
        Op::GlobalPool { max: false } => {
            quote!(#k::pool::global_avg_pool_backward_batch(&#dy, &mut #out);)
        }
        Op::GlobalPool { max: true } => {
            quote!(#k::pool::global_max_pool_backward_batch(&#x, &#dy, &mut #out);)
        }
        Op::Upsample { scale } => {
            let f = kernel_fn("upsample", scale.len(), "backward_batch");
            let consts = upsample_consts(model, step, scale);
            quote!(#k::upsample::#f::<#consts>(&#dy, &mut #out);)
        }
        Op::Dense { bias } => {
            let (field, db) = (field(step), bias_grad_arg(field(step), *bias));
            quote!(#k::dense::dense_backward_batch(&#x, &self.#field.weight, &#dy,
                #dx_arg, &mut grads.#field.weight, #db);)
        }
        Op::Reshape => quote! {
            for (dy, dx) in #dy.iter().zip(#out.iter_mut()) {
                *dx = ::net::reshape(dy);
            }
        },
        Op::BatchNorm { .. } => {
            let (field, stats) = (field(step), format_ident!("s{}", index));
            quote!(#k::batch_norm::batch_norm_backward(&#x, &self.#field.weight, &cache.#stats, &#dy,
                &mut #out, &mut grads.#field.weight, &mut grads.#field.bias);)
        }
        Op::Dropout { .. } => {
            let mask = format_ident!("m{}", index);
            quote!(#k::dropout::apply_dropout_mask(::net::__private::batch_as_slice(&#dy), ::net::__private::batch_as_slice(&cache.#mask),
                ::net::__private::batch_as_mut_slice(&mut #out));)
        }
        Op::Relu => batched(&x, quote!(#k::activation::relu_backward)),
        Op::Relu6 => batched(&x, quote!(#k::activation::relu6_backward)),
        Op::LeakyRelu { slope } => {
            let slope = f32_lit(*slope);
            batched(
                &x,
                quote!(|x, dy, dx| #k::activation::leaky_relu_backward(#slope, x, dy, dx)),
            )
        }
        Op::Sigmoid => batched(&y, quote!(#k::activation::sigmoid_backward)),
        Op::Tanh => batched(&y, quote!(#k::activation::tanh_backward)),
        Op::Softmax => quote! {
            for ((y, dy), dx) in #y.iter().zip(#dy.iter()).zip(#out.iter_mut()) {
                #k::activation::softmax_backward(y, dy, dx);
            }
        },
        Op::Add => quote!(#out.copy_from_slice(&#dy);),
        Op::Concat => {
            quote!(#k::residual::concat_backward(#dy.len(), ::net::__private::batch_as_slice(&#dy), 0,
            ::net::__private::batch_as_mut_slice(&mut #out), false);)
        }
    }
}

/// One step's share of its current input's gradient: written into a new
/// gradient (`fresh`), or added to one that a later step already began.
fn backward_step(model: &Model, index: usize, step: &Step, fresh: bool, pass: Pass) -> TokenStream {
    let s = step.input();
    let params_only = !pass.input_grad && s == 0;
    if params_only && step.field.is_none() {
        return quote!();
    }
    let compute = input_gradient(model, index, step, pass);
    if params_only && !matches!(step.op, Op::BatchNorm { .. }) {
        return compute;
    }
    let (dx, x_ty, out) = (
        grad(s),
        tensor_type(&model.activations[s]),
        format_ident!("g"),
    );
    let k = kernels();
    if pass.chunked {
        return if fresh {
            quote! {{
                let mut #out = &mut *#dx;
                #compute
            }}
        } else {
            quote! {{
                let mut #out = ::net::__private::vec![<#x_ty>::zeros(); #dx.len()];
                #compute
                #k::residual::accumulate(::net::__private::batch_as_mut_slice(&mut *#dx), ::net::__private::batch_as_slice(&#out));
            }}
        };
    }
    let buffer = if pass.input_grad || !fresh {
        quote!(::net::__private::vec![<#x_ty>::zeros(); batch])
    } else {
        reused(&dx, &x_ty)
    };
    let produce = quote! {
        let mut #out: ::net::__private::Vec<#x_ty> = #buffer;
        #compute
    };
    if fresh {
        quote! {
            let #dx = { #produce #out };
        }
    } else {
        quote! {
            let mut #dx = #dx;
            {
                #produce
                #k::residual::accumulate(::net::__private::batch_as_mut_slice(&mut #dx), ::net::__private::batch_as_slice(&#out));
            }
        }
    }
}

/// The output gradient's share of an input that a step joins to its current
/// one, added into that input's gradient (`made`) or written as it: a sum's
/// whole gradient (the same for every term), or for a concatenation the
/// piece from `offset` on, as long as a sample of the input.
fn pass_through(
    dy: &Ident,
    (dskip, skip_ty): (&Ident, TokenStream),
    concat_offset: Option<usize>,
    made: bool,
    chunked: bool,
) -> TokenStream {
    let share = |add: bool| match concat_offset {
        Some(offset) => {
            let offset = lit(offset);
            quote!(::net::kernels::residual::concat_backward(#dy.len(), ::net::__private::batch_as_slice(&#dy), #offset,
                ::net::__private::batch_as_mut_slice(&mut *#dskip), #add);)
        }
        None if add => {
            quote!(::net::kernels::residual::accumulate(::net::__private::batch_as_mut_slice(&mut *#dskip), ::net::__private::batch_as_slice(&#dy));)
        }
        None => quote!(#dskip.copy_from_slice(&#dy);),
    };
    match (made, chunked, concat_offset) {
        (true, true, _) => share(true),
        (true, false, _) => {
            let add = share(true);
            quote!(let mut #dskip = #dskip; #add)
        }
        (false, true, _) => share(false),
        (false, false, None) => quote!(let #dskip = #dy.clone();),
        (false, false, Some(_)) => {
            let write = share(false);
            quote!(let mut #dskip: ::net::__private::Vec<#skip_ty> = ::net::__private::vec![<#skip_ty>::zeros(); batch]; #write)
        }
    }
}

/// A backward pass's steps, and every gradient it binds (in order), whose
/// buffers `backward_params` puts back into the cache. A gradient is fresh
/// the first time a step makes it.
fn steps(model: &Model, pass: Pass) -> (Vec<TokenStream>, Vec<usize>) {
    let output = model.output();
    let mut made = vec![false; model.activations.len()];
    let mut bound = vec![output];
    made[output] = true;
    let mut code = Vec::new();
    for (i, step) in model.steps.iter().enumerate().rev() {
        // A step's inputs after its first are the other terms of a sum or
        // the later parts of a concatenation.
        let joined = &step.inputs[1..];
        assert!(
            joined.is_empty() || matches!(step.op, Op::Add | Op::Concat),
            "{}: only a sum or a concatenation joins several inputs",
            step.label
        );
        let mut offset = count(&model.activations[step.input()]);
        for &skip in joined {
            let concat_offset = matches!(step.op, Op::Concat).then_some(offset);
            offset += count(&model.activations[skip]);
            code.push(pass_through(
                &grad(step.output),
                (&grad(skip), tensor_type(&model.activations[skip])),
                concat_offset,
                made[skip],
                pass.chunked,
            ));
            if !made[skip] {
                bound.push(skip);
            }
            made[skip] = true;
        }
        let s = step.input();
        code.push(backward_step(model, i, step, !made[s], pass));
        let skipped = !pass.input_grad && s == 0 && !matches!(step.op, Op::BatchNorm { .. });
        if !made[s] && !skipped {
            bound.push(s);
        }
        made[s] = true;
    }
    (code, bound)
}

/// The bodies of `backward` and `backward_params`.
pub struct Backward {
    pub backward: TokenStream,
    pub backward_params: TokenStream,
}

pub fn backward(model: &Model, chunked: bool) -> Backward {
    let (input_steps, input_bound) = steps(
        model,
        Pass {
            input_grad: true,
            chunked,
        },
    );
    let (param_steps, param_bound) = steps(
        model,
        Pass {
            input_grad: false,
            chunked,
        },
    );
    let check_batch = quote! {
        let batch = cache.batch;
        assert_eq!(dys.len(), batch, "backward: {} output gradients for a batch of {}", dys.len(), batch);
    };
    let (backward, backward_params) = if chunked {
        chunked_bodies(
            model,
            (input_steps, input_bound),
            (param_steps, param_bound),
        )
    } else {
        let d_out = grad(model.output());
        let output_ty = tensor_type(&model.activations[model.output()]);
        let param_grads: Vec<Ident> = param_bound.into_iter().map(grad).collect();
        (
            quote! {
                let #d_out: ::net::__private::Vec<#output_ty> = dys.to_vec();
                #(#input_steps)*
                d0
            },
            quote! {
                let mut #d_out = ::core::mem::take(&mut cache.#d_out);
                #d_out.clear();
                #d_out.extend_from_slice(dys);
                #(#param_steps)*
                #(cache.#param_grads = #param_grads;)*
            },
        )
    };
    Backward {
        backward: quote!(#check_batch #backward),
        backward_params: quote!(#check_batch #backward_params),
    }
}

/// The passes in chunks: every gradient but the output's in a batch-long
/// buffer, and each chunk adding its parameter gradients to its own block
/// (`net_core::chunks`).
fn chunked_bodies(
    model: &Model,
    (input_steps, input_bound): (Vec<TokenStream>, Vec<usize>),
    (param_steps, param_bound): (Vec<TokenStream>, Vec<usize>),
) -> (TokenStream, TokenStream) {
    let output = model.output();
    let d_out = grad(output);
    let act_tys: Vec<TokenStream> = model.activations.iter().map(|a| tensor_type(a)).collect();
    let inner =
        |bound: Vec<usize>| -> Vec<usize> { bound.into_iter().filter(|&i| i != output).collect() };
    let (input_indices, param_indices) = (inner(input_bound), inner(param_bound));
    let input_grads: Vec<Ident> = input_indices.iter().copied().map(grad).collect();
    let param_grads: Vec<Ident> = param_indices.iter().copied().map(grad).collect();
    let region = |steps: &[TokenStream], grad_buffers: &[Ident]| {
        let mut parts = vec![(
            quote!(::net::__private::chunks::chunk_grads(
                grads,
                &mut scratch,
                batch
            )),
            quote!(grads),
        )];
        parts.extend(
            (0..model.activations.len())
                .map(act)
                .map(|a| (chunks_of(quote!(cache.#a), false), quote!(#a))),
        );
        parts.push((chunks_of(quote!(dys), false), quote!(#d_out)));
        parts.extend(
            grad_buffers
                .iter()
                .map(|d| (chunks_of(quote!(#d), true), quote!(mut #d))),
        );
        let mut body = vec![quote!(let grads = grads.into_block();)];
        body.extend(steps.iter().cloned());
        let region = chunk_region(&parts, &body);
        quote! {
            #region
            ::net::__private::chunks::add_in_chunk_order(grads, &scratch);
        }
    };
    let input_pass = region(&input_steps, &input_grads);
    let params_pass = region(&param_steps, &param_grads);
    let input_tys = input_indices.iter().map(|&i| &act_tys[i]);
    let param_buffers = param_grads
        .iter()
        .zip(&param_indices)
        .map(|(d, &i)| reused(d, &act_tys[i]));
    (
        quote! {
            #(let mut #input_grads: ::net::__private::Vec<#input_tys> = ::net::__private::vec![::net::Tensor::zeros(); batch];)*
            let mut scratch = ::net::__private::Vec::new();
            #input_pass
            d0
        },
        quote! {
            #(let mut #param_grads = #param_buffers;)*
            let mut scratch = ::core::mem::take(&mut cache.chunk_grads);
            #params_pass
            cache.chunk_grads = scratch;
            #(cache.#param_grads = #param_grads;)*
        },
    )
}
