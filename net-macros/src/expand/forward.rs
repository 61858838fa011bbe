//! Inference: `forward`, `embed`, and an autoencoder's `encode` and
//! `decode`, each straight-line code over one sample.

use super::tokens::*;
use crate::ir::{Model, Op, Step, Window};
use crate::plan::{self, Place, Plan, Write};
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
/// batch ("forward_batch"): both take the same arguments, `x` and `y`.
/// With `work`, the working space of one sample, a convolution calls its
/// kernel's `_in` form.
pub struct KernelCall<'a> {
    pub model: &'a Model,
    pub step: &'a Step,
    pub suffix: &'static str,
    pub x: TokenStream,
    pub y: TokenStream,
    pub work: Option<TokenStream>,
}

impl KernelCall<'_> {
    fn io(&self) -> (&TokenStream, &TokenStream) {
        (&self.x, &self.y)
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
        let (field, b) = (field(self.step), bias_arg(field(self.step), bias));
        match &self.work {
            Some(work) if family == "conv" => {
                let f = kernel_fn(family, window.kernel.len(), "forward_in");
                quote!(#k::#module::#f::<#consts>(#x, &self.#field.weight, #b, #y, #work);)
            }
            _ => {
                let f = kernel_fn(family, window.kernel.len(), self.suffix);
                quote!(#k::#module::#f::<#consts>(#x, &self.#field.weight, #b, #y);)
            }
        }
    }

    pub fn pool(&self, max: bool, window: &Window) -> TokenStream {
        let ((x, y), k) = (self.io(), kernels());
        let (f, consts) = pool_kernel(self.model, self.step, max, window, self.suffix);
        quote!(#k::pool::#f::<#consts>(#x, #y);)
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
        quote!(#k::pool::#f(#x, #y);)
    }

    pub fn upsample(&self, scale: &[usize]) -> TokenStream {
        let ((x, y), k) = (self.io(), kernels());
        let f = kernel_fn("upsample", scale.len(), self.suffix);
        let consts = upsample_consts(self.model, self.step, scale);
        quote!(#k::upsample::#f::<#consts>(#x, #y);)
    }

    pub fn dense(&self, bias: bool) -> TokenStream {
        let ((x, y), k) = (self.io(), kernels());
        let f = format_ident!("dense_{}", self.suffix);
        let (field, b) = (field(self.step), bias_arg(field(self.step), bias));
        quote!(#k::dense::#f(#x, &self.#field.weight, #b, #y);)
    }
}

/// The floats of working space a step's kernel needs, as a constant
/// expression of the kernel's own `_scratch` function; `None` for a kernel
/// that needs none.
fn work_floats(model: &Model, step: &Step) -> Option<TokenStream> {
    let Op::Conv {
        window,
        out,
        groups,
        ..
    } = &step.op
    else {
        return None;
    };
    let k = kernels();
    let (module, consts) = conv_kernel(model, step, "conv", window, *out, *groups);
    let f = kernel_fn("conv", window.kernel.len(), "forward_scratch");
    Some(quote!(#k::#module::#f::<#consts>()))
}

/// The scratch's floats: the planned activations, then the most working
/// space any kernel needs.
pub fn scratch_floats(model: &Model, plan: &Plan) -> TokenStream {
    let activations = lit(plan.floats);
    let work = model
        .steps
        .iter()
        .filter_map(|s| work_floats(model, s))
        .fold(
            quote!(0),
            |most, w| quote!(::net::__private::max(#w, #most)),
        );
    quote!(#activations + #work)
}

/// One step of inference on a single sample, over the scratch's `floats`
/// as `plan` lays them out; `x` is the input where a step reads it.
fn forward_one(model: &Model, plan: &Plan, index: usize) -> TokenStream {
    let step = &model.steps[index];
    let ty = |a: usize| tensor_type(&model.activations[a]);
    let slot = |a: usize| {
        let (offset, floats) = plan.slot(a);
        let (offset, floats) = (lit(offset), lit(floats));
        quote!((#offset, #floats))
    };
    let write = plan.writes[index];
    let written = match write {
        Write::Alias => return TokenStream::new(),
        Write::InPlace { which } => step.inputs[which],
        Write::Fresh => step.output,
    };
    // What the step reads besides what it writes over, from the scratch or `x`.
    let reads: Vec<usize> = step
        .inputs
        .iter()
        .copied()
        .enumerate()
        .filter(|&(i, _)| write != Write::InPlace { which: i })
        .map(|(_, a)| a)
        .collect();
    let in_scratch: Vec<usize> = reads
        .iter()
        .copied()
        .filter(|&a| plan.places[a] != Place::Input)
        .collect();
    let slots = in_scratch.iter().map(|&a| slot(a));
    let bind_reads = reads.iter().map(|&a| {
        let (name, t) = (act(a), ty(a));
        match in_scratch.iter().position(|&r| r == a) {
            Some(i) => {
                let i = lit(i);
                quote!(let #name: &#t = ::net::__private::view(reads[#i]);)
            }
            None => quote!(let #name: &#t = x;),
        }
    });
    let (y, y_ty) = (act(step.output), ty(step.output));
    let work_floats = lit(plan.floats);
    let written_slot = slot(written);
    let call = match write {
        Write::InPlace { which } => in_place(step, which, &y),
        _ => fresh(model, step),
    };
    quote! {{
        let (reads, #y, work) = ::net::__private::step(&mut *floats, [#(#slots),*], #written_slot, #work_floats);
        let _ = (&reads, &work);
        #(#bind_reads)*
        let #y: &mut #y_ty = ::net::__private::view_mut(#y);
        #call
    }}
}

/// A step that writes over its input `y` (see `plan`).
fn in_place(step: &Step, which: usize, y: &Ident) -> TokenStream {
    let k = kernels();
    match &step.op {
        Op::Relu => quote!(#k::activation::relu_in_place(#y.as_mut_slice());),
        Op::Relu6 => quote!(#k::activation::relu6_in_place(#y.as_mut_slice());),
        Op::LeakyRelu { slope } => {
            let slope = f32_lit(*slope);
            quote!(#k::activation::leaky_relu_in_place(#slope, #y.as_mut_slice());)
        }
        Op::Sigmoid => quote!(#k::activation::sigmoid_in_place(#y.as_mut_slice());),
        Op::Tanh => quote!(#k::activation::tanh_in_place(#y.as_mut_slice());),
        Op::BatchNorm { eps, .. } => {
            let (field, eps) = (field(step), f32_lit(*eps));
            quote!(#k::batch_norm::batch_norm_infer_in_place(#y, &self.#field.weight, &self.#field.bias,
                &self.#field.running_mean, &self.#field.running_var, #eps);)
        }
        Op::Add => {
            let others = step
                .inputs
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != which)
                .map(|(_, &a)| act(a));
            quote!(#(#k::residual::accumulate(#y.as_mut_slice(), #others.as_slice());)*)
        }
        _ => unreachable!("the plan writes only element-wise steps in place"),
    }
}

/// A step that writes a buffer of its own, from its inputs.
fn fresh(model: &Model, step: &Step) -> TokenStream {
    let (x, y) = (act(step.input()), act(step.output));
    let k = kernels();
    let kernel = KernelCall {
        model,
        step,
        suffix: "forward",
        x: quote!(#x),
        y: quote!(#y),
        work: Some(quote!(work)),
    };
    match &step.op {
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
        // The same values: copied only from the input, which is not in the scratch.
        Op::Reshape | Op::Dropout { .. } => {
            quote!(#y.as_mut_slice().copy_from_slice(#x.as_slice());)
        }
        Op::BatchNorm { eps, .. } => {
            let (field, eps) = (field(step), f32_lit(*eps));
            quote!(#k::batch_norm::batch_norm_infer(#x, &self.#field.weight, &self.#field.bias,
            &self.#field.running_mean, &self.#field.running_var, #eps, #y);)
        }
        Op::Relu => quote!(#k::activation::relu(#x.as_slice(), #y.as_mut_slice());),
        Op::Relu6 => quote!(#k::activation::relu6(#x.as_slice(), #y.as_mut_slice());),
        Op::LeakyRelu { slope } => {
            let slope = f32_lit(*slope);
            quote!(#k::activation::leaky_relu(#slope, #x.as_slice(), #y.as_mut_slice());)
        }
        Op::Sigmoid => quote!(#k::activation::sigmoid(#x.as_slice(), #y.as_mut_slice());),
        Op::Tanh => quote!(#k::activation::tanh(#x.as_slice(), #y.as_mut_slice());),
        Op::Softmax => quote!(#k::activation::softmax(#x, #y);),
        Op::Add => {
            let skip = act(step.inputs[1]);
            quote!(#k::residual::add(#skip.as_slice(), #x.as_slice(), #y.as_mut_slice());)
        }
        Op::Concat => {
            let parts = step.inputs.iter().map(|&i| act(i));
            quote!(#k::residual::concat(1, &[#(#parts.as_slice()),*], #y.as_mut_slice());)
        }
    }
}

/// Steps `range` over `floats`, then a view of activation `last`.
fn run(model: &Model, plan: &Plan, range: std::ops::Range<usize>, last: usize) -> TokenStream {
    let steps = range.map(|s| forward_one(model, plan, s));
    let (offset, floats) = plan.slot(last);
    let (start, end) = (lit(offset), lit(offset + floats));
    quote! {
        #(#steps)*
        ::net::__private::view(&floats[#start..#end])
    }
}

/// The inference methods.
pub struct Inference {
    /// `forward_in`'s body, which has `x`, `scratch` and `floats`.
    pub forward_in: TokenStream,
    /// The scratch's floats, a constant expression.
    pub scratch_floats: TokenStream,
    /// `embed`, whole.
    pub embed: TokenStream,
    /// `impl Autoencoder`, for an autoencoder.
    pub autoencoder: Option<TokenStream>,
}

pub fn inference(model: &Model, scratch: &Ident) -> Inference {
    let plan = &plan::plan(model);
    let steps = &model.steps;
    let input_ty = tensor_type(&model.activations[0]);
    let embed_at = model.embed;
    let embed_steps = steps.iter().take_while(|s| s.output <= embed_at).count();
    let embed_ty = tensor_type(&model.activations[embed_at]);
    let embed_body = match plan.places[embed_at] {
        Place::Input => quote!(*x),
        Place::Scratch { .. } => {
            let run = run(model, plan, 0..embed_steps, embed_at);
            quote! {
                let mut scratch = #scratch::new();
                let floats = &mut scratch.floats.0[..];
                let embedded: &#embed_ty = { #run };
                *embedded
            }
        }
    };
    // The methods that return a tensor by value keep a scratch on the stack.
    let on_stack = quote! {
        let mut scratch = #scratch::new();
        let floats = &mut scratch.floats.0[..];
    };
    let embed = quote! {
        /// The input of the last layer with parameters, for one sample
        /// (inference mode): features for transfer learning.
        pub fn embed(&self, x: &#input_ty) -> #embed_ty {
            #embed_body
        }
    };
    let autoencoder = model.code.map(|code| {
        let name = &model.name;
        let code_ty = tensor_type(&model.activations[code.activation]);
        let code_shape = shape_slice(&model.activations[code.activation]);
        let encode = run(model, plan, 0..code.encoder_steps, code.activation);
        let decode = run(model, plan, code.encoder_steps..steps.len(), model.output());
        let (offset, floats) = plan.slot(code.activation);
        let (start, end) = (lit(offset), lit(offset + floats));
        quote! {
            impl ::net::Autoencoder for #name {
                type Code = #code_ty;
                const CODE_SHAPE: &'static [usize] = #code_shape;
                fn encode(&self, x: &#input_ty) -> #code_ty {
                    #on_stack
                    let code: &#code_ty = { #encode };
                    *code
                }
                fn decode(&self, z: &#code_ty) -> #input_ty {
                    #on_stack
                    *::net::__private::view_mut::<#code_ty>(&mut floats[#start..#end]) = *z;
                    let decoded: &#input_ty = { #decode };
                    *decoded
                }
            }
        }
    });
    Inference {
        forward_in: run(model, plan, 0..steps.len(), model.output()),
        scratch_floats: scratch_floats(model, plan),
        embed,
        autoencoder,
    }
}
