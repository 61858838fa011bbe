//! A checked `Model` to tokens: the struct, its gradients and cache, the
//! `Network` impl with straight-line forward and backward passes, and the
//! inherent helpers. Everything here reads sizes from the model; nothing is
//! computed again.

use crate::check::{Model, Op, Step};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

fn lit(n: usize) -> Literal {
    Literal::usize_unsuffixed(n)
}

fn lits(ns: &[usize]) -> Vec<Literal> {
    ns.iter().map(|&n| lit(n)).collect()
}

fn f32_lit(v: f64) -> Literal {
    Literal::f32_suffixed(v as f32)
}

fn tensor_type(dims: &[usize]) -> TokenStream {
    let name = format_ident!("Tensor{}", dims.len());
    let dims = lits(dims);
    quote!(::net::#name<#(#dims),*>)
}

fn shape_slice(dims: &[usize]) -> TokenStream {
    let dims = lits(dims);
    quote!(&[#(#dims),*])
}

fn act(i: usize) -> Ident {
    format_ident!("a{}", i)
}

fn grad(i: usize) -> Ident {
    format_ident!("d{}", i)
}

/// The layer's parameter block and gradient block types.
fn param_types(model: &Model, step: &Step) -> Option<(TokenStream, TokenStream)> {
    let input = &model.activations[step.src];
    let channels = input[0];
    let weights = |weight: TokenStream, out: usize, bias: bool| {
        let ty = if bias {
            let out = lit(out);
            quote!(::net::Weights<#weight, #out>)
        } else {
            quote!(::net::WeightsNoBias<#weight>)
        };
        (ty.clone(), ty)
    };
    match &step.op {
        Op::Conv {
            window, out, bias, ..
        } => {
            let mut dims = vec![*out, channels];
            dims.extend(&window.kernel);
            Some(weights(tensor_type(&dims), *out, *bias))
        }
        Op::ConvTranspose {
            window, out, bias, ..
        } => {
            let mut dims = vec![channels, *out];
            dims.extend(&window.kernel);
            Some(weights(tensor_type(&dims), *out, *bias))
        }
        Op::Dense { out, bias, .. } => Some(weights(tensor_type(&[*out, channels]), *out, *bias)),
        Op::BatchNorm { .. } => {
            let c = lit(channels);
            Some((
                quote!(::net::BatchNormState<#c>),
                quote!(::net::BatchNormGrads<#c>),
            ))
        }
        _ => None,
    }
}

/// The const parameters of a windowed kernel: channels, input sizes, (out
/// channels,) kernel, stride, padding, output sizes.
fn window_consts(
    model: &Model,
    step: &Step,
    out_channels: Option<usize>,
    window: &crate::check::Window,
) -> TokenStream {
    let input = &model.activations[step.src];
    let output = &model.activations[step.dst];
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

/// A batch-long buffer taken from the cache's field of the same name, so that
/// training steps reuse memory instead of mapping fresh pages every time. Its
/// old values are left in place: every kernel overwrites its whole output.
fn reused(name: &Ident, ty: &TokenStream) -> TokenStream {
    quote! {{
        let mut buffer = ::core::mem::take(&mut cache.#name);
        buffer.truncate(batch);
        buffer.resize(batch, <#ty>::zeros());
        buffer
    }}
}

fn kernel_fn(family: &str, dims: usize, suffix: &str) -> Ident {
    format_ident!("{}{}d_{}", family, dims, suffix)
}

fn bias_arg(field: &Ident, bias: bool) -> TokenStream {
    if bias {
        quote!(::core::option::Option::Some(&self.#field.bias))
    } else {
        quote!(::core::option::Option::None)
    }
}

/// The kernel call of a layer with a kernel of its own (convolutions, pooling,
/// upsampling, dense), for one sample (`suffix` "forward") or a batch
/// ("forward_batch"): both take the same arguments.
fn forward_kernel(model: &Model, step: &Step, suffix: &str) -> Option<TokenStream> {
    let (x, y) = (act(step.src), act(step.dst));
    let k = quote!(::net::kernels);
    Some(match &step.op {
        Op::Conv {
            field,
            window,
            out,
            bias,
        }
        | Op::ConvTranspose {
            field,
            window,
            out,
            bias,
        } => {
            let (module, family) = match step.op {
                Op::Conv { .. } => (quote!(conv), "conv"),
                _ => (quote!(conv_transpose), "conv_transpose"),
            };
            let f = kernel_fn(family, window.kernel.len(), suffix);
            let consts = window_consts(model, step, Some(*out), window);
            let b = bias_arg(field, *bias);
            quote!(#k::#module::#f::<#consts>(&#x, &self.#field.weight, #b, &mut #y);)
        }
        Op::Pool { max, window } => {
            let f = kernel_fn(
                if *max { "max_pool" } else { "avg_pool" },
                window.kernel.len(),
                suffix,
            );
            let consts = window_consts(model, step, None, window);
            quote!(#k::pool::#f::<#consts>(&#x, &mut #y);)
        }
        Op::Upsample { scale } => {
            let f = kernel_fn("upsample", scale.len(), suffix);
            let consts = upsample_consts(model, step, scale);
            quote!(#k::upsample::#f::<#consts>(&#x, &mut #y);)
        }
        Op::Dense { field, bias, .. } => {
            let f = format_ident!("dense_{}", suffix);
            let b = bias_arg(field, *bias);
            quote!(#k::dense::#f(&#x, &self.#field.weight, #b, &mut #y);)
        }
        _ => return None,
    })
}

/// The model as the generated code computes it. A ReLU whose output only a
/// max pool reads runs after the pool, on a quarter of the values for 2x2
/// windows, in training as in inference: the max of ReLUs is the ReLU of the
/// max, and the gradients agree too (a window whose max is positive sends its
/// gradient to the same first maximum either way; any other window sends
/// none through the ReLU). Activation indices stay: the one between the two
/// steps holds the pooled values before the ReLU. The summary shows the
/// layers as declared.
fn pool_before_relu(declared: &Model) -> Model {
    let mut model = declared.clone();
    let read_by_others = |model: &Model, activation: usize, reader: usize| {
        model.steps.iter().enumerate().any(|(i, s)| {
            i != reader
                && (s.src == activation || matches!(s.op, Op::Add { skip } if skip == activation))
        })
    };
    for i in 1..model.steps.len() {
        let (relu, pool) = (&model.steps[i - 1], &model.steps[i]);
        let between = relu.dst;
        if matches!(relu.op, Op::Relu)
            && matches!(pool.op, Op::Pool { max: true, .. })
            && pool.src == between
            && !read_by_others(&model, between, i)
            && model.embed != between
            && model.code.is_none_or(|(code, _)| code != between)
        {
            let pooled = Step {
                src: relu.src,
                dst: between,
                ..pool.clone()
            };
            let relu = Step {
                src: between,
                dst: pool.dst,
                ..relu.clone()
            };
            model.activations[between] = model.activations[pool.dst].clone();
            model.steps[i - 1] = pooled;
            model.steps[i] = relu;
        }
    }
    model
}

/// One step of inference on a single sample.
fn forward_one(model: &Model, step: &Step) -> TokenStream {
    let (x, y) = (act(step.src), act(step.dst));
    let y_ty = tensor_type(&model.activations[step.dst]);
    let k = quote!(::net::kernels);
    let call = match forward_kernel(model, step, "forward") {
        Some(call) => call,
        None => match &step.op {
            Op::Reshape => return quote!(let #y: #y_ty = ::net::reshape(&#x);),
            Op::BatchNorm { field, eps, .. } => {
                let eps = f32_lit(*eps);
                quote!(#k::batch_norm::batch_norm_infer(&#x, &self.#field.weight, &self.#field.bias,
                &self.#field.running_mean, &self.#field.running_var, #eps, &mut #y);)
            }
            Op::Dropout { .. } => return quote!(let #y: #y_ty = #x;),
            Op::Relu => quote!(#k::activation::relu(#x.as_slice(), #y.as_mut_slice());),
            Op::LeakyRelu { slope } => {
                let slope = f32_lit(*slope);
                quote!(#k::activation::leaky_relu(#slope, #x.as_slice(), #y.as_mut_slice());)
            }
            Op::Sigmoid => quote!(#k::activation::sigmoid(#x.as_slice(), #y.as_mut_slice());),
            Op::Tanh => quote!(#k::activation::tanh(#x.as_slice(), #y.as_mut_slice());),
            Op::Softmax => quote!(#k::activation::softmax(&#x, &mut #y);),
            Op::Add { skip } => {
                let skip = act(*skip);
                quote!(#k::residual::add(#skip.as_slice(), #x.as_slice(), #y.as_mut_slice());)
            }
            Op::Conv { .. }
            | Op::ConvTranspose { .. }
            | Op::Pool { .. }
            | Op::Upsample { .. }
            | Op::Dense { .. } => {
                unreachable!("these have kernels")
            }
        },
    };
    quote! {
        let mut #y = <#y_ty>::zeros();
        #call
    }
}

fn upsample_consts(model: &Model, step: &Step, scale: &[usize]) -> TokenStream {
    let input = &model.activations[step.src];
    let output = &model.activations[step.dst];
    let c = lit(input[0]);
    let (i, s, o) = (lits(&input[1..]), lits(scale), lits(&output[1..]));
    quote!(#c, #(#i,)* #(#s,)* #(#o),*)
}

/// Whether the training passes cut the batch into chunks that one task each
/// takes through every layer (`net::chunks`): yes unless a layer couples the
/// samples, as batch norm's statistics and dropout's draws from one generator do.
fn runs_in_chunks(model: &Model) -> bool {
    !model
        .steps
        .iter()
        .any(|s| matches!(s.op, Op::BatchNorm { .. } | Op::Dropout { .. }))
}

/// One step of the training forward pass, over the batch or over one chunk of
/// it: `#x` and `#y` are batch-long buffers or a chunk's slices of them.
fn forward_batch(model: &Model, index: usize, step: &Step) -> TokenStream {
    let (x, y) = (act(step.src), act(step.dst));
    let y_ty = tensor_type(&model.activations[step.dst]);
    let k = quote!(::net::kernels);
    let slices = quote!(::net::batch_as_slice(&#x), ::net::batch_as_mut_slice(&mut #y));
    match forward_kernel(model, step, "forward_batch") {
        Some(call) => call,
        None => match &step.op {
            Op::Reshape => quote! {
                for (x, y) in #x.iter().zip(#y.iter_mut()) {
                    *y = ::net::reshape(x);
                }
            },
            Op::BatchNorm {
                field,
                eps,
                momentum,
            } => {
                let (eps, momentum) = (f32_lit(*eps), f32_lit(*momentum));
                let stats = format_ident!("s{}", index);
                quote! {
                    let #stats = #k::batch_norm::batch_norm_train(&#x, &self.#field.weight, &self.#field.bias,
                        &mut self.#field.running_mean, &mut self.#field.running_var, #momentum, #eps, &mut #y);
                    self.#field.num_batches_tracked += 1;
                }
            }
            Op::Dropout { p } => {
                let p = f32_lit(*p);
                let mask = format_ident!("m{}", index);
                let mask_buffer = reused(&mask, &y_ty);
                quote! {
                    let mut #mask = #mask_buffer;
                    #k::dropout::dropout_mask(rng, #p, ::net::batch_as_mut_slice(&mut #mask));
                    #k::dropout::apply_dropout_mask(::net::batch_as_slice(&#x), ::net::batch_as_slice(&#mask),
                        ::net::batch_as_mut_slice(&mut #y));
                }
            }
            Op::Relu => quote!(#k::activation::batched(#slices, #k::activation::relu);),
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
            Op::Add { skip } => {
                let skip = act(*skip);
                quote!(#k::residual::add(::net::batch_as_slice(&#skip), #slices);)
            }
            Op::Conv { .. }
            | Op::ConvTranspose { .. }
            | Op::Pool { .. }
            | Op::Upsample { .. }
            | Op::Dense { .. } => {
                unreachable!("these have kernels")
            }
        },
    }
}

/// One step of the backward pass: the gradient of the step's input from the
/// gradient of its output. `fresh` says whether the input's gradient is new
/// (else it already holds the gradient through a residual connection and the
/// step's share is added to it).
/// With `input_grad` false, the network's own input gradient is not wanted:
/// a first layer with parameters only accumulates them, one without is skipped.
/// With `chunked`, the step works on one chunk: activations and gradients are
/// the chunk's slices, and a fresh gradient is written straight into its slice.
fn backward_batch(
    model: &Model,
    index: usize,
    step: &Step,
    fresh: bool,
    input_grad: bool,
    chunked: bool,
) -> TokenStream {
    let (s, t) = (step.src, step.dst);
    let (dy, dx) = (grad(t), grad(s));
    let saved = |a: Ident| {
        if chunked {
            quote!(#a)
        } else {
            quote!(cache.#a)
        }
    };
    let (x, y) = (saved(act(s)), saved(act(t)));
    let x_ty = tensor_type(&model.activations[s]);
    let k = quote!(::net::kernels);
    let out = format_ident!("g");
    let params_only = !input_grad && s == 0;
    if params_only && step.op.field().is_none() {
        return quote!();
    }
    let dx_arg = if params_only {
        quote!(::core::option::Option::None)
    } else {
        quote!(::core::option::Option::Some(&mut #out))
    };
    let compute = match &step.op {
        Op::Conv {
            field,
            window,
            out: oc,
            bias,
        }
        | Op::ConvTranspose {
            field,
            window,
            out: oc,
            bias,
        } => {
            let (module, family) = match step.op {
                Op::Conv { .. } => (quote!(conv), "conv"),
                _ => (quote!(conv_transpose), "conv_transpose"),
            };
            let f = kernel_fn(family, window.kernel.len(), "backward_batch");
            let consts = window_consts(model, step, Some(*oc), window);
            let db = if *bias {
                quote!(::core::option::Option::Some(&mut grads.#field.bias))
            } else {
                quote!(::core::option::Option::None)
            };
            quote!(#k::#module::#f::<#consts>(&#x, &self.#field.weight, &#dy,
                #dx_arg, &mut grads.#field.weight, #db);)
        }
        Op::Pool { max, window } => {
            let f = kernel_fn(
                if *max { "max_pool" } else { "avg_pool" },
                window.kernel.len(),
                "backward_batch",
            );
            let consts = window_consts(model, step, None, window);
            quote!(#k::pool::#f::<#consts>(&#x, &#dy, &mut #out);)
        }
        Op::Upsample { scale } => {
            let f = kernel_fn("upsample", scale.len(), "backward_batch");
            let consts = upsample_consts(model, step, scale);
            quote!(#k::upsample::#f::<#consts>(&#dy, &mut #out);)
        }
        Op::Dense { field, bias, .. } => {
            let db = if *bias {
                quote!(::core::option::Option::Some(&mut grads.#field.bias))
            } else {
                quote!(::core::option::Option::None)
            };
            quote!(#k::dense::dense_backward_batch(&#x, &self.#field.weight, &#dy,
                #dx_arg, &mut grads.#field.weight, #db);)
        }
        Op::Reshape => quote! {
            for (dy, dx) in #dy.iter().zip(#out.iter_mut()) {
                *dx = ::net::reshape(dy);
            }
        },
        Op::BatchNorm { field, .. } => {
            let stats = format_ident!("s{}", index);
            quote!(#k::batch_norm::batch_norm_backward(&#x, &self.#field.weight, &cache.#stats, &#dy,
                &mut #out, &mut grads.#field.weight, &mut grads.#field.bias);)
        }
        Op::Dropout { .. } => {
            let mask = format_ident!("m{}", index);
            quote!(#k::dropout::apply_dropout_mask(::net::batch_as_slice(&#dy), ::net::batch_as_slice(&cache.#mask),
                ::net::batch_as_mut_slice(&mut #out));)
        }
        Op::Relu => {
            quote!(#k::activation::batched_backward(::net::batch_as_slice(&#x), ::net::batch_as_slice(&#dy),
            ::net::batch_as_mut_slice(&mut #out), #k::activation::relu_backward);)
        }
        Op::LeakyRelu { slope } => {
            let slope = f32_lit(*slope);
            quote!(#k::activation::batched_backward(::net::batch_as_slice(&#x), ::net::batch_as_slice(&#dy),
                ::net::batch_as_mut_slice(&mut #out), |x, dy, dx| #k::activation::leaky_relu_backward(#slope, x, dy, dx));)
        }
        Op::Sigmoid => {
            quote!(#k::activation::batched_backward(::net::batch_as_slice(&#y), ::net::batch_as_slice(&#dy),
            ::net::batch_as_mut_slice(&mut #out), #k::activation::sigmoid_backward);)
        }
        Op::Tanh => {
            quote!(#k::activation::batched_backward(::net::batch_as_slice(&#y), ::net::batch_as_slice(&#dy),
            ::net::batch_as_mut_slice(&mut #out), #k::activation::tanh_backward);)
        }
        Op::Softmax => quote! {
            for ((y, dy), dx) in #y.iter().zip(#dy.iter()).zip(#out.iter_mut()) {
                #k::activation::softmax_backward(y, dy, dx);
            }
        },
        Op::Add { .. } => quote!(#out.copy_from_slice(&#dy);),
    };
    if params_only && !matches!(step.op, Op::BatchNorm { .. }) {
        return compute;
    }
    if chunked {
        return if fresh {
            quote! {{
                let mut #out = &mut *#dx;
                #compute
            }}
        } else {
            quote! {{
                let mut #out = ::std::vec![<#x_ty>::zeros(); #dx.len()];
                #compute
                #k::residual::accumulate(::net::batch_as_mut_slice(&mut *#dx), ::net::batch_as_slice(&#out));
            }}
        };
    }
    let buffer = if input_grad || !fresh {
        quote!(::std::vec![<#x_ty>::zeros(); batch])
    } else {
        reused(&dx, &x_ty)
    };
    let produce = quote! {
        let mut #out: ::std::vec::Vec<#x_ty> = #buffer;
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
                #k::residual::accumulate(::net::batch_as_mut_slice(&mut #dx), ::net::batch_as_slice(&#out));
            }
        }
    }
}

/// Cuts batch-long data into chunks and runs `body` on each chunk in parallel
/// (`net::chunks`). Each part is an iterator over the chunks of one buffer and
/// the pattern that binds a chunk's piece inside `body`.
fn chunk_region(parts: &[(TokenStream, TokenStream)], body: &[TokenStream]) -> TokenStream {
    let (first, first_pattern) = &parts[0];
    let rest = parts[1..].iter().map(|p| &p.0);
    let pattern = parts[1..].iter().fold(
        first_pattern.clone(),
        |pattern, (_, next)| quote!((#pattern, #next)),
    );
    quote! {{
        let chunks: ::std::vec::Vec<_> = #first #(.zip(#rest))*.collect();
        ::net::chunks::for_each_chunk(chunks, |#pattern| { #(#body)* });
    }}
}

/// Chunks of a batch-long buffer, read-only or writable.
fn chunks_of(buffer: TokenStream, writable: bool) -> TokenStream {
    if writable {
        quote!(#buffer.chunks_mut(::net::chunks::chunk_samples(batch)))
    } else {
        quote!(#buffer.chunks(::net::chunks::chunk_samples(batch)))
    }
}

/// `impl NamedTensors for #ty`, from the statements that visit each tensor.
fn named_tensors(ty: &Ident, visit: &[TokenStream], visit_mut: &[TokenStream]) -> TokenStream {
    quote! {
        impl ::net::NamedTensors for #ty {
            fn visit<'a>(&'a self, f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorData<'a>)) {
                let _ = &f;
                #(#visit)*
            }
            fn visit_mut(&mut self, f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorDataMut<'_>)) {
                let _ = &f;
                #(#visit_mut)*
            }
        }
    }
}

pub fn expand(declared: &Model) -> TokenStream {
    let computed = pool_before_relu(declared);
    let model = &computed;
    let Model {
        attrs,
        vis,
        name,
        activations,
        steps,
        ..
    } = model;
    let grads_name = format_ident!("{}Grads", name);
    let cache_name = format_ident!("{}Cache", name);
    let input_ty = tensor_type(&activations[0]);
    let output = model.output();
    let output_ty = tensor_type(&activations[output]);
    let out_act = act(output);

    // Fields: one per layer with parameters, in source order.
    let param_steps: Vec<(&Step, &Ident, TokenStream, TokenStream)> = steps
        .iter()
        .filter_map(|s| {
            let (p, g) = param_types(model, s)?;
            Some((s, s.op.field()?, p, g))
        })
        .collect();
    let fields: Vec<&Ident> = param_steps.iter().map(|p| p.1).collect();
    let field_tys: Vec<&TokenStream> = param_steps.iter().map(|p| &p.2).collect();
    let grad_tys: Vec<&TokenStream> = param_steps.iter().map(|p| &p.3).collect();

    // Initialisation in source order: weight then bias, PyTorch's bounds.
    let init: Vec<TokenStream> = param_steps
        .iter()
        .map(|(step, field, _, _)| {
            let input = &activations[step.src];
            let fan_in = match &step.op {
                Op::Conv { window, .. } => input[0] * window.kernel.iter().product::<usize>(),
                Op::ConvTranspose { window, out, .. } => out * window.kernel.iter().product::<usize>(),
                Op::Dense { .. } => input[0],
                _ => return quote!(model.#field = ::core::default::Default::default();),
            };
            let fan_in = lit(fan_in);
            let bias = match &step.op {
                Op::Conv { bias: true, .. } | Op::ConvTranspose { bias: true, .. } | Op::Dense { bias: true, .. } => {
                    quote!(::net::params::init_uniform(&mut rng, model.#field.bias.as_mut_slice(), bound);)
                }
                _ => quote!(),
            };
            quote! {
                let bound = ::net::params::default_init_bound(#fan_in);
                ::net::params::init_uniform(&mut rng, model.#field.weight.as_mut_slice(), bound);
                #bias
            }
        })
        .collect();

    // Named tensors, in PyTorch's state_dict order.
    let mut visit_model = Vec::new();
    let mut visit_model_mut = Vec::new();
    let mut visit_grads = Vec::new();
    let mut visit_grads_mut = Vec::new();
    let mut visit_pairs = Vec::new();
    for (step, field, _, _) in &param_steps {
        let trainable: &[&str] = match &step.op {
            Op::Conv { bias: false, .. }
            | Op::ConvTranspose { bias: false, .. }
            | Op::Dense { bias: false, .. } => &["weight"],
            _ => &["weight", "bias"],
        };
        for tensor in trainable {
            let t = format_ident!("{}", tensor);
            let full = format!("{field}.{tensor}");
            for (list, owner) in [
                (&mut visit_model, quote!(self)),
                (&mut visit_grads, quote!(self)),
            ] {
                list.push(quote!(f(#full, ::net::Tensor::shape(&#owner.#field.#t), ::net::TensorData::F32(#owner.#field.#t.as_slice()));));
            }
            for list in [&mut visit_model_mut, &mut visit_grads_mut] {
                list.push(quote!(f(#full, ::net::Tensor::shape(&self.#field.#t), ::net::TensorDataMut::F32(self.#field.#t.as_mut_slice()));));
            }
            visit_pairs
                .push(quote!(f(#full, self.#field.#t.as_mut_slice(), grads.#field.#t.as_slice());));
        }
        if let Op::BatchNorm { .. } = step.op {
            for tensor in ["running_mean", "running_var"] {
                let t = format_ident!("{}", tensor);
                let full = format!("{field}.{tensor}");
                visit_model.push(quote!(f(#full, ::net::Tensor::shape(&self.#field.#t), ::net::TensorData::F32(self.#field.#t.as_slice()));));
                visit_model_mut.push(quote!(f(#full, ::net::Tensor::shape(&self.#field.#t), ::net::TensorDataMut::F32(self.#field.#t.as_mut_slice()));));
            }
            let full = format!("{field}.num_batches_tracked");
            visit_model.push(quote!(f(#full, &[], ::net::TensorData::I64(::core::slice::from_ref(&self.#field.num_batches_tracked)));));
            visit_model_mut.push(quote!(f(#full, &[], ::net::TensorDataMut::I64(::core::slice::from_mut(&mut self.#field.num_batches_tracked)));));
        }
    }

    let model_tensors = named_tensors(name, &visit_model, &visit_model_mut);
    let grads_tensors = named_tensors(&grads_name, &visit_grads, &visit_grads_mut);

    // Forward passes.
    let forward_range = |range: std::ops::Range<usize>| -> Vec<TokenStream> {
        steps[range].iter().map(|s| forward_one(model, s)).collect()
    };
    let forward_all = forward_range(0..steps.len());
    let embed_at = model.embed;
    let embed_steps = forward_range(0..steps.iter().take_while(|s| s.dst <= embed_at).count());
    let embed_ty = tensor_type(&activations[embed_at]);
    let embed_act = act(embed_at);

    let chunked = runs_in_chunks(model);
    let train_steps: Vec<TokenStream> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| forward_batch(model, i, s))
        .collect();
    let act_names: Vec<Ident> = (0..activations.len()).map(act).collect();
    let act_tys: Vec<TokenStream> = activations.iter().map(|a| tensor_type(a)).collect();
    let act_buffers = act_names.iter().zip(&act_tys).map(|(a, ty)| {
        let buffer = reused(a, ty);
        quote!(let mut #a = #buffer;)
    });
    // In chunks, each task copies its chunk of the input next to the
    // activations it computes from it.
    let train_pass = if chunked {
        let mut parts = vec![(chunks_of(quote!(xs), false), quote!(xs))];
        parts.extend(
            act_names
                .iter()
                .map(|a| (chunks_of(quote!(#a), true), quote!(mut #a))),
        );
        let mut body = vec![quote!(a0.copy_from_slice(xs);)];
        body.extend(train_steps);
        chunk_region(&parts, &body)
    } else {
        quote!(a0.copy_from_slice(xs); #(#train_steps)*)
    };
    let mut cache_extra_fields = Vec::new();
    let mut cache_extra_names = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        match &step.op {
            Op::BatchNorm { .. } => {
                let c = lit(activations[step.src][0]);
                let s = format_ident!("s{}", i);
                cache_extra_fields.push(quote!(#s: ::net::kernels::batch_norm::BatchNormStats<#c>));
                cache_extra_names.push(s);
            }
            Op::Dropout { .. } => {
                let m = format_ident!("m{}", i);
                let ty = tensor_type(&activations[step.src]);
                cache_extra_fields.push(quote!(#m: ::std::vec::Vec<#ty>));
                cache_extra_names.push(m);
            }
            _ => {}
        }
    }

    // Backward: steps in reverse; a gradient is fresh the first time it is made.
    // Returns the steps and, for `backward_params`, every gradient it binds,
    // whose buffers go back into the cache for the next step.
    let backward_pass = |input_grad: bool| -> (Vec<TokenStream>, Vec<usize>) {
        let mut made = vec![false; activations.len()];
        let mut bound = vec![output];
        made[output] = true;
        let mut backward_steps = Vec::new();
        for (i, step) in steps.iter().enumerate().rev() {
            if let Op::Add { skip } = step.op {
                let (dy, dskip) = (grad(step.dst), grad(skip));
                let accumulate = quote!(::net::kernels::residual::accumulate(::net::batch_as_mut_slice(&mut *#dskip), ::net::batch_as_slice(&#dy)););
                backward_steps.push(match (made[skip], chunked) {
                    (true, true) => accumulate,
                    (true, false) => quote!(let mut #dskip = #dskip; #accumulate),
                    (false, true) => quote!(#dskip.copy_from_slice(&#dy);),
                    (false, false) => quote!(let #dskip = #dy.clone();),
                });
                if !made[skip] {
                    bound.push(skip);
                }
                made[skip] = true;
            }
            backward_steps.push(backward_batch(
                model,
                i,
                step,
                !made[step.src],
                input_grad,
                chunked,
            ));
            let skipped = !input_grad && step.src == 0 && !matches!(step.op, Op::BatchNorm { .. });
            if !made[step.src] && !skipped {
                bound.push(step.src);
            }
            made[step.src] = true;
        }
        (backward_steps, bound)
    };
    let (backward_steps, input_pass_grads) = backward_pass(true);
    let (backward_param_steps, param_grads) = backward_pass(false);
    let grad_names: Vec<Ident> = (0..activations.len()).map(grad).collect();
    let d_out = grad(output);
    let check_batch = quote! {
        let batch = cache.batch;
        assert_eq!(dys.len(), batch, "backward: {} output gradients for a batch of {}", dys.len(), batch);
    };
    let (backward_body, backward_params_body) = if chunked {
        // Every gradient but the output's in a batch-long buffer; each chunk
        // adds its parameter gradients to its own block (`net::chunks`).
        let inner = |bound: Vec<usize>| -> Vec<usize> {
            bound.into_iter().filter(|&i| i != output).collect()
        };
        let (input_indices, param_indices) = (inner(input_pass_grads), inner(param_grads));
        let input_grads: Vec<Ident> = input_indices.iter().copied().map(grad).collect();
        let param_grads: Vec<Ident> = param_indices.iter().copied().map(grad).collect();
        let region = |steps: &[TokenStream], grad_buffers: &[Ident]| {
            let mut parts = vec![(
                quote!(::net::chunks::chunk_grads(grads, &mut scratch, batch)),
                quote!(grads),
            )];
            parts.extend(
                act_names
                    .iter()
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
                ::net::chunks::add_in_chunk_order(grads, &scratch);
            }
        };
        let input_pass = region(&backward_steps, &input_grads);
        let params_pass = region(&backward_param_steps, &param_grads);
        let input_tys = input_indices.iter().map(|&i| &act_tys[i]);
        let param_buffers = param_grads
            .iter()
            .zip(&param_indices)
            .map(|(d, &i)| reused(d, &act_tys[i]));
        (
            quote! {
                #check_batch
                #(let mut #input_grads: ::std::vec::Vec<#input_tys> = ::std::vec![::net::Tensor::zeros(); batch];)*
                let mut scratch = ::std::vec::Vec::new();
                #input_pass
                d0
            },
            quote! {
                #check_batch
                #(let mut #param_grads = #param_buffers;)*
                let mut scratch = ::core::mem::take(&mut cache.chunk_grads);
                #params_pass
                cache.chunk_grads = scratch;
                #(cache.#param_grads = #param_grads;)*
            },
        )
    } else {
        let param_grads: Vec<Ident> = param_grads.into_iter().map(grad).collect();
        (
            quote! {
                #check_batch
                let #d_out: ::std::vec::Vec<#output_ty> = dys.to_vec();
                #(#backward_steps)*
                d0
            },
            quote! {
                #check_batch
                let mut #d_out = ::core::mem::take(&mut cache.#d_out);
                #d_out.clear();
                #d_out.extend_from_slice(dys);
                #(#backward_param_steps)*
                #(cache.#param_grads = #param_grads;)*
            },
        )
    };
    let chunk_grads_field =
        chunked.then(|| quote!(chunk_grads: ::std::vec::Vec<::std::boxed::Box<#grads_name>>,));

    // Summary, of the layers as declared.
    let rows: Vec<TokenStream> = declared
        .steps
        .iter()
        .map(|s| {
            let shape = shape_slice(&declared.activations[s.dst]);
            let (label, kind) = (&s.label, s.kind);
            let (p, m) = (lit(s.params), lit(s.mult_adds));
            quote!(::net::LayerSummary { name: #label, kind: #kind, output: #shape, params: #p, mult_adds: #m })
        })
        .collect();
    let num_params = lit(declared.steps.iter().map(|s| s.params).sum());
    let buffers = lit(declared.steps.iter().map(|s| s.buffers).sum());
    let mult_adds = lit(declared.steps.iter().map(|s| s.mult_adds).sum());
    let name_str = name.to_string();
    let input_shape = shape_slice(&activations[0]);
    let output_shape = shape_slice(&activations[output]);

    let autoencoder = model.code.map(|(code, encoder_steps)| {
        let code_ty = tensor_type(&activations[code]);
        let code_shape = shape_slice(&activations[code]);
        let encode = forward_range(0..encoder_steps);
        let decode = forward_range(encoder_steps..steps.len());
        let code_act = act(code);
        quote! {
            impl ::net::Autoencoder for #name {
                type Code = #code_ty;
                const CODE_SHAPE: &'static [usize] = #code_shape;
                #[allow(unused_mut, clippy::let_and_return)]
                fn encode(&self, x: &#input_ty) -> #code_ty {
                    let a0 = *x;
                    #(#encode)*
                    #code_act
                }
                #[allow(unused_mut, clippy::let_and_return)]
                fn decode(&self, z: &#code_ty) -> #input_ty {
                    let #code_act = *z;
                    #(#decode)*
                    #out_act
                }
            }
        }
    });

    let zeroable_check = (!fields.is_empty()).then(|| {
        quote! {
            const _: fn() = || {
                fn assert_zeroable<T: ::net::Zeroable>() {}
                #(assert_zeroable::<#field_tys>(); assert_zeroable::<#grad_tys>();)*
            };
        }
    });
    let grads_doc = format!("Gradients of [`{name}`]'s trainable parameters, in the same fields.");
    let cache_doc = format!("What [`{name}`]'s training forward pass keeps for its backward pass.");
    quote! {
        #(#attrs)*
        #[derive(Clone, Debug, PartialEq)]
        #vis struct #name {
            #(
                #[doc = concat!("Parameters of layer `", stringify!(#fields), "`.")]
                pub #fields: #field_tys,
            )*
        }

        #[doc = #grads_doc]
        #[derive(Clone, Debug, Default, PartialEq)]
        #vis struct #grads_name {
            #(
                #[doc = concat!("Gradients of layer `", stringify!(#fields), "`.")]
                pub #fields: #grad_tys,
            )*
        }

        #[doc = #cache_doc]
        #[allow(dead_code)]
        #[derive(Default)]
        #vis struct #cache_name {
            batch: usize,
            #(#act_names: ::std::vec::Vec<#act_tys>,)*
            #(#cache_extra_fields,)*
            #(#grad_names: ::std::vec::Vec<#act_tys>,)*
            #chunk_grads_field
        }

        // SAFETY: every field is a parameter block of f32 tensors (and batch
        // norm's i64 counter); the assertion below makes the compiler prove it.
        #[allow(unsafe_code)]
        unsafe impl ::net::Zeroable for #name {}
        // SAFETY: as above, for the gradient blocks.
        #[allow(unsafe_code)]
        unsafe impl ::net::Zeroable for #grads_name {}
        #zeroable_check

        impl #name {
            /// The layer table, computed when the model was compiled.
            pub const SUMMARY: ::net::Summary = ::net::Summary {
                name: #name_str,
                input: #input_shape,
                layers: &[#(#rows),*],
                params: #num_params,
                buffers: #buffers,
                mult_adds: #mult_adds,
            };

            /// A model with PyTorch's default initialisation, drawn from `seed`;
            /// built on the heap, so a large model never passes through the stack.
            pub fn new(seed: u64) -> ::std::boxed::Box<Self> {
                let mut rng = ::net::Rng::seed_from_u64(seed);
                let mut model = ::net::zeroed_box::<Self>();
                #(#init)*
                let _ = &mut rng;
                model
            }

            /// The layer table: names, kinds, output shapes, parameters and
            /// multiply-adds; printable with `{}`.
            pub fn summary() -> ::net::Summary {
                Self::SUMMARY
            }

            /// The input of the last layer with parameters, for one sample
            /// (inference mode): features for transfer learning.
            #[allow(unused_mut, clippy::let_and_return)]
            pub fn embed(&self, x: &#input_ty) -> #embed_ty {
                let a0 = *x;
                #(#embed_steps)*
                #embed_act
            }

            /// Writes the parameters and buffers to a safetensors file, in
            /// PyTorch's names and layouts.
            pub fn save_safetensors(&self, path: impl ::core::convert::AsRef<::std::path::Path>) -> ::core::result::Result<(), ::net::Error> {
                ::net::NamedTensors::save_safetensors(self, path)
            }

            /// Reads the parameters and buffers from a safetensors file; on any
            /// mismatch the model is left unchanged and the error names each tensor.
            pub fn load_safetensors(&mut self, path: impl ::core::convert::AsRef<::std::path::Path>) -> ::core::result::Result<(), ::net::Error> {
                ::net::NamedTensors::load_safetensors(self, path)
            }
        }

        impl #grads_name {
            /// Writes the gradients to a safetensors file, named as the parameters.
            pub fn save_safetensors(&self, path: impl ::core::convert::AsRef<::std::path::Path>) -> ::core::result::Result<(), ::net::Error> {
                ::net::NamedTensors::save_safetensors(self, path)
            }

            /// Reads the gradients from a safetensors file.
            pub fn load_safetensors(&mut self, path: impl ::core::convert::AsRef<::std::path::Path>) -> ::core::result::Result<(), ::net::Error> {
                ::net::NamedTensors::load_safetensors(self, path)
            }
        }

        #model_tensors
        #grads_tensors

        impl ::net::Network for #name {
            type Input = #input_ty;
            type Output = #output_ty;
            type Grads = #grads_name;
            type Cache = #cache_name;
            const INPUT_SHAPE: &'static [usize] = #input_shape;
            const OUTPUT_SHAPE: &'static [usize] = #output_shape;
            const NUM_PARAMS: usize = #num_params;

            #[allow(unused_mut, clippy::let_and_return)]
            fn forward(&self, x: &#input_ty) -> #output_ty {
                let a0 = *x;
                #(#forward_all)*
                #out_act
            }

            fn forward_train(&mut self, xs: &[#input_ty], rng: &mut ::net::Rng) -> (::std::vec::Vec<#output_ty>, #cache_name) {
                self.forward_train_reusing(xs, rng, ::core::default::Default::default())
            }

            #[allow(unused_mut, unused_variables)]
            fn forward_train_reusing(&mut self, xs: &[#input_ty], rng: &mut ::net::Rng, cache: #cache_name) -> (::std::vec::Vec<#output_ty>, #cache_name) {
                let mut cache = cache;
                let batch = xs.len();
                #(#act_buffers)*
                #train_pass
                let outputs = #out_act.clone();
                cache.batch = batch;
                #(cache.#act_names = #act_names;)*
                #(cache.#cache_extra_names = #cache_extra_names;)*
                (outputs, cache)
            }

            #[allow(unused_mut, unused_variables, clippy::let_and_return)]
            fn backward(&self, cache: &#cache_name, dys: &[#output_ty], grads: &mut #grads_name) -> ::std::vec::Vec<#input_ty> {
                #backward_body
            }

            #[allow(unused_mut, unused_variables, clippy::let_and_return)]
            fn backward_params(&self, cache: &mut #cache_name, dys: &[#output_ty], grads: &mut #grads_name) {
                #backward_params_body
            }

            fn visit_params_mut(&mut self, grads: &#grads_name, f: &mut ::net::ParamVisitor<'_>) {
                let _ = (&grads, &f);
                #(#visit_pairs)*
            }
        }

        #autoencoder
    }
}
