//! The float functions `core` lacks: the standard library's where there is
//! one, `libm`'s in a `no_std` build.
//!
//! Without `std` a multiply-add is a multiply and an add: `core` has no fused
//! multiply-add, and `libm`'s is a software one, slower than the two
//! instructions it would replace. Results then differ from a `std` build's in
//! the last bits where a kernel fuses them (the AVX2 and AVX-512 copies).

#[inline(always)]
pub(crate) fn exp(x: f32) -> f32 {
    #[cfg(feature = "std")]
    return x.exp();
    #[cfg(not(feature = "std"))]
    return libm::expf(x);
}

#[inline(always)]
pub(crate) fn tanh(x: f32) -> f32 {
    #[cfg(feature = "std")]
    return x.tanh();
    #[cfg(not(feature = "std"))]
    return libm::tanhf(x);
}

#[inline(always)]
pub(crate) fn sqrt(x: f32) -> f32 {
    #[cfg(feature = "std")]
    return x.sqrt();
    #[cfg(not(feature = "std"))]
    return libm::sqrtf(x);
}

/// `a * b + c`, rounded once where `std` is (see the module's note).
#[inline(always)]
pub(crate) fn mul_add(a: f32, b: f32, c: f32) -> f32 {
    #[cfg(feature = "std")]
    return a.mul_add(b, c);
    #[cfg(not(feature = "std"))]
    return a * b + c;
}
