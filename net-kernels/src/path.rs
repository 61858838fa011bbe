//! Which formulation of a kernel family runs, decided in one place per
//! family from the geometry (known at compile time) and the CPU's
//! instruction sets (detected at run time, once per process).
//!
//! The convolution has five formulations:
//! - `conv::forward_loops`: the generic loop nest over output rows, for one
//!   sample of a 3d convolution;
//! - `direct::conv2d_rows`: one sample of a 1d or 2d convolution, output
//!   channels in blocks of four over whole output rows held in registers,
//!   compiled for the baseline (SSE2) or for AVX2 and FMA;
//! - `shifted`: on AVX-512, one sample of a stride-1 unpadded 2d convolution
//!   and the gradients of a batch of them, over shifted copies of the input
//!   (see that module for when its forward pass pays);
//! - `rows`: on AVX-512, one sample of any other stride-1 2d convolution,
//!   blocks of output channels by 16-lane vectors of an output row in
//!   registers, and the weight gradient of a batch of padded ones;
//! - im2col and GEMM (`conv::forward_batch`, `conv::backward_batch`): a batch
//!   of 3d convolutions, and the gradients wherever `shifted` does not apply,
//!   but for a stride-1 convolution padded to keep its size, whose input
//!   gradient is the one-sample kernel over the output gradient and whose
//!   weight gradient on AVX-512 is `rows` ([`Conv2dBackward::SameRows`]).
//!
//! A batch of 1d or 2d convolutions runs the one-sample kernel on each sample
//! in parallel; the weight and input gradients take [`Conv2dBackward`]. A
//! 1x1 convolution at stride 1 without padding is one GEMM per sample over
//! its positions, in the batched passes ([`Conv2dBatch::Pointwise`]).
//!
//! A convolution with groups, dilation or uneven padding (`grouped`) takes
//! [`GroupedConv`].

/// The instruction sets the kernels have code for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Isa {
    /// AVX-512F (x86-64).
    Avx512,
    /// AVX2 and FMA (x86-64).
    Avx2Fma,
}

impl Isa {
    /// Whether the CPU running this has the instruction set: detected at run
    /// time with `std`, known from the compile-time target features without.
    pub(crate) fn available(self) -> bool {
        #[cfg(all(target_arch = "x86_64", feature = "std"))]
        return match self {
            Isa::Avx512 => std::is_x86_feature_detected!("avx512f"),
            Isa::Avx2Fma => {
                std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma")
            }
        };
        #[cfg(not(all(target_arch = "x86_64", feature = "std")))]
        return self.may_run();
    }

    /// Whether code for the instruction set can run at all in this build:
    /// what sizes the working space a kernel may need (the
    /// `*_forward_scratch` functions).
    pub(crate) const fn may_run(self) -> bool {
        if cfg!(all(target_arch = "x86_64", feature = "std")) {
            return true;
        }
        match self {
            Isa::Avx512 => cfg!(target_feature = "avx512f"),
            Isa::Avx2Fma => cfg!(all(target_feature = "avx2", target_feature = "fma")),
        }
    }
}

/// The copy of a kernel written as plain loops that the compiler vectorises:
/// compiled for AVX-512, for AVX2 and FMA, or for the baseline.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Compiled {
    Avx512,
    Avx2Fma,
    Baseline,
}

impl Compiled {
    /// Every copy, best first.
    pub(crate) const ALL: [Compiled; 3] = [Compiled::Avx512, Compiled::Avx2Fma, Compiled::Baseline];

    /// The instruction set the copy needs, if any.
    pub(crate) fn isa(self) -> Option<Isa> {
        match self {
            Compiled::Avx512 => Some(Isa::Avx512),
            Compiled::Avx2Fma => Some(Isa::Avx2Fma),
            Compiled::Baseline => None,
        }
    }

    /// The best copy this CPU runs.
    pub(crate) fn best() -> Compiled {
        Compiled::ALL
            .into_iter()
            .find(|c| c.isa().is_none_or(Isa::available))
            .unwrap_or(Compiled::Baseline)
    }
}

/// A grouped, dilated or unevenly padded convolution.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum GroupedConv {
    /// One input channel per group: one channel at a time over its padded
    /// input split by stride phase (`depthwise`).
    Depthwise(Compiled),
    /// Loops per group forward, im2col and GEMMs per group backward.
    Im2col,
}

/// The path of a grouped convolution with `per_group` input channels per group.
#[inline]
pub(crate) fn grouped_conv(per_group: usize) -> GroupedConv {
    if per_group == 1 {
        GroupedConv::Depthwise(Compiled::best())
    } else {
        GroupedConv::Im2col
    }
}

/// One sample of a 1d or 2d convolution.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Conv2dForward {
    Shifted,
    RowsAvx512,
    RowsAvx2Fma,
    Rows,
}

/// The forward pass of a batch of 1d or 2d convolutions.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg(feature = "std")]
pub(crate) enum Conv2dBatch {
    /// The one-sample kernel on each sample in parallel.
    PerSample,
    /// A 1x1 window at stride 1 without padding: one GEMM per sample, which
    /// reads the input as it is.
    Pointwise,
}

/// The path of a batch of 1d or 2d convolutions.
#[inline]
#[cfg(feature = "std")]
pub(crate) fn conv2d_batch(pointwise: bool) -> Conv2dBatch {
    if pointwise {
        Conv2dBatch::Pointwise
    } else {
        Conv2dBatch::PerSample
    }
}

/// The weight and input gradients of a batch of 1d or 2d convolutions.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg(feature = "std")]
pub(crate) enum Conv2dBackward {
    /// Both gradients over shifted copies (AVX-512).
    Shifted,
    /// The input gradient as the one-sample kernel's convolution of the
    /// output gradient; the weight gradient by `rows` (AVX-512).
    SameRowsAvx512,
    /// The same input gradient; the weight gradient by im2col and GEMM.
    SameRows,
    /// Both by im2col and GEMM.
    Im2col,
}

/// One sample of a dense layer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum DenseForward {
    /// Rows in fours, one 16-lane accumulator each.
    RowsAvx512,
    /// Eight partial sums per row, compiled for AVX2 and FMA.
    RowsAvx2Fma,
    /// The same for the baseline.
    Rows,
}

/// The path of one sample of a 2d convolution (1d: height 1);
/// `shifted_pays` is `shifted::pays` of its geometry, evaluated at compile time.
#[inline]
pub(crate) fn conv2d_forward(shifted_pays: bool, stride: [usize; 2]) -> Conv2dForward {
    if shifted_pays && Isa::Avx512.available() {
        Conv2dForward::Shifted
    } else if stride == [1, 1] && Isa::Avx512.available() {
        Conv2dForward::RowsAvx512
    } else if Isa::Avx2Fma.available() {
        Conv2dForward::RowsAvx2Fma
    } else {
        Conv2dForward::Rows
    }
}

/// The path of a 2d convolution's gradients: the shifted copies apply at
/// stride 1 without padding; the row kernel computes the input gradient at
/// stride 1 with the padding that keeps the size (odd kernels, half of them
/// padded on each side), where im2col would spend more time than the GEMM
/// on the few output channels of such layers.
#[inline]
#[cfg(feature = "std")]
pub(crate) fn conv2d_backward(
    stride: [usize; 2],
    padding: [usize; 2],
    kernel: [usize; 2],
) -> Conv2dBackward {
    let same = kernel[0] == 2 * padding[0] + 1 && kernel[1] == 2 * padding[1] + 1;
    if stride == [1, 1] && padding == [0, 0] && Isa::Avx512.available() {
        Conv2dBackward::Shifted
    } else if stride == [1, 1] && padding != [0, 0] && same {
        if Isa::Avx512.available() {
            Conv2dBackward::SameRowsAvx512
        } else {
            Conv2dBackward::SameRows
        }
    } else {
        Conv2dBackward::Im2col
    }
}

#[inline]
pub(crate) fn dense_forward() -> DenseForward {
    match Compiled::best() {
        Compiled::Avx512 => DenseForward::RowsAvx512,
        Compiled::Avx2Fma => DenseForward::RowsAvx2Fma,
        Compiled::Baseline => DenseForward::Rows,
    }
}
