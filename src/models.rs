//! Ready-made networks, declared with [`network!`](crate::network): the LeNet-5
//! and the Denoiser of its documentation, MLPerf Tiny's four reference models
//! ([`Resnet8`], [`DsCnn`], [`MobileNetV1`], [`AnomalyAutoencoder`]) as in the
//! benchmark's training code (convolutions keep their biases, the Keras
//! default), and a small [`UNet`] for segmentation.

use crate::prelude::*;

network! {
    /// LeNet-5 for 28x28 grayscale digits: 44,426 parameters, ten logits.
    /// Its weights load from the `state_dict` of the `torch.nn` module in the
    /// README.
    pub struct LeNet5: [1, 28, 28] {
        conv1: Conv2d(6, kernel = 5) -> [6, 24, 24],
        Relu,
        MaxPool2d(2),
        conv2: Conv2d(16, kernel = 5),
        Relu,
        MaxPool2d(2) -> [16, 4, 4],
        Flatten,
        fc1: Dense(120),
        Relu,
        fc2: Dense(84),
        Relu,
        fc3: Dense(10),
    } -> [10]
}

network! {
    /// A convolutional denoising autoencoder for 28x28 digits with a code of 32
    /// values.
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

network! {
    /// MLPerf Tiny's image classifier, ResNet-8 for 32x32 CIFAR-10 images:
    /// three residual stacks of 16, 32 and 64 channels, the last two halving
    /// the size and projecting their input with a strided 1x1 convolution
    /// (78,186 parameters, 12.5 M multiply-adds).
    pub struct Resnet8: [3, 32, 32] {
        conv1: Conv2d(16, kernel = 3, padding = 1), bn1: BatchNorm, Relu,
        stack1: Residual {
            s1_conv1: Conv2d(16, kernel = 3, padding = 1), s1_bn1: BatchNorm, Relu,
            s1_conv2: Conv2d(16, kernel = 3, padding = 1), s1_bn2: BatchNorm,
        },
        Relu,
        stack2: Residual {
            s2_conv1: Conv2d(32, kernel = 3, stride = 2, padding = 1), s2_bn1: BatchNorm, Relu,
            s2_conv2: Conv2d(32, kernel = 3, padding = 1), s2_bn2: BatchNorm,
        } shortcut {
            s2_project: Conv2d(32, kernel = 1, stride = 2),
        },
        Relu,
        stack3: Residual {
            s3_conv1: Conv2d(64, kernel = 3, stride = 2, padding = 1), s3_bn1: BatchNorm, Relu,
            s3_conv2: Conv2d(64, kernel = 3, padding = 1), s3_bn2: BatchNorm,
        } shortcut {
            s3_project: Conv2d(64, kernel = 1, stride = 2),
        },
        Relu -> [64, 8, 8],
        GlobalAvgPool,
        fc: Dense(10),
    } -> [10]
}

network! {
    /// MLPerf Tiny's keyword spotter, DS-CNN with 64 filters over 49 x 10
    /// MFCC features: a strided 10x4 convolution, then four depthwise-separable
    /// blocks (a depthwise 3x3 and a pointwise 1x1 convolution, each with batch
    /// norm and ReLU), global average pooling and 12 logits (23,756
    /// parameters, 2.66 M multiply-adds). TensorFlow's "same" padding, as the
    /// reference's Keras model.
    pub struct DsCnn: [1, 49, 10] {
        conv1: Conv2d(64, kernel = (10, 4), stride = 2, padding = same), bn1: BatchNorm, Relu,
        dw1: Conv2d(64, kernel = 3, padding = same, groups = 64), dw1_bn: BatchNorm, Relu,
        pw1: Conv2d(64, kernel = 1), pw1_bn: BatchNorm, Relu,
        dw2: Conv2d(64, kernel = 3, padding = same, groups = 64), dw2_bn: BatchNorm, Relu,
        pw2: Conv2d(64, kernel = 1), pw2_bn: BatchNorm, Relu,
        dw3: Conv2d(64, kernel = 3, padding = same, groups = 64), dw3_bn: BatchNorm, Relu,
        pw3: Conv2d(64, kernel = 1), pw3_bn: BatchNorm, Relu,
        dw4: Conv2d(64, kernel = 3, padding = same, groups = 64), dw4_bn: BatchNorm, Relu,
        pw4: Conv2d(64, kernel = 1), pw4_bn: BatchNorm, Relu -> [64, 25, 5],
        GlobalAvgPool,
        fc: Dense(12),
    } -> [12]
}

network! {
    /// MLPerf Tiny's visual wake words detector, MobileNetV1 with width 0.25
    /// for 96x96 colour images: a strided 3x3 convolution, thirteen
    /// depthwise-separable blocks (strided depthwise convolutions use
    /// TensorFlow's "same", one cell of padding after), global average pooling
    /// and two logits (216,322 parameters, 7.49 M multiply-adds).
    pub struct MobileNetV1: [3, 96, 96] {
        conv1: Conv2d(8, kernel = 3, stride = 2, padding = same), bn1: BatchNorm, Relu,
        dw1: Conv2d(8, kernel = 3, padding = same, groups = 8), dw1_bn: BatchNorm, Relu,
        pw1: Conv2d(16, kernel = 1), pw1_bn: BatchNorm, Relu,
        dw2: Conv2d(16, kernel = 3, stride = 2, padding = same, groups = 16), dw2_bn: BatchNorm, Relu,
        pw2: Conv2d(32, kernel = 1), pw2_bn: BatchNorm, Relu,
        dw3: Conv2d(32, kernel = 3, padding = same, groups = 32), dw3_bn: BatchNorm, Relu,
        pw3: Conv2d(32, kernel = 1), pw3_bn: BatchNorm, Relu,
        dw4: Conv2d(32, kernel = 3, stride = 2, padding = same, groups = 32), dw4_bn: BatchNorm, Relu,
        pw4: Conv2d(64, kernel = 1), pw4_bn: BatchNorm, Relu,
        dw5: Conv2d(64, kernel = 3, padding = same, groups = 64), dw5_bn: BatchNorm, Relu,
        pw5: Conv2d(64, kernel = 1), pw5_bn: BatchNorm, Relu,
        dw6: Conv2d(64, kernel = 3, stride = 2, padding = same, groups = 64), dw6_bn: BatchNorm, Relu,
        pw6: Conv2d(128, kernel = 1), pw6_bn: BatchNorm, Relu,
        dw7: Conv2d(128, kernel = 3, padding = same, groups = 128), dw7_bn: BatchNorm, Relu,
        pw7: Conv2d(128, kernel = 1), pw7_bn: BatchNorm, Relu,
        dw8: Conv2d(128, kernel = 3, padding = same, groups = 128), dw8_bn: BatchNorm, Relu,
        pw8: Conv2d(128, kernel = 1), pw8_bn: BatchNorm, Relu,
        dw9: Conv2d(128, kernel = 3, padding = same, groups = 128), dw9_bn: BatchNorm, Relu,
        pw9: Conv2d(128, kernel = 1), pw9_bn: BatchNorm, Relu,
        dw10: Conv2d(128, kernel = 3, padding = same, groups = 128), dw10_bn: BatchNorm, Relu,
        pw10: Conv2d(128, kernel = 1), pw10_bn: BatchNorm, Relu,
        dw11: Conv2d(128, kernel = 3, padding = same, groups = 128), dw11_bn: BatchNorm, Relu,
        pw11: Conv2d(128, kernel = 1), pw11_bn: BatchNorm, Relu,
        dw12: Conv2d(128, kernel = 3, stride = 2, padding = same, groups = 128), dw12_bn: BatchNorm, Relu,
        pw12: Conv2d(256, kernel = 1), pw12_bn: BatchNorm, Relu,
        dw13: Conv2d(256, kernel = 3, padding = same, groups = 256), dw13_bn: BatchNorm, Relu,
        pw13: Conv2d(256, kernel = 1), pw13_bn: BatchNorm, Relu -> [256, 3, 3],
        GlobalAvgPool,
        fc: Dense(2),
    } -> [2]
}

network! {
    /// MLPerf Tiny's anomaly detector for machine sounds: a dense autoencoder
    /// over 640 log-mel values (5 frames of 128), four layers of 128, a code
    /// of 8, four layers of 128 back, each Dense + BatchNorm + ReLU (267,928
    /// parameters).
    pub struct AnomalyAutoencoder: [640] {
        encoder {
            enc1: Dense(128), enc1_bn: BatchNorm, Relu,
            enc2: Dense(128), enc2_bn: BatchNorm, Relu,
            enc3: Dense(128), enc3_bn: BatchNorm, Relu,
            enc4: Dense(128), enc4_bn: BatchNorm, Relu,
            code: Dense(8), code_bn: BatchNorm, Relu,
        }
        decoder {
            dec1: Dense(128), dec1_bn: BatchNorm, Relu,
            dec2: Dense(128), dec2_bn: BatchNorm, Relu,
            dec3: Dense(128), dec3_bn: BatchNorm, Relu,
            dec4: Dense(128), dec4_bn: BatchNorm, Relu,
            out: Dense(640),
        }
    }
}

network! {
    /// A small U-Net for per-pixel labels of 64 x 84 canvases (M2NIST's
    /// size) in 11 classes: two levels down by max pooling, two up by
    /// transposed convolutions, each joined with the encoder's features of
    /// its size by a `Concat` skip, and a 1x1 convolution to one logit per
    /// class and pixel, from 16 features (with 8, fewer than the classes,
    /// whole digit classes stayed unlearnt in some runs). Every 3x3
    /// convolution is followed by batch norm, without which the digits'
    /// classes are learnt many times slower.
    pub struct UNet: [1, 64, 84] {
        down1: Conv2d(8, kernel = 3, padding = 1), down1_bn: BatchNorm, Relu,
        down1b: Conv2d(8, kernel = 3, padding = 1), down1b_bn: BatchNorm, skip1: Relu,
        MaxPool2d(2),
        down2: Conv2d(16, kernel = 3, padding = 1), down2_bn: BatchNorm, Relu,
        down2b: Conv2d(16, kernel = 3, padding = 1), down2b_bn: BatchNorm, skip2: Relu,
        MaxPool2d(2),
        bottom: Conv2d(32, kernel = 3, padding = 1), bottom_bn: BatchNorm, Relu,
        bottom_b: Conv2d(32, kernel = 3, padding = 1), bottom_b_bn: BatchNorm, Relu -> [32, 16, 21],
        up2: ConvTranspose2d(16, kernel = 2, stride = 2), Concat(skip2) -> [32, 32, 42],
        up2a: Conv2d(16, kernel = 3, padding = 1), up2a_bn: BatchNorm, Relu,
        up2b: Conv2d(16, kernel = 3, padding = 1), up2b_bn: BatchNorm, Relu,
        up1: ConvTranspose2d(8, kernel = 2, stride = 2), Concat(skip1) -> [16, 64, 84],
        up1a: Conv2d(16, kernel = 3, padding = 1), up1a_bn: BatchNorm, Relu,
        up1b: Conv2d(16, kernel = 3, padding = 1), up1b_bn: BatchNorm, Relu,
        head: Conv2d(11, kernel = 1),
    } -> [11, 64, 84]
}
