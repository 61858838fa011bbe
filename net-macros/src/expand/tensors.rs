//! The layers' tensors: the struct fields that hold them, PyTorch's default
//! initialisation, the named visits that safetensors I/O goes through, and
//! the (parameter, gradient) pairs that optimizers update.

use super::tokens::*;
use crate::ir::{Model, Op, Step};
use crate::kinds::Role;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

/// A layer's parameter block: its type (and the type's path alone, which a
/// struct expression names), its gradients' type, and the fan-in of PyTorch's
/// default initialisation (`None` for batch norm, which starts from its fixed
/// state).
struct Block {
    path: TokenStream,
    ty: TokenStream,
    grad_ty: TokenStream,
    fan_in: Option<usize>,
}

fn block(model: &Model, step: &Step) -> Block {
    let channels = model.activations[step.input()][0];
    let out = model.activations[step.output][0];
    let weight = &step
        .tensors
        .iter()
        .find(|t| t.spec.role == Role::Trainable)
        .expect("a layer with parameters has a trainable tensor")
        .dims;
    let bias = step.tensors.iter().any(|t| t.spec.role == Role::Bias);
    let weights = |fan_in: usize| {
        let weight = tensor_type(weight);
        let (path, ty) = if bias {
            let out = lit(out);
            (
                quote!(::net::Weights),
                quote!(::net::Weights<#weight, #out>),
            )
        } else {
            (
                quote!(::net::WeightsNoBias),
                quote!(::net::WeightsNoBias<#weight>),
            )
        };
        Block {
            path,
            grad_ty: ty.clone(),
            ty,
            fan_in: Some(fan_in),
        }
    };
    match &step.op {
        // PyTorch's fan-in (`_calculate_fan_in_and_fan_out`): the weight's
        // second axis times the kernel's cells, also for a transposed
        // convolution, whose weight is `[in, out, k..]`.
        Op::Conv { .. } | Op::ConvTranspose { .. } | Op::Dense { .. } => {
            weights(weight[1..].iter().product())
        }
        Op::BatchNorm { .. } => {
            let c = lit(channels);
            Block {
                path: quote!(::net::BatchNormState),
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
        for tensor in step.tensors.iter().map(|t| t.spec) {
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

/// `trained()`, for a network with `#[weights(..)]`: the model as a
/// `static` built from the file's bytes while the crate compiles, so it
/// lies in the binary's read-only data and costs nothing at run time.
pub fn trained(model: &Model) -> Option<TokenStream> {
    let embedded = model.weights.as_ref()?;
    let (name, path) = (&model.name, &embedded.path);
    let fields = model.param_steps().map(|(step, field)| {
        let block = block(model, step).path;
        let values = step.tensors.iter().map(|param| {
            let tensor = format_ident!("{}", param.spec.name);
            let full = format!("{field}.{}", param.spec.name);
            let start = embedded.offsets.get(&full).map(|&start| lit(start));
            let value = match (param.spec.role, start) {
                (Role::Counter, Some(start)) => quote!(::net::__private::i64_at(FILE, #start)),
                (Role::Counter, None) => quote!(0),
                (Role::Trainable | Role::Bias | Role::Buffer, Some(start)) => {
                    let ty = tensor_type(&param.dims);
                    let len = lit(4 * param.dims.iter().product::<usize>());
                    quote!(<#ty>::from_le_bytes(::net::__private::bytes_at(FILE, #start, #len)))
                }
                (Role::Trainable | Role::Bias | Role::Buffer, None) => {
                    unreachable!("the check found every tensor but counters")
                }
            };
            quote!(#tensor: #value)
        });
        quote!(#field: #block { #(#values),* })
    });
    let doc = format!(
        "The parameters and buffers of `{}`, read and checked when this crate was \
         compiled and kept in the binary's read-only data: no start-up work, no \
         allocation, no file system. Cargo compiles the crate again when the file changes.",
        embedded.written
    );
    Some(quote! {
        #[doc = #doc]
        pub const fn trained() -> &'static Self {
            const FILE: &[u8] = ::core::include_bytes!(#path);
            static TRAINED: #name = #name { #(#fields),* };
            &TRAINED
        }
    })
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
        .any(|t| t.spec.role == Role::Bias)
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
