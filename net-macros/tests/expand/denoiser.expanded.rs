/// A convolutional denoising autoencoder.
#[derive(Clone, Debug, PartialEq)]
pub struct Denoiser {
    #[doc = concat!("Parameters of layer `", stringify!(enc1), "`.")]
    pub enc1: ::net::Weights<::net::Tensor4<16, 1, 3, 3>, 16>,
    #[doc = concat!("Parameters of layer `", stringify!(enc2), "`.")]
    pub enc2: ::net::Weights<::net::Tensor4<8, 16, 3, 3>, 8>,
    #[doc = concat!("Parameters of layer `", stringify!(code), "`.")]
    pub code: ::net::Weights<::net::Tensor2<32, 392>, 32>,
    #[doc = concat!("Parameters of layer `", stringify!(dec1), "`.")]
    pub dec1: ::net::Weights<::net::Tensor2<392, 32>, 392>,
    #[doc = concat!("Parameters of layer `", stringify!(up1), "`.")]
    pub up1: ::net::Weights<::net::Tensor4<8, 16, 2, 2>, 16>,
    #[doc = concat!("Parameters of layer `", stringify!(up2), "`.")]
    pub up2: ::net::Weights<::net::Tensor4<16, 1, 2, 2>, 1>,
}
///Gradients of [`Denoiser`]'s trainable parameters, in the same fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DenoiserGrads {
    #[doc = concat!("Gradients of layer `", stringify!(enc1), "`.")]
    pub enc1: ::net::Weights<::net::Tensor4<16, 1, 3, 3>, 16>,
    #[doc = concat!("Gradients of layer `", stringify!(enc2), "`.")]
    pub enc2: ::net::Weights<::net::Tensor4<8, 16, 3, 3>, 8>,
    #[doc = concat!("Gradients of layer `", stringify!(code), "`.")]
    pub code: ::net::Weights<::net::Tensor2<32, 392>, 32>,
    #[doc = concat!("Gradients of layer `", stringify!(dec1), "`.")]
    pub dec1: ::net::Weights<::net::Tensor2<392, 32>, 392>,
    #[doc = concat!("Gradients of layer `", stringify!(up1), "`.")]
    pub up1: ::net::Weights<::net::Tensor4<8, 16, 2, 2>, 16>,
    #[doc = concat!("Gradients of layer `", stringify!(up2), "`.")]
    pub up2: ::net::Weights<::net::Tensor4<16, 1, 2, 2>, 1>,
}
::net::__private::std_only! {
    #[doc = "What [`Denoiser`]'s training forward pass keeps for its backward pass."]
    #[allow(dead_code)] #[derive(Default)] pub struct DenoiserCache { batch : usize, a0 :
    ::net::__private::Vec < ::net::Tensor3 < 1, 28, 28 > >, a1 : ::net::__private::Vec <
    ::net::Tensor3 < 16, 28, 28 > >, a2 : ::net::__private::Vec < ::net::Tensor3 < 16,
    14, 14 > >, a3 : ::net::__private::Vec < ::net::Tensor3 < 16, 14, 14 > >, a4 :
    ::net::__private::Vec < ::net::Tensor3 < 8, 14, 14 > >, a5 : ::net::__private::Vec <
    ::net::Tensor3 < 8, 7, 7 > >, a6 : ::net::__private::Vec < ::net::Tensor3 < 8, 7, 7 >
    >, a7 : ::net::__private::Vec < ::net::Tensor1 < 392 > >, a8 : ::net::__private::Vec
    < ::net::Tensor1 < 32 > >, a9 : ::net::__private::Vec < ::net::Tensor1 < 392 > >, a10
    : ::net::__private::Vec < ::net::Tensor1 < 392 > >, a11 : ::net::__private::Vec <
    ::net::Tensor3 < 8, 7, 7 > >, a12 : ::net::__private::Vec < ::net::Tensor3 < 16, 14,
    14 > >, a13 : ::net::__private::Vec < ::net::Tensor3 < 16, 14, 14 > >, a14 :
    ::net::__private::Vec < ::net::Tensor3 < 1, 28, 28 > >, a15 : ::net::__private::Vec <
    ::net::Tensor3 < 1, 28, 28 > >, d0 : ::net::__private::Vec < ::net::Tensor3 < 1, 28,
    28 > >, d1 : ::net::__private::Vec < ::net::Tensor3 < 16, 28, 28 > >, d2 :
    ::net::__private::Vec < ::net::Tensor3 < 16, 14, 14 > >, d3 : ::net::__private::Vec <
    ::net::Tensor3 < 16, 14, 14 > >, d4 : ::net::__private::Vec < ::net::Tensor3 < 8, 14,
    14 > >, d5 : ::net::__private::Vec < ::net::Tensor3 < 8, 7, 7 > >, d6 :
    ::net::__private::Vec < ::net::Tensor3 < 8, 7, 7 > >, d7 : ::net::__private::Vec <
    ::net::Tensor1 < 392 > >, d8 : ::net::__private::Vec < ::net::Tensor1 < 32 > >, d9 :
    ::net::__private::Vec < ::net::Tensor1 < 392 > >, d10 : ::net::__private::Vec <
    ::net::Tensor1 < 392 > >, d11 : ::net::__private::Vec < ::net::Tensor3 < 8, 7, 7 > >,
    d12 : ::net::__private::Vec < ::net::Tensor3 < 16, 14, 14 > >, d13 :
    ::net::__private::Vec < ::net::Tensor3 < 16, 14, 14 > >, d14 : ::net::__private::Vec
    < ::net::Tensor3 < 1, 28, 28 > >, d15 : ::net::__private::Vec < ::net::Tensor3 < 1,
    28, 28 > >, chunk_grads : ::net::__private::Vec < ::net::__private::Box <
    DenoiserGrads >>, }
}
///Every buffer [`Denoiser`]'s inference needs, laid out when the model was compiled: activations share memory once nothing reads them, so it holds the most that is alive at once. `new` is a `const fn`, so it can be a `static`.
pub struct DenoiserScratch {
    floats: ::net::__private::Floats<
        {
            15680
                + ::net::__private::max(
                    ::net::kernels::conv::conv2d_forward_scratch::<
                        16,
                        14,
                        14,
                        8,
                        3,
                        3,
                        1,
                        1,
                        1,
                        1,
                        14,
                        14,
                    >(),
                    ::net::__private::max(
                        ::net::kernels::conv::conv2d_forward_scratch::<
                            1,
                            28,
                            28,
                            16,
                            3,
                            3,
                            1,
                            1,
                            1,
                            1,
                            28,
                            28,
                        >(),
                        0,
                    ),
                )
        },
    >,
}
impl DenoiserScratch {
    /// All zeros.
    pub const fn new() -> Self {
        Self {
            floats: ::net::__private::Floats::new(),
        }
    }
}
impl ::core::default::Default for DenoiserScratch {
    fn default() -> Self {
        Self::new()
    }
}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for DenoiserScratch {}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for Denoiser {}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for DenoiserGrads {}
const _: fn() = || {
    fn assert_zeroable<T: ::net::Zeroable>() {}
    assert_zeroable::<::net::Weights<::net::Tensor4<16, 1, 3, 3>, 16>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<16, 1, 3, 3>, 16>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<8, 16, 3, 3>, 8>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<8, 16, 3, 3>, 8>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<32, 392>, 32>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<32, 392>, 32>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<392, 32>, 392>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<392, 32>, 392>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<8, 16, 2, 2>, 16>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<8, 16, 2, 2>, 16>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<16, 1, 2, 2>, 1>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<16, 1, 2, 2>, 1>>();
};
impl Denoiser {
    /// The input of the last layer with parameters, for one sample
    /// (inference mode): features for transfer learning.
    pub fn embed(&self, x: &::net::Tensor3<1, 28, 28>) -> ::net::Tensor3<16, 14, 14> {
        let mut scratch = DenoiserScratch::new();
        let floats = &mut scratch.floats.0[..];
        let embedded: &::net::Tensor3<16, 14, 14> = {
            {
                let (reads, a1, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (0, 12544),
                    15680,
                );
                let _ = (&reads, &work);
                let a0: &::net::Tensor3<1, 28, 28> = x;
                let a1: &mut ::net::Tensor3<16, 28, 28> = ::net::__private::view_mut(a1);
                ::net::kernels::conv::conv2d_forward_in::<
                    1,
                    28,
                    28,
                    16,
                    3,
                    3,
                    1,
                    1,
                    1,
                    1,
                    28,
                    28,
                >(
                    a0,
                    &self.enc1.weight,
                    ::core::option::Option::Some(&self.enc1.bias),
                    a1,
                    work,
                );
            }
            {
                let (reads, a2, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 12544)],
                    (12544, 3136),
                    15680,
                );
                let _ = (&reads, &work);
                let a1: &::net::Tensor3<16, 28, 28> = ::net::__private::view(reads[0]);
                let a2: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(a2);
                ::net::kernels::pool::max_pool2d_forward::<
                    16,
                    28,
                    28,
                    2,
                    2,
                    2,
                    2,
                    0,
                    0,
                    14,
                    14,
                >(a1, a2);
            }
            {
                let (reads, a3, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (12544, 3136),
                    15680,
                );
                let _ = (&reads, &work);
                let a3: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(a3);
                ::net::kernels::activation::relu_in_place(a3.as_mut_slice());
            }
            {
                let (reads, a4, work) = ::net::__private::step(
                    &mut *floats,
                    [(12544, 3136)],
                    (0, 1568),
                    15680,
                );
                let _ = (&reads, &work);
                let a3: &::net::Tensor3<16, 14, 14> = ::net::__private::view(reads[0]);
                let a4: &mut ::net::Tensor3<8, 14, 14> = ::net::__private::view_mut(a4);
                ::net::kernels::conv::conv2d_forward_in::<
                    16,
                    14,
                    14,
                    8,
                    3,
                    3,
                    1,
                    1,
                    1,
                    1,
                    14,
                    14,
                >(
                    a3,
                    &self.enc2.weight,
                    ::core::option::Option::Some(&self.enc2.bias),
                    a4,
                    work,
                );
            }
            {
                let (reads, a5, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 1568)],
                    (1568, 392),
                    15680,
                );
                let _ = (&reads, &work);
                let a4: &::net::Tensor3<8, 14, 14> = ::net::__private::view(reads[0]);
                let a5: &mut ::net::Tensor3<8, 7, 7> = ::net::__private::view_mut(a5);
                ::net::kernels::pool::max_pool2d_forward::<
                    8,
                    14,
                    14,
                    2,
                    2,
                    2,
                    2,
                    0,
                    0,
                    7,
                    7,
                >(a4, a5);
            }
            {
                let (reads, a6, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (1568, 392),
                    15680,
                );
                let _ = (&reads, &work);
                let a6: &mut ::net::Tensor3<8, 7, 7> = ::net::__private::view_mut(a6);
                ::net::kernels::activation::relu_in_place(a6.as_mut_slice());
            }
            {
                let (reads, a8, work) = ::net::__private::step(
                    &mut *floats,
                    [(1568, 392)],
                    (0, 32),
                    15680,
                );
                let _ = (&reads, &work);
                let a7: &::net::Tensor1<392> = ::net::__private::view(reads[0]);
                let a8: &mut ::net::Tensor1<32> = ::net::__private::view_mut(a8);
                ::net::kernels::dense::dense_forward(
                    a7,
                    &self.code.weight,
                    ::core::option::Option::Some(&self.code.bias),
                    a8,
                );
            }
            {
                let (reads, a9, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 32)],
                    (3136, 392),
                    15680,
                );
                let _ = (&reads, &work);
                let a8: &::net::Tensor1<32> = ::net::__private::view(reads[0]);
                let a9: &mut ::net::Tensor1<392> = ::net::__private::view_mut(a9);
                ::net::kernels::dense::dense_forward(
                    a8,
                    &self.dec1.weight,
                    ::core::option::Option::Some(&self.dec1.bias),
                    a9,
                );
            }
            {
                let (reads, a10, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (3136, 392),
                    15680,
                );
                let _ = (&reads, &work);
                let a10: &mut ::net::Tensor1<392> = ::net::__private::view_mut(a10);
                ::net::kernels::activation::relu_in_place(a10.as_mut_slice());
            }
            {
                let (reads, a12, work) = ::net::__private::step(
                    &mut *floats,
                    [(3136, 392)],
                    (0, 3136),
                    15680,
                );
                let _ = (&reads, &work);
                let a11: &::net::Tensor3<8, 7, 7> = ::net::__private::view(reads[0]);
                let a12: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(
                    a12,
                );
                ::net::kernels::conv_transpose::conv_transpose2d_forward::<
                    8,
                    7,
                    7,
                    16,
                    2,
                    2,
                    2,
                    2,
                    0,
                    0,
                    14,
                    14,
                >(
                    a11,
                    &self.up1.weight,
                    ::core::option::Option::Some(&self.up1.bias),
                    a12,
                );
            }
            {
                let (reads, a13, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (0, 3136),
                    15680,
                );
                let _ = (&reads, &work);
                let a13: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(
                    a13,
                );
                ::net::kernels::activation::relu_in_place(a13.as_mut_slice());
            }
            ::net::__private::view(&floats[0..3136])
        };
        *embedded
    }
}
::net::__private::std_only! {
    impl Denoiser { #[doc = r" The layer table, computed when the model was compiled."]
    pub const SUMMARY : ::net::Summary = ::net::Summary { name : "Denoiser", input : &
    [1, 28, 28], layers : & [::net::LayerSummary { name : "enc1", kind : "Conv2d", output
    : & [16, 28, 28], params : 160, mult_adds : 112896 }, ::net::LayerSummary { name :
    "relu_0", kind : "Relu", output : & [16, 28, 28], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "max_pool2d_0", kind : "MaxPool2d", output : & [16, 14,
    14], params : 0, mult_adds : 0 }, ::net::LayerSummary { name : "enc2", kind :
    "Conv2d", output : & [8, 14, 14], params : 1160, mult_adds : 225792 },
    ::net::LayerSummary { name : "relu_1", kind : "Relu", output : & [8, 14, 14], params
    : 0, mult_adds : 0 }, ::net::LayerSummary { name : "max_pool2d_1", kind :
    "MaxPool2d", output : & [8, 7, 7], params : 0, mult_adds : 0 }, ::net::LayerSummary {
    name : "flatten_0", kind : "Flatten", output : & [392], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "code", kind : "Dense", output : & [32], params : 12576,
    mult_adds : 12544 }, ::net::LayerSummary { name : "dec1", kind : "Dense", output : &
    [392], params : 12936, mult_adds : 12544 }, ::net::LayerSummary { name : "relu_2",
    kind : "Relu", output : & [392], params : 0, mult_adds : 0 }, ::net::LayerSummary {
    name : "reshape_0", kind : "Reshape", output : & [8, 7, 7], params : 0, mult_adds : 0
    }, ::net::LayerSummary { name : "up1", kind : "ConvTranspose2d", output : & [16, 14,
    14], params : 528, mult_adds : 25088 }, ::net::LayerSummary { name : "relu_3", kind :
    "Relu", output : & [16, 14, 14], params : 0, mult_adds : 0 }, ::net::LayerSummary {
    name : "up2", kind : "ConvTranspose2d", output : & [1, 28, 28], params : 65,
    mult_adds : 12544 }, ::net::LayerSummary { name : "sigmoid_0", kind : "Sigmoid",
    output : & [1, 28, 28], params : 0, mult_adds : 0 }], params : 27425, buffers : 0,
    mult_adds : 401408, }; #[doc =
    r" A model with PyTorch's default initialisation, drawn from `seed`;"] #[doc =
    r" built on the heap, so a large model never passes through the stack."] pub fn
    new(seed : u64) -> ::net::__private::Box < Self > { let mut rng =
    ::net::Rng::seed_from_u64(seed); let mut model = ::net::zeroed_box:: < Self > (); let
    bound = ::net::__private::default_init_bound(9); ::net::__private::init_uniform(& mut
    rng, model.enc1.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut
    rng, model.enc1.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(144); ::net::__private::init_uniform(& mut rng,
    model.enc2.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.enc2.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(392); ::net::__private::init_uniform(& mut rng,
    model.code.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.code.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(32); ::net::__private::init_uniform(& mut rng,
    model.dec1.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.dec1.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(64); ::net::__private::init_uniform(& mut rng,
    model.up1.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.up1.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(4); ::net::__private::init_uniform(& mut rng,
    model.up2.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.up2.bias.as_mut_slice(), bound); let _ = & mut rng; model } #[doc =
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
    ONNX : ::net::onnx::Graph = ::net::onnx::Graph { name : "Denoiser", input : & [1, 28,
    28], output : & [1, 28, 28], nodes : & [::net::onnx::Node { op : "Conv", name :
    "enc1", inputs : & ["input", "enc1.weight", "enc1.bias"], output : "enc1", attributes
    : & [("kernel_shape", ::net::onnx::Attribute::Ints(& [3i64, 3i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64, 1i64, 1i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Relu", name :
    "relu_0", inputs : & ["enc1"], output : "relu_0", attributes : & [], },
    ::net::onnx::Node { op : "MaxPool", name : "max_pool2d_0", inputs : & ["relu_0"],
    output : "max_pool2d_0", attributes : & [("kernel_shape",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64]))], }, ::net::onnx::Node { op
    : "Conv", name : "enc2", inputs : & ["max_pool2d_0", "enc2.weight", "enc2.bias"],
    output : "enc2", attributes : & [("kernel_shape", ::net::onnx::Attribute::Ints(&
    [3i64, 3i64])), ("strides", ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64, 1i64, 1i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Relu", name :
    "relu_1", inputs : & ["enc2"], output : "relu_1", attributes : & [], },
    ::net::onnx::Node { op : "MaxPool", name : "max_pool2d_1", inputs : & ["relu_1"],
    output : "max_pool2d_1", attributes : & [("kernel_shape",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64]))], }, ::net::onnx::Node { op
    : "Reshape", name : "flatten_0", inputs : & ["max_pool2d_1", "flatten_0.shape"],
    output : "flatten_0", attributes : & [], }, ::net::onnx::Node { op : "Gemm", name :
    "code", inputs : & ["flatten_0", "code.weight", "code.bias"], output : "code",
    attributes : & [("transB", ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node
    { op : "Gemm", name : "dec1", inputs : & ["code", "dec1.weight", "dec1.bias"], output
    : "dec1", attributes : & [("transB", ::net::onnx::Attribute::Int(1i64))], },
    ::net::onnx::Node { op : "Relu", name : "relu_2", inputs : & ["dec1"], output :
    "relu_2", attributes : & [], }, ::net::onnx::Node { op : "Reshape", name :
    "reshape_0", inputs : & ["relu_2", "reshape_0.shape"], output : "reshape_0",
    attributes : & [], }, ::net::onnx::Node { op : "ConvTranspose", name : "up1", inputs
    : & ["reshape_0", "up1.weight", "up1.bias"], output : "up1", attributes : &
    [("kernel_shape", ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("output_padding",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64]))], }, ::net::onnx::Node { op : "Relu",
    name : "relu_3", inputs : & ["up1"], output : "relu_3", attributes : & [], },
    ::net::onnx::Node { op : "ConvTranspose", name : "up2", inputs : & ["relu_3",
    "up2.weight", "up2.bias"], output : "up2", attributes : & [("kernel_shape",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("output_padding",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64]))], }, ::net::onnx::Node { op :
    "Sigmoid", name : "sigmoid_0", inputs : & ["up2"], output : "output", attributes : &
    [], }], constants : & [::net::onnx::Constant { name : "flatten_0.shape", dims : &
    [2i64], values : ::net::TensorData::I64(& [- 1i64, 392i64]) }, ::net::onnx::Constant
    { name : "reshape_0.shape", dims : & [4i64], values : ::net::TensorData::I64(& [-
    1i64, 8i64, 7i64, 7i64]) }], }; #[doc =
    r" Writes the model as an ONNX file (opset 17) for onnxruntime, Netron"] #[doc =
    r" and the rest of the ONNX tools: input `input` of shape `[N, ..]`,"] #[doc =
    r" output `output`, the parameters under their PyTorch names,"] #[doc =
    r" inference semantics (batch norm with its running statistics,"] #[doc =
    r" dropout left out)."] pub fn save_onnx(& self, path : impl ::core::convert::AsRef <
    ::net::__private::Path >) -> ::core::result::Result < (), ::net::Error > {
    ::net::onnx::save(self, & Self::ONNX, path.as_ref()) } } impl DenoiserGrads { #[doc =
    r" Writes the gradients to a safetensors file, named as the parameters."] pub fn
    save_safetensors(& self, path : impl ::core::convert::AsRef < ::net::__private::Path
    >) -> ::core::result::Result < (), ::net::Error > {
    ::net::NamedTensors::save_safetensors(self, path) } #[doc =
    r" Reads the gradients from a safetensors file."] pub fn load_safetensors(& mut self,
    path : impl ::core::convert::AsRef < ::net::__private::Path >) ->
    ::core::result::Result < (), ::net::Error > {
    ::net::NamedTensors::load_safetensors(self, path) } }
}
impl ::net::NamedTensors for Denoiser {
    fn visit<'a>(
        &'a self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorData<'a>),
    ) {
        let _ = &f;
        f(
            "enc1.weight",
            ::net::Tensor::shape(&self.enc1.weight),
            ::net::TensorData::F32(self.enc1.weight.as_slice()),
        );
        f(
            "enc1.bias",
            ::net::Tensor::shape(&self.enc1.bias),
            ::net::TensorData::F32(self.enc1.bias.as_slice()),
        );
        f(
            "enc2.weight",
            ::net::Tensor::shape(&self.enc2.weight),
            ::net::TensorData::F32(self.enc2.weight.as_slice()),
        );
        f(
            "enc2.bias",
            ::net::Tensor::shape(&self.enc2.bias),
            ::net::TensorData::F32(self.enc2.bias.as_slice()),
        );
        f(
            "code.weight",
            ::net::Tensor::shape(&self.code.weight),
            ::net::TensorData::F32(self.code.weight.as_slice()),
        );
        f(
            "code.bias",
            ::net::Tensor::shape(&self.code.bias),
            ::net::TensorData::F32(self.code.bias.as_slice()),
        );
        f(
            "dec1.weight",
            ::net::Tensor::shape(&self.dec1.weight),
            ::net::TensorData::F32(self.dec1.weight.as_slice()),
        );
        f(
            "dec1.bias",
            ::net::Tensor::shape(&self.dec1.bias),
            ::net::TensorData::F32(self.dec1.bias.as_slice()),
        );
        f(
            "up1.weight",
            ::net::Tensor::shape(&self.up1.weight),
            ::net::TensorData::F32(self.up1.weight.as_slice()),
        );
        f(
            "up1.bias",
            ::net::Tensor::shape(&self.up1.bias),
            ::net::TensorData::F32(self.up1.bias.as_slice()),
        );
        f(
            "up2.weight",
            ::net::Tensor::shape(&self.up2.weight),
            ::net::TensorData::F32(self.up2.weight.as_slice()),
        );
        f(
            "up2.bias",
            ::net::Tensor::shape(&self.up2.bias),
            ::net::TensorData::F32(self.up2.bias.as_slice()),
        );
    }
    fn visit_mut(
        &mut self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorDataMut<'_>),
    ) {
        let _ = &f;
        f(
            "enc1.weight",
            ::net::Tensor::shape(&self.enc1.weight),
            ::net::TensorDataMut::F32(self.enc1.weight.as_mut_slice()),
        );
        f(
            "enc1.bias",
            ::net::Tensor::shape(&self.enc1.bias),
            ::net::TensorDataMut::F32(self.enc1.bias.as_mut_slice()),
        );
        f(
            "enc2.weight",
            ::net::Tensor::shape(&self.enc2.weight),
            ::net::TensorDataMut::F32(self.enc2.weight.as_mut_slice()),
        );
        f(
            "enc2.bias",
            ::net::Tensor::shape(&self.enc2.bias),
            ::net::TensorDataMut::F32(self.enc2.bias.as_mut_slice()),
        );
        f(
            "code.weight",
            ::net::Tensor::shape(&self.code.weight),
            ::net::TensorDataMut::F32(self.code.weight.as_mut_slice()),
        );
        f(
            "code.bias",
            ::net::Tensor::shape(&self.code.bias),
            ::net::TensorDataMut::F32(self.code.bias.as_mut_slice()),
        );
        f(
            "dec1.weight",
            ::net::Tensor::shape(&self.dec1.weight),
            ::net::TensorDataMut::F32(self.dec1.weight.as_mut_slice()),
        );
        f(
            "dec1.bias",
            ::net::Tensor::shape(&self.dec1.bias),
            ::net::TensorDataMut::F32(self.dec1.bias.as_mut_slice()),
        );
        f(
            "up1.weight",
            ::net::Tensor::shape(&self.up1.weight),
            ::net::TensorDataMut::F32(self.up1.weight.as_mut_slice()),
        );
        f(
            "up1.bias",
            ::net::Tensor::shape(&self.up1.bias),
            ::net::TensorDataMut::F32(self.up1.bias.as_mut_slice()),
        );
        f(
            "up2.weight",
            ::net::Tensor::shape(&self.up2.weight),
            ::net::TensorDataMut::F32(self.up2.weight.as_mut_slice()),
        );
        f(
            "up2.bias",
            ::net::Tensor::shape(&self.up2.bias),
            ::net::TensorDataMut::F32(self.up2.bias.as_mut_slice()),
        );
    }
}
impl ::net::NamedTensors for DenoiserGrads {
    fn visit<'a>(
        &'a self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorData<'a>),
    ) {
        let _ = &f;
        f(
            "enc1.weight",
            ::net::Tensor::shape(&self.enc1.weight),
            ::net::TensorData::F32(self.enc1.weight.as_slice()),
        );
        f(
            "enc1.bias",
            ::net::Tensor::shape(&self.enc1.bias),
            ::net::TensorData::F32(self.enc1.bias.as_slice()),
        );
        f(
            "enc2.weight",
            ::net::Tensor::shape(&self.enc2.weight),
            ::net::TensorData::F32(self.enc2.weight.as_slice()),
        );
        f(
            "enc2.bias",
            ::net::Tensor::shape(&self.enc2.bias),
            ::net::TensorData::F32(self.enc2.bias.as_slice()),
        );
        f(
            "code.weight",
            ::net::Tensor::shape(&self.code.weight),
            ::net::TensorData::F32(self.code.weight.as_slice()),
        );
        f(
            "code.bias",
            ::net::Tensor::shape(&self.code.bias),
            ::net::TensorData::F32(self.code.bias.as_slice()),
        );
        f(
            "dec1.weight",
            ::net::Tensor::shape(&self.dec1.weight),
            ::net::TensorData::F32(self.dec1.weight.as_slice()),
        );
        f(
            "dec1.bias",
            ::net::Tensor::shape(&self.dec1.bias),
            ::net::TensorData::F32(self.dec1.bias.as_slice()),
        );
        f(
            "up1.weight",
            ::net::Tensor::shape(&self.up1.weight),
            ::net::TensorData::F32(self.up1.weight.as_slice()),
        );
        f(
            "up1.bias",
            ::net::Tensor::shape(&self.up1.bias),
            ::net::TensorData::F32(self.up1.bias.as_slice()),
        );
        f(
            "up2.weight",
            ::net::Tensor::shape(&self.up2.weight),
            ::net::TensorData::F32(self.up2.weight.as_slice()),
        );
        f(
            "up2.bias",
            ::net::Tensor::shape(&self.up2.bias),
            ::net::TensorData::F32(self.up2.bias.as_slice()),
        );
    }
    fn visit_mut(
        &mut self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorDataMut<'_>),
    ) {
        let _ = &f;
        f(
            "enc1.weight",
            ::net::Tensor::shape(&self.enc1.weight),
            ::net::TensorDataMut::F32(self.enc1.weight.as_mut_slice()),
        );
        f(
            "enc1.bias",
            ::net::Tensor::shape(&self.enc1.bias),
            ::net::TensorDataMut::F32(self.enc1.bias.as_mut_slice()),
        );
        f(
            "enc2.weight",
            ::net::Tensor::shape(&self.enc2.weight),
            ::net::TensorDataMut::F32(self.enc2.weight.as_mut_slice()),
        );
        f(
            "enc2.bias",
            ::net::Tensor::shape(&self.enc2.bias),
            ::net::TensorDataMut::F32(self.enc2.bias.as_mut_slice()),
        );
        f(
            "code.weight",
            ::net::Tensor::shape(&self.code.weight),
            ::net::TensorDataMut::F32(self.code.weight.as_mut_slice()),
        );
        f(
            "code.bias",
            ::net::Tensor::shape(&self.code.bias),
            ::net::TensorDataMut::F32(self.code.bias.as_mut_slice()),
        );
        f(
            "dec1.weight",
            ::net::Tensor::shape(&self.dec1.weight),
            ::net::TensorDataMut::F32(self.dec1.weight.as_mut_slice()),
        );
        f(
            "dec1.bias",
            ::net::Tensor::shape(&self.dec1.bias),
            ::net::TensorDataMut::F32(self.dec1.bias.as_mut_slice()),
        );
        f(
            "up1.weight",
            ::net::Tensor::shape(&self.up1.weight),
            ::net::TensorDataMut::F32(self.up1.weight.as_mut_slice()),
        );
        f(
            "up1.bias",
            ::net::Tensor::shape(&self.up1.bias),
            ::net::TensorDataMut::F32(self.up1.bias.as_mut_slice()),
        );
        f(
            "up2.weight",
            ::net::Tensor::shape(&self.up2.weight),
            ::net::TensorDataMut::F32(self.up2.weight.as_mut_slice()),
        );
        f(
            "up2.bias",
            ::net::Tensor::shape(&self.up2.bias),
            ::net::TensorDataMut::F32(self.up2.bias.as_mut_slice()),
        );
    }
}
impl ::net::Network for Denoiser {
    type Input = ::net::Tensor3<1, 28, 28>;
    type Output = ::net::Tensor3<1, 28, 28>;
    type Scratch = DenoiserScratch;
    const INPUT_SHAPE: &'static [usize] = &[1, 28, 28];
    const OUTPUT_SHAPE: &'static [usize] = &[1, 28, 28];
    const NUM_PARAMS: usize = 27425;
    fn forward(&self, x: &::net::Tensor3<1, 28, 28>) -> ::net::Tensor3<1, 28, 28> {
        *self.forward_in(x, &mut DenoiserScratch::new())
    }
    fn forward_in<'s>(
        &self,
        x: &::net::Tensor3<1, 28, 28>,
        scratch: &'s mut DenoiserScratch,
    ) -> &'s ::net::Tensor3<1, 28, 28> {
        let floats = &mut scratch.floats.0[..];
        {
            let (reads, a1, work) = ::net::__private::step(
                &mut *floats,
                [],
                (0, 12544),
                15680,
            );
            let _ = (&reads, &work);
            let a0: &::net::Tensor3<1, 28, 28> = x;
            let a1: &mut ::net::Tensor3<16, 28, 28> = ::net::__private::view_mut(a1);
            ::net::kernels::conv::conv2d_forward_in::<
                1,
                28,
                28,
                16,
                3,
                3,
                1,
                1,
                1,
                1,
                28,
                28,
            >(
                a0,
                &self.enc1.weight,
                ::core::option::Option::Some(&self.enc1.bias),
                a1,
                work,
            );
        }
        {
            let (reads, a2, work) = ::net::__private::step(
                &mut *floats,
                [(0, 12544)],
                (12544, 3136),
                15680,
            );
            let _ = (&reads, &work);
            let a1: &::net::Tensor3<16, 28, 28> = ::net::__private::view(reads[0]);
            let a2: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(a2);
            ::net::kernels::pool::max_pool2d_forward::<
                16,
                28,
                28,
                2,
                2,
                2,
                2,
                0,
                0,
                14,
                14,
            >(a1, a2);
        }
        {
            let (reads, a3, work) = ::net::__private::step(
                &mut *floats,
                [],
                (12544, 3136),
                15680,
            );
            let _ = (&reads, &work);
            let a3: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(a3);
            ::net::kernels::activation::relu_in_place(a3.as_mut_slice());
        }
        {
            let (reads, a4, work) = ::net::__private::step(
                &mut *floats,
                [(12544, 3136)],
                (0, 1568),
                15680,
            );
            let _ = (&reads, &work);
            let a3: &::net::Tensor3<16, 14, 14> = ::net::__private::view(reads[0]);
            let a4: &mut ::net::Tensor3<8, 14, 14> = ::net::__private::view_mut(a4);
            ::net::kernels::conv::conv2d_forward_in::<
                16,
                14,
                14,
                8,
                3,
                3,
                1,
                1,
                1,
                1,
                14,
                14,
            >(
                a3,
                &self.enc2.weight,
                ::core::option::Option::Some(&self.enc2.bias),
                a4,
                work,
            );
        }
        {
            let (reads, a5, work) = ::net::__private::step(
                &mut *floats,
                [(0, 1568)],
                (1568, 392),
                15680,
            );
            let _ = (&reads, &work);
            let a4: &::net::Tensor3<8, 14, 14> = ::net::__private::view(reads[0]);
            let a5: &mut ::net::Tensor3<8, 7, 7> = ::net::__private::view_mut(a5);
            ::net::kernels::pool::max_pool2d_forward::<
                8,
                14,
                14,
                2,
                2,
                2,
                2,
                0,
                0,
                7,
                7,
            >(a4, a5);
        }
        {
            let (reads, a6, work) = ::net::__private::step(
                &mut *floats,
                [],
                (1568, 392),
                15680,
            );
            let _ = (&reads, &work);
            let a6: &mut ::net::Tensor3<8, 7, 7> = ::net::__private::view_mut(a6);
            ::net::kernels::activation::relu_in_place(a6.as_mut_slice());
        }
        {
            let (reads, a8, work) = ::net::__private::step(
                &mut *floats,
                [(1568, 392)],
                (0, 32),
                15680,
            );
            let _ = (&reads, &work);
            let a7: &::net::Tensor1<392> = ::net::__private::view(reads[0]);
            let a8: &mut ::net::Tensor1<32> = ::net::__private::view_mut(a8);
            ::net::kernels::dense::dense_forward(
                a7,
                &self.code.weight,
                ::core::option::Option::Some(&self.code.bias),
                a8,
            );
        }
        {
            let (reads, a9, work) = ::net::__private::step(
                &mut *floats,
                [(0, 32)],
                (3136, 392),
                15680,
            );
            let _ = (&reads, &work);
            let a8: &::net::Tensor1<32> = ::net::__private::view(reads[0]);
            let a9: &mut ::net::Tensor1<392> = ::net::__private::view_mut(a9);
            ::net::kernels::dense::dense_forward(
                a8,
                &self.dec1.weight,
                ::core::option::Option::Some(&self.dec1.bias),
                a9,
            );
        }
        {
            let (reads, a10, work) = ::net::__private::step(
                &mut *floats,
                [],
                (3136, 392),
                15680,
            );
            let _ = (&reads, &work);
            let a10: &mut ::net::Tensor1<392> = ::net::__private::view_mut(a10);
            ::net::kernels::activation::relu_in_place(a10.as_mut_slice());
        }
        {
            let (reads, a12, work) = ::net::__private::step(
                &mut *floats,
                [(3136, 392)],
                (0, 3136),
                15680,
            );
            let _ = (&reads, &work);
            let a11: &::net::Tensor3<8, 7, 7> = ::net::__private::view(reads[0]);
            let a12: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(a12);
            ::net::kernels::conv_transpose::conv_transpose2d_forward::<
                8,
                7,
                7,
                16,
                2,
                2,
                2,
                2,
                0,
                0,
                14,
                14,
            >(a11, &self.up1.weight, ::core::option::Option::Some(&self.up1.bias), a12);
        }
        {
            let (reads, a13, work) = ::net::__private::step(
                &mut *floats,
                [],
                (0, 3136),
                15680,
            );
            let _ = (&reads, &work);
            let a13: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(a13);
            ::net::kernels::activation::relu_in_place(a13.as_mut_slice());
        }
        {
            let (reads, a14, work) = ::net::__private::step(
                &mut *floats,
                [(0, 3136)],
                (3136, 784),
                15680,
            );
            let _ = (&reads, &work);
            let a13: &::net::Tensor3<16, 14, 14> = ::net::__private::view(reads[0]);
            let a14: &mut ::net::Tensor3<1, 28, 28> = ::net::__private::view_mut(a14);
            ::net::kernels::conv_transpose::conv_transpose2d_forward::<
                16,
                14,
                14,
                1,
                2,
                2,
                2,
                2,
                0,
                0,
                28,
                28,
            >(a13, &self.up2.weight, ::core::option::Option::Some(&self.up2.bias), a14);
        }
        {
            let (reads, a15, work) = ::net::__private::step(
                &mut *floats,
                [],
                (3136, 784),
                15680,
            );
            let _ = (&reads, &work);
            let a15: &mut ::net::Tensor3<1, 28, 28> = ::net::__private::view_mut(a15);
            ::net::kernels::activation::sigmoid_in_place(a15.as_mut_slice());
        }
        ::net::__private::view(&floats[3136..3920])
    }
    ::net::__private::std_only! {
        type Grads = DenoiserGrads; type Cache = DenoiserCache; fn forward_train(& mut
        self, xs : & [::net::Tensor3 < 1, 28, 28 >], rng : & mut ::net::Rng) ->
        (::net::__private::Vec < ::net::Tensor3 < 1, 28, 28 > >, DenoiserCache) { self
        .forward_train_reusing(xs, rng, ::core::default::Default::default()) }
        #[allow(unused_mut, unused_variables)] fn forward_train_reusing(& mut self, xs :
        & [::net::Tensor3 < 1, 28, 28 >], rng : & mut ::net::Rng, cache : DenoiserCache)
        -> (::net::__private::Vec < ::net::Tensor3 < 1, 28, 28 > >, DenoiserCache) { let
        mut cache = cache; let batch = xs.len(); let mut a0 = { let mut buffer =
        ::core::mem::take(& mut cache.a0); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 1, 28, 28 > > ::zeros()); buffer }; let mut a1 = { let mut
        buffer = ::core::mem::take(& mut cache.a1); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 16, 28, 28 > > ::zeros()); buffer }; let mut a2
        = { let mut buffer = ::core::mem::take(& mut cache.a2); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor3 < 16, 14, 14 > > ::zeros()); buffer }; let
        mut a3 = { let mut buffer = ::core::mem::take(& mut cache.a3); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 16, 14, 14 > >
        ::zeros()); buffer }; let mut a4 = { let mut buffer = ::core::mem::take(& mut
        cache.a4); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 8, 14,
        14 > > ::zeros()); buffer }; let mut a5 = { let mut buffer = ::core::mem::take(&
        mut cache.a5); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 8,
        7, 7 > > ::zeros()); buffer }; let mut a6 = { let mut buffer =
        ::core::mem::take(& mut cache.a6); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 8, 7, 7 > > ::zeros()); buffer }; let mut a7 = { let mut buffer
        = ::core::mem::take(& mut cache.a7); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor1 < 392 > > ::zeros()); buffer }; let mut a8 = { let mut buffer =
        ::core::mem::take(& mut cache.a8); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor1 < 32 > > ::zeros()); buffer }; let mut a9 = { let mut buffer =
        ::core::mem::take(& mut cache.a9); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor1 < 392 > > ::zeros()); buffer }; let mut a10 = { let mut buffer =
        ::core::mem::take(& mut cache.a10); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor1 < 392 > > ::zeros()); buffer }; let mut a11 = { let mut buffer =
        ::core::mem::take(& mut cache.a11); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor3 < 8, 7, 7 > > ::zeros()); buffer }; let mut a12 = { let mut
        buffer = ::core::mem::take(& mut cache.a12); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 16, 14, 14 > > ::zeros()); buffer }; let mut
        a13 = { let mut buffer = ::core::mem::take(& mut cache.a13); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 16, 14, 14 > >
        ::zeros()); buffer }; let mut a14 = { let mut buffer = ::core::mem::take(& mut
        cache.a14); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 1,
        28, 28 > > ::zeros()); buffer }; let mut a15 = { let mut buffer =
        ::core::mem::take(& mut cache.a15); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor3 < 1, 28, 28 > > ::zeros()); buffer }; { let chunks :
        ::net::__private::Vec < _ > = xs
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
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a14
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(a15
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).collect();
        ::net::__private::chunks::for_each_chunk(chunks, | ((((((((((((((((xs, mut a0),
        mut a1), mut a2), mut a3), mut a4), mut a5), mut a6), mut a7), mut a8), mut a9),
        mut a10), mut a11), mut a12), mut a13), mut a14), mut a15) | { a0
        .copy_from_slice(xs); ::net::kernels::conv::conv2d_forward_batch:: < 1, 28, 28,
        16, 3, 3, 1, 1, 1, 1, 28, 28 > (& a0, & self.enc1.weight,
        ::core::option::Option::Some(& self.enc1.bias), & mut a1);
        ::net::kernels::pool::max_pool2d_forward_batch:: < 16, 28, 28, 2, 2, 2, 2, 0, 0,
        14, 14 > (& a1, & mut a2);
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a2),
        ::net::__private::batch_as_mut_slice(& mut a3),
        ::net::kernels::activation::relu); ::net::kernels::conv::conv2d_forward_batch:: <
        16, 14, 14, 8, 3, 3, 1, 1, 1, 1, 14, 14 > (& a3, & self.enc2.weight,
        ::core::option::Option::Some(& self.enc2.bias), & mut a4);
        ::net::kernels::pool::max_pool2d_forward_batch:: < 8, 14, 14, 2, 2, 2, 2, 0, 0,
        7, 7 > (& a4, & mut a5);
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a5),
        ::net::__private::batch_as_mut_slice(& mut a6),
        ::net::kernels::activation::relu); for (x, y) in a6.iter().zip(a7.iter_mut()) { *
        y = ::net::reshape(x); } ::net::kernels::dense::dense_forward_batch(& a7, & self
        .code.weight, ::core::option::Option::Some(& self.code.bias), & mut a8);
        ::net::kernels::dense::dense_forward_batch(& a8, & self.dec1.weight,
        ::core::option::Option::Some(& self.dec1.bias), & mut a9);
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a9),
        ::net::__private::batch_as_mut_slice(& mut a10),
        ::net::kernels::activation::relu); for (x, y) in a10.iter().zip(a11.iter_mut()) {
        * y = ::net::reshape(x); }
        ::net::kernels::conv_transpose::conv_transpose2d_forward_batch:: < 8, 7, 7, 16,
        2, 2, 2, 2, 0, 0, 14, 14 > (& a11, & self.up1.weight,
        ::core::option::Option::Some(& self.up1.bias), & mut a12);
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a12),
        ::net::__private::batch_as_mut_slice(& mut a13),
        ::net::kernels::activation::relu);
        ::net::kernels::conv_transpose::conv_transpose2d_forward_batch:: < 16, 14, 14, 1,
        2, 2, 2, 2, 0, 0, 28, 28 > (& a13, & self.up2.weight,
        ::core::option::Option::Some(& self.up2.bias), & mut a14);
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a14),
        ::net::__private::batch_as_mut_slice(& mut a15),
        ::net::kernels::activation::sigmoid); }); } let outputs = a15.clone(); cache
        .batch = batch; cache.a0 = a0; cache.a1 = a1; cache.a2 = a2; cache.a3 = a3; cache
        .a4 = a4; cache.a5 = a5; cache.a6 = a6; cache.a7 = a7; cache.a8 = a8; cache.a9 =
        a9; cache.a10 = a10; cache.a11 = a11; cache.a12 = a12; cache.a13 = a13; cache.a14
        = a14; cache.a15 = a15; (outputs, cache) } #[allow(unused_mut, unused_variables,
        clippy::let_and_return)] fn backward(& self, cache : & DenoiserCache, dys : &
        [::net::Tensor3 < 1, 28, 28 >], grads : & mut DenoiserGrads) ->
        ::net::__private::Vec < ::net::Tensor3 < 1, 28, 28 > > { let batch = cache.batch;
        assert_eq!(dys.len(), batch, "backward: {} output gradients for a batch of {}",
        dys.len(), batch); let mut d14 : ::net::__private::Vec < ::net::Tensor3 < 1, 28,
        28 > > = ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d13 :
        ::net::__private::Vec < ::net::Tensor3 < 16, 14, 14 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d12 :
        ::net::__private::Vec < ::net::Tensor3 < 16, 14, 14 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d11 :
        ::net::__private::Vec < ::net::Tensor3 < 8, 7, 7 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d10 :
        ::net::__private::Vec < ::net::Tensor1 < 392 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d9 :
        ::net::__private::Vec < ::net::Tensor1 < 392 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d8 :
        ::net::__private::Vec < ::net::Tensor1 < 32 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d7 :
        ::net::__private::Vec < ::net::Tensor1 < 392 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d6 :
        ::net::__private::Vec < ::net::Tensor3 < 8, 7, 7 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d5 :
        ::net::__private::Vec < ::net::Tensor3 < 8, 7, 7 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d4 :
        ::net::__private::Vec < ::net::Tensor3 < 8, 14, 14 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d3 :
        ::net::__private::Vec < ::net::Tensor3 < 16, 14, 14 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d2 :
        ::net::__private::Vec < ::net::Tensor3 < 16, 14, 14 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d1 :
        ::net::__private::Vec < ::net::Tensor3 < 16, 28, 28 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d0 :
        ::net::__private::Vec < ::net::Tensor3 < 1, 28, 28 > > =
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
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a14
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a15
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(dys
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(d14
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d13
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d12
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d11
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d10
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d9
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d8
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d7
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d6
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d5
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d4
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d3
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d2
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d1
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d0
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).collect();
        ::net::__private::chunks::for_each_chunk(chunks, |
        ((((((((((((((((((((((((((((((((grads, a0), a1), a2), a3), a4), a5), a6), a7),
        a8), a9), a10), a11), a12), a13), a14), a15), d15), mut d14), mut d13), mut d12),
        mut d11), mut d10), mut d9), mut d8), mut d7), mut d6), mut d5), mut d4), mut
        d3), mut d2), mut d1), mut d0) | { let grads = grads.into_block(); { let mut g =
        & mut * d14;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a15), ::net::__private::batch_as_slice(& d15),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::sigmoid_backward); } { let mut g = & mut * d13;
        ::net::kernels::conv_transpose::conv_transpose2d_backward_batch:: < 16, 14, 14,
        1, 2, 2, 2, 2, 0, 0, 28, 28 > (& a13, & self.up2.weight, & d14,
        ::core::option::Option::Some(& mut g), & mut grads.up2.weight,
        ::core::option::Option::Some(& mut grads.up2.bias)); } { let mut g = & mut * d12;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a12), ::net::__private::batch_as_slice(& d13),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d11;
        ::net::kernels::conv_transpose::conv_transpose2d_backward_batch:: < 8, 7, 7, 16,
        2, 2, 2, 2, 0, 0, 14, 14 > (& a11, & self.up1.weight, & d12,
        ::core::option::Option::Some(& mut g), & mut grads.up1.weight,
        ::core::option::Option::Some(& mut grads.up1.bias)); } { let mut g = & mut * d10;
        for (dy, dx) in d11.iter().zip(g.iter_mut()) { * dx = ::net::reshape(dy); } } {
        let mut g = & mut * d9;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a9), ::net::__private::batch_as_slice(& d10),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d8;
        ::net::kernels::dense::dense_backward_batch(& a8, & self.dec1.weight, & d9,
        ::core::option::Option::Some(& mut g), & mut grads.dec1.weight,
        ::core::option::Option::Some(& mut grads.dec1.bias)); } { let mut g = & mut * d7;
        ::net::kernels::dense::dense_backward_batch(& a7, & self.code.weight, & d8,
        ::core::option::Option::Some(& mut g), & mut grads.code.weight,
        ::core::option::Option::Some(& mut grads.code.bias)); } { let mut g = & mut * d6;
        for (dy, dx) in d7.iter().zip(g.iter_mut()) { * dx = ::net::reshape(dy); } } {
        let mut g = & mut * d5;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a5), ::net::__private::batch_as_slice(& d6),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d4;
        ::net::kernels::pool::max_pool2d_backward_batch:: < 8, 14, 14, 2, 2, 2, 2, 0, 0,
        7, 7 > (& a4, & d5, & mut g); } { let mut g = & mut * d3;
        ::net::kernels::conv::conv2d_backward_batch:: < 16, 14, 14, 8, 3, 3, 1, 1, 1, 1,
        14, 14 > (& a3, & self.enc2.weight, & d4, ::core::option::Option::Some(& mut g),
        & mut grads.enc2.weight, ::core::option::Option::Some(& mut grads.enc2.bias)); }
        { let mut g = & mut * d2;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a2), ::net::__private::batch_as_slice(& d3),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d1;
        ::net::kernels::pool::max_pool2d_backward_batch:: < 16, 28, 28, 2, 2, 2, 2, 0, 0,
        14, 14 > (& a1, & d2, & mut g); } { let mut g = & mut * d0;
        ::net::kernels::conv::conv2d_backward_batch:: < 1, 28, 28, 16, 3, 3, 1, 1, 1, 1,
        28, 28 > (& a0, & self.enc1.weight, & d1, ::core::option::Option::Some(& mut g),
        & mut grads.enc1.weight, ::core::option::Option::Some(& mut grads.enc1.bias)); }
        }); } ::net::__private::chunks::add_in_chunk_order(grads, & scratch); d0 }
        #[allow(unused_mut, unused_variables, clippy::let_and_return)] fn
        backward_params(& self, cache : & mut DenoiserCache, dys : & [::net::Tensor3 < 1,
        28, 28 >], grads : & mut DenoiserGrads) { let batch = cache.batch; assert_eq!(dys
        .len(), batch, "backward: {} output gradients for a batch of {}", dys.len(),
        batch); let mut d14 = { let mut buffer = ::core::mem::take(& mut cache.d14);
        buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 1, 28, 28 > >
        ::zeros()); buffer }; let mut d13 = { let mut buffer = ::core::mem::take(& mut
        cache.d13); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 16,
        14, 14 > > ::zeros()); buffer }; let mut d12 = { let mut buffer =
        ::core::mem::take(& mut cache.d12); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor3 < 16, 14, 14 > > ::zeros()); buffer }; let mut d11 = { let mut
        buffer = ::core::mem::take(& mut cache.d11); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 8, 7, 7 > > ::zeros()); buffer }; let mut d10 =
        { let mut buffer = ::core::mem::take(& mut cache.d10); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor1 < 392 > > ::zeros()); buffer }; let mut d9
        = { let mut buffer = ::core::mem::take(& mut cache.d9); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor1 < 392 > > ::zeros()); buffer }; let mut d8
        = { let mut buffer = ::core::mem::take(& mut cache.d8); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor1 < 32 > > ::zeros()); buffer }; let mut d7 =
        { let mut buffer = ::core::mem::take(& mut cache.d7); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor1 < 392 > > ::zeros()); buffer }; let mut d6
        = { let mut buffer = ::core::mem::take(& mut cache.d6); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor3 < 8, 7, 7 > > ::zeros()); buffer }; let mut
        d5 = { let mut buffer = ::core::mem::take(& mut cache.d5); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 8, 7, 7 > > ::zeros());
        buffer }; let mut d4 = { let mut buffer = ::core::mem::take(& mut cache.d4);
        buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 8, 14, 14 > >
        ::zeros()); buffer }; let mut d3 = { let mut buffer = ::core::mem::take(& mut
        cache.d3); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 16,
        14, 14 > > ::zeros()); buffer }; let mut d2 = { let mut buffer =
        ::core::mem::take(& mut cache.d2); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 16, 14, 14 > > ::zeros()); buffer }; let mut d1 = { let mut
        buffer = ::core::mem::take(& mut cache.d1); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 16, 28, 28 > > ::zeros()); buffer }; let mut
        scratch = ::core::mem::take(& mut cache.chunk_grads); { let chunks :
        ::net::__private::Vec < _ > = ::net::__private::chunks::chunk_grads(grads, & mut
        scratch, batch).zip(cache.a0
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
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a14
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(cache.a15
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(dys
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(d14
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d13
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d12
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d11
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d10
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d9
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d8
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d7
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d6
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d5
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d4
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d3
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d2
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).zip(d1
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).collect();
        ::net::__private::chunks::for_each_chunk(chunks, |
        (((((((((((((((((((((((((((((((grads, a0), a1), a2), a3), a4), a5), a6), a7),
        a8), a9), a10), a11), a12), a13), a14), a15), d15), mut d14), mut d13), mut d12),
        mut d11), mut d10), mut d9), mut d8), mut d7), mut d6), mut d5), mut d4), mut
        d3), mut d2), mut d1) | { let grads = grads.into_block(); { let mut g = & mut *
        d14;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a15), ::net::__private::batch_as_slice(& d15),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::sigmoid_backward); } { let mut g = & mut * d13;
        ::net::kernels::conv_transpose::conv_transpose2d_backward_batch:: < 16, 14, 14,
        1, 2, 2, 2, 2, 0, 0, 28, 28 > (& a13, & self.up2.weight, & d14,
        ::core::option::Option::Some(& mut g), & mut grads.up2.weight,
        ::core::option::Option::Some(& mut grads.up2.bias)); } { let mut g = & mut * d12;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a12), ::net::__private::batch_as_slice(& d13),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d11;
        ::net::kernels::conv_transpose::conv_transpose2d_backward_batch:: < 8, 7, 7, 16,
        2, 2, 2, 2, 0, 0, 14, 14 > (& a11, & self.up1.weight, & d12,
        ::core::option::Option::Some(& mut g), & mut grads.up1.weight,
        ::core::option::Option::Some(& mut grads.up1.bias)); } { let mut g = & mut * d10;
        for (dy, dx) in d11.iter().zip(g.iter_mut()) { * dx = ::net::reshape(dy); } } {
        let mut g = & mut * d9;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a9), ::net::__private::batch_as_slice(& d10),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d8;
        ::net::kernels::dense::dense_backward_batch(& a8, & self.dec1.weight, & d9,
        ::core::option::Option::Some(& mut g), & mut grads.dec1.weight,
        ::core::option::Option::Some(& mut grads.dec1.bias)); } { let mut g = & mut * d7;
        ::net::kernels::dense::dense_backward_batch(& a7, & self.code.weight, & d8,
        ::core::option::Option::Some(& mut g), & mut grads.code.weight,
        ::core::option::Option::Some(& mut grads.code.bias)); } { let mut g = & mut * d6;
        for (dy, dx) in d7.iter().zip(g.iter_mut()) { * dx = ::net::reshape(dy); } } {
        let mut g = & mut * d5;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a5), ::net::__private::batch_as_slice(& d6),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d4;
        ::net::kernels::pool::max_pool2d_backward_batch:: < 8, 14, 14, 2, 2, 2, 2, 0, 0,
        7, 7 > (& a4, & d5, & mut g); } { let mut g = & mut * d3;
        ::net::kernels::conv::conv2d_backward_batch:: < 16, 14, 14, 8, 3, 3, 1, 1, 1, 1,
        14, 14 > (& a3, & self.enc2.weight, & d4, ::core::option::Option::Some(& mut g),
        & mut grads.enc2.weight, ::core::option::Option::Some(& mut grads.enc2.bias)); }
        { let mut g = & mut * d2;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a2), ::net::__private::batch_as_slice(& d3),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d1;
        ::net::kernels::pool::max_pool2d_backward_batch:: < 16, 28, 28, 2, 2, 2, 2, 0, 0,
        14, 14 > (& a1, & d2, & mut g); } ::net::kernels::conv::conv2d_backward_batch:: <
        1, 28, 28, 16, 3, 3, 1, 1, 1, 1, 28, 28 > (& a0, & self.enc1.weight, & d1,
        ::core::option::Option::None, & mut grads.enc1.weight,
        ::core::option::Option::Some(& mut grads.enc1.bias)); }); }
        ::net::__private::chunks::add_in_chunk_order(grads, & scratch); cache.chunk_grads
        = scratch; cache.d14 = d14; cache.d13 = d13; cache.d12 = d12; cache.d11 = d11;
        cache.d10 = d10; cache.d9 = d9; cache.d8 = d8; cache.d7 = d7; cache.d6 = d6;
        cache.d5 = d5; cache.d4 = d4; cache.d3 = d3; cache.d2 = d2; cache.d1 = d1; } fn
        visit_params_mut(& mut self, grads : & DenoiserGrads, f : & mut
        ::net::ParamVisitor < '_ >) { let _ = (& grads, & f); f("enc1.weight", self.enc1
        .weight.as_mut_slice(), grads.enc1.weight.as_slice()); f("enc1.bias", self.enc1
        .bias.as_mut_slice(), grads.enc1.bias.as_slice()); f("enc2.weight", self.enc2
        .weight.as_mut_slice(), grads.enc2.weight.as_slice()); f("enc2.bias", self.enc2
        .bias.as_mut_slice(), grads.enc2.bias.as_slice()); f("code.weight", self.code
        .weight.as_mut_slice(), grads.code.weight.as_slice()); f("code.bias", self.code
        .bias.as_mut_slice(), grads.code.bias.as_slice()); f("dec1.weight", self.dec1
        .weight.as_mut_slice(), grads.dec1.weight.as_slice()); f("dec1.bias", self.dec1
        .bias.as_mut_slice(), grads.dec1.bias.as_slice()); f("up1.weight", self.up1
        .weight.as_mut_slice(), grads.up1.weight.as_slice()); f("up1.bias", self.up1.bias
        .as_mut_slice(), grads.up1.bias.as_slice()); f("up2.weight", self.up2.weight
        .as_mut_slice(), grads.up2.weight.as_slice()); f("up2.bias", self.up2.bias
        .as_mut_slice(), grads.up2.bias.as_slice()); }
    }
}
impl ::net::Autoencoder for Denoiser {
    type Code = ::net::Tensor1<32>;
    const CODE_SHAPE: &'static [usize] = &[32];
    fn encode(&self, x: &::net::Tensor3<1, 28, 28>) -> ::net::Tensor1<32> {
        let mut scratch = DenoiserScratch::new();
        let floats = &mut scratch.floats.0[..];
        let code: &::net::Tensor1<32> = {
            {
                let (reads, a1, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (0, 12544),
                    15680,
                );
                let _ = (&reads, &work);
                let a0: &::net::Tensor3<1, 28, 28> = x;
                let a1: &mut ::net::Tensor3<16, 28, 28> = ::net::__private::view_mut(a1);
                ::net::kernels::conv::conv2d_forward_in::<
                    1,
                    28,
                    28,
                    16,
                    3,
                    3,
                    1,
                    1,
                    1,
                    1,
                    28,
                    28,
                >(
                    a0,
                    &self.enc1.weight,
                    ::core::option::Option::Some(&self.enc1.bias),
                    a1,
                    work,
                );
            }
            {
                let (reads, a2, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 12544)],
                    (12544, 3136),
                    15680,
                );
                let _ = (&reads, &work);
                let a1: &::net::Tensor3<16, 28, 28> = ::net::__private::view(reads[0]);
                let a2: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(a2);
                ::net::kernels::pool::max_pool2d_forward::<
                    16,
                    28,
                    28,
                    2,
                    2,
                    2,
                    2,
                    0,
                    0,
                    14,
                    14,
                >(a1, a2);
            }
            {
                let (reads, a3, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (12544, 3136),
                    15680,
                );
                let _ = (&reads, &work);
                let a3: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(a3);
                ::net::kernels::activation::relu_in_place(a3.as_mut_slice());
            }
            {
                let (reads, a4, work) = ::net::__private::step(
                    &mut *floats,
                    [(12544, 3136)],
                    (0, 1568),
                    15680,
                );
                let _ = (&reads, &work);
                let a3: &::net::Tensor3<16, 14, 14> = ::net::__private::view(reads[0]);
                let a4: &mut ::net::Tensor3<8, 14, 14> = ::net::__private::view_mut(a4);
                ::net::kernels::conv::conv2d_forward_in::<
                    16,
                    14,
                    14,
                    8,
                    3,
                    3,
                    1,
                    1,
                    1,
                    1,
                    14,
                    14,
                >(
                    a3,
                    &self.enc2.weight,
                    ::core::option::Option::Some(&self.enc2.bias),
                    a4,
                    work,
                );
            }
            {
                let (reads, a5, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 1568)],
                    (1568, 392),
                    15680,
                );
                let _ = (&reads, &work);
                let a4: &::net::Tensor3<8, 14, 14> = ::net::__private::view(reads[0]);
                let a5: &mut ::net::Tensor3<8, 7, 7> = ::net::__private::view_mut(a5);
                ::net::kernels::pool::max_pool2d_forward::<
                    8,
                    14,
                    14,
                    2,
                    2,
                    2,
                    2,
                    0,
                    0,
                    7,
                    7,
                >(a4, a5);
            }
            {
                let (reads, a6, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (1568, 392),
                    15680,
                );
                let _ = (&reads, &work);
                let a6: &mut ::net::Tensor3<8, 7, 7> = ::net::__private::view_mut(a6);
                ::net::kernels::activation::relu_in_place(a6.as_mut_slice());
            }
            {
                let (reads, a8, work) = ::net::__private::step(
                    &mut *floats,
                    [(1568, 392)],
                    (0, 32),
                    15680,
                );
                let _ = (&reads, &work);
                let a7: &::net::Tensor1<392> = ::net::__private::view(reads[0]);
                let a8: &mut ::net::Tensor1<32> = ::net::__private::view_mut(a8);
                ::net::kernels::dense::dense_forward(
                    a7,
                    &self.code.weight,
                    ::core::option::Option::Some(&self.code.bias),
                    a8,
                );
            }
            ::net::__private::view(&floats[0..32])
        };
        *code
    }
    fn decode(&self, z: &::net::Tensor1<32>) -> ::net::Tensor3<1, 28, 28> {
        let mut scratch = DenoiserScratch::new();
        let floats = &mut scratch.floats.0[..];
        *::net::__private::view_mut::<::net::Tensor1<32>>(&mut floats[0..32]) = *z;
        let decoded: &::net::Tensor3<1, 28, 28> = {
            {
                let (reads, a9, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 32)],
                    (3136, 392),
                    15680,
                );
                let _ = (&reads, &work);
                let a8: &::net::Tensor1<32> = ::net::__private::view(reads[0]);
                let a9: &mut ::net::Tensor1<392> = ::net::__private::view_mut(a9);
                ::net::kernels::dense::dense_forward(
                    a8,
                    &self.dec1.weight,
                    ::core::option::Option::Some(&self.dec1.bias),
                    a9,
                );
            }
            {
                let (reads, a10, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (3136, 392),
                    15680,
                );
                let _ = (&reads, &work);
                let a10: &mut ::net::Tensor1<392> = ::net::__private::view_mut(a10);
                ::net::kernels::activation::relu_in_place(a10.as_mut_slice());
            }
            {
                let (reads, a12, work) = ::net::__private::step(
                    &mut *floats,
                    [(3136, 392)],
                    (0, 3136),
                    15680,
                );
                let _ = (&reads, &work);
                let a11: &::net::Tensor3<8, 7, 7> = ::net::__private::view(reads[0]);
                let a12: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(
                    a12,
                );
                ::net::kernels::conv_transpose::conv_transpose2d_forward::<
                    8,
                    7,
                    7,
                    16,
                    2,
                    2,
                    2,
                    2,
                    0,
                    0,
                    14,
                    14,
                >(
                    a11,
                    &self.up1.weight,
                    ::core::option::Option::Some(&self.up1.bias),
                    a12,
                );
            }
            {
                let (reads, a13, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (0, 3136),
                    15680,
                );
                let _ = (&reads, &work);
                let a13: &mut ::net::Tensor3<16, 14, 14> = ::net::__private::view_mut(
                    a13,
                );
                ::net::kernels::activation::relu_in_place(a13.as_mut_slice());
            }
            {
                let (reads, a14, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 3136)],
                    (3136, 784),
                    15680,
                );
                let _ = (&reads, &work);
                let a13: &::net::Tensor3<16, 14, 14> = ::net::__private::view(reads[0]);
                let a14: &mut ::net::Tensor3<1, 28, 28> = ::net::__private::view_mut(
                    a14,
                );
                ::net::kernels::conv_transpose::conv_transpose2d_forward::<
                    16,
                    14,
                    14,
                    1,
                    2,
                    2,
                    2,
                    2,
                    0,
                    0,
                    28,
                    28,
                >(
                    a13,
                    &self.up2.weight,
                    ::core::option::Option::Some(&self.up2.bias),
                    a14,
                );
            }
            {
                let (reads, a15, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (3136, 784),
                    15680,
                );
                let _ = (&reads, &work);
                let a15: &mut ::net::Tensor3<1, 28, 28> = ::net::__private::view_mut(
                    a15,
                );
                ::net::kernels::activation::sigmoid_in_place(a15.as_mut_slice());
            }
            ::net::__private::view(&floats[3136..3920])
        };
        *decoded
    }
}
