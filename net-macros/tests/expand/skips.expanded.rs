::core::compile_error! {
    "add_0: Add needs one shape, but the current tensor is [8, 8, 8] and `a` is [4, 8, 8]"
}
#[allow(dead_code)]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Skips {}
#[allow(dead_code)]
impl Skips {
    #[allow(missing_docs)]
    pub fn new(_: u64) -> ::std::boxed::Box<Self> {
        ::core::unreachable!()
    }
    #[allow(missing_docs)]
    pub fn summary() -> ::net::Summary {
        ::core::unreachable!()
    }
}
impl ::net::NamedTensors for Skips {
    fn visit<'a>(
        &'a self,
        _: &mut dyn FnMut(&str, &'static [usize], ::net::TensorData<'a>),
    ) {}
    fn visit_mut(
        &mut self,
        _: &mut dyn FnMut(&str, &'static [usize], ::net::TensorDataMut<'_>),
    ) {}
}
impl ::net::Network for Skips {
    type Input = ::net::Tensor3<2, 8, 8>;
    type Output = ::net::Tensor1<8>;
    type Grads = Self;
    type Cache = ();
    const INPUT_SHAPE: &'static [usize] = &[];
    const OUTPUT_SHAPE: &'static [usize] = &[];
    const NUM_PARAMS: usize = 0;
    fn forward(&self, _: &::net::Tensor3<2, 8, 8>) -> ::net::Tensor1<8> {
        ::core::unreachable!()
    }
    fn forward_train(
        &mut self,
        _: &[::net::Tensor3<2, 8, 8>],
        _: &mut ::net::Rng,
    ) -> (::std::vec::Vec<::net::Tensor1<8>>, ()) {
        ::core::unreachable!()
    }
    fn forward_train_reusing(
        &mut self,
        _: &[::net::Tensor3<2, 8, 8>],
        _: &mut ::net::Rng,
        _: (),
    ) -> (::std::vec::Vec<::net::Tensor1<8>>, ()) {
        ::core::unreachable!()
    }
    fn backward(
        &self,
        _: &(),
        _: &[::net::Tensor1<8>],
        _: &mut Self,
    ) -> ::std::vec::Vec<::net::Tensor3<2, 8, 8>> {
        ::core::unreachable!()
    }
    fn backward_params(&self, _: &mut (), _: &[::net::Tensor1<8>], _: &mut Self) {
        ::core::unreachable!()
    }
    fn visit_params_mut(&mut self, _: &Self, _: &mut ::net::ParamVisitor<'_>) {
        ::core::unreachable!()
    }
}
