/// LeNet-5 for 28x28 grayscale digits.
#[derive(Clone, Debug, PartialEq)]
pub struct LeNet5 {
    #[doc = concat!("Parameters of layer `", stringify!(conv1), "`.")]
    pub conv1: ::net::Weights<::net::Tensor4<6, 1, 5, 5>, 6>,
    #[doc = concat!("Parameters of layer `", stringify!(conv2), "`.")]
    pub conv2: ::net::Weights<::net::Tensor4<16, 6, 5, 5>, 16>,
    #[doc = concat!("Parameters of layer `", stringify!(fc1), "`.")]
    pub fc1: ::net::Weights<::net::Tensor2<120, 256>, 120>,
    #[doc = concat!("Parameters of layer `", stringify!(fc2), "`.")]
    pub fc2: ::net::Weights<::net::Tensor2<84, 120>, 84>,
    #[doc = concat!("Parameters of layer `", stringify!(fc3), "`.")]
    pub fc3: ::net::Weights<::net::Tensor2<10, 84>, 10>,
}
///Gradients of [`LeNet5`]'s trainable parameters, in the same fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeNet5Grads {
    #[doc = concat!("Gradients of layer `", stringify!(conv1), "`.")]
    pub conv1: ::net::Weights<::net::Tensor4<6, 1, 5, 5>, 6>,
    #[doc = concat!("Gradients of layer `", stringify!(conv2), "`.")]
    pub conv2: ::net::Weights<::net::Tensor4<16, 6, 5, 5>, 16>,
    #[doc = concat!("Gradients of layer `", stringify!(fc1), "`.")]
    pub fc1: ::net::Weights<::net::Tensor2<120, 256>, 120>,
    #[doc = concat!("Gradients of layer `", stringify!(fc2), "`.")]
    pub fc2: ::net::Weights<::net::Tensor2<84, 120>, 84>,
    #[doc = concat!("Gradients of layer `", stringify!(fc3), "`.")]
    pub fc3: ::net::Weights<::net::Tensor2<10, 84>, 10>,
}
::net::__private::std_only! {
    #[doc = "What [`LeNet5`]'s training forward pass keeps for its backward pass."]
    #[allow(dead_code)] #[derive(Default)] pub struct LeNet5Cache { batch : usize, a0 :
    ::net::__private::Vec < ::net::Tensor3 < 1, 28, 28 > >, a1 : ::net::__private::Vec <
    ::net::Tensor3 < 6, 24, 24 > >, a2 : ::net::__private::Vec < ::net::Tensor3 < 6, 12,
    12 > >, a3 : ::net::__private::Vec < ::net::Tensor3 < 6, 12, 12 > >, a4 :
    ::net::__private::Vec < ::net::Tensor3 < 16, 8, 8 > >, a5 : ::net::__private::Vec <
    ::net::Tensor3 < 16, 4, 4 > >, a6 : ::net::__private::Vec < ::net::Tensor3 < 16, 4, 4
    > >, a7 : ::net::__private::Vec < ::net::Tensor1 < 256 > >, a8 :
    ::net::__private::Vec < ::net::Tensor1 < 120 > >, a9 : ::net::__private::Vec <
    ::net::Tensor1 < 120 > >, a10 : ::net::__private::Vec < ::net::Tensor1 < 84 > >, a11
    : ::net::__private::Vec < ::net::Tensor1 < 84 > >, a12 : ::net::__private::Vec <
    ::net::Tensor1 < 10 > >, d0 : ::net::__private::Vec < ::net::Tensor3 < 1, 28, 28 > >,
    d1 : ::net::__private::Vec < ::net::Tensor3 < 6, 24, 24 > >, d2 :
    ::net::__private::Vec < ::net::Tensor3 < 6, 12, 12 > >, d3 : ::net::__private::Vec <
    ::net::Tensor3 < 6, 12, 12 > >, d4 : ::net::__private::Vec < ::net::Tensor3 < 16, 8,
    8 > >, d5 : ::net::__private::Vec < ::net::Tensor3 < 16, 4, 4 > >, d6 :
    ::net::__private::Vec < ::net::Tensor3 < 16, 4, 4 > >, d7 : ::net::__private::Vec <
    ::net::Tensor1 < 256 > >, d8 : ::net::__private::Vec < ::net::Tensor1 < 120 > >, d9 :
    ::net::__private::Vec < ::net::Tensor1 < 120 > >, d10 : ::net::__private::Vec <
    ::net::Tensor1 < 84 > >, d11 : ::net::__private::Vec < ::net::Tensor1 < 84 > >, d12 :
    ::net::__private::Vec < ::net::Tensor1 < 10 > >, chunk_grads : ::net::__private::Vec
    < ::net::__private::Box < LeNet5Grads >>, }
}
///Every buffer [`LeNet5`]'s inference needs, laid out when the model was compiled: activations share memory once nothing reads them, so it holds the most that is alive at once. `new` is a `const fn`, so it can be a `static`.
pub struct LeNet5Scratch {
    floats: ::net::__private::Floats<
        {
            4320
                + ::net::__private::max(
                    ::net::kernels::conv::conv2d_forward_scratch::<
                        6,
                        12,
                        12,
                        16,
                        5,
                        5,
                        1,
                        1,
                        0,
                        0,
                        8,
                        8,
                    >(),
                    ::net::__private::max(
                        ::net::kernels::conv::conv2d_forward_scratch::<
                            1,
                            28,
                            28,
                            6,
                            5,
                            5,
                            1,
                            1,
                            0,
                            0,
                            24,
                            24,
                        >(),
                        0,
                    ),
                )
        },
    >,
}
impl LeNet5Scratch {
    /// All zeros.
    pub const fn new() -> Self {
        Self {
            floats: ::net::__private::Floats::new(),
        }
    }
}
impl ::core::default::Default for LeNet5Scratch {
    fn default() -> Self {
        Self::new()
    }
}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for LeNet5Scratch {}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for LeNet5 {}
#[allow(unsafe_code)]
unsafe impl ::net::Zeroable for LeNet5Grads {}
const _: fn() = || {
    fn assert_zeroable<T: ::net::Zeroable>() {}
    assert_zeroable::<::net::Weights<::net::Tensor4<6, 1, 5, 5>, 6>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<6, 1, 5, 5>, 6>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<16, 6, 5, 5>, 16>>();
    assert_zeroable::<::net::Weights<::net::Tensor4<16, 6, 5, 5>, 16>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<120, 256>, 120>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<120, 256>, 120>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<84, 120>, 84>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<84, 120>, 84>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<10, 84>, 10>>();
    assert_zeroable::<::net::Weights<::net::Tensor2<10, 84>, 10>>();
};
impl LeNet5 {
    /// The input of the last layer with parameters, for one sample
    /// (inference mode): features for transfer learning.
    pub fn embed(&self, x: &::net::Tensor3<1, 28, 28>) -> ::net::Tensor1<84> {
        let mut scratch = LeNet5Scratch::new();
        let floats = &mut scratch.floats.0[..];
        let embedded: &::net::Tensor1<84> = {
            {
                let (reads, a1, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (0, 3456),
                    4320,
                );
                let _ = (&reads, &work);
                let a0: &::net::Tensor3<1, 28, 28> = x;
                let a1: &mut ::net::Tensor3<6, 24, 24> = ::net::__private::view_mut(a1);
                ::net::kernels::conv::conv2d_forward_in::<
                    1,
                    28,
                    28,
                    6,
                    5,
                    5,
                    1,
                    1,
                    0,
                    0,
                    24,
                    24,
                >(
                    a0,
                    &self.conv1.weight,
                    ::core::option::Option::Some(&self.conv1.bias),
                    a1,
                    work,
                );
            }
            {
                let (reads, a2, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 3456)],
                    (3456, 864),
                    4320,
                );
                let _ = (&reads, &work);
                let a1: &::net::Tensor3<6, 24, 24> = ::net::__private::view(reads[0]);
                let a2: &mut ::net::Tensor3<6, 12, 12> = ::net::__private::view_mut(a2);
                ::net::kernels::pool::max_pool2d_forward::<
                    6,
                    24,
                    24,
                    2,
                    2,
                    2,
                    2,
                    0,
                    0,
                    12,
                    12,
                >(a1, a2);
            }
            {
                let (reads, a3, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (3456, 864),
                    4320,
                );
                let _ = (&reads, &work);
                let a3: &mut ::net::Tensor3<6, 12, 12> = ::net::__private::view_mut(a3);
                ::net::kernels::activation::relu_in_place(a3.as_mut_slice());
            }
            {
                let (reads, a4, work) = ::net::__private::step(
                    &mut *floats,
                    [(3456, 864)],
                    (0, 1024),
                    4320,
                );
                let _ = (&reads, &work);
                let a3: &::net::Tensor3<6, 12, 12> = ::net::__private::view(reads[0]);
                let a4: &mut ::net::Tensor3<16, 8, 8> = ::net::__private::view_mut(a4);
                ::net::kernels::conv::conv2d_forward_in::<
                    6,
                    12,
                    12,
                    16,
                    5,
                    5,
                    1,
                    1,
                    0,
                    0,
                    8,
                    8,
                >(
                    a3,
                    &self.conv2.weight,
                    ::core::option::Option::Some(&self.conv2.bias),
                    a4,
                    work,
                );
            }
            {
                let (reads, a5, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 1024)],
                    (1024, 256),
                    4320,
                );
                let _ = (&reads, &work);
                let a4: &::net::Tensor3<16, 8, 8> = ::net::__private::view(reads[0]);
                let a5: &mut ::net::Tensor3<16, 4, 4> = ::net::__private::view_mut(a5);
                ::net::kernels::pool::max_pool2d_forward::<
                    16,
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
                >(a4, a5);
            }
            {
                let (reads, a6, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (1024, 256),
                    4320,
                );
                let _ = (&reads, &work);
                let a6: &mut ::net::Tensor3<16, 4, 4> = ::net::__private::view_mut(a6);
                ::net::kernels::activation::relu_in_place(a6.as_mut_slice());
            }
            {
                let (reads, a8, work) = ::net::__private::step(
                    &mut *floats,
                    [(1024, 256)],
                    (0, 120),
                    4320,
                );
                let _ = (&reads, &work);
                let a7: &::net::Tensor1<256> = ::net::__private::view(reads[0]);
                let a8: &mut ::net::Tensor1<120> = ::net::__private::view_mut(a8);
                ::net::kernels::dense::dense_forward(
                    a7,
                    &self.fc1.weight,
                    ::core::option::Option::Some(&self.fc1.bias),
                    a8,
                );
            }
            {
                let (reads, a9, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (0, 120),
                    4320,
                );
                let _ = (&reads, &work);
                let a9: &mut ::net::Tensor1<120> = ::net::__private::view_mut(a9);
                ::net::kernels::activation::relu_in_place(a9.as_mut_slice());
            }
            {
                let (reads, a10, work) = ::net::__private::step(
                    &mut *floats,
                    [(0, 120)],
                    (128, 84),
                    4320,
                );
                let _ = (&reads, &work);
                let a9: &::net::Tensor1<120> = ::net::__private::view(reads[0]);
                let a10: &mut ::net::Tensor1<84> = ::net::__private::view_mut(a10);
                ::net::kernels::dense::dense_forward(
                    a9,
                    &self.fc2.weight,
                    ::core::option::Option::Some(&self.fc2.bias),
                    a10,
                );
            }
            {
                let (reads, a11, work) = ::net::__private::step(
                    &mut *floats,
                    [],
                    (128, 84),
                    4320,
                );
                let _ = (&reads, &work);
                let a11: &mut ::net::Tensor1<84> = ::net::__private::view_mut(a11);
                ::net::kernels::activation::relu_in_place(a11.as_mut_slice());
            }
            ::net::__private::view(&floats[128..212])
        };
        *embedded
    }
}
::net::__private::std_only! {
    impl LeNet5 { #[doc = r" The layer table, computed when the model was compiled."] pub
    const SUMMARY : ::net::Summary = ::net::Summary { name : "LeNet5", input : & [1, 28,
    28], layers : & [::net::LayerSummary { name : "conv1", kind : "Conv2d", output : &
    [6, 24, 24], params : 156, mult_adds : 86400 }, ::net::LayerSummary { name :
    "relu_0", kind : "Relu", output : & [6, 24, 24], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "max_pool2d_0", kind : "MaxPool2d", output : & [6, 12,
    12], params : 0, mult_adds : 0 }, ::net::LayerSummary { name : "conv2", kind :
    "Conv2d", output : & [16, 8, 8], params : 2416, mult_adds : 153600 },
    ::net::LayerSummary { name : "relu_1", kind : "Relu", output : & [16, 8, 8], params :
    0, mult_adds : 0 }, ::net::LayerSummary { name : "max_pool2d_1", kind : "MaxPool2d",
    output : & [16, 4, 4], params : 0, mult_adds : 0 }, ::net::LayerSummary { name :
    "flatten_0", kind : "Flatten", output : & [256], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "fc1", kind : "Dense", output : & [120], params : 30840,
    mult_adds : 30720 }, ::net::LayerSummary { name : "relu_2", kind : "Relu", output : &
    [120], params : 0, mult_adds : 0 }, ::net::LayerSummary { name : "fc2", kind :
    "Dense", output : & [84], params : 10164, mult_adds : 10080 }, ::net::LayerSummary {
    name : "relu_3", kind : "Relu", output : & [84], params : 0, mult_adds : 0 },
    ::net::LayerSummary { name : "fc3", kind : "Dense", output : & [10], params : 850,
    mult_adds : 840 }], params : 44426, buffers : 0, mult_adds : 281640, }; #[doc =
    r" A model with PyTorch's default initialisation, drawn from `seed`;"] #[doc =
    r" built on the heap, so a large model never passes through the stack."] pub fn
    new(seed : u64) -> ::net::__private::Box < Self > { let mut rng =
    ::net::Rng::seed_from_u64(seed); let mut model = ::net::zeroed_box:: < Self > (); let
    bound = ::net::__private::default_init_bound(25); ::net::__private::init_uniform(&
    mut rng, model.conv1.weight.as_mut_slice(), bound); ::net::__private::init_uniform(&
    mut rng, model.conv1.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(150); ::net::__private::init_uniform(& mut rng,
    model.conv2.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.conv2.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(256); ::net::__private::init_uniform(& mut rng,
    model.fc1.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.fc1.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(120); ::net::__private::init_uniform(& mut rng,
    model.fc2.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.fc2.bias.as_mut_slice(), bound); let bound =
    ::net::__private::default_init_bound(84); ::net::__private::init_uniform(& mut rng,
    model.fc3.weight.as_mut_slice(), bound); ::net::__private::init_uniform(& mut rng,
    model.fc3.bias.as_mut_slice(), bound); let _ = & mut rng; model } #[doc =
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
    ONNX : ::net::onnx::Graph = ::net::onnx::Graph { name : "LeNet5", input : & [1, 28,
    28], output : & [10], nodes : & [::net::onnx::Node { op : "Conv", name : "conv1",
    inputs : & ["input", "conv1.weight", "conv1.bias"], output : "conv1", attributes : &
    [("kernel_shape", ::net::onnx::Attribute::Ints(& [5i64, 5i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Relu", name :
    "relu_0", inputs : & ["conv1"], output : "relu_0", attributes : & [], },
    ::net::onnx::Node { op : "MaxPool", name : "max_pool2d_0", inputs : & ["relu_0"],
    output : "max_pool2d_0", attributes : & [("kernel_shape",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64]))], }, ::net::onnx::Node { op
    : "Conv", name : "conv2", inputs : & ["max_pool2d_0", "conv2.weight", "conv2.bias"],
    output : "conv2", attributes : & [("kernel_shape", ::net::onnx::Attribute::Ints(&
    [5i64, 5i64])), ("strides", ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64])), ("dilations",
    ::net::onnx::Attribute::Ints(& [1i64, 1i64])), ("group",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Relu", name :
    "relu_1", inputs : & ["conv2"], output : "relu_1", attributes : & [], },
    ::net::onnx::Node { op : "MaxPool", name : "max_pool2d_1", inputs : & ["relu_1"],
    output : "max_pool2d_1", attributes : & [("kernel_shape",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("strides",
    ::net::onnx::Attribute::Ints(& [2i64, 2i64])), ("pads",
    ::net::onnx::Attribute::Ints(& [0i64, 0i64, 0i64, 0i64]))], }, ::net::onnx::Node { op
    : "Reshape", name : "flatten_0", inputs : & ["max_pool2d_1", "flatten_0.shape"],
    output : "flatten_0", attributes : & [], }, ::net::onnx::Node { op : "Gemm", name :
    "fc1", inputs : & ["flatten_0", "fc1.weight", "fc1.bias"], output : "fc1", attributes
    : & [("transB", ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op :
    "Relu", name : "relu_2", inputs : & ["fc1"], output : "relu_2", attributes : & [], },
    ::net::onnx::Node { op : "Gemm", name : "fc2", inputs : & ["relu_2", "fc2.weight",
    "fc2.bias"], output : "fc2", attributes : & [("transB",
    ::net::onnx::Attribute::Int(1i64))], }, ::net::onnx::Node { op : "Relu", name :
    "relu_3", inputs : & ["fc2"], output : "relu_3", attributes : & [], },
    ::net::onnx::Node { op : "Gemm", name : "fc3", inputs : & ["relu_3", "fc3.weight",
    "fc3.bias"], output : "output", attributes : & [("transB",
    ::net::onnx::Attribute::Int(1i64))], }], constants : & [::net::onnx::Constant { name
    : "flatten_0.shape", dims : & [2i64], values : ::net::TensorData::I64(& [- 1i64,
    256i64]) }], }; #[doc =
    r" Writes the model as an ONNX file (opset 17) for onnxruntime, Netron"] #[doc =
    r" and the rest of the ONNX tools: input `input` of shape `[N, ..]`,"] #[doc =
    r" output `output`, the parameters under their PyTorch names,"] #[doc =
    r" inference semantics (batch norm with its running statistics,"] #[doc =
    r" dropout left out)."] pub fn save_onnx(& self, path : impl ::core::convert::AsRef <
    ::net::__private::Path >) -> ::core::result::Result < (), ::net::Error > {
    ::net::onnx::save(self, & Self::ONNX, path.as_ref()) } } impl LeNet5Grads { #[doc =
    r" Writes the gradients to a safetensors file, named as the parameters."] pub fn
    save_safetensors(& self, path : impl ::core::convert::AsRef < ::net::__private::Path
    >) -> ::core::result::Result < (), ::net::Error > {
    ::net::NamedTensors::save_safetensors(self, path) } #[doc =
    r" Reads the gradients from a safetensors file."] pub fn load_safetensors(& mut self,
    path : impl ::core::convert::AsRef < ::net::__private::Path >) ->
    ::core::result::Result < (), ::net::Error > {
    ::net::NamedTensors::load_safetensors(self, path) } }
}
impl ::net::NamedTensors for LeNet5 {
    fn visit<'a>(
        &'a self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorData<'a>),
    ) {
        let _ = &f;
        f(
            "conv1.weight",
            ::net::Tensor::shape(&self.conv1.weight),
            ::net::TensorData::F32(self.conv1.weight.as_slice()),
        );
        f(
            "conv1.bias",
            ::net::Tensor::shape(&self.conv1.bias),
            ::net::TensorData::F32(self.conv1.bias.as_slice()),
        );
        f(
            "conv2.weight",
            ::net::Tensor::shape(&self.conv2.weight),
            ::net::TensorData::F32(self.conv2.weight.as_slice()),
        );
        f(
            "conv2.bias",
            ::net::Tensor::shape(&self.conv2.bias),
            ::net::TensorData::F32(self.conv2.bias.as_slice()),
        );
        f(
            "fc1.weight",
            ::net::Tensor::shape(&self.fc1.weight),
            ::net::TensorData::F32(self.fc1.weight.as_slice()),
        );
        f(
            "fc1.bias",
            ::net::Tensor::shape(&self.fc1.bias),
            ::net::TensorData::F32(self.fc1.bias.as_slice()),
        );
        f(
            "fc2.weight",
            ::net::Tensor::shape(&self.fc2.weight),
            ::net::TensorData::F32(self.fc2.weight.as_slice()),
        );
        f(
            "fc2.bias",
            ::net::Tensor::shape(&self.fc2.bias),
            ::net::TensorData::F32(self.fc2.bias.as_slice()),
        );
        f(
            "fc3.weight",
            ::net::Tensor::shape(&self.fc3.weight),
            ::net::TensorData::F32(self.fc3.weight.as_slice()),
        );
        f(
            "fc3.bias",
            ::net::Tensor::shape(&self.fc3.bias),
            ::net::TensorData::F32(self.fc3.bias.as_slice()),
        );
    }
    fn visit_mut(
        &mut self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorDataMut<'_>),
    ) {
        let _ = &f;
        f(
            "conv1.weight",
            ::net::Tensor::shape(&self.conv1.weight),
            ::net::TensorDataMut::F32(self.conv1.weight.as_mut_slice()),
        );
        f(
            "conv1.bias",
            ::net::Tensor::shape(&self.conv1.bias),
            ::net::TensorDataMut::F32(self.conv1.bias.as_mut_slice()),
        );
        f(
            "conv2.weight",
            ::net::Tensor::shape(&self.conv2.weight),
            ::net::TensorDataMut::F32(self.conv2.weight.as_mut_slice()),
        );
        f(
            "conv2.bias",
            ::net::Tensor::shape(&self.conv2.bias),
            ::net::TensorDataMut::F32(self.conv2.bias.as_mut_slice()),
        );
        f(
            "fc1.weight",
            ::net::Tensor::shape(&self.fc1.weight),
            ::net::TensorDataMut::F32(self.fc1.weight.as_mut_slice()),
        );
        f(
            "fc1.bias",
            ::net::Tensor::shape(&self.fc1.bias),
            ::net::TensorDataMut::F32(self.fc1.bias.as_mut_slice()),
        );
        f(
            "fc2.weight",
            ::net::Tensor::shape(&self.fc2.weight),
            ::net::TensorDataMut::F32(self.fc2.weight.as_mut_slice()),
        );
        f(
            "fc2.bias",
            ::net::Tensor::shape(&self.fc2.bias),
            ::net::TensorDataMut::F32(self.fc2.bias.as_mut_slice()),
        );
        f(
            "fc3.weight",
            ::net::Tensor::shape(&self.fc3.weight),
            ::net::TensorDataMut::F32(self.fc3.weight.as_mut_slice()),
        );
        f(
            "fc3.bias",
            ::net::Tensor::shape(&self.fc3.bias),
            ::net::TensorDataMut::F32(self.fc3.bias.as_mut_slice()),
        );
    }
}
impl ::net::NamedTensors for LeNet5Grads {
    fn visit<'a>(
        &'a self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorData<'a>),
    ) {
        let _ = &f;
        f(
            "conv1.weight",
            ::net::Tensor::shape(&self.conv1.weight),
            ::net::TensorData::F32(self.conv1.weight.as_slice()),
        );
        f(
            "conv1.bias",
            ::net::Tensor::shape(&self.conv1.bias),
            ::net::TensorData::F32(self.conv1.bias.as_slice()),
        );
        f(
            "conv2.weight",
            ::net::Tensor::shape(&self.conv2.weight),
            ::net::TensorData::F32(self.conv2.weight.as_slice()),
        );
        f(
            "conv2.bias",
            ::net::Tensor::shape(&self.conv2.bias),
            ::net::TensorData::F32(self.conv2.bias.as_slice()),
        );
        f(
            "fc1.weight",
            ::net::Tensor::shape(&self.fc1.weight),
            ::net::TensorData::F32(self.fc1.weight.as_slice()),
        );
        f(
            "fc1.bias",
            ::net::Tensor::shape(&self.fc1.bias),
            ::net::TensorData::F32(self.fc1.bias.as_slice()),
        );
        f(
            "fc2.weight",
            ::net::Tensor::shape(&self.fc2.weight),
            ::net::TensorData::F32(self.fc2.weight.as_slice()),
        );
        f(
            "fc2.bias",
            ::net::Tensor::shape(&self.fc2.bias),
            ::net::TensorData::F32(self.fc2.bias.as_slice()),
        );
        f(
            "fc3.weight",
            ::net::Tensor::shape(&self.fc3.weight),
            ::net::TensorData::F32(self.fc3.weight.as_slice()),
        );
        f(
            "fc3.bias",
            ::net::Tensor::shape(&self.fc3.bias),
            ::net::TensorData::F32(self.fc3.bias.as_slice()),
        );
    }
    fn visit_mut(
        &mut self,
        f: &mut dyn FnMut(&str, &'static [usize], ::net::TensorDataMut<'_>),
    ) {
        let _ = &f;
        f(
            "conv1.weight",
            ::net::Tensor::shape(&self.conv1.weight),
            ::net::TensorDataMut::F32(self.conv1.weight.as_mut_slice()),
        );
        f(
            "conv1.bias",
            ::net::Tensor::shape(&self.conv1.bias),
            ::net::TensorDataMut::F32(self.conv1.bias.as_mut_slice()),
        );
        f(
            "conv2.weight",
            ::net::Tensor::shape(&self.conv2.weight),
            ::net::TensorDataMut::F32(self.conv2.weight.as_mut_slice()),
        );
        f(
            "conv2.bias",
            ::net::Tensor::shape(&self.conv2.bias),
            ::net::TensorDataMut::F32(self.conv2.bias.as_mut_slice()),
        );
        f(
            "fc1.weight",
            ::net::Tensor::shape(&self.fc1.weight),
            ::net::TensorDataMut::F32(self.fc1.weight.as_mut_slice()),
        );
        f(
            "fc1.bias",
            ::net::Tensor::shape(&self.fc1.bias),
            ::net::TensorDataMut::F32(self.fc1.bias.as_mut_slice()),
        );
        f(
            "fc2.weight",
            ::net::Tensor::shape(&self.fc2.weight),
            ::net::TensorDataMut::F32(self.fc2.weight.as_mut_slice()),
        );
        f(
            "fc2.bias",
            ::net::Tensor::shape(&self.fc2.bias),
            ::net::TensorDataMut::F32(self.fc2.bias.as_mut_slice()),
        );
        f(
            "fc3.weight",
            ::net::Tensor::shape(&self.fc3.weight),
            ::net::TensorDataMut::F32(self.fc3.weight.as_mut_slice()),
        );
        f(
            "fc3.bias",
            ::net::Tensor::shape(&self.fc3.bias),
            ::net::TensorDataMut::F32(self.fc3.bias.as_mut_slice()),
        );
    }
}
impl ::net::Network for LeNet5 {
    type Input = ::net::Tensor3<1, 28, 28>;
    type Output = ::net::Tensor1<10>;
    type Scratch = LeNet5Scratch;
    const INPUT_SHAPE: &'static [usize] = &[1, 28, 28];
    const OUTPUT_SHAPE: &'static [usize] = &[10];
    const NUM_PARAMS: usize = 44426;
    fn forward(&self, x: &::net::Tensor3<1, 28, 28>) -> ::net::Tensor1<10> {
        *self.forward_in(x, &mut LeNet5Scratch::new())
    }
    fn forward_in<'s>(
        &self,
        x: &::net::Tensor3<1, 28, 28>,
        scratch: &'s mut LeNet5Scratch,
    ) -> &'s ::net::Tensor1<10> {
        let floats = &mut scratch.floats.0[..];
        {
            let (reads, a1, work) = ::net::__private::step(
                &mut *floats,
                [],
                (0, 3456),
                4320,
            );
            let _ = (&reads, &work);
            let a0: &::net::Tensor3<1, 28, 28> = x;
            let a1: &mut ::net::Tensor3<6, 24, 24> = ::net::__private::view_mut(a1);
            ::net::kernels::conv::conv2d_forward_in::<
                1,
                28,
                28,
                6,
                5,
                5,
                1,
                1,
                0,
                0,
                24,
                24,
            >(
                a0,
                &self.conv1.weight,
                ::core::option::Option::Some(&self.conv1.bias),
                a1,
                work,
            );
        }
        {
            let (reads, a2, work) = ::net::__private::step(
                &mut *floats,
                [(0, 3456)],
                (3456, 864),
                4320,
            );
            let _ = (&reads, &work);
            let a1: &::net::Tensor3<6, 24, 24> = ::net::__private::view(reads[0]);
            let a2: &mut ::net::Tensor3<6, 12, 12> = ::net::__private::view_mut(a2);
            ::net::kernels::pool::max_pool2d_forward::<
                6,
                24,
                24,
                2,
                2,
                2,
                2,
                0,
                0,
                12,
                12,
            >(a1, a2);
        }
        {
            let (reads, a3, work) = ::net::__private::step(
                &mut *floats,
                [],
                (3456, 864),
                4320,
            );
            let _ = (&reads, &work);
            let a3: &mut ::net::Tensor3<6, 12, 12> = ::net::__private::view_mut(a3);
            ::net::kernels::activation::relu_in_place(a3.as_mut_slice());
        }
        {
            let (reads, a4, work) = ::net::__private::step(
                &mut *floats,
                [(3456, 864)],
                (0, 1024),
                4320,
            );
            let _ = (&reads, &work);
            let a3: &::net::Tensor3<6, 12, 12> = ::net::__private::view(reads[0]);
            let a4: &mut ::net::Tensor3<16, 8, 8> = ::net::__private::view_mut(a4);
            ::net::kernels::conv::conv2d_forward_in::<
                6,
                12,
                12,
                16,
                5,
                5,
                1,
                1,
                0,
                0,
                8,
                8,
            >(
                a3,
                &self.conv2.weight,
                ::core::option::Option::Some(&self.conv2.bias),
                a4,
                work,
            );
        }
        {
            let (reads, a5, work) = ::net::__private::step(
                &mut *floats,
                [(0, 1024)],
                (1024, 256),
                4320,
            );
            let _ = (&reads, &work);
            let a4: &::net::Tensor3<16, 8, 8> = ::net::__private::view(reads[0]);
            let a5: &mut ::net::Tensor3<16, 4, 4> = ::net::__private::view_mut(a5);
            ::net::kernels::pool::max_pool2d_forward::<
                16,
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
            >(a4, a5);
        }
        {
            let (reads, a6, work) = ::net::__private::step(
                &mut *floats,
                [],
                (1024, 256),
                4320,
            );
            let _ = (&reads, &work);
            let a6: &mut ::net::Tensor3<16, 4, 4> = ::net::__private::view_mut(a6);
            ::net::kernels::activation::relu_in_place(a6.as_mut_slice());
        }
        {
            let (reads, a8, work) = ::net::__private::step(
                &mut *floats,
                [(1024, 256)],
                (0, 120),
                4320,
            );
            let _ = (&reads, &work);
            let a7: &::net::Tensor1<256> = ::net::__private::view(reads[0]);
            let a8: &mut ::net::Tensor1<120> = ::net::__private::view_mut(a8);
            ::net::kernels::dense::dense_forward(
                a7,
                &self.fc1.weight,
                ::core::option::Option::Some(&self.fc1.bias),
                a8,
            );
        }
        {
            let (reads, a9, work) = ::net::__private::step(
                &mut *floats,
                [],
                (0, 120),
                4320,
            );
            let _ = (&reads, &work);
            let a9: &mut ::net::Tensor1<120> = ::net::__private::view_mut(a9);
            ::net::kernels::activation::relu_in_place(a9.as_mut_slice());
        }
        {
            let (reads, a10, work) = ::net::__private::step(
                &mut *floats,
                [(0, 120)],
                (128, 84),
                4320,
            );
            let _ = (&reads, &work);
            let a9: &::net::Tensor1<120> = ::net::__private::view(reads[0]);
            let a10: &mut ::net::Tensor1<84> = ::net::__private::view_mut(a10);
            ::net::kernels::dense::dense_forward(
                a9,
                &self.fc2.weight,
                ::core::option::Option::Some(&self.fc2.bias),
                a10,
            );
        }
        {
            let (reads, a11, work) = ::net::__private::step(
                &mut *floats,
                [],
                (128, 84),
                4320,
            );
            let _ = (&reads, &work);
            let a11: &mut ::net::Tensor1<84> = ::net::__private::view_mut(a11);
            ::net::kernels::activation::relu_in_place(a11.as_mut_slice());
        }
        {
            let (reads, a12, work) = ::net::__private::step(
                &mut *floats,
                [(128, 84)],
                (0, 10),
                4320,
            );
            let _ = (&reads, &work);
            let a11: &::net::Tensor1<84> = ::net::__private::view(reads[0]);
            let a12: &mut ::net::Tensor1<10> = ::net::__private::view_mut(a12);
            ::net::kernels::dense::dense_forward(
                a11,
                &self.fc3.weight,
                ::core::option::Option::Some(&self.fc3.bias),
                a12,
            );
        }
        ::net::__private::view(&floats[0..10])
    }
    ::net::__private::std_only! {
        type Grads = LeNet5Grads; type Cache = LeNet5Cache; fn forward_train(& mut self,
        xs : & [::net::Tensor3 < 1, 28, 28 >], rng : & mut ::net::Rng) ->
        (::net::__private::Vec < ::net::Tensor1 < 10 > >, LeNet5Cache) { self
        .forward_train_reusing(xs, rng, ::core::default::Default::default()) }
        #[allow(unused_mut, unused_variables)] fn forward_train_reusing(& mut self, xs :
        & [::net::Tensor3 < 1, 28, 28 >], rng : & mut ::net::Rng, cache : LeNet5Cache) ->
        (::net::__private::Vec < ::net::Tensor1 < 10 > >, LeNet5Cache) { let mut cache =
        cache; let batch = xs.len(); let mut a0 = { let mut buffer = ::core::mem::take(&
        mut cache.a0); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 1,
        28, 28 > > ::zeros()); buffer }; let mut a1 = { let mut buffer =
        ::core::mem::take(& mut cache.a1); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 6, 24, 24 > > ::zeros()); buffer }; let mut a2 = { let mut
        buffer = ::core::mem::take(& mut cache.a2); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 6, 12, 12 > > ::zeros()); buffer }; let mut a3
        = { let mut buffer = ::core::mem::take(& mut cache.a3); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor3 < 6, 12, 12 > > ::zeros()); buffer }; let
        mut a4 = { let mut buffer = ::core::mem::take(& mut cache.a4); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 16, 8, 8 > >
        ::zeros()); buffer }; let mut a5 = { let mut buffer = ::core::mem::take(& mut
        cache.a5); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 16, 4,
        4 > > ::zeros()); buffer }; let mut a6 = { let mut buffer = ::core::mem::take(&
        mut cache.a6); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 <
        16, 4, 4 > > ::zeros()); buffer }; let mut a7 = { let mut buffer =
        ::core::mem::take(& mut cache.a7); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor1 < 256 > > ::zeros()); buffer }; let mut a8 = { let mut buffer =
        ::core::mem::take(& mut cache.a8); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor1 < 120 > > ::zeros()); buffer }; let mut a9 = { let mut buffer =
        ::core::mem::take(& mut cache.a9); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor1 < 120 > > ::zeros()); buffer }; let mut a10 = { let mut buffer =
        ::core::mem::take(& mut cache.a10); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor1 < 84 > > ::zeros()); buffer }; let mut a11 = { let mut buffer =
        ::core::mem::take(& mut cache.a11); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor1 < 84 > > ::zeros()); buffer }; let mut a12 = { let mut buffer =
        ::core::mem::take(& mut cache.a12); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor1 < 10 > > ::zeros()); buffer }; { let chunks :
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
        .chunks_mut(::net::__private::chunks::chunk_samples(batch))).collect();
        ::net::__private::chunks::for_each_chunk(chunks, | (((((((((((((xs, mut a0), mut
        a1), mut a2), mut a3), mut a4), mut a5), mut a6), mut a7), mut a8), mut a9), mut
        a10), mut a11), mut a12) | { a0.copy_from_slice(xs);
        ::net::kernels::conv::conv2d_forward_batch:: < 1, 28, 28, 6, 5, 5, 1, 1, 0, 0,
        24, 24 > (& a0, & self.conv1.weight, ::core::option::Option::Some(& self.conv1
        .bias), & mut a1); ::net::kernels::pool::max_pool2d_forward_batch:: < 6, 24, 24,
        2, 2, 2, 2, 0, 0, 12, 12 > (& a1, & mut a2);
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a2),
        ::net::__private::batch_as_mut_slice(& mut a3),
        ::net::kernels::activation::relu); ::net::kernels::conv::conv2d_forward_batch:: <
        6, 12, 12, 16, 5, 5, 1, 1, 0, 0, 8, 8 > (& a3, & self.conv2.weight,
        ::core::option::Option::Some(& self.conv2.bias), & mut a4);
        ::net::kernels::pool::max_pool2d_forward_batch:: < 16, 8, 8, 2, 2, 2, 2, 0, 0, 4,
        4 > (& a4, & mut a5);
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a5),
        ::net::__private::batch_as_mut_slice(& mut a6),
        ::net::kernels::activation::relu); for (x, y) in a6.iter().zip(a7.iter_mut()) { *
        y = ::net::reshape(x); } ::net::kernels::dense::dense_forward_batch(& a7, & self
        .fc1.weight, ::core::option::Option::Some(& self.fc1.bias), & mut a8);
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a8),
        ::net::__private::batch_as_mut_slice(& mut a9),
        ::net::kernels::activation::relu); ::net::kernels::dense::dense_forward_batch(&
        a9, & self.fc2.weight, ::core::option::Option::Some(& self.fc2.bias), & mut a10);
        ::net::kernels::activation::batched(::net::__private::batch_as_slice(& a10),
        ::net::__private::batch_as_mut_slice(& mut a11),
        ::net::kernels::activation::relu); ::net::kernels::dense::dense_forward_batch(&
        a11, & self.fc3.weight, ::core::option::Option::Some(& self.fc3.bias), & mut
        a12); }); } let outputs = a12.clone(); cache.batch = batch; cache.a0 = a0; cache
        .a1 = a1; cache.a2 = a2; cache.a3 = a3; cache.a4 = a4; cache.a5 = a5; cache.a6 =
        a6; cache.a7 = a7; cache.a8 = a8; cache.a9 = a9; cache.a10 = a10; cache.a11 =
        a11; cache.a12 = a12; (outputs, cache) } #[allow(unused_mut, unused_variables,
        clippy::let_and_return)] fn backward(& self, cache : & LeNet5Cache, dys : &
        [::net::Tensor1 < 10 >], grads : & mut LeNet5Grads) -> ::net::__private::Vec <
        ::net::Tensor3 < 1, 28, 28 > > { let batch = cache.batch; assert_eq!(dys.len(),
        batch, "backward: {} output gradients for a batch of {}", dys.len(), batch); let
        mut d11 : ::net::__private::Vec < ::net::Tensor1 < 84 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d10 :
        ::net::__private::Vec < ::net::Tensor1 < 84 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d9 :
        ::net::__private::Vec < ::net::Tensor1 < 120 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d8 :
        ::net::__private::Vec < ::net::Tensor1 < 120 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d7 :
        ::net::__private::Vec < ::net::Tensor1 < 256 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d6 :
        ::net::__private::Vec < ::net::Tensor3 < 16, 4, 4 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d5 :
        ::net::__private::Vec < ::net::Tensor3 < 16, 4, 4 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d4 :
        ::net::__private::Vec < ::net::Tensor3 < 16, 8, 8 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d3 :
        ::net::__private::Vec < ::net::Tensor3 < 6, 12, 12 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d2 :
        ::net::__private::Vec < ::net::Tensor3 < 6, 12, 12 > > =
        ::net::__private::vec![::net::Tensor::zeros(); batch]; let mut d1 :
        ::net::__private::Vec < ::net::Tensor3 < 6, 24, 24 > > =
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
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(dys
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(d11
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
        ((((((((((((((((((((((((((grads, a0), a1), a2), a3), a4), a5), a6), a7), a8),
        a9), a10), a11), a12), d12), mut d11), mut d10), mut d9), mut d8), mut d7), mut
        d6), mut d5), mut d4), mut d3), mut d2), mut d1), mut d0) | { let grads = grads
        .into_block(); { let mut g = & mut * d11;
        ::net::kernels::dense::dense_backward_batch(& a11, & self.fc3.weight, & d12,
        ::core::option::Option::Some(& mut g), & mut grads.fc3.weight,
        ::core::option::Option::Some(& mut grads.fc3.bias)); } { let mut g = & mut * d10;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a10), ::net::__private::batch_as_slice(& d11),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d9;
        ::net::kernels::dense::dense_backward_batch(& a9, & self.fc2.weight, & d10,
        ::core::option::Option::Some(& mut g), & mut grads.fc2.weight,
        ::core::option::Option::Some(& mut grads.fc2.bias)); } { let mut g = & mut * d8;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a8), ::net::__private::batch_as_slice(& d9),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d7;
        ::net::kernels::dense::dense_backward_batch(& a7, & self.fc1.weight, & d8,
        ::core::option::Option::Some(& mut g), & mut grads.fc1.weight,
        ::core::option::Option::Some(& mut grads.fc1.bias)); } { let mut g = & mut * d6;
        for (dy, dx) in d7.iter().zip(g.iter_mut()) { * dx = ::net::reshape(dy); } } {
        let mut g = & mut * d5;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a5), ::net::__private::batch_as_slice(& d6),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d4;
        ::net::kernels::pool::max_pool2d_backward_batch:: < 16, 8, 8, 2, 2, 2, 2, 0, 0,
        4, 4 > (& a4, & d5, & mut g); } { let mut g = & mut * d3;
        ::net::kernels::conv::conv2d_backward_batch:: < 6, 12, 12, 16, 5, 5, 1, 1, 0, 0,
        8, 8 > (& a3, & self.conv2.weight, & d4, ::core::option::Option::Some(& mut g), &
        mut grads.conv2.weight, ::core::option::Option::Some(& mut grads.conv2.bias)); }
        { let mut g = & mut * d2;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a2), ::net::__private::batch_as_slice(& d3),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d1;
        ::net::kernels::pool::max_pool2d_backward_batch:: < 6, 24, 24, 2, 2, 2, 2, 0, 0,
        12, 12 > (& a1, & d2, & mut g); } { let mut g = & mut * d0;
        ::net::kernels::conv::conv2d_backward_batch:: < 1, 28, 28, 6, 5, 5, 1, 1, 0, 0,
        24, 24 > (& a0, & self.conv1.weight, & d1, ::core::option::Option::Some(& mut g),
        & mut grads.conv1.weight, ::core::option::Option::Some(& mut grads.conv1.bias));
        } }); } ::net::__private::chunks::add_in_chunk_order(grads, & scratch); d0 }
        #[allow(unused_mut, unused_variables, clippy::let_and_return)] fn
        backward_params(& self, cache : & mut LeNet5Cache, dys : & [::net::Tensor1 < 10
        >], grads : & mut LeNet5Grads) { let batch = cache.batch; assert_eq!(dys.len(),
        batch, "backward: {} output gradients for a batch of {}", dys.len(), batch); let
        mut d11 = { let mut buffer = ::core::mem::take(& mut cache.d11); buffer
        .truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 84 > > ::zeros());
        buffer }; let mut d10 = { let mut buffer = ::core::mem::take(& mut cache.d10);
        buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 84 > >
        ::zeros()); buffer }; let mut d9 = { let mut buffer = ::core::mem::take(& mut
        cache.d9); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 120 >
        > ::zeros()); buffer }; let mut d8 = { let mut buffer = ::core::mem::take(& mut
        cache.d8); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 120 >
        > ::zeros()); buffer }; let mut d7 = { let mut buffer = ::core::mem::take(& mut
        cache.d7); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor1 < 256 >
        > ::zeros()); buffer }; let mut d6 = { let mut buffer = ::core::mem::take(& mut
        cache.d6); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 < 16, 4,
        4 > > ::zeros()); buffer }; let mut d5 = { let mut buffer = ::core::mem::take(&
        mut cache.d5); buffer.truncate(batch); buffer.resize(batch, < ::net::Tensor3 <
        16, 4, 4 > > ::zeros()); buffer }; let mut d4 = { let mut buffer =
        ::core::mem::take(& mut cache.d4); buffer.truncate(batch); buffer.resize(batch, <
        ::net::Tensor3 < 16, 8, 8 > > ::zeros()); buffer }; let mut d3 = { let mut buffer
        = ::core::mem::take(& mut cache.d3); buffer.truncate(batch); buffer.resize(batch,
        < ::net::Tensor3 < 6, 12, 12 > > ::zeros()); buffer }; let mut d2 = { let mut
        buffer = ::core::mem::take(& mut cache.d2); buffer.truncate(batch); buffer
        .resize(batch, < ::net::Tensor3 < 6, 12, 12 > > ::zeros()); buffer }; let mut d1
        = { let mut buffer = ::core::mem::take(& mut cache.d1); buffer.truncate(batch);
        buffer.resize(batch, < ::net::Tensor3 < 6, 24, 24 > > ::zeros()); buffer }; let
        mut scratch = ::core::mem::take(& mut cache.chunk_grads); { let chunks :
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
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(dys
        .chunks(::net::__private::chunks::chunk_samples(batch))).zip(d11
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
        (((((((((((((((((((((((((grads, a0), a1), a2), a3), a4), a5), a6), a7), a8), a9),
        a10), a11), a12), d12), mut d11), mut d10), mut d9), mut d8), mut d7), mut d6),
        mut d5), mut d4), mut d3), mut d2), mut d1) | { let grads = grads.into_block(); {
        let mut g = & mut * d11; ::net::kernels::dense::dense_backward_batch(& a11, &
        self.fc3.weight, & d12, ::core::option::Option::Some(& mut g), & mut grads.fc3
        .weight, ::core::option::Option::Some(& mut grads.fc3.bias)); } { let mut g = &
        mut * d10;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a10), ::net::__private::batch_as_slice(& d11),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d9;
        ::net::kernels::dense::dense_backward_batch(& a9, & self.fc2.weight, & d10,
        ::core::option::Option::Some(& mut g), & mut grads.fc2.weight,
        ::core::option::Option::Some(& mut grads.fc2.bias)); } { let mut g = & mut * d8;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a8), ::net::__private::batch_as_slice(& d9),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d7;
        ::net::kernels::dense::dense_backward_batch(& a7, & self.fc1.weight, & d8,
        ::core::option::Option::Some(& mut g), & mut grads.fc1.weight,
        ::core::option::Option::Some(& mut grads.fc1.bias)); } { let mut g = & mut * d6;
        for (dy, dx) in d7.iter().zip(g.iter_mut()) { * dx = ::net::reshape(dy); } } {
        let mut g = & mut * d5;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a5), ::net::__private::batch_as_slice(& d6),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d4;
        ::net::kernels::pool::max_pool2d_backward_batch:: < 16, 8, 8, 2, 2, 2, 2, 0, 0,
        4, 4 > (& a4, & d5, & mut g); } { let mut g = & mut * d3;
        ::net::kernels::conv::conv2d_backward_batch:: < 6, 12, 12, 16, 5, 5, 1, 1, 0, 0,
        8, 8 > (& a3, & self.conv2.weight, & d4, ::core::option::Option::Some(& mut g), &
        mut grads.conv2.weight, ::core::option::Option::Some(& mut grads.conv2.bias)); }
        { let mut g = & mut * d2;
        ::net::kernels::activation::batched_backward(::net::__private::batch_as_slice(&
        a2), ::net::__private::batch_as_slice(& d3),
        ::net::__private::batch_as_mut_slice(& mut g),
        ::net::kernels::activation::relu_backward); } { let mut g = & mut * d1;
        ::net::kernels::pool::max_pool2d_backward_batch:: < 6, 24, 24, 2, 2, 2, 2, 0, 0,
        12, 12 > (& a1, & d2, & mut g); } ::net::kernels::conv::conv2d_backward_batch:: <
        1, 28, 28, 6, 5, 5, 1, 1, 0, 0, 24, 24 > (& a0, & self.conv1.weight, & d1,
        ::core::option::Option::None, & mut grads.conv1.weight,
        ::core::option::Option::Some(& mut grads.conv1.bias)); }); }
        ::net::__private::chunks::add_in_chunk_order(grads, & scratch); cache.chunk_grads
        = scratch; cache.d11 = d11; cache.d10 = d10; cache.d9 = d9; cache.d8 = d8; cache
        .d7 = d7; cache.d6 = d6; cache.d5 = d5; cache.d4 = d4; cache.d3 = d3; cache.d2 =
        d2; cache.d1 = d1; } fn visit_params_mut(& mut self, grads : & LeNet5Grads, f : &
        mut ::net::ParamVisitor < '_ >) { let _ = (& grads, & f); f("conv1.weight", self
        .conv1.weight.as_mut_slice(), grads.conv1.weight.as_slice()); f("conv1.bias",
        self.conv1.bias.as_mut_slice(), grads.conv1.bias.as_slice()); f("conv2.weight",
        self.conv2.weight.as_mut_slice(), grads.conv2.weight.as_slice()); f("conv2.bias",
        self.conv2.bias.as_mut_slice(), grads.conv2.bias.as_slice()); f("fc1.weight",
        self.fc1.weight.as_mut_slice(), grads.fc1.weight.as_slice()); f("fc1.bias", self
        .fc1.bias.as_mut_slice(), grads.fc1.bias.as_slice()); f("fc2.weight", self.fc2
        .weight.as_mut_slice(), grads.fc2.weight.as_slice()); f("fc2.bias", self.fc2.bias
        .as_mut_slice(), grads.fc2.bias.as_slice()); f("fc3.weight", self.fc3.weight
        .as_mut_slice(), grads.fc3.weight.as_slice()); f("fc3.bias", self.fc3.bias
        .as_mut_slice(), grads.fc3.bias.as_slice()); }
    }
}
