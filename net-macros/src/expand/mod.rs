//! A checked `ir::Model` to tokens: the struct, its gradients and cache, the
//! `Network` impl with straight-line forward and backward passes, and the
//! inherent helpers. Everything here reads sizes from the model; nothing is
//! computed again.
//!
//! `rewrite` turns the declared model into the one the code computes; the
//! other modules each generate one part from that model: `tensors` (fields,
//! initialisation, named tensors), `forward` (inference), `train` (the
//! training forward pass), `backward`, and `summary` and `onnx` (from the
//! declared model).

mod backward;
mod fallback;
mod forward;
mod onnx;
mod rewrite;
mod summary;
mod tensors;
mod tokens;
mod train;

pub use fallback::fallback;

use crate::ir::Model;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;
use tokens::{act, grad, shape_slice, tensor_type};

/// The names and types every part refers to.
struct Names {
    name: Ident,
    grads: Ident,
    cache: Ident,
    scratch: Ident,
    input_ty: TokenStream,
    output_ty: TokenStream,
}

pub fn expand(declared: &Model) -> TokenStream {
    let model = &rewrite::pool_before_relu(declared);
    let names = Names {
        name: model.name.clone(),
        grads: format_ident!("{}Grads", model.name),
        cache: format_ident!("{}Cache", model.name),
        scratch: format_ident!("{}Scratch", model.name),
        input_ty: tensor_type(&model.activations[0]),
        output_ty: tensor_type(&model.activations[model.output()]),
    };
    let chunked = train::runs_in_chunks(model);
    let tensors = tensors::tensors(model, &names.grads);
    let inference = forward::inference(model, &names.scratch);
    let training = train::training(model, chunked);
    let backward = backward::backward(model, chunked);
    let summary = summary::summary(declared);
    let onnx = onnx::graph(declared);
    let definitions = definitions(model, &names, &tensors, &training, &inference, chunked);
    let inherent = inherent(model, &names, &tensors, &summary, &onnx, &inference);
    let network = network_impl(
        model, &names, &tensors, &summary, &inference, &training, &backward,
    );
    let (model_tensors, grads_tensors) = (&tensors.model_impl, &tensors.grads_impl);
    let autoencoder = &inference.autoencoder;
    quote! {
        #definitions
        #inherent
        #model_tensors
        #grads_tensors
        #network
        #autoencoder
    }
}

/// The model's struct, its gradients' and its cache's, and the proof that
/// the first two may start as all zeros.
fn definitions(
    model: &Model,
    names: &Names,
    tensors: &tensors::Tensors,
    training: &train::Training,
    inference: &forward::Inference,
    chunked: bool,
) -> TokenStream {
    let Model { attrs, vis, .. } = model;
    let Names {
        name,
        grads: grads_name,
        cache: cache_name,
        scratch,
        ..
    } = names;
    let scratch_floats = &inference.scratch_floats;
    let scratch_doc = format!(
        "Every buffer [`{name}`]'s inference needs, laid out when the model was compiled: \
         activations share memory once nothing reads them, so it holds the most that is \
         alive at once. `new` is a `const fn`, so it can be a `static`."
    );
    let (fields, field_tys, grad_tys) = (&tensors.fields, &tensors.field_tys, &tensors.grad_tys);
    let act_names: Vec<Ident> = (0..model.activations.len()).map(act).collect();
    let grad_names: Vec<Ident> = (0..model.activations.len()).map(grad).collect();
    let act_tys: Vec<TokenStream> = model.activations.iter().map(|a| tensor_type(a)).collect();
    let extra_fields = &training.extra_fields;
    let chunk_grads_field = chunked
        .then(|| quote!(chunk_grads: ::net::__private::Vec<::net::__private::Box<#grads_name>>,));
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

        ::net::__private::std_only! {
            #[doc = #cache_doc]
            #[allow(dead_code)]
            #[derive(Default)]
            #vis struct #cache_name {
                batch: usize,
                #(#act_names: ::net::__private::Vec<#act_tys>,)*
                #(#extra_fields,)*
                #(#grad_names: ::net::__private::Vec<#act_tys>,)*
                #chunk_grads_field
            }
        }

        #[doc = #scratch_doc]
        #vis struct #scratch {
            floats: ::net::__private::Floats<{ #scratch_floats }>,
        }

        impl #scratch {
            /// All zeros.
            pub const fn new() -> Self {
                Self { floats: ::net::__private::Floats::new() }
            }
        }

        impl ::core::default::Default for #scratch {
            fn default() -> Self {
                Self::new()
            }
        }

        // SAFETY: f32s only.
        #[allow(unsafe_code)]
        unsafe impl ::net::Zeroable for #scratch {}

        // SAFETY: every field is a parameter block of f32 tensors (and batch
        // norm's i64 counter); the assertion below makes the compiler prove it.
        #[allow(unsafe_code)]
        unsafe impl ::net::Zeroable for #name {}
        // SAFETY: as above, for the gradient blocks.
        #[allow(unsafe_code)]
        unsafe impl ::net::Zeroable for #grads_name {}
        #zeroable_check
    }
}

/// The inherent methods: construction, the summary, `embed`, safetensors,
/// ONNX.
fn inherent(
    model: &Model,
    names: &Names,
    tensors: &tensors::Tensors,
    summary: &summary::Summary,
    onnx: &TokenStream,
    inference: &forward::Inference,
) -> TokenStream {
    let Names {
        name,
        grads: grads_name,
        ..
    } = names;
    let (init, summary_const, embed) = (&tensors.init, &summary.constant, &inference.embed);
    let trained = tensors::trained(model);
    quote! {
        impl #name {
            #embed
            #trained
        }

        ::net::__private::std_only! {
        impl #name {
            /// The layer table, computed when the model was compiled.
            pub const SUMMARY: ::net::Summary = #summary_const;

            /// A model with PyTorch's default initialisation, drawn from `seed`;
            /// built on the heap, so a large model never passes through the stack.
            pub fn new(seed: u64) -> ::net::__private::Box<Self> {
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

            /// Writes the parameters and buffers to a safetensors file, in
            /// PyTorch's names and layouts.
            pub fn save_safetensors(&self, path: impl ::core::convert::AsRef<::net::__private::Path>) -> ::core::result::Result<(), ::net::Error> {
                ::net::NamedTensors::save_safetensors(self, path)
            }

            /// Reads the parameters and buffers from a safetensors file; on any
            /// mismatch the model is left unchanged and the error names each tensor.
            pub fn load_safetensors(&mut self, path: impl ::core::convert::AsRef<::net::__private::Path>) -> ::core::result::Result<(), ::net::Error> {
                ::net::NamedTensors::load_safetensors(self, path)
            }

            /// The network as ONNX operators, computed when the model was compiled.
            pub const ONNX: ::net::onnx::Graph = #onnx;

            /// Writes the model as an ONNX file (opset 17) for onnxruntime, Netron
            /// and the rest of the ONNX tools: input `input` of shape `[N, ..]`,
            /// output `output`, the parameters under their PyTorch names,
            /// inference semantics (batch norm with its running statistics,
            /// dropout left out).
            pub fn save_onnx(&self, path: impl ::core::convert::AsRef<::net::__private::Path>) -> ::core::result::Result<(), ::net::Error> {
                ::net::onnx::save(self, &Self::ONNX, path.as_ref())
            }
        }

        impl #grads_name {
            /// Writes the gradients to a safetensors file, named as the parameters.
            pub fn save_safetensors(&self, path: impl ::core::convert::AsRef<::net::__private::Path>) -> ::core::result::Result<(), ::net::Error> {
                ::net::NamedTensors::save_safetensors(self, path)
            }

            /// Reads the gradients from a safetensors file.
            pub fn load_safetensors(&mut self, path: impl ::core::convert::AsRef<::net::__private::Path>) -> ::core::result::Result<(), ::net::Error> {
                ::net::NamedTensors::load_safetensors(self, path)
            }
        }
        }
    }
}

/// `impl Network`: the passes, the shapes and the parameter visit.
fn network_impl(
    model: &Model,
    names: &Names,
    tensors: &tensors::Tensors,
    summary: &summary::Summary,
    inference: &forward::Inference,
    training: &train::Training,
    backward: &backward::Backward,
) -> TokenStream {
    let Names {
        name,
        grads: grads_name,
        cache: cache_name,
        scratch,
        input_ty,
        output_ty,
    } = names;
    let output = model.output();
    let out_act = act(output);
    let (input_shape, output_shape) = (
        shape_slice(&model.activations[0]),
        shape_slice(&model.activations[output]),
    );
    let num_params = &summary.num_params;
    let act_names: Vec<Ident> = (0..model.activations.len()).map(act).collect();
    let forward_in = &inference.forward_in;
    let (act_buffers, train_pass) = (&training.buffers, &training.pass);
    let cache_extra_names = &training.extra_names;
    let (backward_body, backward_params_body) = (&backward.backward, &backward.backward_params);
    let visit_pairs = &tensors.visit_pairs;
    quote! {
        impl ::net::Network for #name {
            type Input = #input_ty;
            type Output = #output_ty;
            type Scratch = #scratch;
            const INPUT_SHAPE: &'static [usize] = #input_shape;
            const OUTPUT_SHAPE: &'static [usize] = #output_shape;
            const NUM_PARAMS: usize = #num_params;

            fn forward(&self, x: &#input_ty) -> #output_ty {
                *self.forward_in(x, &mut #scratch::new())
            }

            fn forward_in<'s>(&self, x: &#input_ty, scratch: &'s mut #scratch) -> &'s #output_ty {
                let floats = &mut scratch.floats.0[..];
                #forward_in
            }

            ::net::__private::std_only! {
            type Grads = #grads_name;
            type Cache = #cache_name;

            fn forward_train(&mut self, xs: &[#input_ty], rng: &mut ::net::Rng) -> (::net::__private::Vec<#output_ty>, #cache_name) {
                self.forward_train_reusing(xs, rng, ::core::default::Default::default())
            }

            #[allow(unused_mut, unused_variables)]
            fn forward_train_reusing(&mut self, xs: &[#input_ty], rng: &mut ::net::Rng, cache: #cache_name) -> (::net::__private::Vec<#output_ty>, #cache_name) {
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
            fn backward(&self, cache: &#cache_name, dys: &[#output_ty], grads: &mut #grads_name) -> ::net::__private::Vec<#input_ty> {
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
        }
    }
}
