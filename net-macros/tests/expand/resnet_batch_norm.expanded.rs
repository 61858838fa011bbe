/// A residual block with batch norm and dropout: trained layer by layer.
#[derive(Clone, Debug, PartialEq)]
struct ResNet {
    #[doc = concat!("Parameters of layer `", stringify!(stem), "`.")]
    pub stem: ::net::Weights<::net::Tensor4<8, 3, 3, 3>, 8>,
    #[doc = concat!("Parameters of layer `", stringify!(bn0), "`.")]
    pub bn0: ::net::BatchNormState<8>,
    #[doc = concat!("Parameters of layer `", stringify!(c1), "`.")]
    pub c1: ::net::Weights<::net::Tensor4<8, 8, 3, 3>, 8>,
    #[doc = concat!("Parameters of layer `", stringify!(bn1), "`.")]
    pub bn1: ::net::BatchNormState<8>,
    #[doc = concat!("Parameters of layer `", stringify!(c2), "`.")]
    pub c2: ::net::WeightsNoBias<::net::Tensor4<8, 8, 3, 3>>,
    #[doc = concat!("Parameters of layer `", stringify!(bn2), "`.")]
    pub bn2: ::net::BatchNormState<8>,
    #[doc = concat!("Parameters of layer `", stringify!(head), "`.")]
    pub head: ::net::Weights<::net::Tensor2<5, 128>, 5>,
}
///Gradients of [`ResNet`]'s trainable parameters, in the same fields.
#[derive(Clone, Debug, Default, PartialEq)]
struct ResNetGrads {
    #[doc = concat!("Gradients of layer `", stringify!(stem), "`.")]
    pub stem: ::net::Weights<::net::Tensor4<8, 3, 3, 3>, 8>,
    #[doc = concat!("Gradients of layer `", stringify!(bn0), "`.")]
    pub bn0: ::net::BatchNormGrads<8>,
    #[doc = concat!("Gradients of layer `", stringify!(c1), "`.")]
    pub c1: ::net::Weights<::net::Tensor4<8, 8, 3, 3>, 8>,
    #[doc = concat!("Gradients of layer `", stringify!(bn1), "`.")]
    pub bn1: ::net::BatchNormGrads<8>,
    #[doc = concat!("Gradients of layer `", stringify!(c2), "`.")]
    pub c2: ::net::WeightsNoBias<::net::Tensor4<8, 8, 3, 3>>,
    #[doc = concat!("Gradients of layer `", stringify!(bn2), "`.")]
    pub bn2: ::net::BatchNormGrads<8>,
    #[doc = concat!("Gradients of layer `", stringify!(head), "`.")]
    pub head: ::net::Weights<::net::Tensor2<5, 128>, 5>,
}
::net::__private::std_only! {
    #[doc = "What [`ResNet`]'s training forward pass keeps for its backward pass."]
    #[allow(dead_code)] #[derive(Default)] struct ResNetCache { batch : usize, a0 :
    ::net::__private::Vec < ::net::Tensor3 < 3, 8, 8 > >, a1 : ::net::__private::Vec <
    ::net::Tensor3 < 8, 8, 8 > >, a2 : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 >
    >, a3 : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > >, a4 :
    ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > >, a5 : ::net::__private::Vec <
    ::net::Tensor3 < 8, 8, 8 > >, a6 : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 >
    >, a7 : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > >, a8 :
    ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > >, a9 : ::net::__private::Vec <
    ::net::Tensor3 < 8, 8, 8 > >, a10 : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8
    > >, a11 : ::net::__private::Vec < ::net::Tensor3 < 8, 4, 4 > >, a12 :
    ::net::__private::Vec < ::net::Tensor1 < 128 > >, a13 : ::net::__private::Vec <
    ::net::Tensor1 < 128 > >, a14 : ::net::__private::Vec < ::net::Tensor1 < 5 > >, s1 :
    ::net::kernels::batch_norm::BatchNormStats < 8 >, s4 :
    ::net::kernels::batch_norm::BatchNormStats < 8 >, s7 :
    ::net::kernels::batch_norm::BatchNormStats < 8 >, m12 : ::net::__private::Vec <
    ::net::Tensor1 < 128 > >, d0 : ::net::__private::Vec < ::net::Tensor3 < 3, 8, 8 > >,
    d1 : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > >, d2 : ::net::__private::Vec
    < ::net::Tensor3 < 8, 8, 8 > >, d3 : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8
    > >, d4 : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > >, d5 :
    ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > >, d6 : ::net::__private::Vec <
    ::net::Tensor3 < 8, 8, 8 > >, d7 : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 >
    >, d8 : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > >, d9 :
    ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > >, d10 : ::net::__private::Vec <
    ::net::Tensor3 < 8, 8, 8 > >, d11 : ::net::__private::Vec < ::net::Tensor3 < 8, 4, 4
    > >, d12 : ::net::__private::Vec < ::net::Tensor1 < 128 > >, d13 :
    ::net::__private::Vec < ::net::Tensor1 < 128 > >, d14 : ::net::__private::Vec <
    ::net::Tensor1 < 5 > >, }
}
///Every buffer [`ResNet`]'s inference needs, laid out when the model was compiled: activations share memory once nothing reads them, so it holds the most that is alive at once. `new` is a `const fn`, so it can be a `static`.
struct ResNetScratch {
    floats: ::net::__private::Floats<
        {
            1536
                + ::net::__private::max(
                    ::net::kernels::conv::conv2d_forward_scratch::<
                        8,
                        8,
                        8,
                        8,
                        3,
                        3,
                        1,
                        1,
                        1,
                        1,
                        8,
                        8,
                    >(),
                    ::net::__private::max(
                        ::net::kernels::conv::conv2d_forward_scratch::<
                            8,
                            8,
                            8,
                            8,
                            3,
                            3,
                            1,
                            1,
                            1,
                            1,
                            8,
                            8,
                        >(),
                        ::net::__private::max(
                            ::net::kernels::conv::conv2d_forward_scratch::<
                                3,
                                8,
                                8,
                                8,
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
impl ResNetScratch {
    /// All zeros.
    pub const fn new() -> Self {
        Self {
            floats: ::net::__private::Floats::new(),
        }
    }
}
impl ::core::default::Default for ResNetScratch {
    fn default() -> Self {
        Self::new()
    }
}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for ResNetScratch {}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for ResNet {}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for ResNetGrads {}
const _: fn() = || {
    fn assert_zeroable<T: ::net::Zeroable>() {}
    assert_zeroable::<::net::Weights<::net::Tensor4<8, 3, 3, 3>, 8>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<8, 3, 3, 3>, 8>>();
    assert_zeroable::<::net::BatchNormState<8>>();
    assert_zeroable::<::net::BatchNormGrads<8>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<8, 8, 3, 3>, 8>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<8, 8, 3, 3>, 8>>();
    assert_zeroable::<::net::BatchNormState<8>>();
    assert_zeroable::<::net::BatchNormGrads<8>>();
    assert_zeroable::<::net::WeightsNoBias<::net::Tensor4<8, 8, 3, 3>>>();
    assert_zeroable::<::net::WeightsNoBias<::net::Tensor4<8, 8, 3, 3>>>();
    assert_zeroable::<::net::BatchNormState<8>>();
    assert_zeroable::<::net::BatchNormGrads<8>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<5, 128>, 5>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<5, 128>, 5>>();
};
impl ResNet {
    /// The input of the last layer with parameters, for one sample
    /// (inference mode): features for transfer learning.
    pub fn embed(&self, x: &::net::Tensor3<3, 8, 8>) -> ::net::Tensor1<128> {
        let mut scratch = ResNetScratch::new();
        let floats = &mut scratch.floats.0[..];
        let embedded: &::net::Tensor1<128> = {
            {
                let (reads, a1, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (0, 512),
                    1536,
                );
                let _ = (&reads, &work);
                let a0: &::net::Tensor3<3, 8, 8> = x;
                let a1: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a1);
                ::net::kernels::conv::conv2d_forward_in::<
                    3,
                    8,
                    8,
                    8,
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
                    (0, 512),
                    1536,
                );
                let _ = (&reads, &work);
                let a2: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a2);
                ::net::kernels::batch_norm::batch_norm_infer_in_place(
                    a2,
                    &self.bn0.weight,
                    &self.bn0.bias,
                    &self.bn0.running_mean,
                    &self.bn0.running_var,
                    0.00001f32,
                );
            }
            {
                let (reads, a3, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (0, 512),
                    1536,
                );
                let _ = (&reads, &work);
                let a3: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a3);
                ::net::kernels::activation::relu_in_place(a3.as_mut_slice());
            }
            {
                let (reads, a4, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 512)],
                    (512, 512),
                    1536,
                );
                let _ = (&reads, &work);
                let a3: &::net::Tensor3<8, 8, 8> = ::net::__private::view(reads[0]);
                let a4: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a4);
                ::net::kernels::conv::conv2d_forward_in::<
                    8,
                    8,
                    8,
                    8,
                    3,
                    3,
                    1,
                    1,
                    1,
                    1,
                    8,
                    8,
                >(
                    a3,
                    &self.c1.weight,
                    ::core::option::Option::Some(&self.c1.bias),
                    a4,
                    work,
                );
            }
            {
                let (reads, a5, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (512, 512),
                    1536,
                );
                let _ = (&reads, &work);
                let a5: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a5);
                ::net::kernels::batch_norm::batch_norm_infer_in_place(
                    a5,
                    &self.bn1.weight,
                    &self.bn1.bias,
                    &self.bn1.running_mean,
                    &self.bn1.running_var,
                    0.001f32,
                );
            }
            {
                let (reads, a6, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (512, 512),
                    1536,
                );
                let _ = (&reads, &work);
                let a6: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a6);
                ::net::kernels::activation::relu_in_place(a6.as_mut_slice());
            }
            {
                let (reads, a7, work) = ::net::__private::step(
                    &mut *floats,
                    [(512, 512)],
                    (1024, 512),
                    1536,
                );
                let _ = (&reads, &work);
                let a6: &::net::Tensor3<8, 8, 8> = ::net::__private::view(reads[0]);
                let a7: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a7);
                ::net::kernels::conv::conv2d_forward_in::<
                    8,
                    8,
                    8,
                    8,
                    3,
                    3,
                    1,
                    1,
                    1,
                    1,
                    8,
                    8,
                >(a6, &self.c2.weight, ::core::option::Option::None, a7, work);
            }
            {
                let (reads, a8, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (1024, 512),
                    1536,
                );
                let _ = (&reads, &work);
                let a8: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a8);
                ::net::kernels::batch_norm::batch_norm_infer_in_place(
                    a8,
                    &self.bn2.weight,
                    &self.bn2.bias,
                    &self.bn2.running_mean,
                    &self.bn2.running_var,
                    0.00001f32,
                );
            }
            {
                let (reads, a9, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 512)],
                    (1024, 512),
                    1536,
                );
                let _ = (&reads, &work);
                let a3: &::net::Tensor3<8, 8, 8> = ::net::__private::view(reads[0]);
                let a9: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a9);
                ::net::kernels::residual::accumulate(a9.as_mut_slice(), a3.as_slice());
            }
            {
                let (reads, a10, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (1024, 512),
                    1536,
                );
                let _ = (&reads, &work);
                let a10: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a10);
                ::net::kernels::activation::relu_in_place(a10.as_mut_slice());
            }
            {
                let (reads, a11, work) = ::net::__private::step(
                    &mut *floats,
                    [(1024, 512)],
                    (0, 128),
                    1536,
                );
                let _ = (&reads, &work);
                let a10: &::net::Tensor3<8, 8, 8> = ::net::__private::view(reads[0]);
                let a11: &mut ::net::Tensor3<8, 4, 4> = ::net::__private::view_mut(a11);
                ::net::kernels::pool::avg_pool2d_forward::<
                    8,
                    8,
                    8,
                    2,
                    2,
                    2,
                    2,
                    0,
                    0,
                    4,
                    4,
                >(a10, a11);
            }
            ::net::__private::view(&floats[0..128])
        };
        *embedded
    }
}
::net::__private::std_only! {
    impl ResNet { #[doc = r" The layer table, computed when the model was compiled."] pub
    const SUMMARY : ::net::Summary = ::net::Summary { name : "ResNet", input : & [3, 8,
    8], layers : & [::net::LayerSummary { name : "stem", kind : "Conv2d", output : & [8,
    8, 8], params : 224, mult_adds : 13824 }, ::net::LayerSummary { name : "bn0", kind :
    "BatchNorm", output : & [8, 8, 8], params : 16, mult_adds : 0 }, ::net::LayerSummary
    { name : "relu_0", kind : "Relu", output : & [8, 8, 8], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "c1", kind : "Conv2d", output : & [8, 8, 8], params :
    584, mult_adds : 36864 }, ::net::LayerSummary { name : "bn1", kind : "BatchNorm",
    output : & [8, 8, 8], params : 16, mult_adds : 0 }, ::net::LayerSummary { name :
    "relu_1", kind : "Relu", output : & [8, 8, 8], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "c2", kind : "Conv2d", output : & [8, 8, 8], params :
    576, mult_adds : 36864 }, ::net::LayerSummary { name : "bn2", kind : "BatchNorm",
    output : & [8, 8, 8], params : 16, mult_adds : 0 }, ::net::LayerSummary { name :
    "r1", kind : "Residual", output : & [8, 8, 8], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "relu_2", kind : "Relu", output : & [8, 8, 8], params :
    0, mult_adds : 0 }, ::net::LayerSummary { name : "avg_pool2d_0", kind : "AvgPool2d",
    output : & [8, 4, 4], params : 0, mult_adds : 0 }, ::net::LayerSummary { name :
    "flatten_0", kind : "Flatten", output : & [128], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "dropout_0", kind : "Dropout", output : & [128], params
    : 0, mult_adds : 0 }, ::net::LayerSummary { name : "head", kind : "Dense", output : &
    [5], params : 645, mult_adds : 640 }], params : 2077, buffers : 48, mult_adds :
    88192, }; #[doc =
    r" A model with PyTorch's default initialisation, drawn from `seed`;"] #[doc =
    r" built on the heap, so a large model never passes through the stack."] pub fn
    new(seed : u64) -> ::net::__private::Box < Self > { let mut rng =
    ::net::Rng::seed_from_u64(seed); let mut model = ::net::zeroed_box:: < Self > (); let
    bound = ::net::__private::default_init_bound(27); ::net::__private::init_uniform(&
    mut rng, model.stem.weight.as_mut_slice(), bound); ::net::__private::init_uniform(&
    mut rng, model.stem.bias.as_mut_slice(), bound); model.bn0 =
    ::core::default::Default::default(); let bound =
    ::net::__private::default_init_bound(72); ::net::__private::init_uniform(& mut rng,
    model.c1.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.c1.bias.as_mut_slice(), bound); model.bn1 =
    ::core::default::Default::default(); let bound =
    ::net::__private::default_init_bound(72); ::net::__private::init_uniform(& mut rng,
    model.c2.weight.as_mut_slice(), bound); model.bn2 =
    ::core::default::Default::default(); let bound =
    ::net::__private::default_init_bound(128); ::net::__private::init_uniform(& mut rng,
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
    ONNX : ::net::onnx::Graph = ::net::onnx::Graph { name : "ResNet", input : & [3, 8,
    8], output : & [5], nodes : & [::net::onnx::Node { op : "Conv", name : "stem", inputs
    : & ["input", "stem.weight", "stem.bias"], output : "stem", attributes : &
    [("kernel_shape", ::net::onnx::Attribute::Ints(& [3i64, 3i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64, 1i64, 1i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op :
    "BatchNormalization", name : "bn0", inputs : & ["stem", "bn0.weight", "bn0.bias",
    "bn0.running_mean", "bn0.running_var"], output : "bn0", attributes : & [("epsilon",
    ::net::onnx::Attribute::Float(0.00001f32)), ("momentum",
    ::net::onnx::Attribute::Float(0.9f32))], }, ::net::onnx::Node { op : "Relu", name :
    "relu_0", inputs : & ["bn0"], output : "relu_0", attributes : & [], },
    ::net::onnx::Node { op : "Conv", name : "c1", inputs : & ["relu_0", "c1.weight",
    "c1.bias"], output : "c1", attributes : & [("kernel_shape",
    ::net::onnx::Attribute::Ints(& [3i64, 3i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64, 1i64, 1i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op :
    "BatchNormalization", name : "bn1", inputs : & ["c1", "bn1.weight", "bn1.bias",
    "bn1.running_mean", "bn1.running_var"], output : "bn1", attributes : & [("epsilon",
    ::net::onnx::Attribute::Float(0.001f32)), ("momentum",
    ::net::onnx::Attribute::Float(0.8f32))], }, ::net::onnx::Node { op : "Relu", name :
    "relu_1", inputs : & ["bn1"], output : "relu_1", attributes : & [], },
    ::net::onnx::Node { op : "Conv", name : "c2", inputs : & ["relu_1", "c2.weight"],
    output : "c2", attributes : & [("kernel_shape", ::net::onnx::Attribute::Ints(& [3i64,
    3i64])), ("strides", ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64, 1i64, 1i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op :
    "BatchNormalization", name : "bn2", inputs : & ["c2", "bn2.weight", "bn2.bias",
    "bn2.running_mean", "bn2.running_var"], output : "bn2", attributes : & [("epsilon",
    ::net::onnx::Attribute::Float(0.00001f32)), ("momentum",
    ::net::onnx::Attribute::Float(0.9f32))], }, ::net::onnx::Node { op : "Add", name :
    "r1", inputs : & ["bn2", "relu_0"], output : "r1", attributes : & [], },
    ::net::onnx::Node { op : "Relu", name : "relu_2", inputs : & ["r1"], output :
    "relu_2", attributes : & [], }, ::net::onnx::Node { op : "AveragePool", name :
    "avg_pool2d_0", inputs : & ["relu_2"], output : "avg_pool2d_0", attributes : &
    [("kernel_shape", ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64])), ("count_include_pad",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Reshape", name :
    "flatten_0", inputs : & ["avg_pool2d_0", "flatten_0.shape"], output : "flatten_0",
    attributes : & [], }, ::net::onnx::Node { op : "Identity", name : "dropout_0", inputs
    : & ["flatten_0"], output : "dropout_0", attributes : & [], }, ::net::onnx::Node { op
    : "Gemm", name : "head", inputs : & ["dropout_0", "head.weight", "head.bias"], output
    : "output", attributes : & [("transB", ::net::onnx::Attribute::Int(1i64))], }],
    constants : & [::net::onnx::Constant { name : "flatten_0.shape", dims : & [2i64],
    values : ::net::TensorData::I64(& [- 1i64, 128i64]) }], }; #[doc =
    r" Writes the model as an ONNX file (opset 17) for onnxruntime, Netron"] #[doc =
    r" and the rest of the ONNX tools: input `input` of shape `[N, ..]`,"] #[doc =
    r" output `output`, the parameters under their PyTorch names,"] #[doc =
    r" inference semantics (batch norm with its running statistics,"] #[doc =
    r" dropout left out)."] pub fn save_onnx(& self, path : impl ::core::convert::AsRef <
    ::net::__private::Path >) -> ::core::result::Result < (), ::net::Error > {
    ::net::onnx::save(self, & Self::ONNX, path.as_ref()) } } impl ResNetGrads { #[doc =
    r" Writes the gradients to a safetensors file, named as the parameters."] pub fn
    save_safetensors(& self, path : impl ::core::convert::AsRef < ::net::__private::Path
    >) -> ::core::result::Result < (), ::net::Error > {
    ::net::NamedTensors::save_safetensors(self, path) } #[doc =
    r" Reads the gradients from a safetensors file."] pub fn load_safetensors(& mut self,
    path : impl ::core::convert::AsRef < ::net::__private::Path >) ->
    ::core::result::Result < (), ::net::Error > {
    ::net::NamedTensors::load_safetensors(self, path) } }
}
impl ::net::NamedTensors for ResNet {
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
            "bn0.weight",
            ::net::Tensor::shape(&self.bn0.weight),
            ::net::TensorData::F32(self.bn0.weight.as_slice()),
        );
        f(
            "bn0.bias",
            ::net::Tensor::shape(&self.bn0.bias),
            ::net::TensorData::F32(self.bn0.bias.as_slice()),
        );
        f(
            "bn0.running_mean",
            ::net::Tensor::shape(&self.bn0.running_mean),
            ::net::TensorData::F32(self.bn0.running_mean.as_slice()),
        );
        f(
            "bn0.running_var",
            ::net::Tensor::shape(&self.bn0.running_var),
            ::net::TensorData::F32(self.bn0.running_var.as_slice()),
        );
        f(
            "bn0.num_batches_tracked",
            &[],
            ::net::TensorData::I64(
                ::core::slice::from_ref(&self.bn0.num_batches_tracked),
            ),
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
            "bn1.weight",
            ::net::Tensor::shape(&self.bn1.weight),
            ::net::TensorData::F32(self.bn1.weight.as_slice()),
        );
        f(
            "bn1.bias",
            ::net::Tensor::shape(&self.bn1.bias),
            ::net::TensorData::F32(self.bn1.bias.as_slice()),
        );
        f(
            "bn1.running_mean",
            ::net::Tensor::shape(&self.bn1.running_mean),
            ::net::TensorData::F32(self.bn1.running_mean.as_slice()),
        );
        f(
            "bn1.running_var",
            ::net::Tensor::shape(&self.bn1.running_var),
            ::net::TensorData::F32(self.bn1.running_var.as_slice()),
        );
        f(
            "bn1.num_batches_tracked",
            &[],
            ::net::TensorData::I64(
                ::core::slice::from_ref(&self.bn1.num_batches_tracked),
            ),
        );
        f(
            "c2.weight",
            ::net::Tensor::shape(&self.c2.weight),
            ::net::TensorData::F32(self.c2.weight.as_slice()),
        );
        f(
            "bn2.weight",
            ::net::Tensor::shape(&self.bn2.weight),
            ::net::TensorData::F32(self.bn2.weight.as_slice()),
        );
        f(
            "bn2.bias",
            ::net::Tensor::shape(&self.bn2.bias),
            ::net::TensorData::F32(self.bn2.bias.as_slice()),
        );
        f(
            "bn2.running_mean",
            ::net::Tensor::shape(&self.bn2.running_mean),
            ::net::TensorData::F32(self.bn2.running_mean.as_slice()),
        );
        f(
            "bn2.running_var",
            ::net::Tensor::shape(&self.bn2.running_var),
            ::net::TensorData::F32(self.bn2.running_var.as_slice()),
        );
        f(
            "bn2.num_batches_tracked",
            &[],
            ::net::TensorData::I64(
                ::core::slice::from_ref(&self.bn2.num_batches_tracked),
            ),
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
            "bn0.weight",
            ::net::Tensor::shape(&self.bn0.weight),
            ::net::TensorDataMut::F32(self.bn0.weight.as_mut_slice()),
        );
        f(
            "bn0.bias",
            ::net::Tensor::shape(&self.bn0.bias),
            ::net::TensorDataMut::F32(self.bn0.bias.as_mut_slice()),
        );
        f(
            "bn0.running_mean",
            ::net::Tensor::shape(&self.bn0.running_mean),
            ::net::TensorDataMut::F32(self.bn0.running_mean.as_mut_slice()),
        );
        f(
            "bn0.running_var",
            ::net::Tensor::shape(&self.bn0.running_var),
            ::net::TensorDataMut::F32(self.bn0.running_var.as_mut_slice()),
        );
        f(
            "bn0.num_batches_tracked",
            &[],
            ::net::TensorDataMut::I64(
                ::core::slice::from_mut(&mut self.bn0.num_batches_tracked),
            ),
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
            "bn1.weight",
            ::net::Tensor::shape(&self.bn1.weight),
            ::net::TensorDataMut::F32(self.bn1.weight.as_mut_slice()),
        );
        f(
            "bn1.bias",
            ::net::Tensor::shape(&self.bn1.bias),
            ::net::TensorDataMut::F32(self.bn1.bias.as_mut_slice()),
        );
        f(
            "bn1.running_mean",
            ::net::Tensor::shape(&self.bn1.running_mean),
            ::net::TensorDataMut::F32(self.bn1.running_mean.as_mut_slice()),
        );
        f(
            "bn1.running_var",
            ::net::Tensor::shape(&self.bn1.running_var),
            ::net::TensorDataMut::F32(self.bn1.running_var.as_mut_slice()),
        );
        f(
            "bn1.num_batches_tracked",
            &[],
            ::net::TensorDataMut::I64(
                ::core::slice::from_mut(&mut self.bn1.num_batches_tracked),
            ),
        );
        f(
            "c2.weight",
            ::net::Tensor::shape(&self.c2.weight),
            ::net::TensorDataMut::F32(self.c2.weight.as_mut_slice()),
        );
        f(
            "bn2.weight",
            ::net::Tensor::shape(&self.bn2.weight),
            ::net::TensorDataMut::F32(self.bn2.weight.as_mut_slice()),
        );
        f(
            "bn2.bias",
            ::net::Tensor::shape(&self.bn2.bias),
            ::net::TensorDataMut::F32(self.bn2.bias.as_mut_slice()),
        );
        f(
            "bn2.running_mean",
            ::net::Tensor::shape(&self.bn2.running_mean),
            ::net::TensorDataMut::F32(self.bn2.running_mean.as_mut_slice()),
        );
        f(
            "bn2.running_var",
            ::net::Tensor::shape(&self.bn2.running_var),
            ::net::TensorDataMut::F32(self.bn2.running_var.as_mut_slice()),
        );
        f(
            "bn2.num_batches_tracked",
            &[],
            ::net::TensorDataMut::I64(
                ::core::slice::from_mut(&mut self.bn2.num_batches_tracked),
            ),
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
impl ::net::NamedTensors for ResNetGrads {
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
            "bn0.weight",
            ::net::Tensor::shape(&self.bn0.weight),
            ::net::TensorData::F32(self.bn0.weight.as_slice()),
        );
        f(
            "bn0.bias",
            ::net::Tensor::shape(&self.bn0.bias),
            ::net::TensorData::F32(self.bn0.bias.as_slice()),
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
            "bn1.weight",
            ::net::Tensor::shape(&self.bn1.weight),
            ::net::TensorData::F32(self.bn1.weight.as_slice()),
        );
        f(
            "bn1.bias",
            ::net::Tensor::shape(&self.bn1.bias),
            ::net::TensorData::F32(self.bn1.bias.as_slice()),
        );
        f(
            "c2.weight",
            ::net::Tensor::shape(&self.c2.weight),
            ::net::TensorData::F32(self.c2.weight.as_slice()),
        );
        f(
            "bn2.weight",
            ::net::Tensor::shape(&self.bn2.weight),
            ::net::TensorData::F32(self.bn2.weight.as_slice()),
        );
        f(
            "bn2.bias",
            ::net::Tensor::shape(&self.bn2.bias),
            ::net::TensorData::F32(self.bn2.bias.as_slice()),
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
            "bn0.weight",
            ::net::Tensor::shape(&self.bn0.weight),
            ::net::TensorDataMut::F32(self.bn0.weight.as_mut_slice()),
        );
        f(
            "bn0.bias",
            ::net::Tensor::shape(&self.bn0.bias),
            ::net::TensorDataMut::F32(self.bn0.bias.as_mut_slice()),
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
            "bn1.weight",
            ::net::Tensor::shape(&self.bn1.weight),
            ::net::TensorDataMut::F32(self.bn1.weight.as_mut_slice()),
        );
        f(
            "bn1.bias",
            ::net::Tensor::shape(&self.bn1.bias),
            ::net::TensorDataMut::F32(self.bn1.bias.as_mut_slice()),
        );
        f(
            "c2.weight",
            ::net::Tensor::shape(&self.c2.weight),
            ::net::TensorDataMut::F32(self.c2.weight.as_mut_slice()),
        );
        f(
            "bn2.weight",
            ::net::Tensor::shape(&self.bn2.weight),
            ::net::TensorDataMut::F32(self.bn2.weight.as_mut_slice()),
        );
        f(
            "bn2.bias",
            ::net::Tensor::shape(&self.bn2.bias),
            ::net::TensorDataMut::F32(self.bn2.bias.as_mut_slice()),
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
impl ::net::Network for ResNet {
    type Input = ::net::Tensor3<3, 8, 8>;
    type Output = ::net::Tensor1<5>;
    type Scratch = ResNetScratch;
    const INPUT_SHAPE: &'static [usize] = &[3, 8, 8];
    const OUTPUT_SHAPE: &'static [usize] = &[5];
    const NUM_PARAMS: usize = 2077;
    fn forward(&self, x: &::net::Tensor3<3, 8, 8>) -> ::net::Tensor1<5> {
        *self.forward_in(x, &mut ResNetScratch::new())
    }
    fn forward_in<'s>(
        &self,
        x: &::net::Tensor3<3, 8, 8>,
        scratch: &'s mut ResNetScratch,
    ) -> &'s ::net::Tensor1<5> {
        let floats = &mut scratch.floats.0[..];
        {
            let (reads, a1, work) = ::net::__private::step(
                &mut *floats,
                [],
                (0, 512),
                1536,
            );
            let _ = (&reads, &work);
            let a0: &::net::Tensor3<3, 8, 8> = x;
            let a1: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a1);
            ::net::kernels::conv::conv2d_forward_in::<
                3,
                8,
                8,
                8,
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
                (0, 512),
                1536,
            );
            let _ = (&reads, &work);
            let a2: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a2);
            ::net::kernels::batch_norm::batch_norm_infer_in_place(
                a2,
                &self.bn0.weight,
                &self.bn0.bias,
                &self.bn0.running_mean,
                &self.bn0.running_var,
                0.00001f32,
            );
        }
        {
            let (reads, a3, work) = ::net::__private::step(
                &mut *floats,
                [],
                (0, 512),
                1536,
            );
            let _ = (&reads, &work);
            let a3: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a3);
            ::net::kernels::activation::relu_in_place(a3.as_mut_slice());
        }
        {
            let (reads, a4, work) = ::net::__private::step(
                &mut *floats,
                [(0, 512)],
                (512, 512),
                1536,
            );
            let _ = (&reads, &work);
            let a3: &::net::Tensor3<8, 8, 8> = ::net::__private::view(reads[0]);
            let a4: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a4);
            ::net::kernels::conv::conv2d_forward_in::<
                8,
                8,
                8,
                8,
                3,
                3,
                1,
                1,
                1,
                1,
                8,
                8,
            >(
                a3,
                &self.c1.weight,
                ::core::option::Option::Some(&self.c1.bias),
                a4,
                work,
            );
        }
        {
            let (reads, a5, work) = ::net::__private::step(
                &mut *floats,
                [],
                (512, 512),
                1536,
            );
            let _ = (&reads, &work);
            let a5: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a5);
            ::net::kernels::batch_norm::batch_norm_infer_in_place(
                a5,
                &self.bn1.weight,
                &self.bn1.bias,
                &self.bn1.running_mean,
                &self.bn1.running_var,
                0.001f32,
            );
        }
        {
            let (reads, a6, work) = ::net::__private::step(
                &mut *floats,
                [],
                (512, 512),
                1536,
            );
            let _ = (&reads, &work);
            let a6: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a6);
            ::net::kernels::activation::relu_in_place(a6.as_mut_slice());
        }
        {
            let (reads, a7, work) = ::net::__private::step(
                &mut *floats,
                [(512, 512)],
                (1024, 512),
                1536,
            );
            let _ = (&reads, &work);
            let a6: &::net::Tensor3<8, 8, 8> = ::net::__private::view(reads[0]);
            let a7: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a7);
            ::net::kernels::conv::conv2d_forward_in::<
                8,
                8,
                8,
                8,
                3,
                3,
                1,
                1,
                1,
                1,
                8,
                8,
            >(a6, &self.c2.weight, ::core::option::Option::None, a7, work);
        }
        {
            let (reads, a8, work) = ::net::__private::step(
                &mut *floats,
                [],
                (1024, 512),
                1536,
            );
            let _ = (&reads, &work);
            let a8: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a8);
            ::net::kernels::batch_norm::batch_norm_infer_in_place(
                a8,
                &self.bn2.weight,
                &self.bn2.bias,
                &self.bn2.running_mean,
                &self.bn2.running_var,
                0.00001f32,
            );
        }
        {
            let (reads, a9, work) = ::net::__private::step(
                &mut *floats,
                [(0, 512)],
                (1024, 512),
                1536,
            );
            let _ = (&reads, &work);
            let a3: &::net::Tensor3<8, 8, 8> = ::net::__private::view(reads[0]);
            let a9: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a9);
            ::net::kernels::residual::accumulate(a9.as_mut_slice(), a3.as_slice());
        }
        {
            let (reads, a10, work) = ::net::__private::step(
                &mut *floats,
                [],
                (1024, 512),
                1536,
            );
            let _ = (&reads, &work);
            let a10: &mut ::net::Tensor3<8, 8, 8> = ::net::__private::view_mut(a10);
            ::net::kernels::activation::relu_in_place(a10.as_mut_slice());
        }
        {
            let (reads, a11, work) = ::net::__private::step(
                &mut *floats,
                [(1024, 512)],
                (0, 128),
                1536,
            );
            let _ = (&reads, &work);
            let a10: &::net::Tensor3<8, 8, 8> = ::net::__private::view(reads[0]);
            let a11: &mut ::net::Tensor3<8, 4, 4> = ::net::__private::view_mut(a11);
            ::net::kernels::pool::avg_pool2d_forward::<
                8,
                8,
                8,
                2,
                2,
                2,
                2,
                0,
                0,
                4,
                4,
            >(a10, a11);
        }
        {
            let (reads, a14, work) = ::net::__private::step(
                &mut *floats,
                [(0, 128)],
                (128, 5),
                1536,
            );
            let _ = (&reads, &work);
            let a13: &::net::Tensor1<128> = ::net::__private::view(reads[0]);
            let a14: &mut ::net::Tensor1<5> = ::net::__private::view_mut(a14);
            ::net::kernels::dense::dense_forward(
                a13,
                &self.head.weight,
                ::core::option::Option::Some(&self.head.bias),
                a14,
            );
        }
        ::net::__private::view(&floats[128..133])
    }
    ::net::__private::std_only! {
        type Grads = ResNetGrads; type Cache = ResNetCache; fn forward_train(& mut self,
        xs : & [::net::Tensor3 < 3, 8, 8 >], rng : & mut ::net::Rng) ->
        (::net::__private::Vec < ::net::Tensor1 < 5 > >, ResNetCache) { self
        .forward_train_reusing(xs, rng, ::core::default::Default::default()) }
        #[allow(unused_mut, unused_variables)] fn forward_train_reusing(& mut self, xs :
        & [::net::Tensor3 < 3, 8, 8 >], rng : & mut ::net::Rng, cache : ResNetCache) ->
        (::net::__private::Vec < ::net::Tensor1 < 5 > >, ResNetCache) { let mut cache =
        cache; let batch = xs.len(); let mut a0 = { let mut buffer = ::core::mem::take(&
        mut cache.a0); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 3,
        8, 8 > > ::zeros()); buffer }; let mut a1 = { let mut buffer =
        ::core::mem::take(& mut cache.a1); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer }; let mut a2 = { let mut buffer
        = ::core::mem::take(& mut cache.a2); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer }; let mut a3 = { let mut
        buffer = ::core::mem::take(& mut cache.a3); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer }; let mut a4 =
        { let mut buffer = ::core::mem::take(& mut cache.a4); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer }; let mut
        a5 = { let mut buffer = ::core::mem::take(& mut cache.a5); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 8, 8, 8 > > ::zeros());
        buffer }; let mut a6 = { let mut buffer = ::core::mem::take(& mut cache.a6);
        buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 8, 8, 8 > >
        ::zeros()); buffer }; let mut a7 = { let mut buffer = ::core::mem::take(& mut
        cache.a7); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 8, 8,
        8 > > ::zeros()); buffer }; let mut a8 = { let mut buffer = ::core::mem::take(&
        mut cache.a8); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 8,
        8, 8 > > ::zeros()); buffer }; let mut a9 = { let mut buffer =
        ::core::mem::take(& mut cache.a9); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer }; let mut a10 = { let mut buffer
        = ::core::mem::take(& mut cache.a10); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer }; let mut a11 =
        { let mut buffer = ::core::mem::take(& mut cache.a11); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor3 < 8, 4, 4 > > ::zeros()); buffer }; let mut
        a12 = { let mut buffer = ::core::mem::take(& mut cache.a12); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 128 > > ::zeros());
        buffer }; let mut a13 = { let mut buffer = ::core::mem::take(& mut cache.a13);
        buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 128 > >
        ::zeros()); buffer }; let mut a14 = { let mut buffer = ::core::mem::take(& mut
        cache.a14); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 5 > >
        ::zeros()); buffer }; a0.copy_from_slice(xs);
        ::net::kernels::conv::conv2d_forward_batch:: < 3, 8, 8, 8, 3, 3, 1, 1, 1, 1, 8, 8
        > (& a0, & self.stem.weight, ::core::option::Option::Some(& self.stem.bias), &
        mut a1); let s1 = ::net::kernels::batch_norm::batch_norm_train(& a1, & self.bn0
        .weight, & self.bn0.bias, & mut self.bn0.running_mean, & mut self.bn0
        .running_var, 0.1f32, 0.00001f32, & mut a2); self.bn0.num_batches_tracked += 1;
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a2),
        ::net::__private::batch_as_mut_slice(& mut a3),
        ::net::kernels::activation::relu); ::net::kernels::conv::conv2d_forward_batch:: <
        8, 8, 8, 8, 3, 3, 1, 1, 1, 1, 8, 8 > (& a3, & self.c1.weight,
        ::core::option::Option::Some(& self.c1.bias), & mut a4); let s4 =
        ::net::kernels::batch_norm::batch_norm_train(& a4, & self.bn1.weight, & self.bn1
        .bias, & mut self.bn1.running_mean, & mut self.bn1.running_var, 0.2f32, 0.001f32,
        & mut a5); self.bn1.num_batches_tracked += 1;
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a5),
        ::net::__private::batch_as_mut_slice(& mut a6),
        ::net::kernels::activation::relu); ::net::kernels::conv::conv2d_forward_batch:: <
        8, 8, 8, 8, 3, 3, 1, 1, 1, 1, 8, 8 > (& a6, & self.c2.weight,
        ::core::option::Option::None, & mut a7); let s7 =
        ::net::kernels::batch_norm::batch_norm_train(& a7, & self.bn2.weight, & self.bn2
        .bias, & mut self.bn2.running_mean, & mut self.bn2.running_var, 0.1f32,
        0.00001f32, & mut a8); self.bn2.num_batches_tracked += 1;
        ::net::kernels::residual::add(::net::__private::batch_as_slice(& a3),
        ::net::__private::batch_as_slice(& a8), ::net::__private::batch_as_mut_slice(&
        mut a9)); ::net::kernels::activation::batched(::net::__private::batch_as_slice(&
        a9), ::net::__private::batch_as_mut_slice(& mut a10),
        ::net::kernels::activation::relu);
        ::net::kernels::pool::avg_pool2d_forward_batch:: < 8, 8, 8, 2, 2, 2, 2, 0, 0, 4,
        4 > (& a10, & mut a11); for (x, y) in a11.iter().zip(a12.iter_mut()) { * y =
        ::net::reshape(x); } let mut m12 = { let mut buffer = ::core::mem::take(& mut
        cache.m12); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 128 >
        > ::zeros()); buffer }; ::net::kernels::dropout::dropout_mask(rng, 0.25f32,
        ::net::__private::batch_as_mut_slice(& mut m12));
        ::net::kernels::dropout::apply_dropout_mask(::net::__private::batch_as_slice(&
        a12), ::net::__private::batch_as_slice(& m12),
        ::net::__private::batch_as_mut_slice(& mut a13));
        ::net::kernels::dense::dense_forward_batch(& a13, & self.head.weight,
        ::core::option::Option::Some(& self.head.bias), & mut a14); let outputs = a14
        .clone(); cache.batch = batch; cache.a0 = a0; cache.a1 = a1; cache.a2 = a2; cache
        .a3 = a3; cache.a4 = a4; cache.a5 = a5; cache.a6 = a6; cache.a7 = a7; cache.a8 =
        a8; cache.a9 = a9; cache.a10 = a10; cache.a11 = a11; cache.a12 = a12; cache.a13 =
        a13; cache.a14 = a14; cache.s1 = s1; cache.s4 = s4; cache.s7 = s7; cache.m12 =
        m12; (outputs, cache) } #[allow(unused_mut, unused_variables,
        clippy::let_and_return)] fn backward(& self, cache : & ResNetCache, dys : &
        [::net::Tensor1 < 5 >], grads : & mut ResNetGrads) -> ::net::__private::Vec <
        ::net::Tensor3 < 3, 8, 8 > > { let batch = cache.batch; assert_eq!(dys.len(),
        batch, "backward: {} output gradients for a batch of {}", dys.len(), batch); let
        d14 : ::net::__private::Vec < ::net::Tensor1 < 5 > > = dys.to_vec(); let d13 = {
        let mut g : ::net::__private::Vec < ::net::Tensor1 < 128 > > =
        ::net::__private::vec![< ::net::Tensor1 < 128 > > ::zeros(); batch];
        ::net::kernels::dense::dense_backward_batch(& cache.a13, & self.head.weight, &
        d14, ::core::option::Option::Some(& mut g), & mut grads.head.weight,
        ::core::option::Option::Some(& mut grads.head.bias)); g }; let d12 = { let mut g
        : ::net::__private::Vec < ::net::Tensor1 < 128 > > = ::net::__private::vec![<
        ::net::Tensor1 < 128 > > ::zeros(); batch];
        ::net::kernels::dropout::apply_dropout_mask(::net::__private::batch_as_slice(&
        d13), ::net::__private::batch_as_slice(& cache.m12),
        ::net::__private::batch_as_mut_slice(& mut g)); g }; let d11 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 4, 4 > > = ::net::__private::vec![<
        ::net::Tensor3 < 8, 4, 4 > > ::zeros(); batch]; for (dy, dx) in d12.iter().zip(g
        .iter_mut()) { * dx = ::net::reshape(dy); } g }; let d10 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = ::net::__private::vec![<
        ::net::Tensor3 < 8, 8, 8 > > ::zeros(); batch];
        ::net::kernels::pool::avg_pool2d_backward_batch:: < 8, 8, 8, 2, 2, 2, 2, 0, 0, 4,
        4 > (& cache.a10, & d11, & mut g); g }; let d9 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = ::net::__private::vec![<
        ::net::Tensor3 < 8, 8, 8 > > ::zeros(); batch];
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        cache.a9), ::net::__private::batch_as_slice(& d10),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); g }; let d3 = d9.clone(); let d8 = {
        let mut g : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > =
        ::net::__private::vec![< ::net::Tensor3 < 8, 8, 8 > > ::zeros(); batch]; g
        .copy_from_slice(& d9); g }; let d7 = { let mut g : ::net::__private::Vec <
        ::net::Tensor3 < 8, 8, 8 > > = ::net::__private::vec![< ::net::Tensor3 < 8, 8, 8
        > > ::zeros(); batch]; ::net::kernels::batch_norm::batch_norm_backward(& cache
        .a7, & self.bn2.weight, & cache.s7, & d8, & mut g, & mut grads.bn2.weight, & mut
        grads.bn2.bias); g }; let d6 = { let mut g : ::net::__private::Vec <
        ::net::Tensor3 < 8, 8, 8 > > = ::net::__private::vec![< ::net::Tensor3 < 8, 8, 8
        > > ::zeros(); batch]; ::net::kernels::conv::conv2d_backward_batch:: < 8, 8, 8,
        8, 3, 3, 1, 1, 1, 1, 8, 8 > (& cache.a6, & self.c2.weight, & d7,
        ::core::option::Option::Some(& mut g), & mut grads.c2.weight,
        ::core::option::Option::None); g }; let d5 = { let mut g : ::net::__private::Vec
        < ::net::Tensor3 < 8, 8, 8 > > = ::net::__private::vec![< ::net::Tensor3 < 8, 8,
        8 > > ::zeros(); batch];
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        cache.a5), ::net::__private::batch_as_slice(& d6),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); g }; let d4 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = ::net::__private::vec![<
        ::net::Tensor3 < 8, 8, 8 > > ::zeros(); batch];
        ::net::kernels::batch_norm::batch_norm_backward(& cache.a4, & self.bn1.weight, &
        cache.s4, & d5, & mut g, & mut grads.bn1.weight, & mut grads.bn1.bias); g }; let
        mut d3 = d3; { let mut g : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > =
        ::net::__private::vec![< ::net::Tensor3 < 8, 8, 8 > > ::zeros(); batch];
        ::net::kernels::conv::conv2d_backward_batch:: < 8, 8, 8, 8, 3, 3, 1, 1, 1, 1, 8,
        8 > (& cache.a3, & self.c1.weight, & d4, ::core::option::Option::Some(& mut g), &
        mut grads.c1.weight, ::core::option::Option::Some(& mut grads.c1.bias));
        ::net::kernels::residual::accumulate(::net::__private::batch_as_mut_slice(& mut
        d3), ::net::__private::batch_as_slice(& g)); } let d2 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = ::net::__private::vec![<
        ::net::Tensor3 < 8, 8, 8 > > ::zeros(); batch];
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        cache.a2), ::net::__private::batch_as_slice(& d3),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); g }; let d1 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = ::net::__private::vec![<
        ::net::Tensor3 < 8, 8, 8 > > ::zeros(); batch];
        ::net::kernels::batch_norm::batch_norm_backward(& cache.a1, & self.bn0.weight, &
        cache.s1, & d2, & mut g, & mut grads.bn0.weight, & mut grads.bn0.bias); g }; let
        d0 = { let mut g : ::net::__private::Vec < ::net::Tensor3 < 3, 8, 8 > > =
        ::net::__private::vec![< ::net::Tensor3 < 3, 8, 8 > > ::zeros(); batch];
        ::net::kernels::conv::conv2d_backward_batch:: < 3, 8, 8, 8, 3, 3, 1, 1, 1, 1, 8,
        8 > (& cache.a0, & self.stem.weight, & d1, ::core::option::Option::Some(& mut g),
        & mut grads.stem.weight, ::core::option::Option::Some(& mut grads.stem.bias)); g
        }; d0 } #[allow(unused_mut, unused_variables, clippy::let_and_return)] fn
        backward_params(& self, cache : & mut ResNetCache, dys : & [::net::Tensor1 < 5
        >], grads : & mut ResNetGrads) { let batch = cache.batch; assert_eq!(dys.len(),
        batch, "backward: {} output gradients for a batch of {}", dys.len(), batch); let
        mut d14 = ::core::mem::take(& mut cache.d14); d14.clear(); d14
        .extend_from_slice(dys); let d13 = { let mut g : ::net::__private::Vec <
        ::net::Tensor1 < 128 > > = { let mut buffer = ::core::mem::take(& mut cache.d13);
        buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 128 > >
        ::zeros()); buffer }; ::net::kernels::dense::dense_backward_batch(& cache.a13, &
        self.head.weight, & d14, ::core::option::Option::Some(& mut g), & mut grads.head
        .weight, ::core::option::Option::Some(& mut grads.head.bias)); g }; let d12 = {
        let mut g : ::net::__private::Vec < ::net::Tensor1 < 128 > > = { let mut buffer =
        ::core::mem::take(& mut cache.d12); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor1 < 128 > > ::zeros()); buffer };
        ::net::kernels::dropout::apply_dropout_mask(::net::__private::batch_as_slice(&
        d13), ::net::__private::batch_as_slice(& cache.m12),
        ::net::__private::batch_as_mut_slice(& mut g)); g }; let d11 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 4, 4 > > = { let mut buffer =
        ::core::mem::take(& mut cache.d11); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor3 < 8, 4, 4 > > ::zeros()); buffer }; for (dy, dx) in d12.iter()
        .zip(g.iter_mut()) { * dx = ::net::reshape(dy); } g }; let d10 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = { let mut buffer =
        ::core::mem::take(& mut cache.d10); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer };
        ::net::kernels::pool::avg_pool2d_backward_batch:: < 8, 8, 8, 2, 2, 2, 2, 0, 0, 4,
        4 > (& cache.a10, & d11, & mut g); g }; let d9 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = { let mut buffer =
        ::core::mem::take(& mut cache.d9); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer };
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        cache.a9), ::net::__private::batch_as_slice(& d10),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); g }; let d3 = d9.clone(); let d8 = {
        let mut g : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = { let mut
        buffer = ::core::mem::take(& mut cache.d8); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer }; g
        .copy_from_slice(& d9); g }; let d7 = { let mut g : ::net::__private::Vec <
        ::net::Tensor3 < 8, 8, 8 > > = { let mut buffer = ::core::mem::take(& mut cache
        .d7); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 8, 8, 8 > >
        ::zeros()); buffer }; ::net::kernels::batch_norm::batch_norm_backward(& cache.a7,
        & self.bn2.weight, & cache.s7, & d8, & mut g, & mut grads.bn2.weight, & mut grads
        .bn2.bias); g }; let d6 = { let mut g : ::net::__private::Vec < ::net::Tensor3 <
        8, 8, 8 > > = { let mut buffer = ::core::mem::take(& mut cache.d6); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 8, 8, 8 > > ::zeros());
        buffer }; ::net::kernels::conv::conv2d_backward_batch:: < 8, 8, 8, 8, 3, 3, 1, 1,
        1, 1, 8, 8 > (& cache.a6, & self.c2.weight, & d7, ::core::option::Option::Some(&
        mut g), & mut grads.c2.weight, ::core::option::Option::None); g }; let d5 = { let
        mut g : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = { let mut buffer =
        ::core::mem::take(& mut cache.d5); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer };
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        cache.a5), ::net::__private::batch_as_slice(& d6),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); g }; let d4 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = { let mut buffer =
        ::core::mem::take(& mut cache.d4); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer };
        ::net::kernels::batch_norm::batch_norm_backward(& cache.a4, & self.bn1.weight, &
        cache.s4, & d5, & mut g, & mut grads.bn1.weight, & mut grads.bn1.bias); g }; let
        mut d3 = d3; { let mut g : ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > =
        ::net::__private::vec![< ::net::Tensor3 < 8, 8, 8 > > ::zeros(); batch];
        ::net::kernels::conv::conv2d_backward_batch:: < 8, 8, 8, 8, 3, 3, 1, 1, 1, 1, 8,
        8 > (& cache.a3, & self.c1.weight, & d4, ::core::option::Option::Some(& mut g), &
        mut grads.c1.weight, ::core::option::Option::Some(& mut grads.c1.bias));
        ::net::kernels::residual::accumulate(::net::__private::batch_as_mut_slice(& mut
        d3), ::net::__private::batch_as_slice(& g)); } let d2 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = { let mut buffer =
        ::core::mem::take(& mut cache.d2); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer };
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        cache.a2), ::net::__private::batch_as_slice(& d3),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); g }; let d1 = { let mut g :
        ::net::__private::Vec < ::net::Tensor3 < 8, 8, 8 > > = { let mut buffer =
        ::core::mem::take(& mut cache.d1); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 8, 8, 8 > > ::zeros()); buffer };
        ::net::kernels::batch_norm::batch_norm_backward(& cache.a1, & self.bn0.weight, &
        cache.s1, & d2, & mut g, & mut grads.bn0.weight, & mut grads.bn0.bias); g };
        ::net::kernels::conv::conv2d_backward_batch:: < 3, 8, 8, 8, 3, 3, 1, 1, 1, 1, 8,
        8 > (& cache.a0, & self.stem.weight, & d1, ::core::option::Option::None, & mut
        grads.stem.weight, ::core::option::Option::Some(& mut grads.stem.bias)); cache
        .d14 = d14; cache.d13 = d13; cache.d12 = d12; cache.d11 = d11; cache.d10 = d10;
        cache.d9 = d9; cache.d3 = d3; cache.d8 = d8; cache.d7 = d7; cache.d6 = d6; cache
        .d5 = d5; cache.d4 = d4; cache.d2 = d2; cache.d1 = d1; } fn visit_params_mut(&
        mut self, grads : & ResNetGrads, f : & mut ::net::ParamVisitor < '_ >) { let _ =
        (& grads, & f); f("stem.weight", self.stem.weight.as_mut_slice(), grads.stem
        .weight.as_slice()); f("stem.bias", self.stem.bias.as_mut_slice(), grads.stem
        .bias.as_slice()); f("bn0.weight", self.bn0.weight.as_mut_slice(), grads.bn0
        .weight.as_slice()); f("bn0.bias", self.bn0.bias.as_mut_slice(), grads.bn0.bias
        .as_slice()); f("c1.weight", self.c1.weight.as_mut_slice(), grads.c1.weight
        .as_slice()); f("c1.bias", self.c1.bias.as_mut_slice(), grads.c1.bias
        .as_slice()); f("bn1.weight", self.bn1.weight.as_mut_slice(), grads.bn1.weight
        .as_slice()); f("bn1.bias", self.bn1.bias.as_mut_slice(), grads.bn1.bias
        .as_slice()); f("c2.weight", self.c2.weight.as_mut_slice(), grads.c2.weight
        .as_slice()); f("bn2.weight", self.bn2.weight.as_mut_slice(), grads.bn2.weight
        .as_slice()); f("bn2.bias", self.bn2.bias.as_mut_slice(), grads.bn2.bias
        .as_slice()); f("head.weight", self.head.weight.as_mut_slice(), grads.head.weight
        .as_slice()); f("head.bias", self.head.bias.as_mut_slice(), grads.head.bias
        .as_slice()); }
    }
}
