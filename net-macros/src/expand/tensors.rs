//! The layers' tensors: the struct fields that hold them, PyTorch's default
//! initialisation, the named visits that safetensors I/O goes through, and
//! the (parameter, gradient) pairs that optimizers update.

use super::tokens::*;
use crate::ir::{Model, Op, Step};
use crate::kinds::Role;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

/// A layer's parameter block: its type, its gradients' type, and the fan-in
/// of PyTorch's default initialisation (`None` for batch norm, which starts
/// from its fixed state).
struct Block {
    ty: TokenStream,
    grad_ty: TokenStream,
    fan_in: Option<usize>,
}

fn block(model: &Model, step: &Step) -> Block {
    let channels = model.activations[step.input()][0];
    let weights = |dims: Vec<usize>, out: usize, bias: bool, fan_in: usize| {
        let weight = tensor_type(&dims);
        let ty = if bias {
            let out = lit(out);
            quote!(::net::Weights<#weight, #out>)
        } else {
            quote!(::net::WeightsNoBias<#weight>)
        };
        Block {
            grad_ty: ty.clone(),
            ty,
            fan_in: Some(fan_in),
        }
    };
    match &step.op {
        Op::Conv {
            window,
            out,
            bias,
            groups,
        } => {
            // PyTorch's layout and fan-in: each output reads its group's channels.
            let (cells, per_group) = (window.kernel.iter().product::<usize>(), channels / groups);
            let dims = [&[*out, per_group][..], &window.kernel].concat();
            weights(dims, *out, *bias, per_group * cells)
        }
        Op::ConvTranspose { window, out, bias } => {
            let cells = window.kernel.iter().product::<usize>();
            let dims = [&[channels, *out][..], &window.kernel].concat();
            weights(dims, *out, *bias, out * cells)
        }
        Op::Dense { out, bias } => weights(vec![*out, channels], *out, *bias, channels),
        Op::BatchNorm { .. } => {
            let c = lit(channels);
            Block {
                ty: quote!(::net::BatchNormState<#c>),
                grad_ty: quote!(::net::BatchNormGrads<#c>),
                fan_in: None,
            }
        }
        Op::Pool { .. }
        | Op::Upsample { .. }
        | Op::Reshape
        | Op::Dropout { .. }
        | Op::Relu
        | Op::LeakyRelu { .. }
        | Op::Sigmoid
        | Op::Tanh
        | Op::Softmax
        | Op::Relu6
        | Op::GlobalPool { .. }
        | Op::Concat
        | Op::Add => unreachable!("{} has no parameters", step.kind),
    }
}

/// Everything generated from the layers' tensors.
pub struct Tensors {
    pub fields: Vec<Ident>,
    pub field_tys: Vec<TokenStream>,
    pub grad_tys: Vec<TokenStream>,
    /// `new`'s statements after the zeroed allocation, in source order.
    pub init: Vec<TokenStream>,
    /// `impl NamedTensors` for the model and for its gradients.
    pub model_impl: TokenStream,
    pub grads_impl: TokenStream,
    /// `visit_params_mut`'s statements.
    pub visit_pairs: Vec<TokenStream>,
}

pub fn tensors(model: &Model, grads_name: &Ident) -> Tensors {
    let mut out = Tensors {
        fields: Vec::new(),
        field_tys: Vec::new(),
        grad_tys: Vec::new(),
        init: Vec::new(),
        model_impl: TokenStream::new(),
        grads_impl: TokenStream::new(),
        visit_pairs: Vec::new(),
    };
    let (mut visit_model, mut visit_model_mut) = (Vec::new(), Vec::new());
    let (mut visit_grads, mut visit_grads_mut) = (Vec::new(), Vec::new());
    for (step, field) in model.param_steps() {
        let block = block(model, step);
        out.fields.push(field.clone());
        out.init.push(init(step, field, block.fan_in));
        out.field_tys.push(block.ty);
        out.grad_tys.push(block.grad_ty);
        // In PyTorch's state_dict order: the kind's row lists them so.
        for tensor in &step.tensors {
            let t = format_ident!("{}", tensor.name);
            let full = format!("{field}.{}", tensor.name);
            let visit = quote!(f(#full, ::net::Tensor::shape(&self.#field.#t), ::net::TensorData::F32(self.#field.#t.as_slice()));
            );
            let visit_mut = quote!(f(#full, ::net::Tensor::shape(&self.#field.#t), ::net::TensorDataMut::F32(self.#field.#t.as_mut_slice())););
            match tensor.role {
                Role::Trainable | Role::Bias => {
                    visit_model.push(visit.clone());
                    visit_grads.push(visit);
                    visit_model_mut.push(visit_mut.clone());
                    visit_grads_mut.push(visit_mut);
                    out.visit_pairs.push(
                        quote!(f(#full, self.#field.#t.as_mut_slice(), grads.#field.#t.as_slice());),
                    );
                }
                Role::Buffer => {
                    visit_model.push(visit);
                    visit_model_mut.push(visit_mut);
                }
                Role::Counter => {
                    visit_model.push(quote!(f(#full, &[], ::net::TensorData::I64(::core::slice::from_ref(&self.#field.#t)));));
                    visit_model_mut.push(quote!(f(#full, &[], ::net::TensorDataMut::I64(::core::slice::from_mut(&mut self.#field.#t)));));
                }
            }
        }
    }
    out.model_impl = named_tensors(&model.name, &visit_model, &visit_model_mut);
    out.grads_impl = named_tensors(grads_name, &visit_grads, &visit_grads_mut);
    out
}

/// PyTorch's default initialisation of one layer: weight then bias, uniform
/// within the bound of its fan-in; batch norm's fixed starting state.
fn init(step: &Step, field: &Ident, fan_in: Option<usize>) -> TokenStream {
    let Some(fan_in) = fan_in else {
        return quote!(model.#field = ::core::default::Default::default(););
    };
    let fan_in = lit(fan_in);
    let bias = step
        .tensors
        .iter()
        .any(|t| t.role == Role::Bias)
        .then(|| quote!(::net::__private::init_uniform(&mut rng, model.#field.bias.as_mut_slice(), bound);));
    quote! {
        let bound = ::net::__private::default_init_bound(#fan_in);
        ::net::__private::init_uniform(&mut rng, model.#field.weight.as_mut_slice(), bound);
        #bias
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
