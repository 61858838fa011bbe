//! Inference: `forward`, `embed`, and an autoencoder's `encode` and
//! `decode`, each straight-line code over one sample.

use super::tokens::*;
use crate::ir::{Model, Op, Step};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

/// The struct field of a layer with parameters.
pub fn field(step: &Step) -> &Ident {
    step.field
        .as_ref()
        .expect("only layers with parameters read their field")
}

/// The kernel module and family of a convolution or a transposed one.
pub fn conv_family(op: &Op) -> (TokenStream, &'static str) {
    if matches!(op, Op::Conv { .. }) {
        (quote!(conv), "conv")
    } else {
        (quote!(conv_transpose), "conv_transpose")
    }
}

/// The call of a layer with a kernel of its own (convolutions, pooling,
/// upsampling, dense), for one sample (`suffix` "forward") or a batch
/// ("forward_batch"): both take the same arguments.
pub fn layer_kernel(model: &Model, step: &Step, suffix: &str) -> TokenStream {
    let (x, y) = (act(step.input()), act(step.output));
    let k = kernels();
    match &step.op {
        Op::Conv { window, out, bias } | Op::ConvTranspose { window, out, bias } => {
            let (module, family) = conv_family(&step.op);
            let f = kernel_fn(family, window.kernel.len(), suffix);
            let consts = window_consts(model, step, Some(*out), window);
            let (field, b) = (field(step), bias_arg(field(step), *bias));
            quote!(#k::#module::#f::<#consts>(&#x, &self.#field.weight, #b, &mut #y);)
        }
        Op::Pool { max, window } => {
            let family = if *max { "max_pool" } else { "avg_pool" };
            let f = kernel_fn(family, window.kernel.len(), suffix);
            let consts = window_consts(model, step, None, window);
            quote!(#k::pool::#f::<#consts>(&#x, &mut #y);)
        }
        Op::Upsample { scale } => {
            let f = kernel_fn("upsample", scale.len(), suffix);
            let consts = upsample_consts(model, step, scale);
            quote!(#k::upsample::#f::<#consts>(&#x, &mut #y);)
        }
        Op::Dense { bias, .. } => {
            let f = format_ident!("dense_{}", suffix);
            let (field, b) = (field(step), bias_arg(field(step), *bias));
            quote!(#k::dense::#f(&#x, &self.#field.weight, #b, &mut #y);)
        }
        Op::Reshape
        | Op::BatchNorm { .. }
        | Op::Dropout { .. }
        | Op::Relu
        | Op::LeakyRelu { .. }
        | Op::Sigmoid
        | Op::Tanh
        | Op::Softmax
        | Op::Add => unreachable!("{} has no kernel of its own", step.kind),
    }
}

/// One step of inference on a single sample.
fn forward_one(model: &Model, step: &Step) -> TokenStream {
    let (x, y) = (act(step.input()), act(step.output));
    let y_ty = tensor_type(&model.activations[step.output]);
    let k = kernels();
    let call = match &step.op {
        Op::Conv { .. }
        | Op::ConvTranspose { .. }
        | Op::Pool { .. }
        | Op::Upsample { .. }
        | Op::Dense { .. } => layer_kernel(model, step, "forward"),
        Op::Reshape => return quote!(let #y: #y_ty = ::net::reshape(&#x);),
        Op::BatchNorm { eps, .. } => {
            let (field, eps) = (field(step), f32_lit(*eps));
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
        Op::Add => {
            let skip = act(step.inputs[1]);
            quote!(#k::residual::add(#skip.as_slice(), #x.as_slice(), #y.as_mut_slice());)
        }
    };
    quote! {
        let mut #y = <#y_ty>::zeros();
        #call
    }
}

/// The steps of `steps`, one sample at a time.
fn forward_steps(model: &Model, steps: &[Step]) -> Vec<TokenStream> {
    steps.iter().map(|s| forward_one(model, s)).collect()
}

/// The inference methods' bodies.
pub struct Inference {
    /// `forward`'s steps.
    pub forward: Vec<TokenStream>,
    /// `embed`, whole.
    pub embed: TokenStream,
    /// `impl Autoencoder`, for an autoencoder.
    pub autoencoder: Option<TokenStream>,
}

pub fn inference(model: &Model) -> Inference {
    let steps = &model.steps;
    let input_ty = tensor_type(&model.activations[0]);
    let embed_at = model.embed;
    let embed_steps = forward_steps(
        model,
        &steps[..steps.iter().take_while(|s| s.output <= embed_at).count()],
    );
    let (embed_ty, embed_act) = (tensor_type(&model.activations[embed_at]), act(embed_at));
    let embed = quote! {
        /// The input of the last layer with parameters, for one sample
        /// (inference mode): features for transfer learning.
        #[allow(unused_mut, clippy::let_and_return)]
        pub fn embed(&self, x: &#input_ty) -> #embed_ty {
            let a0 = *x;
            #(#embed_steps)*
            #embed_act
        }
    };
    let autoencoder = model.code.map(|code| {
        let name = &model.name;
        let code_ty = tensor_type(&model.activations[code.activation]);
        let code_shape = shape_slice(&model.activations[code.activation]);
        let encode = forward_steps(model, &steps[..code.encoder_steps]);
        let decode = forward_steps(model, &steps[code.encoder_steps..]);
        let (code_act, out_act) = (act(code.activation), act(model.output()));
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
    Inference {
        forward: forward_steps(model, steps),
        embed,
        autoencoder,
    }
}
