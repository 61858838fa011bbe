#[derive(Clone, Debug, PartialEq)]
pub struct Skips {
    #[doc = concat!("Parameters of layer `", stringify!(a), "`.")]
    pub a: ::net::Weights<::net::Tensor4<4, 2, 3, 3>, 4>,
    #[doc = concat!("Parameters of layer `", stringify!(b), "`.")]
    pub b: ::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>,
    #[doc = concat!("Parameters of layer `", stringify!(c), "`.")]
    pub c: ::net::Weights<::net::Tensor4<4, 8, 1, 1>, 4>,
}
///Gradients of [`Skips`]'s trainable parameters, in the same fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SkipsGrads {
    #[doc = concat!("Gradients of layer `", stringify!(a), "`.")]
    pub a: ::net::Weights<::net::Tensor4<4, 2, 3, 3>, 4>,
    #[doc = concat!("Gradients of layer `", stringify!(b), "`.")]
    pub b: ::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>,
    #[doc = concat!("Gradients of layer `", stringify!(c), "`.")]
    pub c: ::net::Weights<::net::Tensor4<4, 8, 1, 1>, 4>,
}
::net::__private::std_only! {
    #[doc = "What [`Skips`]'s training forward pass keeps for its backward pass."]
    #[allow(dead_code)] #[derive(Default)] pub struct SkipsCache { batch : usize, a0 :
    ::net::__private::Vec < ::net::Tensor3 < 2, 8, 8 > >, a1 : ::net::__private::Vec <
    ::net::Tensor3 < 4, 8, 8 > >, a2 : ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 >
    >, a3 : ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 > >, a4 :
    ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > >, a5 : ::net::__private::Vec <
    ::net::Tensor3 < 4, 8, 8 > >, a6 : ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 >
    >, a7 : ::net::__private::Vec < ::net::Tensor1 < 4 > >, d0 : ::net::__private::Vec <
    ::net::Tensor3 < 2, 8, 8 > >, d1 : ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 >
    >, d2 : ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 > >, d3 :
    ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 > >, d4 : ::net::__private::Vec <
    ::net::Tensor3 < 8, 8, 8 > >, d5 : ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 >
    >, d6 : ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 > >, d7 :
    ::net::__private::Vec < ::net::Tensor1 < 4 > >, chunk_grads : ::net::__private::Vec <
    ::net::__private::Box < SkipsGrads >>, }
}
///Every buffer [`Skips`]'s inference needs, laid out when the model was compiled: activations share memory once nothing reads them, so it holds the most that is alive at once. `new` is a `const fn`, so it can be a `static`.
pub struct SkipsScratch {
    floats: ::net::__private::Floats<
        {
            1280
                + ::net::__private::max(
                    ::net::kernels::conv::conv2d_forward_scratch::<
                        8,
                        8,
                        8,
                        4,
                        1,
                        1,
                        1,
                        1,
                        0,
                        0,
                        8,
                        8,
                    >(),
                    ::net::__private::max(
                        ::net::kernels::grouped::conv2d_forward_scratch::<
                            4,
                            8,
                            8,
                            4,
                            4,
                            3,
                            3,
                            1,
                            1,
                            2,
                            2,
                            2,
                            2,
                            2,
                            2,
                            8,
                            8,
                        >(),
                        ::net::__private::max(
                            ::net::kernels::conv::conv2d_forward_scratch::<
                                2,
                                8,
                                8,
                                4,
                                3,
                                3,
                                1,
                                1,
                                1,
                                1,
                                8,
                                8,
                            >(),
                            0,
                        ),
                    ),
                )
        },
    >,
}
impl SkipsScratch {
    /// All zeros.
    pub const fn new() -> Self {
        Self {
            floats: ::net::__private::Floats::new(),
        }
    }
}
impl ::core::default::Default for SkipsScratch {
    fn default() -> Self {
        Self::new()
    }
}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for SkipsScratch {}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for Skips {}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for SkipsGrads {}
const _: fn() = || {
    fn assert_zeroable<T: ::net::Zeroable>() {}
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 2, 3, 3>, 4>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 2, 3, 3>, 4>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 8, 1, 1>, 4>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 8, 1, 1>, 4>>();
};
impl Skips {
    /// The input of the last layer with parameters, for one sample
    /// (inference mode): features for transfer learning.
    pub fn embed(&self, x: &::net::Tensor3<2, 8, 8>) -> ::net::Tensor3<8, 8, 8> {
        let mut scratch = SkipsScratch::new();
        let floats = &mut scratch.floats.0[..];
        let embedded: &::net::Tensor3<8, 8, 8> = {
            {
                let (reads, a1, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (512, 256),
                    1280,
                );
                let _ = (&reads, &work);
                let a0: &::net::Tensor3<2, 8, 8> = x;
                let a1: &mut ::net::Tensor3<4, 8, 8> = ::net::__private::view_mut(a1);
                ::net::kernels::conv::conv2d_forward_in::<
                    2,
                    8,
                    8,
                    4,
                    3,
                    3,
                    1,
                    1,
                    1,
                    1,
                    8,
                    8,
                >(
                    a0,
                    &self.a.weight,
                    ::core::option::Option::Some(&self.a.bias),
                    a1,
                    work,
                );
            }
            {
                let (reads, a2, work) = ::net::__private::step(
                    &mut *floats,
                    [(512, 256)],
                    (768, 256),
                    1280,
                );
                let _ = (&reads, &work);
                let a1: &::net::Tensor3<4, 8, 8> = ::net::__private::view(reads[0]);
                let a2: &mut ::net::Tensor3<4, 8, 8> = ::net::__private::view_mut(a2);
                ::net::kernels::activation::relu(a1.as_slice(), a2.as_mut_slice());
            }
            {
                let (reads, a3, work) = ::net::__private::step(
                    &mut *floats,
                    [(768, 256)],
                    (1024, 256),
                    1280,
                );
                let _ = (&reads, &work);
                let a2: &::net::Tensor3<4, 8, 8> = ::net::__private::view(reads[0]);
                let a3: &mut ::net::Tensor3<4, 8, 8> = ::net::__private::view_mut(a3);
                ::net::kernels::grouped::conv2d_forward_in::<
                    4,
                    8,
                    8,
                    4,
                    4,
                    3,
                    3,
                    1,
                    1,
                    2,
                    2,
                    2,
                    2,
                    2,
                    2,
                    8,
                    8,
                >(
                    a2,
                    &self.b.weight,
                    ::core::option::Option::Some(&self.b.bias),
                    a3,
                    work,
                );
            }
            {
                let (reads, a4, work) = ::net::__private::step(
                    &mut *floats,
                    [(1024, 256), (768, 256)],
                    (0, 512),
                    1280,
                );
                let _ = (&reads, &work);
                let a3: &::net::Tensor3<4, 8, 8> = ::net::__private::view(reads[0]);
                let a2: &::net::Tensor3<4, 8, 8> = ::net::__private::view(reads[1]);
                let a4: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a4);
                ::net::kernels::residual::concat(
                    1,
                    &[a3.as_slice(), a2.as_slice()],
                    a4.as_mut_slice(),
                );
            }
            ::net::__private::view(&floats[0..512])
        };
        *embedded
    }
}
::net::__private::std_only! {
    impl Skips { #[doc = r" The layer table, computed when the model was compiled."] pub
    const SUMMARY : ::net::Summary = ::net::Summary { name : "Skips", input : & [2, 8,
    8], layers : & [::net::LayerSummary { name : "a", kind : "Conv2d", output : & [4, 8,
    8], params : 76, mult_adds : 4608 }, ::net::LayerSummary { name : "s", kind : "Relu",
    output : & [4, 8, 8], params : 0, mult_adds : 0 }, ::net::LayerSummary { name : "b",
    kind : "Conv2d dilation=2", output : & [4, 8, 8], params : 148, mult_adds : 9216 },
    ::net::LayerSummary { name : "concat_0", kind : "Concat", output : & [8, 8, 8],
    params : 0, mult_adds : 0 }, ::net::LayerSummary { name : "c", kind : "Conv2d",
    output : & [4, 8, 8], params : 36, mult_adds : 2048 }, ::net::LayerSummary { name :
    "add_0", kind : "Add", output : & [4, 8, 8], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "global_max_pool_0", kind : "GlobalMaxPool", output : &
    [4], params : 0, mult_adds : 0 }], params : 260, buffers : 0, mult_adds : 15872, };
    #[doc = r" A model with PyTorch's default initialisation, drawn from `seed`;"] #[doc
    = r" built on the heap, so a large model never passes through the stack."] pub fn
    new(seed : u64) -> ::net::__private::Box < Self > { let mut rng =
    ::net::Rng::seed_from_u64(seed); let mut model = ::net::zeroed_box:: < Self > (); let
    bound = ::net::__private::default_init_bound(18); ::net::__private::init_uniform(&
    mut rng, model.a.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut
    rng, model.a.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(36); ::net::__private::init_uniform(& mut rng,
    model.b.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.b.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(8); ::net::__private::init_uniform(& mut rng,
    model.c.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.c.bias.as_mut_slice(), bound); let _ = & mut rng; model } #[doc =
    r" The layer table: names, kinds, output shapes, parameters and"] #[doc =
    r" multiply-adds; printable with `{}`."] pub fn summary() -> ::net::Summary {
    Self::SUMMARY } #[doc =
    r" Writes the parameters and buffers to a safetensors file, in"] #[doc =
    r" PyTorch's names and layouts."] pub fn save_safetensors(& self, path : impl
    ::core::convert::AsRef < ::net::__private::Path >) -> ::core::result::Result < (),
    ::net::Error > { ::net::NamedTensors::save_safetensors(self, path) } #[doc =
    r" Reads the parameters and buffers from a safetensors file; on any"] #[doc =
    r" mismatch the model is left unchanged and the error names each tensor."] pub fn
    load_safetensors(& mut self, path : impl ::core::convert::AsRef <
    ::net::__private::Path >) -> ::core::result::Result < (), ::net::Error > {
    ::net::NamedTensors::load_safetensors(self, path) } #[doc =
    r" The network as ONNX operators, computed when the model was compiled."] pub const
    ONNX : ::net::onnx::Graph = ::net::onnx::Graph { name : "Skips", input : & [2, 8, 8],
    output : & [4], nodes : & [::net::onnx::Node { op : "Conv", name : "a", inputs : &
    ["input", "a.weight", "a.bias"], output : "a", attributes : & [("kernel_shape",
    ::net::onnx::Attribute::Ints(& [3i64, 3i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64, 1i64, 1i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Relu", name : "s",
    inputs : & ["a"], output : "s", attributes : & [], }, ::net::onnx::Node { op :
    "Conv", name : "b", inputs : & ["s", "b.weight", "b.bias"], output : "b", attributes
    : & [("kernel_shape", ::net::onnx::Attribute::Ints(& [3i64, 3i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64, 2i64, 2i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Concat", name :
    "concat_0", inputs : & ["b", "s"], output : "concat_0", attributes : & [("axis",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Conv", name : "c",
    inputs : & ["concat_0", "c.weight", "c.bias"], output : "c", attributes : &
    [("kernel_shape", ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Add", name :
    "add_0", inputs : & ["c", "a"], output : "add_0", attributes : & [], },
    ::net::onnx::Node { op : "GlobalMaxPool", name : "global_max_pool_0", inputs : &
    ["add_0"], output : "global_max_pool_0_pooled", attributes : & [], },
    ::net::onnx::Node { op : "Flatten", name : "global_max_pool_0_flatten", inputs : &
    ["global_max_pool_0_pooled"], output : "output", attributes : & [("axis",
    ::net::onnx::Attribute::Int(1i64))], }], constants : & [], }; #[doc =
    r" Writes the model as an ONNX file (opset 17) for onnxruntime, Netron"] #[doc =
    r" and the rest of the ONNX tools: input `input` of shape `[N, ..]`,"] #[doc =
    r" output `output`, the parameters under their PyTorch names,"] #[doc =
    r" inference semantics (batch norm with its running statistics,"] #[doc =
    r" dropout left out)."] pub fn save_onnx(& self, path : impl ::core::convert::AsRef <
    ::net::__private::Path >) -> ::core::result::Result < (), ::net::Error > {
    ::net::onnx::save(self, & Self::ONNX, path.as_ref()) } } impl SkipsGrads { #[doc =
    r" Writes the gradients to a safetensors file, named as the parameters."] pub fn
    save_safetensors(& self, path : impl ::core::convert::AsRef < ::net::__private::Path
    >) -> ::core::result::Result < (), ::net::Error > {
    ::net::NamedTensors::save_safetensors(self, path) } #[doc =
    r" Reads the gradients from a safetensors file."] pub fn load_safetensors(& mut self,
    path : impl ::core::convert::AsRef < ::net::__private::Path >) ->
    ::core::result::Result < (), ::net::Error > {
    ::net::NamedTensors::load_safetensors(self, path) } }
}
impl ::net::NamedTensors for Skips {
    fn visit<'a>(
        &'a self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorData<'a>),
    ) {
        let _ = &f;
        f(
            "a.weight",
            ::net::Tensor::shape(&self.a.weight),
            ::net::TensorData::F32(self.a.weight.as_slice()),
        );
        f(
            "a.bias",
            ::net::Tensor::shape(&self.a.bias),
            ::net::TensorData::F32(self.a.bias.as_slice()),
        );
        f(
            "b.weight",
            ::net::Tensor::shape(&self.b.weight),
            ::net::TensorData::F32(self.b.weight.as_slice()),
        );
        f(
            "b.bias",
            ::net::Tensor::shape(&self.b.bias),
            ::net::TensorData::F32(self.b.bias.as_slice()),
        );
        f(
            "c.weight",
            ::net::Tensor::shape(&self.c.weight),
            ::net::TensorData::F32(self.c.weight.as_slice()),
        );
        f(
            "c.bias",
            ::net::Tensor::shape(&self.c.bias),
            ::net::TensorData::F32(self.c.bias.as_slice()),
        );
    }
    fn visit_mut(
        &mut self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorDataMut<'_>),
    ) {
        let _ = &f;
        f(
            "a.weight",
            ::net::Tensor::shape(&self.a.weight),
            ::net::TensorDataMut::F32(self.a.weight.as_mut_slice()),
        );
        f(
            "a.bias",
            ::net::Tensor::shape(&self.a.bias),
            ::net::TensorDataMut::F32(self.a.bias.as_mut_slice()),
        );
        f(
            "b.weight",
            ::net::Tensor::shape(&self.b.weight),
            ::net::TensorDataMut::F32(self.b.weight.as_mut_slice()),
        );
        f(
            "b.bias",
            ::net::Tensor::shape(&self.b.bias),
            ::net::TensorDataMut::F32(self.b.bias.as_mut_slice()),
        );
        f(
            "c.weight",
            ::net::Tensor::shape(&self.c.weight),
            ::net::TensorDataMut::F32(self.c.weight.as_mut_slice()),
        );
        f(
            "c.bias",
            ::net::Tensor::shape(&self.c.bias),
            ::net::TensorDataMut::F32(self.c.bias.as_mut_slice()),
        );
    }
}
impl ::net::NamedTensors for SkipsGrads {
    fn visit<'a>(
        &'a self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorData<'a>),
    ) {
        let _ = &f;
        f(
            "a.weight",
            ::net::Tensor::shape(&self.a.weight),
            ::net::TensorData::F32(self.a.weight.as_slice()),
        );
        f(
            "a.bias",
            ::net::Tensor::shape(&self.a.bias),
            ::net::TensorData::F32(self.a.bias.as_slice()),
        );
        f(
            "b.weight",
            ::net::Tensor::shape(&self.b.weight),
            ::net::TensorData::F32(self.b.weight.as_slice()),
        );
        f(
            "b.bias",
            ::net::Tensor::shape(&self.b.bias),
            ::net::TensorData::F32(self.b.bias.as_slice()),
        );
        f(
            "c.weight",
            ::net::Tensor::shape(&self.c.weight),
            ::net::TensorData::F32(self.c.weight.as_slice()),
        );
        f(
            "c.bias",
            ::net::Tensor::shape(&self.c.bias),
            ::net::TensorData::F32(self.c.bias.as_slice()),
        );
    }
    fn visit_mut(
        &mut self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorDataMut<'_>),
    ) {
        let _ = &f;
        f(
            "a.weight",
            ::net::Tensor::shape(&self.a.weight),
            ::net::TensorDataMut::F32(self.a.weight.as_mut_slice()),
        );
        f(
            "a.bias",
            ::net::Tensor::shape(&self.a.bias),
            ::net::TensorDataMut::F32(self.a.bias.as_mut_slice()),
        );
        f(
            "b.weight",
            ::net::Tensor::shape(&self.b.weight),
            ::net::TensorDataMut::F32(self.b.weight.as_mut_slice()),
        );
        f(
            "b.bias",
            ::net::Tensor::shape(&self.b.bias),
            ::net::TensorDataMut::F32(self.b.bias.as_mut_slice()),
        );
        f(
            "c.weight",
            ::net::Tensor::shape(&self.c.weight),
            ::net::TensorDataMut::F32(self.c.weight.as_mut_slice()),
        );
        f(
            "c.bias",
            ::net::Tensor::shape(&self.c.bias),
            ::net::TensorDataMut::F32(self.c.bias.as_mut_slice()),
        );
    }
}
impl ::net::Network for Skips {
    type Input = ::net::Tensor3<2, 8, 8>;
    type Output = ::net::Tensor1<4>;
    type Scratch = SkipsScratch;
    const INPUT_SHAPE: &'static [usize] = &[2, 8, 8];
    const OUTPUT_SHAPE: &'static [usize] = &[4];
    const NUM_PARAMS: usize = 260;
    fn forward(&self, x: &::net::Tensor3<2, 8, 8>) -> ::net::Tensor1<4> {
        *self.forward_in(x, &mut SkipsScratch::new())
    }
    fn forward_in<'s>(
        &self,
        x: &::net::Tensor3<2, 8, 8>,
        scratch: &'s mut SkipsScratch,
    ) -> &'s ::net::Tensor1<4> {
        let floats = &mut scratch.floats.0[..];
        {
            let (reads, a1, work) = ::net::__private::step(
                &mut *floats,
                [],
                (512, 256),
                1280,
            );
            let _ = (&reads, &work);
            let a0: &::net::Tensor3<2, 8, 8> = x;
            let a1: &mut ::net::Tensor3<4, 8, 8> = ::net::__private::view_mut(a1);
            ::net::kernels::conv::conv2d_forward_in::<
                2,
                8,
                8,
                4,
                3,
                3,
                1,
                1,
                1,
                1,
                8,
                8,
            >(a0, &self.a.weight, ::core::option::Option::Some(&self.a.bias), a1, work);
        }
        {
            let (reads, a2, work) = ::net::__private::step(
                &mut *floats,
                [(512, 256)],
                (768, 256),
                1280,
            );
            let _ = (&reads, &work);
            let a1: &::net::Tensor3<4, 8, 8> = ::net::__private::view(reads[0]);
            let a2: &mut ::net::Tensor3<4, 8, 8> = ::net::__private::view_mut(a2);
            ::net::kernels::activation::relu(a1.as_slice(), a2.as_mut_slice());
        }
        {
            let (reads, a3, work) = ::net::__private::step(
                &mut *floats,
                [(768, 256)],
                (1024, 256),
                1280,
            );
            let _ = (&reads, &work);
            let a2: &::net::Tensor3<4, 8, 8> = ::net::__private::view(reads[0]);
            let a3: &mut ::net::Tensor3<4, 8, 8> = ::net::__private::view_mut(a3);
            ::net::kernels::grouped::conv2d_forward_in::<
                4,
                8,
                8,
                4,
                4,
                3,
                3,
                1,
                1,
                2,
                2,
                2,
                2,
                2,
                2,
                8,
                8,
            >(a2, &self.b.weight, ::core::option::Option::Some(&self.b.bias), a3, work);
        }
        {
            let (reads, a4, work) = ::net::__private::step(
                &mut *floats,
                [(1024, 256), (768, 256)],
                (0, 512),
                1280,
            );
            let _ = (&reads, &work);
            let a3: &::net::Tensor3<4, 8, 8> = ::net::__private::view(reads[0]);
            let a2: &::net::Tensor3<4, 8, 8> = ::net::__private::view(reads[1]);
            let a4: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a4);
            ::net::kernels::residual::concat(
                1,
                &[a3.as_slice(), a2.as_slice()],
                a4.as_mut_slice(),
            );
        }
        {
            let (reads, a5, work) = ::net::__private::step(
                &mut *floats,
                [(0, 512)],
                (768, 256),
                1280,
            );
            let _ = (&reads, &work);
            let a4: &::net::Tensor3<8, 8, 8> = ::net::__private::view(reads[0]);
            let a5: &mut ::net::Tensor3<4, 8, 8> = ::net::__private::view_mut(a5);
            ::net::kernels::conv::conv2d_forward_in::<
                8,
                8,
                8,
                4,
                1,
                1,
                1,
                1,
                0,
                0,
                8,
                8,
            >(a4, &self.c.weight, ::core::option::Option::Some(&self.c.bias), a5, work);
        }
        {
            let (reads, a6, work) = ::net::__private::step(
                &mut *floats,
                [(512, 256)],
                (768, 256),
                1280,
            );
            let _ = (&reads, &work);
            let a1: &::net::Tensor3<4, 8, 8> = ::net::__private::view(reads[0]);
            let a6: &mut ::net::Tensor3<4, 8, 8> = ::net::__private::view_mut(a6);
            ::net::kernels::residual::accumulate(a6.as_mut_slice(), a1.as_slice());
        }
        {
            let (reads, a7, work) = ::net::__private::step(
                &mut *floats,
                [(768, 256)],
                (0, 4),
                1280,
            );
            let _ = (&reads, &work);
            let a6: &::net::Tensor3<4, 8, 8> = ::net::__private::view(reads[0]);
            let a7: &mut ::net::Tensor1<4> = ::net::__private::view_mut(a7);
            ::net::kernels::pool::global_max_pool(a6, a7);
        }
        ::net::__private::view(&floats[0..4])
    }
    ::net::__private::std_only! {
        type Grads = SkipsGrads; type Cache = SkipsCache; fn forward_train(& mut self, xs
        : & [::net::Tensor3 < 2, 8, 8 >], rng : & mut ::net::Rng) ->
        (::net::__private::Vec < ::net::Tensor1 < 4 > >, SkipsCache) { self
        .forward_train_reusing(xs, rng, ::core::default::Default::default()) }
        #[allow(unused_mut, unused_variables)] fn forward_train_reusing(& mut self, xs :
        & [::net::Tensor3 < 2, 8, 8 >], rng : & mut ::net::Rng, cache : SkipsCache) ->
        (::net::__private::Vec < ::net::Tensor1 < 4 > >, SkipsCache) { let mut cache =
        cache; let batch = xs.len(); let mut a0 = { let mut buffer = ::core::mem::take(&
        mut cache.a0); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 2,
        8, 8 > > ::zeros()); buffer }; let mut a1 = { let mut buffer =
        ::core::mem::take(& mut cache.a1); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 4, 8, 8 > > ::zeros()); buffer }; let mut a2 = { let mut buffer
        = ::core::mem::take(& mut cache.a2); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor3 < 4, 8, 8 > > ::zeros()); buffer }; let mut a3 = { let mut
        buffer = ::core::mem::take(& mut cache.a3); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 4, 8, 8 > > ::zeros()); buffer }; let mut a4 =
        { let mut buffer = ::core::mem::take(& mut cache.a4); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer }; let mut
        a5 = { let mut buffer = ::core::mem::take(& mut cache.a5); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4, 8, 8 > > ::zeros());
        buffer }; let mut a6 = { let mut buffer = ::core::mem::take(& mut cache.a6);
        buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4, 8, 8 > >
        ::zeros()); buffer }; let mut a7 = { let mut buffer = ::core::mem::take(& mut
        cache.a7); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 4 > >
        ::zeros()); buffer }; { let chunks : ::net::__private::Vec < _ > = xs
        .chunks(::net::__private::chunks::chunk_samples(batch)).zip(a0
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a1
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a2
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a3
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a4
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a5
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a6
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a7
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).collect();
        ::net::__private::chunks::for_each_chunk(chunks, | ((((((((xs, mut a0), mut a1),
        mut a2), mut a3), mut a4), mut a5), mut a6), mut a7) | { a0.copy_from_slice(xs);
        ::net::kernels::conv::conv2d_forward_batch:: < 2, 8, 8, 4, 3, 3, 1, 1, 1, 1, 8, 8
        > (& a0, & self.a.weight, ::core::option::Option::Some(& self.a.bias), & mut a1);
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a1),
        ::net::__private::batch_as_mut_slice(& mut a2),
        ::net::kernels::activation::relu);
        ::net::kernels::grouped::conv2d_forward_batch:: < 4, 8, 8, 4, 4, 3, 3, 1, 1, 2,
        2, 2, 2, 2, 2, 8, 8 > (& a2, & self.b.weight, ::core::option::Option::Some(& self
        .b.bias), & mut a3); ::net::kernels::residual::concat(a3.len(), &
        [::net::__private::batch_as_slice(& a3), ::net::__private::batch_as_slice(& a2)],
        ::net::__private::batch_as_mut_slice(& mut a4));
        ::net::kernels::conv::conv2d_forward_batch:: < 8, 8, 8, 4, 1, 1, 1, 1, 0, 0, 8, 8
        > (& a4, & self.c.weight, ::core::option::Option::Some(& self.c.bias), & mut a5);
        ::net::kernels::residual::add(::net::__private::batch_as_slice(& a1),
        ::net::__private::batch_as_slice(& a5), ::net::__private::batch_as_mut_slice(&
        mut a6)); ::net::kernels::pool::global_max_pool_batch(& a6, & mut a7); }); } let
        outputs = a7.clone(); cache.batch = batch; cache.a0 = a0; cache.a1 = a1; cache.a2
        = a2; cache.a3 = a3; cache.a4 = a4; cache.a5 = a5; cache.a6 = a6; cache.a7 = a7;
        (outputs, cache) } #[allow(unused_mut, unused_variables, clippy::let_and_return)]
        fn backward(& self, cache : & SkipsCache, dys : & [::net::Tensor1 < 4 >], grads :
        & mut SkipsGrads) -> ::net::__private::Vec < ::net::Tensor3 < 2, 8, 8 > > { let
        batch = cache.batch; assert_eq!(dys.len(), batch,
        "backward: {} output gradients for a batch of {}", dys.len(), batch); let mut d6
        : ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d1 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d5 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d4 :
        ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d2 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d3 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 8, 8 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d0 :
        ::net::__private::Vec < ::net::Tensor3 < 2, 8, 8 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut scratch =
        ::net::__private::Vec::new(); { let chunks : ::net::__private::Vec < _ > =
        ::net::__private::chunks::chunk_grads(grads, & mut scratch, batch).zip(cache.a0
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a1
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a2
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a3
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a4
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a5
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a6
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a7
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(dys
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(d6
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d1
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d5
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d4
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d2
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d3
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d0
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).collect();
        ::net::__private::chunks::for_each_chunk(chunks, | ((((((((((((((((grads, a0),
        a1), a2), a3), a4), a5), a6), a7), d7), mut d6), mut d1), mut d5), mut d4), mut
        d2), mut d3), mut d0) | { let grads = grads.into_block(); { let mut g = & mut *
        d6; ::net::kernels::pool::global_max_pool_backward_batch(& a6, & d7, & mut g); }
        d1.copy_from_slice(& d6); { let mut g = & mut * d5; g.copy_from_slice(& d6); } {
        let mut g = & mut * d4; ::net::kernels::conv::conv2d_backward_batch:: < 8, 8, 8,
        4, 1, 1, 1, 1, 0, 0, 8, 8 > (& a4, & self.c.weight, & d5,
        ::core::option::Option::Some(& mut g), & mut grads.c.weight,
        ::core::option::Option::Some(& mut grads.c.bias)); }
        ::net::kernels::residual::concat_backward(d4.len(),
        ::net::__private::batch_as_slice(& d4), 256,
        ::net::__private::batch_as_mut_slice(& mut * d2), false); { let mut g = & mut *
        d3; ::net::kernels::residual::concat_backward(d4.len(),
        ::net::__private::batch_as_slice(& d4), 0, ::net::__private::batch_as_mut_slice(&
        mut g), false); } { let mut g = ::net::__private::vec![< ::net::Tensor3 < 4, 8, 8
        > > ::zeros(); d2.len()]; ::net::kernels::grouped::conv2d_backward_batch:: < 4,
        8, 8, 4, 4, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 8, 8 > (& a2, & self.b.weight, & d3,
        ::core::option::Option::Some(& mut g), & mut grads.b.weight,
        ::core::option::Option::Some(& mut grads.b.bias));
        ::net::kernels::residual::accumulate(::net::__private::batch_as_mut_slice(& mut *
        d2), ::net::__private::batch_as_slice(& g)); } { let mut g =
        ::net::__private::vec![< ::net::Tensor3 < 4, 8, 8 > > ::zeros(); d1.len()];
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a1), ::net::__private::batch_as_slice(& d2),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward);
        ::net::kernels::residual::accumulate(::net::__private::batch_as_mut_slice(& mut *
        d1), ::net::__private::batch_as_slice(& g)); } { let mut g = & mut * d0;
        ::net::kernels::conv::conv2d_backward_batch:: < 2, 8, 8, 4, 3, 3, 1, 1, 1, 1, 8,
        8 > (& a0, & self.a.weight, & d1, ::core::option::Option::Some(& mut g), & mut
        grads.a.weight, ::core::option::Option::Some(& mut grads.a.bias)); } }); }
        ::net::__private::chunks::add_in_chunk_order(grads, & scratch); d0 }
        #[allow(unused_mut, unused_variables, clippy::let_and_return)] fn
        backward_params(& self, cache : & mut SkipsCache, dys : & [::net::Tensor1 < 4 >],
        grads : & mut SkipsGrads) { let batch = cache.batch; assert_eq!(dys.len(), batch,
        "backward: {} output gradients for a batch of {}", dys.len(), batch); let mut d6
        = { let mut buffer = ::core::mem::take(& mut cache.d6); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor3 < 4, 8, 8 > > ::zeros()); buffer }; let mut
        d1 = { let mut buffer = ::core::mem::take(& mut cache.d1); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4, 8, 8 > > ::zeros());
        buffer }; let mut d5 = { let mut buffer = ::core::mem::take(& mut cache.d5);
        buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4, 8, 8 > >
        ::zeros()); buffer }; let mut d4 = { let mut buffer = ::core::mem::take(& mut
        cache.d4); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 8, 8,
        8 > > ::zeros()); buffer }; let mut d2 = { let mut buffer = ::core::mem::take(&
        mut cache.d2); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4,
        8, 8 > > ::zeros()); buffer }; let mut d3 = { let mut buffer =
        ::core::mem::take(& mut cache.d3); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 4, 8, 8 > > ::zeros()); buffer }; let mut scratch =
        ::core::mem::take(& mut cache.chunk_grads); { let chunks : ::net::__private::Vec
        < _ > = ::net::__private::chunks::chunk_grads(grads, & mut scratch, batch)
        .zip(cache.a0.chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache
        .a1.chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a2
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a3
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a4
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a5
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a6
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a7
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(dys
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(d6
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d1
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d5
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d4
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d2
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d3
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).collect();
        ::net::__private::chunks::for_each_chunk(chunks, | (((((((((((((((grads, a0),
        a1), a2), a3), a4), a5), a6), a7), d7), mut d6), mut d1), mut d5), mut d4), mut
        d2), mut d3) | { let grads = grads.into_block(); { let mut g = & mut * d6;
        ::net::kernels::pool::global_max_pool_backward_batch(& a6, & d7, & mut g); } d1
        .copy_from_slice(& d6); { let mut g = & mut * d5; g.copy_from_slice(& d6); } {
        let mut g = & mut * d4; ::net::kernels::conv::conv2d_backward_batch:: < 8, 8, 8,
        4, 1, 1, 1, 1, 0, 0, 8, 8 > (& a4, & self.c.weight, & d5,
        ::core::option::Option::Some(& mut g), & mut grads.c.weight,
        ::core::option::Option::Some(& mut grads.c.bias)); }
        ::net::kernels::residual::concat_backward(d4.len(),
        ::net::__private::batch_as_slice(& d4), 256,
        ::net::__private::batch_as_mut_slice(& mut * d2), false); { let mut g = & mut *
        d3; ::net::kernels::residual::concat_backward(d4.len(),
        ::net::__private::batch_as_slice(& d4), 0, ::net::__private::batch_as_mut_slice(&
        mut g), false); } { let mut g = ::net::__private::vec![< ::net::Tensor3 < 4, 8, 8
        > > ::zeros(); d2.len()]; ::net::kernels::grouped::conv2d_backward_batch:: < 4,
        8, 8, 4, 4, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 8, 8 > (& a2, & self.b.weight, & d3,
        ::core::option::Option::Some(& mut g), & mut grads.b.weight,
        ::core::option::Option::Some(& mut grads.b.bias));
        ::net::kernels::residual::accumulate(::net::__private::batch_as_mut_slice(& mut *
        d2), ::net::__private::batch_as_slice(& g)); } { let mut g =
        ::net::__private::vec![< ::net::Tensor3 < 4, 8, 8 > > ::zeros(); d1.len()];
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a1), ::net::__private::batch_as_slice(& d2),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward);
        ::net::kernels::residual::accumulate(::net::__private::batch_as_mut_slice(& mut *
        d1), ::net::__private::batch_as_slice(& g)); }
        ::net::kernels::conv::conv2d_backward_batch:: < 2, 8, 8, 4, 3, 3, 1, 1, 1, 1, 8,
        8 > (& a0, & self.a.weight, & d1, ::core::option::Option::None, & mut grads.a
        .weight, ::core::option::Option::Some(& mut grads.a.bias)); }); }
        ::net::__private::chunks::add_in_chunk_order(grads, & scratch); cache.chunk_grads
        = scratch; cache.d6 = d6; cache.d1 = d1; cache.d5 = d5; cache.d4 = d4; cache.d2 =
        d2; cache.d3 = d3; } fn visit_params_mut(& mut self, grads : & SkipsGrads, f : &
        mut ::net::ParamVisitor < '_ >) { let _ = (& grads, & f); f("a.weight", self.a
        .weight.as_mut_slice(), grads.a.weight.as_slice()); f("a.bias", self.a.bias
        .as_mut_slice(), grads.a.bias.as_slice()); f("b.weight", self.b.weight
        .as_mut_slice(), grads.b.weight.as_slice()); f("b.bias", self.b.bias
        .as_mut_slice(), grads.b.bias.as_slice()); f("c.weight", self.c.weight
        .as_mut_slice(), grads.c.weight.as_slice()); f("c.bias", self.c.bias
        .as_mut_slice(), grads.c.bias.as_slice()); }
    }
}
