/// A residual block without batch norm or dropout: trained in chunks.
#[derive(Clone, Debug, PartialEq)]
struct Chunked {
    #[doc = concat!("Parameters of layer `", stringify!(stem), "`.")]
    pub stem: ::net::Weights<::net::Tensor4<4, 2, 3, 3>, 4>,
    #[doc = concat!("Parameters of layer `", stringify!(c1), "`.")]
    pub c1: ::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>,
    #[doc = concat!("Parameters of layer `", stringify!(c2), "`.")]
    pub c2: ::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>,
    #[doc = concat!("Parameters of layer `", stringify!(head), "`.")]
    pub head: ::net::Weights<::net::Tensor2<3, 36>, 3>,
}
///Gradients of [`Chunked`]'s trainable parameters, in the same fields.
#[derive(Clone, Debug, Default, PartialEq)]
struct ChunkedGrads {
    #[doc = concat!("Gradients of layer `", stringify!(stem), "`.")]
    pub stem: ::net::Weights<::net::Tensor4<4, 2, 3, 3>, 4>,
    #[doc = concat!("Gradients of layer `", stringify!(c1), "`.")]
    pub c1: ::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>,
    #[doc = concat!("Gradients of layer `", stringify!(c2), "`.")]
    pub c2: ::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>,
    #[doc = concat!("Gradients of layer `", stringify!(head), "`.")]
    pub head: ::net::Weights<::net::Tensor2<3, 36>, 3>,
}
::net::__private::std_only! {
    #[doc = "What [`Chunked`]'s training forward pass keeps for its backward pass."]
    #[allow(dead_code)] #[derive(Default)] struct ChunkedCache { batch : usize, a0 :
    ::net::__private::Vec < ::net::Tensor3 < 2, 6, 6 > >, a1 : ::net::__private::Vec <
    ::net::Tensor3 < 4, 6, 6 > >, a2 : ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 >
    >, a3 : ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > >, a4 :
    ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > >, a5 : ::net::__private::Vec <
    ::net::Tensor3 < 4, 6, 6 > >, a6 : ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 >
    >, a7 : ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > >, a8 :
    ::net::__private::Vec < ::net::Tensor3 < 4, 3, 3 > >, a9 : ::net::__private::Vec <
    ::net::Tensor3 < 4, 6, 6 > >, a10 : ::net::__private::Vec < ::net::Tensor3 < 4, 3, 3
    > >, a11 : ::net::__private::Vec < ::net::Tensor1 < 36 > >, a12 :
    ::net::__private::Vec < ::net::Tensor1 < 3 > >, a13 : ::net::__private::Vec <
    ::net::Tensor1 < 3 > >, d0 : ::net::__private::Vec < ::net::Tensor3 < 2, 6, 6 > >, d1
    : ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > >, d2 : ::net::__private::Vec <
    ::net::Tensor3 < 4, 6, 6 > >, d3 : ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 >
    >, d4 : ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > >, d5 :
    ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > >, d6 : ::net::__private::Vec <
    ::net::Tensor3 < 4, 6, 6 > >, d7 : ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 >
    >, d8 : ::net::__private::Vec < ::net::Tensor3 < 4, 3, 3 > >, d9 :
    ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > >, d10 : ::net::__private::Vec <
    ::net::Tensor3 < 4, 3, 3 > >, d11 : ::net::__private::Vec < ::net::Tensor1 < 36 > >,
    d12 : ::net::__private::Vec < ::net::Tensor1 < 3 > >, d13 : ::net::__private::Vec <
    ::net::Tensor1 < 3 > >, chunk_grads : ::net::__private::Vec < ::net::__private::Box <
    ChunkedGrads >>, }
}
///Every buffer [`Chunked`]'s inference needs, laid out when the model was compiled: activations share memory once nothing reads them, so it holds the most that is alive at once. `new` is a `const fn`, so it can be a `static`.
struct ChunkedScratch {
    floats: ::net::__private::Floats<
        {
            432
                + ::net::__private::max(
                    ::net::kernels::conv::conv2d_forward_scratch::<
                        4,
                        6,
                        6,
                        4,
                        3,
                        3,
                        1,
                        1,
                        1,
                        1,
                        6,
                        6,
                    >(),
                    ::net::__private::max(
                        ::net::kernels::conv::conv2d_forward_scratch::<
                            4,
                            6,
                            6,
                            4,
                            3,
                            3,
                            1,
                            1,
                            1,
                            1,
                            6,
                            6,
                        >(),
                        ::net::__private::max(
                            ::net::kernels::conv::conv2d_forward_scratch::<
                                2,
                                6,
                                6,
                                4,
                                3,
                                3,
                                1,
                                1,
                                1,
                                1,
                                6,
                                6,
                            >(),
                            0,
                        ),
                    ),
                )
        },
    >,
}
impl ChunkedScratch {
    /// All zeros.
    pub const fn new() -> Self {
        Self {
            floats: ::net::__private::Floats::new(),
        }
    }
}
impl ::core::default::Default for ChunkedScratch {
    fn default() -> Self {
        Self::new()
    }
}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for ChunkedScratch {}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for Chunked {}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for ChunkedGrads {}
const _: fn() = || {
    fn assert_zeroable<T: ::net::Zeroable>() {}
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 2, 3, 3>, 4>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 2, 3, 3>, 4>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<4, 4, 3, 3>, 4>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<3, 36>, 3>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<3, 36>, 3>>();
};
impl Chunked {
    /// The input of the last layer with parameters, for one sample
    /// (inference mode): features for transfer learning.
    pub fn embed(&self, x: &::net::Tensor3<2, 6, 6>) -> ::net::Tensor1<36> {
        let mut scratch = ChunkedScratch::new();
        let floats = &mut scratch.floats.0[..];
        let embedded: &::net::Tensor1<36> = {
            {
                let (reads, a1, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (0, 144),
                    432,
                );
                let _ = (&reads, &work);
                let a0: &::net::Tensor3<2, 6, 6> = x;
                let a1: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a1);
                ::net::kernels::conv::conv2d_forward_in::<
                    2,
                    6,
                    6,
                    4,
                    3,
                    3,
                    1,
                    1,
                    1,
                    1,
                    6,
                    6,
                >(
                    a0,
                    &self.stem.weight,
                    ::core::option::Option::Some(&self.stem.bias),
                    a1,
                    work,
                );
            }
            {
                let (reads, a2, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (0, 144),
                    432,
                );
                let _ = (&reads, &work);
                let a2: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a2);
                ::net::kernels::activation::leaky_relu_in_place(
                    0.1f32,
                    a2.as_mut_slice(),
                );
            }
            {
                let (reads, a3, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 144)],
                    (144, 144),
                    432,
                );
                let _ = (&reads, &work);
                let a2: &::net::Tensor3<4, 6, 6> = ::net::__private::view(reads[0]);
                let a3: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a3);
                ::net::kernels::conv::conv2d_forward_in::<
                    4,
                    6,
                    6,
                    4,
                    3,
                    3,
                    1,
                    1,
                    1,
                    1,
                    6,
                    6,
                >(
                    a2,
                    &self.c1.weight,
                    ::core::option::Option::Some(&self.c1.bias),
                    a3,
                    work,
                );
            }
            {
                let (reads, a4, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (144, 144),
                    432,
                );
                let _ = (&reads, &work);
                let a4: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a4);
                ::net::kernels::activation::tanh_in_place(a4.as_mut_slice());
            }
            {
                let (reads, a5, work) = ::net::__private::step(
                    &mut *floats,
                    [(144, 144)],
                    (288, 144),
                    432,
                );
                let _ = (&reads, &work);
                let a4: &::net::Tensor3<4, 6, 6> = ::net::__private::view(reads[0]);
                let a5: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a5);
                ::net::kernels::conv::conv2d_forward_in::<
                    4,
                    6,
                    6,
                    4,
                    3,
                    3,
                    1,
                    1,
                    1,
                    1,
                    6,
                    6,
                >(
                    a4,
                    &self.c2.weight,
                    ::core::option::Option::Some(&self.c2.bias),
                    a5,
                    work,
                );
            }
            {
                let (reads, a6, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 144)],
                    (288, 144),
                    432,
                );
                let _ = (&reads, &work);
                let a2: &::net::Tensor3<4, 6, 6> = ::net::__private::view(reads[0]);
                let a6: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a6);
                ::net::kernels::residual::accumulate(a6.as_mut_slice(), a2.as_slice());
            }
            {
                let (reads, a7, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (288, 144),
                    432,
                );
                let _ = (&reads, &work);
                let a7: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a7);
                ::net::kernels::activation::sigmoid_in_place(a7.as_mut_slice());
            }
            {
                let (reads, a8, work) = ::net::__private::step(
                    &mut *floats,
                    [(288, 144)],
                    (144, 36),
                    432,
                );
                let _ = (&reads, &work);
                let a7: &::net::Tensor3<4, 6, 6> = ::net::__private::view(reads[0]);
                let a8: &mut ::net::Tensor3<4, 3, 3> = ::net::__private::view_mut(a8);
                ::net::kernels::pool::max_pool2d_forward::<
                    4,
                    6,
                    6,
                    2,
                    2,
                    2,
                    2,
                    0,
                    0,
                    3,
                    3,
                >(a7, a8);
            }
            {
                let (reads, a9, work) = ::net::__private::step(
                    &mut *floats,
                    [(144, 36)],
                    (0, 144),
                    432,
                );
                let _ = (&reads, &work);
                let a8: &::net::Tensor3<4, 3, 3> = ::net::__private::view(reads[0]);
                let a9: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a9);
                ::net::kernels::upsample::upsample2d_forward::<
                    4,
                    3,
                    3,
                    2,
                    2,
                    6,
                    6,
                >(a8, a9);
            }
            {
                let (reads, a10, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 144)],
                    (144, 36),
                    432,
                );
                let _ = (&reads, &work);
                let a9: &::net::Tensor3<4, 6, 6> = ::net::__private::view(reads[0]);
                let a10: &mut ::net::Tensor3<4, 3, 3> = ::net::__private::view_mut(a10);
                ::net::kernels::pool::avg_pool2d_forward::<
                    4,
                    6,
                    6,
                    2,
                    2,
                    2,
                    2,
                    0,
                    0,
                    3,
                    3,
                >(a9, a10);
            }
            ::net::__private::view(&floats[144..180])
        };
        *embedded
    }
}
::net::__private::std_only! {
    impl Chunked { #[doc = r" The layer table, computed when the model was compiled."]
    pub const SUMMARY : ::net::Summary = ::net::Summary { name : "Chunked", input : & [2,
    6, 6], layers : & [::net::LayerSummary { name : "stem", kind : "Conv2d", output : &
    [4, 6, 6], params : 76, mult_adds : 2592 }, ::net::LayerSummary { name :
    "leaky_relu_0", kind : "LeakyRelu", output : & [4, 6, 6], params : 0, mult_adds : 0
    }, ::net::LayerSummary { name : "c1", kind : "Conv2d", output : & [4, 6, 6], params :
    148, mult_adds : 5184 }, ::net::LayerSummary { name : "tanh_0", kind : "Tanh", output
    : & [4, 6, 6], params : 0, mult_adds : 0 }, ::net::LayerSummary { name : "c2", kind :
    "Conv2d", output : & [4, 6, 6], params : 148, mult_adds : 5184 }, ::net::LayerSummary
    { name : "r1", kind : "Residual", output : & [4, 6, 6], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "sigmoid_0", kind : "Sigmoid", output : & [4, 6, 6],
    params : 0, mult_adds : 0 }, ::net::LayerSummary { name : "max_pool2d_0", kind :
    "MaxPool2d", output : & [4, 3, 3], params : 0, mult_adds : 0 }, ::net::LayerSummary {
    name : "upsample2d_0", kind : "Upsample2d", output : & [4, 6, 6], params : 0,
    mult_adds : 0 }, ::net::LayerSummary { name : "avg_pool2d_0", kind : "AvgPool2d",
    output : & [4, 3, 3], params : 0, mult_adds : 0 }, ::net::LayerSummary { name :
    "flatten_0", kind : "Flatten", output : & [36], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "head", kind : "Dense", output : & [3], params : 111,
    mult_adds : 108 }, ::net::LayerSummary { name : "softmax_0", kind : "Softmax", output
    : & [3], params : 0, mult_adds : 0 }], params : 483, buffers : 0, mult_adds : 13068,
    }; #[doc = r" A model with PyTorch's default initialisation, drawn from `seed`;"]
    #[doc = r" built on the heap, so a large model never passes through the stack."] pub
    fn new(seed : u64) -> ::net::__private::Box < Self > { let mut rng =
    ::net::Rng::seed_from_u64(seed); let mut model = ::net::zeroed_box:: < Self > (); let
    bound = ::net::__private::default_init_bound(18); ::net::__private::init_uniform(&
    mut rng, model.stem.weight.as_mut_slice(), bound); ::net::__private::init_uniform(&
    mut rng, model.stem.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(36); ::net::__private::init_uniform(& mut rng,
    model.c1.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.c1.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(36); ::net::__private::init_uniform(& mut rng,
    model.c2.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.c2.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(36); ::net::__private::init_uniform(& mut rng,
    model.head.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.head.bias.as_mut_slice(), bound); let _ = & mut rng; model } #[doc =
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
    ONNX : ::net::onnx::Graph = ::net::onnx::Graph { name : "Chunked", input : & [2, 6,
    6], output : & [3], nodes : & [::net::onnx::Node { op : "Conv", name : "stem", inputs
    : & ["input", "stem.weight", "stem.bias"], output : "stem", attributes : &
    [("kernel_shape", ::net::onnx::Attribute::Ints(& [3i64, 3i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64, 1i64, 1i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "LeakyRelu", name :
    "leaky_relu_0", inputs : & ["stem"], output : "leaky_relu_0", attributes : &
    [("alpha", ::net::onnx::Attribute::Float(0.1f32))], }, ::net::onnx::Node { op :
    "Conv", name : "c1", inputs : & ["leaky_relu_0", "c1.weight", "c1.bias"], output :
    "c1", attributes : & [("kernel_shape", ::net::onnx::Attribute::Ints(& [3i64, 3i64])),
    ("strides", ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64, 1i64, 1i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Tanh", name :
    "tanh_0", inputs : & ["c1"], output : "tanh_0", attributes : & [], },
    ::net::onnx::Node { op : "Conv", name : "c2", inputs : & ["tanh_0", "c2.weight",
    "c2.bias"], output : "c2", attributes : & [("kernel_shape",
    ::net::onnx::Attribute::Ints(& [3i64, 3i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64, 1i64, 1i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Add", name : "r1",
    inputs : & ["c2", "leaky_relu_0"], output : "r1", attributes : & [], },
    ::net::onnx::Node { op : "Sigmoid", name : "sigmoid_0", inputs : & ["r1"], output :
    "sigmoid_0", attributes : & [], }, ::net::onnx::Node { op : "MaxPool", name :
    "max_pool2d_0", inputs : & ["sigmoid_0"], output : "max_pool2d_0", attributes : &
    [("kernel_shape", ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64]))], }, ::net::onnx::Node { op
    : "Resize", name : "upsample2d_0", inputs : & ["max_pool2d_0", "",
    "upsample2d_0.scales"], output : "upsample2d_0", attributes : & [("mode",
    ::net::onnx::Attribute::String("nearest")), ("coordinate_transformation_mode",
    ::net::onnx::Attribute::String("asymmetric")), ("nearest_mode",
    ::net::onnx::Attribute::String("floor"))], }, ::net::onnx::Node { op : "AveragePool",
    name : "avg_pool2d_0", inputs : & ["upsample2d_0"], output : "avg_pool2d_0",
    attributes : & [("kernel_shape", ::net::onnx::Attribute::Ints(& [2i64, 2i64])),
    ("strides", ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64])), ("count_include_pad",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Reshape", name :
    "flatten_0", inputs : & ["avg_pool2d_0", "flatten_0.shape"], output : "flatten_0",
    attributes : & [], }, ::net::onnx::Node { op : "Gemm", name : "head", inputs : &
    ["flatten_0", "head.weight", "head.bias"], output : "head", attributes : &
    [("transB", ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op :
    "Softmax", name : "softmax_0", inputs : & ["head"], output : "output", attributes : &
    [("axis", ::net::onnx::Attribute::Int(1i64))], }], constants : &
    [::net::onnx::Constant { name : "upsample2d_0.scales", dims : & [4i64], values :
    ::net::TensorData::F32(& [1f32, 1f32, 2f32, 2f32]) }, ::net::onnx::Constant { name :
    "flatten_0.shape", dims : & [2i64], values : ::net::TensorData::I64(& [- 1i64,
    36i64]) }], }; #[doc =
    r" Writes the model as an ONNX file (opset 17) for onnxruntime, Netron"] #[doc =
    r" and the rest of the ONNX tools: input `input` of shape `[N, ..]`,"] #[doc =
    r" output `output`, the parameters under their PyTorch names,"] #[doc =
    r" inference semantics (batch norm with its running statistics,"] #[doc =
    r" dropout left out)."] pub fn save_onnx(& self, path : impl ::core::convert::AsRef <
    ::net::__private::Path >) -> ::core::result::Result < (), ::net::Error > {
    ::net::onnx::save(self, & Self::ONNX, path.as_ref()) } } impl ChunkedGrads { #[doc =
    r" Writes the gradients to a safetensors file, named as the parameters."] pub fn
    save_safetensors(& self, path : impl ::core::convert::AsRef < ::net::__private::Path
    >) -> ::core::result::Result < (), ::net::Error > {
    ::net::NamedTensors::save_safetensors(self, path) } #[doc =
    r" Reads the gradients from a safetensors file."] pub fn load_safetensors(& mut self,
    path : impl ::core::convert::AsRef < ::net::__private::Path >) ->
    ::core::result::Result < (), ::net::Error > {
    ::net::NamedTensors::load_safetensors(self, path) } }
}
impl ::net::NamedTensors for Chunked {
    fn visit<'a>(
        &'a self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorData<'a>),
    ) {
        let _ = &f;
        f(
            "stem.weight",
            ::net::Tensor::shape(&self.stem.weight),
            ::net::TensorData::F32(self.stem.weight.as_slice()),
        );
        f(
            "stem.bias",
            ::net::Tensor::shape(&self.stem.bias),
            ::net::TensorData::F32(self.stem.bias.as_slice()),
        );
        f(
            "c1.weight",
            ::net::Tensor::shape(&self.c1.weight),
            ::net::TensorData::F32(self.c1.weight.as_slice()),
        );
        f(
            "c1.bias",
            ::net::Tensor::shape(&self.c1.bias),
            ::net::TensorData::F32(self.c1.bias.as_slice()),
        );
        f(
            "c2.weight",
            ::net::Tensor::shape(&self.c2.weight),
            ::net::TensorData::F32(self.c2.weight.as_slice()),
        );
        f(
            "c2.bias",
            ::net::Tensor::shape(&self.c2.bias),
            ::net::TensorData::F32(self.c2.bias.as_slice()),
        );
        f(
            "head.weight",
            ::net::Tensor::shape(&self.head.weight),
            ::net::TensorData::F32(self.head.weight.as_slice()),
        );
        f(
            "head.bias",
            ::net::Tensor::shape(&self.head.bias),
            ::net::TensorData::F32(self.head.bias.as_slice()),
        );
    }
    fn visit_mut(
        &mut self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorDataMut<'_>),
    ) {
        let _ = &f;
        f(
            "stem.weight",
            ::net::Tensor::shape(&self.stem.weight),
            ::net::TensorDataMut::F32(self.stem.weight.as_mut_slice()),
        );
        f(
            "stem.bias",
            ::net::Tensor::shape(&self.stem.bias),
            ::net::TensorDataMut::F32(self.stem.bias.as_mut_slice()),
        );
        f(
            "c1.weight",
            ::net::Tensor::shape(&self.c1.weight),
            ::net::TensorDataMut::F32(self.c1.weight.as_mut_slice()),
        );
        f(
            "c1.bias",
            ::net::Tensor::shape(&self.c1.bias),
            ::net::TensorDataMut::F32(self.c1.bias.as_mut_slice()),
        );
        f(
            "c2.weight",
            ::net::Tensor::shape(&self.c2.weight),
            ::net::TensorDataMut::F32(self.c2.weight.as_mut_slice()),
        );
        f(
            "c2.bias",
            ::net::Tensor::shape(&self.c2.bias),
            ::net::TensorDataMut::F32(self.c2.bias.as_mut_slice()),
        );
        f(
            "head.weight",
            ::net::Tensor::shape(&self.head.weight),
            ::net::TensorDataMut::F32(self.head.weight.as_mut_slice()),
        );
        f(
            "head.bias",
            ::net::Tensor::shape(&self.head.bias),
            ::net::TensorDataMut::F32(self.head.bias.as_mut_slice()),
        );
    }
}
impl ::net::NamedTensors for ChunkedGrads {
    fn visit<'a>(
        &'a self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorData<'a>),
    ) {
        let _ = &f;
        f(
            "stem.weight",
            ::net::Tensor::shape(&self.stem.weight),
            ::net::TensorData::F32(self.stem.weight.as_slice()),
        );
        f(
            "stem.bias",
            ::net::Tensor::shape(&self.stem.bias),
            ::net::TensorData::F32(self.stem.bias.as_slice()),
        );
        f(
            "c1.weight",
            ::net::Tensor::shape(&self.c1.weight),
            ::net::TensorData::F32(self.c1.weight.as_slice()),
        );
        f(
            "c1.bias",
            ::net::Tensor::shape(&self.c1.bias),
            ::net::TensorData::F32(self.c1.bias.as_slice()),
        );
        f(
            "c2.weight",
            ::net::Tensor::shape(&self.c2.weight),
            ::net::TensorData::F32(self.c2.weight.as_slice()),
        );
        f(
            "c2.bias",
            ::net::Tensor::shape(&self.c2.bias),
            ::net::TensorData::F32(self.c2.bias.as_slice()),
        );
        f(
            "head.weight",
            ::net::Tensor::shape(&self.head.weight),
            ::net::TensorData::F32(self.head.weight.as_slice()),
        );
        f(
            "head.bias",
            ::net::Tensor::shape(&self.head.bias),
            ::net::TensorData::F32(self.head.bias.as_slice()),
        );
    }
    fn visit_mut(
        &mut self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorDataMut<'_>),
    ) {
        let _ = &f;
        f(
            "stem.weight",
            ::net::Tensor::shape(&self.stem.weight),
            ::net::TensorDataMut::F32(self.stem.weight.as_mut_slice()),
        );
        f(
            "stem.bias",
            ::net::Tensor::shape(&self.stem.bias),
            ::net::TensorDataMut::F32(self.stem.bias.as_mut_slice()),
        );
        f(
            "c1.weight",
            ::net::Tensor::shape(&self.c1.weight),
            ::net::TensorDataMut::F32(self.c1.weight.as_mut_slice()),
        );
        f(
            "c1.bias",
            ::net::Tensor::shape(&self.c1.bias),
            ::net::TensorDataMut::F32(self.c1.bias.as_mut_slice()),
        );
        f(
            "c2.weight",
            ::net::Tensor::shape(&self.c2.weight),
            ::net::TensorDataMut::F32(self.c2.weight.as_mut_slice()),
        );
        f(
            "c2.bias",
            ::net::Tensor::shape(&self.c2.bias),
            ::net::TensorDataMut::F32(self.c2.bias.as_mut_slice()),
        );
        f(
            "head.weight",
            ::net::Tensor::shape(&self.head.weight),
            ::net::TensorDataMut::F32(self.head.weight.as_mut_slice()),
        );
        f(
            "head.bias",
            ::net::Tensor::shape(&self.head.bias),
            ::net::TensorDataMut::F32(self.head.bias.as_mut_slice()),
        );
    }
}
impl ::net::Network for Chunked {
    type Input = ::net::Tensor3<2, 6, 6>;
    type Output = ::net::Tensor1<3>;
    type Scratch = ChunkedScratch;
    const INPUT_SHAPE: &'static [usize] = &[2, 6, 6];
    const OUTPUT_SHAPE: &'static [usize] = &[3];
    const NUM_PARAMS: usize = 483;
    fn forward(&self, x: &::net::Tensor3<2, 6, 6>) -> ::net::Tensor1<3> {
        *self.forward_in(x, &mut ChunkedScratch::new())
    }
    fn forward_in<'s>(
        &self,
        x: &::net::Tensor3<2, 6, 6>,
        scratch: &'s mut ChunkedScratch,
    ) -> &'s ::net::Tensor1<3> {
        let floats = &mut scratch.floats.0[..];
        {
            let (reads, a1, work) = ::net::__private::step(
                &mut *floats,
                [],
                (0, 144),
                432,
            );
            let _ = (&reads, &work);
            let a0: &::net::Tensor3<2, 6, 6> = x;
            let a1: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a1);
            ::net::kernels::conv::conv2d_forward_in::<
                2,
                6,
                6,
                4,
                3,
                3,
                1,
                1,
                1,
                1,
                6,
                6,
            >(
                a0,
                &self.stem.weight,
                ::core::option::Option::Some(&self.stem.bias),
                a1,
                work,
            );
        }
        {
            let (reads, a2, work) = ::net::__private::step(
                &mut *floats,
                [],
                (0, 144),
                432,
            );
            let _ = (&reads, &work);
            let a2: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a2);
            ::net::kernels::activation::leaky_relu_in_place(0.1f32, a2.as_mut_slice());
        }
        {
            let (reads, a3, work) = ::net::__private::step(
                &mut *floats,
                [(0, 144)],
                (144, 144),
                432,
            );
            let _ = (&reads, &work);
            let a2: &::net::Tensor3<4, 6, 6> = ::net::__private::view(reads[0]);
            let a3: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a3);
            ::net::kernels::conv::conv2d_forward_in::<
                4,
                6,
                6,
                4,
                3,
                3,
                1,
                1,
                1,
                1,
                6,
                6,
            >(
                a2,
                &self.c1.weight,
                ::core::option::Option::Some(&self.c1.bias),
                a3,
                work,
            );
        }
        {
            let (reads, a4, work) = ::net::__private::step(
                &mut *floats,
                [],
                (144, 144),
                432,
            );
            let _ = (&reads, &work);
            let a4: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a4);
            ::net::kernels::activation::tanh_in_place(a4.as_mut_slice());
        }
        {
            let (reads, a5, work) = ::net::__private::step(
                &mut *floats,
                [(144, 144)],
                (288, 144),
                432,
            );
            let _ = (&reads, &work);
            let a4: &::net::Tensor3<4, 6, 6> = ::net::__private::view(reads[0]);
            let a5: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a5);
            ::net::kernels::conv::conv2d_forward_in::<
                4,
                6,
                6,
                4,
                3,
                3,
                1,
                1,
                1,
                1,
                6,
                6,
            >(
                a4,
                &self.c2.weight,
                ::core::option::Option::Some(&self.c2.bias),
                a5,
                work,
            );
        }
        {
            let (reads, a6, work) = ::net::__private::step(
                &mut *floats,
                [(0, 144)],
                (288, 144),
                432,
            );
            let _ = (&reads, &work);
            let a2: &::net::Tensor3<4, 6, 6> = ::net::__private::view(reads[0]);
            let a6: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a6);
            ::net::kernels::residual::accumulate(a6.as_mut_slice(), a2.as_slice());
        }
        {
            let (reads, a7, work) = ::net::__private::step(
                &mut *floats,
                [],
                (288, 144),
                432,
            );
            let _ = (&reads, &work);
            let a7: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a7);
            ::net::kernels::activation::sigmoid_in_place(a7.as_mut_slice());
        }
        {
            let (reads, a8, work) = ::net::__private::step(
                &mut *floats,
                [(288, 144)],
                (144, 36),
                432,
            );
            let _ = (&reads, &work);
            let a7: &::net::Tensor3<4, 6, 6> = ::net::__private::view(reads[0]);
            let a8: &mut ::net::Tensor3<4, 3, 3> = ::net::__private::view_mut(a8);
            ::net::kernels::pool::max_pool2d_forward::<
                4,
                6,
                6,
                2,
                2,
                2,
                2,
                0,
                0,
                3,
                3,
            >(a7, a8);
        }
        {
            let (reads, a9, work) = ::net::__private::step(
                &mut *floats,
                [(144, 36)],
                (0, 144),
                432,
            );
            let _ = (&reads, &work);
            let a8: &::net::Tensor3<4, 3, 3> = ::net::__private::view(reads[0]);
            let a9: &mut ::net::Tensor3<4, 6, 6> = ::net::__private::view_mut(a9);
            ::net::kernels::upsample::upsample2d_forward::<4, 3, 3, 2, 2, 6, 6>(a8, a9);
        }
        {
            let (reads, a10, work) = ::net::__private::step(
                &mut *floats,
                [(0, 144)],
                (144, 36),
                432,
            );
            let _ = (&reads, &work);
            let a9: &::net::Tensor3<4, 6, 6> = ::net::__private::view(reads[0]);
            let a10: &mut ::net::Tensor3<4, 3, 3> = ::net::__private::view_mut(a10);
            ::net::kernels::pool::avg_pool2d_forward::<
                4,
                6,
                6,
                2,
                2,
                2,
                2,
                0,
                0,
                3,
                3,
            >(a9, a10);
        }
        {
            let (reads, a12, work) = ::net::__private::step(
                &mut *floats,
                [(144, 36)],
                (0, 3),
                432,
            );
            let _ = (&reads, &work);
            let a11: &::net::Tensor1<36> = ::net::__private::view(reads[0]);
            let a12: &mut ::net::Tensor1<3> = ::net::__private::view_mut(a12);
            ::net::kernels::dense::dense_forward(
                a11,
                &self.head.weight,
                ::core::option::Option::Some(&self.head.bias),
                a12,
            );
        }
        {
            let (reads, a13, work) = ::net::__private::step(
                &mut *floats,
                [(0, 3)],
                (16, 3),
                432,
            );
            let _ = (&reads, &work);
            let a12: &::net::Tensor1<3> = ::net::__private::view(reads[0]);
            let a13: &mut ::net::Tensor1<3> = ::net::__private::view_mut(a13);
            ::net::kernels::activation::softmax(a12, a13);
        }
        ::net::__private::view(&floats[16..19])
    }
    ::net::__private::std_only! {
        type Grads = ChunkedGrads; type Cache = ChunkedCache; fn forward_train(& mut
        self, xs : & [::net::Tensor3 < 2, 6, 6 >], rng : & mut ::net::Rng) ->
        (::net::__private::Vec < ::net::Tensor1 < 3 > >, ChunkedCache) { self
        .forward_train_reusing(xs, rng, ::core::default::Default::default()) }
        #[allow(unused_mut, unused_variables)] fn forward_train_reusing(& mut self, xs :
        & [::net::Tensor3 < 2, 6, 6 >], rng : & mut ::net::Rng, cache : ChunkedCache) ->
        (::net::__private::Vec < ::net::Tensor1 < 3 > >, ChunkedCache) { let mut cache =
        cache; let batch = xs.len(); let mut a0 = { let mut buffer = ::core::mem::take(&
        mut cache.a0); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 2,
        6, 6 > > ::zeros()); buffer }; let mut a1 = { let mut buffer =
        ::core::mem::take(& mut cache.a1); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 4, 6, 6 > > ::zeros()); buffer }; let mut a2 = { let mut buffer
        = ::core::mem::take(& mut cache.a2); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor3 < 4, 6, 6 > > ::zeros()); buffer }; let mut a3 = { let mut
        buffer = ::core::mem::take(& mut cache.a3); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 4, 6, 6 > > ::zeros()); buffer }; let mut a4 =
        { let mut buffer = ::core::mem::take(& mut cache.a4); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor3 < 4, 6, 6 > > ::zeros()); buffer }; let mut
        a5 = { let mut buffer = ::core::mem::take(& mut cache.a5); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4, 6, 6 > > ::zeros());
        buffer }; let mut a6 = { let mut buffer = ::core::mem::take(& mut cache.a6);
        buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4, 6, 6 > >
        ::zeros()); buffer }; let mut a7 = { let mut buffer = ::core::mem::take(& mut
        cache.a7); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4, 6,
        6 > > ::zeros()); buffer }; let mut a8 = { let mut buffer = ::core::mem::take(&
        mut cache.a8); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4,
        3, 3 > > ::zeros()); buffer }; let mut a9 = { let mut buffer =
        ::core::mem::take(& mut cache.a9); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 4, 6, 6 > > ::zeros()); buffer }; let mut a10 = { let mut buffer
        = ::core::mem::take(& mut cache.a10); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 4, 3, 3 > > ::zeros()); buffer }; let mut a11 =
        { let mut buffer = ::core::mem::take(& mut cache.a11); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor1 < 36 > > ::zeros()); buffer }; let mut a12
        = { let mut buffer = ::core::mem::take(& mut cache.a12); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor1 < 3 > > ::zeros()); buffer }; let mut a13 =
        { let mut buffer = ::core::mem::take(& mut cache.a13); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor1 < 3 > > ::zeros()); buffer }; { let chunks
        : ::net::__private::Vec < _ > = xs
        .chunks(::net::__private::chunks::chunk_samples(batch)).zip(a0
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a1
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a2
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a3
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a4
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a5
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a6
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a7
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a8
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a9
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a10
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a11
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a12
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a13
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).collect();
        ::net::__private::chunks::for_each_chunk(chunks, | ((((((((((((((xs, mut a0), mut
        a1), mut a2), mut a3), mut a4), mut a5), mut a6), mut a7), mut a8), mut a9), mut
        a10), mut a11), mut a12), mut a13) | { a0.copy_from_slice(xs);
        ::net::kernels::conv::conv2d_forward_batch:: < 2, 6, 6, 4, 3, 3, 1, 1, 1, 1, 6, 6
        > (& a0, & self.stem.weight, ::core::option::Option::Some(& self.stem.bias), &
        mut a1); ::net::kernels::activation::batched(::net::__private::batch_as_slice(&
        a1), ::net::__private::batch_as_mut_slice(& mut a2), | x, y |
        ::net::kernels::activation::leaky_relu(0.1f32, x, y));
        ::net::kernels::conv::conv2d_forward_batch:: < 4, 6, 6, 4, 3, 3, 1, 1, 1, 1, 6, 6
        > (& a2, & self.c1.weight, ::core::option::Option::Some(& self.c1.bias), & mut
        a3); ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a3),
        ::net::__private::batch_as_mut_slice(& mut a4),
        ::net::kernels::activation::tanh); ::net::kernels::conv::conv2d_forward_batch:: <
        4, 6, 6, 4, 3, 3, 1, 1, 1, 1, 6, 6 > (& a4, & self.c2.weight,
        ::core::option::Option::Some(& self.c2.bias), & mut a5);
        ::net::kernels::residual::add(::net::__private::batch_as_slice(& a2),
        ::net::__private::batch_as_slice(& a5), ::net::__private::batch_as_mut_slice(&
        mut a6)); ::net::kernels::activation::batched(::net::__private::batch_as_slice(&
        a6), ::net::__private::batch_as_mut_slice(& mut a7),
        ::net::kernels::activation::sigmoid);
        ::net::kernels::pool::max_pool2d_forward_batch:: < 4, 6, 6, 2, 2, 2, 2, 0, 0, 3,
        3 > (& a7, & mut a8); ::net::kernels::upsample::upsample2d_forward_batch:: < 4,
        3, 3, 2, 2, 6, 6 > (& a8, & mut a9);
        ::net::kernels::pool::avg_pool2d_forward_batch:: < 4, 6, 6, 2, 2, 2, 2, 0, 0, 3,
        3 > (& a9, & mut a10); for (x, y) in a10.iter().zip(a11.iter_mut()) { * y =
        ::net::reshape(x); } ::net::kernels::dense::dense_forward_batch(& a11, & self
        .head.weight, ::core::option::Option::Some(& self.head.bias), & mut a12); for (x,
        y) in a12.iter().zip(a13.iter_mut()) { ::net::kernels::activation::softmax(x, y);
        } }); } let outputs = a13.clone(); cache.batch = batch; cache.a0 = a0; cache.a1 =
        a1; cache.a2 = a2; cache.a3 = a3; cache.a4 = a4; cache.a5 = a5; cache.a6 = a6;
        cache.a7 = a7; cache.a8 = a8; cache.a9 = a9; cache.a10 = a10; cache.a11 = a11;
        cache.a12 = a12; cache.a13 = a13; (outputs, cache) } #[allow(unused_mut,
        unused_variables, clippy::let_and_return)] fn backward(& self, cache : &
        ChunkedCache, dys : & [::net::Tensor1 < 3 >], grads : & mut ChunkedGrads) ->
        ::net::__private::Vec < ::net::Tensor3 < 2, 6, 6 > > { let batch = cache.batch;
        assert_eq!(dys.len(), batch, "backward: {} output gradients for a batch of {}",
        dys.len(), batch); let mut d12 : ::net::__private::Vec < ::net::Tensor1 < 3 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d11 :
        ::net::__private::Vec < ::net::Tensor1 < 36 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d10 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 3, 3 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d9 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d8 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 3, 3 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d7 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d6 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d2 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d5 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d4 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d3 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d1 :
        ::net::__private::Vec < ::net::Tensor3 < 4, 6, 6 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d0 :
        ::net::__private::Vec < ::net::Tensor3 < 2, 6, 6 > > =
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
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a8
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a9
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a10
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a11
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a12
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a13
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(dys
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(d12
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d11
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d10
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d9
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d8
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d7
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d6
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d2
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d5
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d4
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d3
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d1
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d0
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).collect();
        ::net::__private::chunks::for_each_chunk(chunks, |
        ((((((((((((((((((((((((((((grads, a0), a1), a2), a3), a4), a5), a6), a7), a8),
        a9), a10), a11), a12), a13), d13), mut d12), mut d11), mut d10), mut d9), mut
        d8), mut d7), mut d6), mut d2), mut d5), mut d4), mut d3), mut d1), mut d0) | {
        let grads = grads.into_block(); { let mut g = & mut * d12; for ((y, dy), dx) in
        a13.iter().zip(d13.iter()).zip(g.iter_mut()) {
        ::net::kernels::activation::softmax_backward(y, dy, dx); } } { let mut g = & mut
        * d11; ::net::kernels::dense::dense_backward_batch(& a11, & self.head.weight, &
        d12, ::core::option::Option::Some(& mut g), & mut grads.head.weight,
        ::core::option::Option::Some(& mut grads.head.bias)); } { let mut g = & mut *
        d10; for (dy, dx) in d11.iter().zip(g.iter_mut()) { * dx = ::net::reshape(dy); }
        } { let mut g = & mut * d9; ::net::kernels::pool::avg_pool2d_backward_batch:: <
        4, 6, 6, 2, 2, 2, 2, 0, 0, 3, 3 > (& a9, & d10, & mut g); } { let mut g = & mut *
        d8; ::net::kernels::upsample::upsample2d_backward_batch:: < 4, 3, 3, 2, 2, 6, 6 >
        (& d9, & mut g); } { let mut g = & mut * d7;
        ::net::kernels::pool::max_pool2d_backward_batch:: < 4, 6, 6, 2, 2, 2, 2, 0, 0, 3,
        3 > (& a7, & d8, & mut g); } { let mut g = & mut * d6;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a7), ::net::__private::batch_as_slice(& d7),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::sigmoid_backward); } d2.copy_from_slice(& d6); { let
        mut g = & mut * d5; g.copy_from_slice(& d6); } { let mut g = & mut * d4;
        ::net::kernels::conv::conv2d_backward_batch:: < 4, 6, 6, 4, 3, 3, 1, 1, 1, 1, 6,
        6 > (& a4, & self.c2.weight, & d5, ::core::option::Option::Some(& mut g), & mut
        grads.c2.weight, ::core::option::Option::Some(& mut grads.c2.bias)); } { let mut
        g = & mut * d3;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a4), ::net::__private::batch_as_slice(& d4),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::tanh_backward); } { let mut g =
        ::net::__private::vec![< ::net::Tensor3 < 4, 6, 6 > > ::zeros(); d2.len()];
        ::net::kernels::conv::conv2d_backward_batch:: < 4, 6, 6, 4, 3, 3, 1, 1, 1, 1, 6,
        6 > (& a2, & self.c1.weight, & d3, ::core::option::Option::Some(& mut g), & mut
        grads.c1.weight, ::core::option::Option::Some(& mut grads.c1.bias));
        ::net::kernels::residual::accumulate(::net::__private::batch_as_mut_slice(& mut *
        d2), ::net::__private::batch_as_slice(& g)); } { let mut g = & mut * d1;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a1), ::net::__private::batch_as_slice(& d2),
        ::net::__private::batch_as_mut_slice(& mut g), | x, dy, dx |
        ::net::kernels::activation::leaky_relu_backward(0.1f32, x, dy, dx)); } { let mut
        g = & mut * d0; ::net::kernels::conv::conv2d_backward_batch:: < 2, 6, 6, 4, 3, 3,
        1, 1, 1, 1, 6, 6 > (& a0, & self.stem.weight, & d1,
        ::core::option::Option::Some(& mut g), & mut grads.stem.weight,
        ::core::option::Option::Some(& mut grads.stem.bias)); } }); }
        ::net::__private::chunks::add_in_chunk_order(grads, & scratch); d0 }
        #[allow(unused_mut, unused_variables, clippy::let_and_return)] fn
        backward_params(& self, cache : & mut ChunkedCache, dys : & [::net::Tensor1 < 3
        >], grads : & mut ChunkedGrads) { let batch = cache.batch; assert_eq!(dys.len(),
        batch, "backward: {} output gradients for a batch of {}", dys.len(), batch); let
        mut d12 = { let mut buffer = ::core::mem::take(& mut cache.d12); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 3 > > ::zeros());
        buffer }; let mut d11 = { let mut buffer = ::core::mem::take(& mut cache.d11);
        buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 36 > >
        ::zeros()); buffer }; let mut d10 = { let mut buffer = ::core::mem::take(& mut
        cache.d10); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4, 3,
        3 > > ::zeros()); buffer }; let mut d9 = { let mut buffer = ::core::mem::take(&
        mut cache.d9); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4,
        6, 6 > > ::zeros()); buffer }; let mut d8 = { let mut buffer =
        ::core::mem::take(& mut cache.d8); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 4, 3, 3 > > ::zeros()); buffer }; let mut d7 = { let mut buffer
        = ::core::mem::take(& mut cache.d7); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor3 < 4, 6, 6 > > ::zeros()); buffer }; let mut d6 = { let mut
        buffer = ::core::mem::take(& mut cache.d6); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 4, 6, 6 > > ::zeros()); buffer }; let mut d2 =
        { let mut buffer = ::core::mem::take(& mut cache.d2); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor3 < 4, 6, 6 > > ::zeros()); buffer }; let mut
        d5 = { let mut buffer = ::core::mem::take(& mut cache.d5); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4, 6, 6 > > ::zeros());
        buffer }; let mut d4 = { let mut buffer = ::core::mem::take(& mut cache.d4);
        buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4, 6, 6 > >
        ::zeros()); buffer }; let mut d3 = { let mut buffer = ::core::mem::take(& mut
        cache.d3); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4, 6,
        6 > > ::zeros()); buffer }; let mut d1 = { let mut buffer = ::core::mem::take(&
        mut cache.d1); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 4,
        6, 6 > > ::zeros()); buffer }; let mut scratch = ::core::mem::take(& mut cache
        .chunk_grads); { let chunks : ::net::__private::Vec < _ > =
        ::net::__private::chunks::chunk_grads(grads, & mut scratch, batch).zip(cache.a0
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a1
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a2
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a3
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a4
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a5
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a6
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a7
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a8
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a9
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a10
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a11
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a12
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a13
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(dys
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(d12
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d11
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d10
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d9
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d8
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d7
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d6
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d2
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d5
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d4
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d3
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d1
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).collect();
        ::net::__private::chunks::for_each_chunk(chunks, |
        (((((((((((((((((((((((((((grads, a0), a1), a2), a3), a4), a5), a6), a7), a8),
        a9), a10), a11), a12), a13), d13), mut d12), mut d11), mut d10), mut d9), mut
        d8), mut d7), mut d6), mut d2), mut d5), mut d4), mut d3), mut d1) | { let grads
        = grads.into_block(); { let mut g = & mut * d12; for ((y, dy), dx) in a13.iter()
        .zip(d13.iter()).zip(g.iter_mut()) {
        ::net::kernels::activation::softmax_backward(y, dy, dx); } } { let mut g = & mut
        * d11; ::net::kernels::dense::dense_backward_batch(& a11, & self.head.weight, &
        d12, ::core::option::Option::Some(& mut g), & mut grads.head.weight,
        ::core::option::Option::Some(& mut grads.head.bias)); } { let mut g = & mut *
        d10; for (dy, dx) in d11.iter().zip(g.iter_mut()) { * dx = ::net::reshape(dy); }
        } { let mut g = & mut * d9; ::net::kernels::pool::avg_pool2d_backward_batch:: <
        4, 6, 6, 2, 2, 2, 2, 0, 0, 3, 3 > (& a9, & d10, & mut g); } { let mut g = & mut *
        d8; ::net::kernels::upsample::upsample2d_backward_batch:: < 4, 3, 3, 2, 2, 6, 6 >
        (& d9, & mut g); } { let mut g = & mut * d7;
        ::net::kernels::pool::max_pool2d_backward_batch:: < 4, 6, 6, 2, 2, 2, 2, 0, 0, 3,
        3 > (& a7, & d8, & mut g); } { let mut g = & mut * d6;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a7), ::net::__private::batch_as_slice(& d7),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::sigmoid_backward); } d2.copy_from_slice(& d6); { let
        mut g = & mut * d5; g.copy_from_slice(& d6); } { let mut g = & mut * d4;
        ::net::kernels::conv::conv2d_backward_batch:: < 4, 6, 6, 4, 3, 3, 1, 1, 1, 1, 6,
        6 > (& a4, & self.c2.weight, & d5, ::core::option::Option::Some(& mut g), & mut
        grads.c2.weight, ::core::option::Option::Some(& mut grads.c2.bias)); } { let mut
        g = & mut * d3;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a4), ::net::__private::batch_as_slice(& d4),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::tanh_backward); } { let mut g =
        ::net::__private::vec![< ::net::Tensor3 < 4, 6, 6 > > ::zeros(); d2.len()];
        ::net::kernels::conv::conv2d_backward_batch:: < 4, 6, 6, 4, 3, 3, 1, 1, 1, 1, 6,
        6 > (& a2, & self.c1.weight, & d3, ::core::option::Option::Some(& mut g), & mut
        grads.c1.weight, ::core::option::Option::Some(& mut grads.c1.bias));
        ::net::kernels::residual::accumulate(::net::__private::batch_as_mut_slice(& mut *
        d2), ::net::__private::batch_as_slice(& g)); } { let mut g = & mut * d1;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a1), ::net::__private::batch_as_slice(& d2),
        ::net::__private::batch_as_mut_slice(& mut g), | x, dy, dx |
        ::net::kernels::activation::leaky_relu_backward(0.1f32, x, dy, dx)); }
        ::net::kernels::conv::conv2d_backward_batch:: < 2, 6, 6, 4, 3, 3, 1, 1, 1, 1, 6,
        6 > (& a0, & self.stem.weight, & d1, ::core::option::Option::None, & mut grads
        .stem.weight, ::core::option::Option::Some(& mut grads.stem.bias)); }); }
        ::net::__private::chunks::add_in_chunk_order(grads, & scratch); cache.chunk_grads
        = scratch; cache.d12 = d12; cache.d11 = d11; cache.d10 = d10; cache.d9 = d9;
        cache.d8 = d8; cache.d7 = d7; cache.d6 = d6; cache.d2 = d2; cache.d5 = d5; cache
        .d4 = d4; cache.d3 = d3; cache.d1 = d1; } fn visit_params_mut(& mut self, grads :
        & ChunkedGrads, f : & mut ::net::ParamVisitor < '_ >) { let _ = (& grads, & f);
        f("stem.weight", self.stem.weight.as_mut_slice(), grads.stem.weight.as_slice());
        f("stem.bias", self.stem.bias.as_mut_slice(), grads.stem.bias.as_slice());
        f("c1.weight", self.c1.weight.as_mut_slice(), grads.c1.weight.as_slice());
        f("c1.bias", self.c1.bias.as_mut_slice(), grads.c1.bias.as_slice());
        f("c2.weight", self.c2.weight.as_mut_slice(), grads.c2.weight.as_slice());
        f("c2.bias", self.c2.bias.as_mut_slice(), grads.c2.bias.as_slice());
        f("head.weight", self.head.weight.as_mut_slice(), grads.head.weight.as_slice());
        f("head.bias", self.head.bias.as_mut_slice(), grads.head.bias.as_slice()); }
    }
}
