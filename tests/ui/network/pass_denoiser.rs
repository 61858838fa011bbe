use net::prelude::*;

network! {
    /// A convolutional denoising autoencoder: encoder and decoder blocks make it one.
    pub struct Denoiser: [1, 28, 28] {
        encoder {
            enc1: Conv2d(16, kernel = 3, padding = 1), Relu, MaxPool2d(2),   // [16, 14, 14]
            enc2: Conv2d(8, kernel = 3, padding = 1), Relu, MaxPool2d(2),    // [8, 7, 7]
            Flatten,
            code: Dense(32),                                                 // the bottleneck
        }
        decoder {
            dec1: Dense(392), Relu, Reshape([8, 7, 7]),
            up1: ConvTranspose2d(16, kernel = 2, stride = 2), Relu,          // [16, 14, 14]
            up2: ConvTranspose2d(1, kernel = 2, stride = 2), Sigmoid,        // [1, 28, 28]
        }
    }
}

fn main() {
    assert_eq!(Denoiser::CODE_SHAPE, &[32]);
    assert_eq!(Denoiser::OUTPUT_SHAPE, Denoiser::INPUT_SHAPE);
    let model = Denoiser::new(0);
    let code: Tensor1<32> = model.encode(&Tensor3::zeros());
    let image: Tensor3<1, 28, 28> = model.decode(&code);
    assert_eq!(image, model.forward(&Tensor3::zeros()));
}
