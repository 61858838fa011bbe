//! `forward` allocates nothing: a counting global allocator watches it.

mod big_stack;
mod common;

use big_stack::on_a_big_stack;
use common::ResNet;
use net::models::{AnomalyAutoencoder, Denoiser, DsCnn, LeNet5, MobileNetV1, Resnet8, UNet};
use net::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to the system allocator unchanged; the
// thread-local counter neither allocates nor touches the memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: the caller's contract for `alloc` is forwarded as it is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: as for `dealloc` and `alloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_in<R>(f: impl FnOnce() -> R) -> (usize, R) {
    let before = ALLOCATIONS.with(Cell::get);
    let result = f();
    (ALLOCATIONS.with(Cell::get) - before, result)
}

#[test]
fn the_counter_sees_allocations() {
    let (count, v) = allocations_in(|| vec![1u8; 10]);
    assert_eq!((count, v.len()), (1, 10));
}

#[test]
fn forward_makes_no_heap_allocation() {
    let lenet = LeNet5::new(1);
    let denoiser = Denoiser::new(2);
    let resnet = ResNet::new(3);
    let image = Tensor3::<1, 28, 28>::zeros().map(|_| 0.5);
    let small = Tensor3::<3, 8, 8>::zeros().map(|_| 0.5);
    // The first call on this thread too: nothing is allocated lazily.
    let (count, logits) = allocations_in(|| lenet.forward(&image));
    assert_eq!(count, 0, "LeNet-5 forward allocated");
    assert!(logits.as_slice().iter().all(|v| v.is_finite()));
    let (count, _) = allocations_in(|| denoiser.forward(&image));
    assert_eq!(count, 0, "Denoiser forward allocated");
    let (count, _) = allocations_in(|| (denoiser.encode(&image), lenet.embed(&image)));
    assert_eq!(count, 0, "encode or embed allocated");
    let (count, _) = allocations_in(|| resnet.forward(&small));
    assert_eq!(count, 0, "the residual network's forward allocated");
}

/// Part two's models, depthwise convolutions (whose scratch is on the stack)
/// and skips included.
#[test]
fn part_two_models_forward_makes_no_heap_allocation() {
    fn no_allocation<M: Network>(name: &str, model: &M) {
        let x = M::Input::zeros().map(|_| 0.5);
        let (count, y) = allocations_in(|| model.forward(&x));
        assert_eq!(count, 0, "{name} forward allocated");
        assert!(y.as_slice().iter().all(|v| v.is_finite()));
    }
    on_a_big_stack(|| {
        no_allocation("ResNet-8", &*Resnet8::new(1));
        no_allocation("DS-CNN", &*DsCnn::new(2));
        no_allocation("MobileNetV1", &*MobileNetV1::new(3));
        no_allocation("the anomaly autoencoder", &*AnomalyAutoencoder::new(4));
        no_allocation("the U-Net", &*UNet::new(5));
    });
}
