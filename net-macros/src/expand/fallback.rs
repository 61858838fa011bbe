//! What a rejected network expands to: its errors, and the type declared
//! with what is known of it (as thiserror's fallback does), so that one
//! mistake gives one error instead of one more at every later use.

use super::tokens::tensor_type;
use crate::check::Rejected;
use proc_macro2::TokenStream;
use quote::quote;

pub fn fallback(rejected: &Rejected) -> TokenStream {
    let Rejected {
        errors,
        attrs,
        vis,
        name,
        io,
        has_weights,
    } = rejected;
    let errors = errors.to_compile_error();
    let is_shape = |dims: &[usize]| (1..=4).contains(&dims.len()) && !dims.contains(&0);
    let network = io
        .as_ref()
        .filter(|(input, output)| is_shape(input) && is_shape(output))
        .map(|(input, output)| {
            let (input_ty, output_ty) = (tensor_type(input), tensor_type(output));
            quote! {
                impl ::net::Network for #name {
                    type Input = #input_ty;
                    type Output = #output_ty;
                    type Scratch = ();
                    const INPUT_SHAPE: &'static [usize] = &[];
                    const OUTPUT_SHAPE: &'static [usize] = &[];
                    const NUM_PARAMS: usize = 0;
                    fn forward(&self, _: &#input_ty) -> #output_ty {
                        ::core::unreachable!()
                    }
                    fn forward_in<'s>(&self, _: &#input_ty, _: &'s mut ()) -> &'s #output_ty {
                        ::core::unreachable!()
                    }
                    ::net::__private::std_only! {
                    type Grads = Self;
                    type Cache = ();
                    fn forward_train(&mut self, _: &[#input_ty], _: &mut ::net::Rng) -> (::net::__private::Vec<#output_ty>, ()) {
                        ::core::unreachable!()
                    }
                    fn forward_train_reusing(&mut self, _: &[#input_ty], _: &mut ::net::Rng, _: ()) -> (::net::__private::Vec<#output_ty>, ()) {
                        ::core::unreachable!()
                    }
                    fn backward(&self, _: &(), _: &[#output_ty], _: &mut Self) -> ::net::__private::Vec<#input_ty> {
                        ::core::unreachable!()
                    }
                    fn backward_params(&self, _: &mut (), _: &[#output_ty], _: &mut Self) {
                        ::core::unreachable!()
                    }
                    fn visit_params_mut(&mut self, _: &Self, _: &mut ::net::ParamVisitor<'_>) {
                        ::core::unreachable!()
                    }
                    }
                }
            }
        });
    let trained = has_weights.then(|| {
        quote! {
            #[allow(dead_code)]
            impl #name {
                #[allow(missing_docs)]
                pub const fn trained() -> &'static Self {
                    // What a const use evaluates: the field-less struct.
                    static NOTHING: #name = #name {};
                    &NOTHING
                }
            }
        }
    });
    // Nothing here runs: the errors above stop the compile.
    quote! {
        #trained
        #errors
        #(#attrs)*
        #[allow(dead_code)]
        #[derive(Clone, Debug, Default, PartialEq)]
        #vis struct #name {}

        ::net::__private::std_only! {
        #[allow(dead_code)]
        impl #name {
            #[allow(missing_docs)]
            pub fn new(_: u64) -> ::net::__private::Box<Self> {
                ::core::unreachable!()
            }
            #[allow(missing_docs)]
            pub fn summary() -> ::net::Summary {
                ::core::unreachable!()
            }
        }
        }

        impl ::net::NamedTensors for #name {
            fn visit<'a>(&'a self, _: &mut dyn FnMut(&str, &'static [usize], ::net::TensorData<'a>)) {}
            fn visit_mut(&mut self, _: &mut dyn FnMut(&str, &'static [usize], ::net::TensorDataMut<'_>)) {}
        }

        #network
    }
}
