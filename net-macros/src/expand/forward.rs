//! Inference: `forward`, `embed`, and an autoencoder's `encode` and
//! `decode`, each straight-line code over one sample.

use super::tokens::*;
use crate::ir::{Model, Op, Step, Window};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

/// The struct field of a layer with parameters.
pub fn field(step: &Step) -> &Ident {
    step.field
        .as_ref()
        .expect("only layers with parameters read their field")
}

/// The calls of the layers with a kernel of their own (convolutions,
/// pooling, upsampling, dense), for one sample (`suffix` "forward") or a
/// batch ("forward_batch"): both take the same arguments.
pub struct KernelCall<'a> {
    pub model: &'a Model,
    pub step: &'a Step,
    pub suffix: &'static str,
}

impl KernelCall<'_> {
    fn io(&self) -> (Ident, Ident) {
        (act(self.step.input()), act(self.step.output))
    }

    /// `family` is `conv` or `conv_transpose`; `groups` is 1 for the latter.
    pub fn conv(
        &self,
        family: &str,
        window: &Window,
        out: usize,
        bias: bool,
        groups: usize,
    ) -> TokenStream {
        let ((x, y), k) = (self.io(), kernels());
        let (module, consts) = conv_kernel(self.model, self.step, family, window, out, groups);
        let f = kernel_fn(family, window.kernel.len(), self.suffix);
        let (field, b) = (field(self.step), bias_arg(field(self.step), bias));
        quote!(#k::#module::#f::<#consts>(&#x, &self.#field.weight, #b, &mut #y);)
    }

    pub fn pool(&self, max: bool, window: &Window) -> TokenStream {
        let ((x, y), k) = (self.io(), kernels());
        let (f, consts) = pool_kernel(self.model, self.step, max, window, self.suffix);
        quote!(#k::pool::#f::<#consts>(&#x, &mut #y);)
    }

    /// Global pooling: one generic kernel for every input rank.
    pub fn global_pool(&self, max: bool) -> TokenStream {
        let ((x, y), k) = (self.io(), kernels());
        let family = if max {
            "global_max_pool"
        } else {
            "global_avg_pool"
        };
        let f = match self.suffix {
            "forward" => format_ident!("{}", family),
            _ => format_ident!("{}_batch", family),
        };
        quote!(#k::pool::#f(&#x, &mut #y);)
    }

    pub fn upsample(&self, scale: &[usize]) -> TokenStream {
        let ((x, y), k) = (self.io(), kernels());
        let f = kernel_fn("upsample", scale.len(), self.suffix);
        let consts = upsample_consts(self.model, self.step, scale);
        quote!(#k::upsample::#f::<#consts>(&#x, &mut #y);)
    }

    pub fn dense(&self, bias: bool) -> TokenStream {
        let ((x, y), k) = (self.io(), kernels());
        let f = format_ident!("dense_{}", self.suffix);
        let (field, b) = (field(self.step), bias_arg(field(self.step), bias));
        quote!(#k::dense::#f(&#x, &self.#field.weight, #b, &mut #y);)
    }
}

/// One step of inference on a single sample.
fn forward_one(model: &Model, step: &Step) -> TokenStream {
    let (x, y) = (act(step.input()), act(step.output));
    let y_ty = tensor_type(&model.activations[step.output]);
    let k = kernels();
    let kernel = KernelCall {
        model,
        step,
        suffix: "forward",
    };
    let call = match &step.op {
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
        Op::Dense { bias, .. } => kernel.dense(*bias),
        Op::Reshape => return quote!(let #y: #y_ty = ::net::reshape(&#x);),
        Op::BatchNorm { eps, .. } => {
            let (field, eps) = (field(step), f32_lit(*eps));
            quote!(#k::batch_norm::batch_norm_infer(&#x, &self.#field.weight, &self.#field.bias,
            &self.#field.running_mean, &self.#field.running_var, #eps, &mut #y);)
        }
        Op::Dropout { .. } => return quote!(let #y: #y_ty = #x;),
        Op::Relu => quote!(#k::activation::relu(#x.as_slice(), #y.as_mut_slice());),
        Op::Relu6 => quote!(#k::activation::relu6(#x.as_slice(), #y.as_mut_slice());),
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
        Op::Concat => {
            let parts = step.inputs.iter().map(|&i| act(i));
            quote!(#k::residual::concat(1, &[#(#parts.as_slice()),*], #y.as_mut_slice());)
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
