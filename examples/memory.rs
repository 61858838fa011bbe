//! What inference holds for each ready-made model: the weights, the planned
//! scratch, the largest single activation (which no plan can go under), and
//! the stack `forward_in` takes, as a Markdown table.
//! `cargo run --release --example memory`.

use net::models::{AnomalyAutoencoder, Denoiser, DsCnn, LeNet5, MobileNetV1, Resnet8, UNet};
use net::{Network, Summary, Zeroable};

fn row<M>(name: &str, summary: &Summary, model: Box<M>)
where
    M: Network + Send + 'static,
    M::Input: Zeroable + Send,
    M::Scratch: Zeroable + Send,
{
    let largest = summary
        .layers
        .iter()
        .map(|l| l.output.iter().product::<usize>())
        .max()
        .unwrap_or(0);
    let every: usize = summary
        .layers
        .iter()
        .map(|l| l.output.iter().product::<usize>())
        .sum();
    let kb = |bytes: usize| format!("{:.1} KB", bytes as f64 / 1024.0);
    let stack = forward_in_stack(model).map_or("not measured on this architecture".to_string(), kb);
    println!(
        "| `{name}` | {} | {} | {} | {} | {stack} |",
        kb(M::WEIGHT_BYTES),
        kb(M::SCRATCH_BYTES),
        kb(largest * 4),
        kb(every * 4),
    );
}

/// The stack `forward_in` takes, measured on a thread of its own: the
/// model, input and scratch are on the heap.
fn forward_in_stack<M>(model: Box<M>) -> Option<usize>
where
    M: Network + Send + 'static,
    M::Input: Zeroable + Send,
    M::Scratch: Zeroable + Send,
{
    // How deep the kernels go does not depend on the values.
    let x = net::zeroed_box::<M::Input>();
    let mut scratch = net::zeroed_box::<M::Scratch>();
    on_a_thread(move || {
        stack_depth(&mut || {
            std::hint::black_box(model.forward_in(&x, &mut scratch));
        })
    })
}

/// `f` on a thread whose stack holds the painted band with room to spare.
fn on_a_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(f)
        .expect("a thread")
        .join()
        .expect("the measured code returns")
}

/// How deep below its caller's frame the stack goes while `run` runs, by
/// painting: a band under the stack pointer is filled with a pattern, `run`
/// runs, and the lowest byte that lost the pattern marks the depth.
#[cfg(target_arch = "x86_64")]
fn stack_depth(run: &mut dyn FnMut()) -> Option<usize> {
    const BAND: usize = 1 << 20;
    // The red zone: what this frame may keep under the stack pointer.
    const RED_ZONE: usize = 128;
    const PATTERN: u8 = 0xa5;
    let sp: usize;
    // SAFETY: reads the stack pointer, nothing else.
    unsafe {
        std::arch::asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags))
    };
    let low = sp - BAND;
    // SAFETY: the band lies in this thread's 4 MB stack, under every live
    // frame and the red zone; `rep stosb` fills it without a call, so
    // nothing else runs on it while it is painted.
    unsafe {
        std::arch::asm!("rep stosb", inout("rcx") BAND - RED_ZONE => _, inout("rdi") low => _, in("al") PATTERN, options(nostack, preserves_flags));
    }
    call(run);
    let touched = (low..sp - RED_ZONE)
        // SAFETY: the band painted above, still mapped, read byte by byte.
        .find(|&at| unsafe { std::ptr::read_volatile(at as *const u8) } != PATTERN)?;
    Some(sp - touched)
}

#[cfg(not(target_arch = "x86_64"))]
fn stack_depth(run: &mut dyn FnMut()) -> Option<usize> {
    run();
    None
}

/// `run` in a frame of its own, so that its stack is below the painted mark.
#[inline(never)]
fn call(run: &mut dyn FnMut()) {
    run();
}

/// Checks the painting on a frame of known size: a 10,000-byte array.
fn calibrate() {
    let depth = on_a_thread(|| {
        stack_depth(&mut || {
            let frame = std::hint::black_box([1u8; 10_000]);
            std::hint::black_box(&frame);
        })
    });
    if let Some(depth) = depth {
        assert!(
            (10_000..11_000).contains(&depth),
            "painting measured a 10,000-byte frame as {depth} bytes"
        );
    }
}

fn main() {
    calibrate();
    println!("| model | weights | scratch | largest activation | every activation | `forward_in`'s stack |");
    println!("|---|---|---|---|---|---|");
    row("LeNet5", &LeNet5::SUMMARY, LeNet5::new(1));
    row("Denoiser", &Denoiser::SUMMARY, Denoiser::new(1));
    row("Resnet8", &Resnet8::SUMMARY, Resnet8::new(1));
    row("DsCnn", &DsCnn::SUMMARY, DsCnn::new(1));
    row("MobileNetV1", &MobileNetV1::SUMMARY, MobileNetV1::new(1));
    row(
        "AnomalyAutoencoder",
        &AnomalyAutoencoder::SUMMARY,
        AnomalyAutoencoder::new(1),
    );
    row("UNet", &UNet::SUMMARY, UNet::new(1));
}
