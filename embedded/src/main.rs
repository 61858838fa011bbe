//! Ten held-out digits classified by LeNet-5 on x86-64 Linux with nothing
//! but the kernel: no std, no libc, no allocator, no start files. It prints
//! each digit's label and class and exits 0 only if all ten are right.
//!
//! `cargo run --release` in this directory builds and runs it.

#![no_std]
#![no_main]

use core::fmt::{self, Write};
use core::panic::PanicInfo;
use net::Network;
use net_embedded::{classify, digit, LeNet5, LeNet5Scratch, COUNT};

#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
compile_error!("this program is for x86-64 Linux; for another target build the library: cargo build --lib --target ..");

/// Every buffer of inference, in zeroed data: `new` is a `const fn`.
static mut SCRATCH: LeNet5Scratch = LeNet5Scratch::new();

// The kernel starts a process here with the stack 16-byte aligned; the
// call then leaves it as a function expects on entry.
core::arch::global_asm!(
    ".globl _start",
    "_start:",
    "xor ebp, ebp",
    "call {main}",
    "ud2",
    main = sym main,
);

extern "C" fn main() -> ! {
    if !memory_functions_work() {
        let _ = writeln!(Stdout, "memcpy, memmove, memset or memcmp is wrong");
        exit(2);
    }
    // SAFETY: the only reference to `SCRATCH` there ever is: the program has
    // one thread, and `main` runs once.
    let scratch = unsafe { &mut *core::ptr::addr_of_mut!(SCRATCH) };
    let mut right = 0;
    for i in 0..COUNT {
        let (label, _) = digit(i);
        let class = classify(i, scratch);
        right += usize::from(class == label);
        let mark = if class == label { "" } else { "  wrong" };
        let _ = writeln!(
            Stdout,
            "digit {i}: label {label}, LeNet-5 says {class}{mark}"
        );
    }
    let _ = writeln!(
        Stdout,
        "{right} of {COUNT} right; weights {} bytes in read-only data, scratch {} bytes in a static",
        <LeNet5 as Network>::WEIGHT_BYTES,
        <LeNet5 as Network>::SCRATCH_BYTES,
    );
    exit(if right == COUNT { 0 } else { 1 })
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    let _ = writeln!(Stdout, "panicked: {info}");
    exit(101)
}

/// File descriptor 1, through the `write` system call.
struct Stdout;

impl Write for Stdout {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut bytes = text.as_bytes();
        while !bytes.is_empty() {
            let written: isize;
            // SAFETY: `write(1, bytes, len)` reads only `bytes`; the kernel
            // clobbers rcx and r11, as declared.
            unsafe {
                core::arch::asm!(
                    "syscall",
                    inlateout("rax") 1isize => written,
                    in("rdi") 1,
                    in("rsi") bytes.as_ptr(),
                    in("rdx") bytes.len(),
                    lateout("rcx") _,
                    lateout("r11") _,
                    options(nostack),
                );
            }
            if written <= 0 {
                return Err(fmt::Error);
            }
            bytes = &bytes[written as usize..];
        }
        Ok(())
    }
}

fn exit(code: i32) -> ! {
    // SAFETY: `exit_group` ends the process; it does not return.
    unsafe {
        core::arch::asm!("syscall", in("rax") 231, in("rdi") code, options(noreturn, nostack));
    }
}

/// Copies, fills and comparisons through the functions below, at sizes the
/// compiler cannot see, overlapping both ways.
fn memory_functions_work() -> bool {
    use core::hint::black_box;
    let mut buf: [u8; 64] = core::array::from_fn(|i| i as u8);
    let n = black_box(40);
    // SAFETY: every range lies within `buf`'s 64 bytes.
    unsafe {
        let p = buf.as_mut_ptr();
        core::ptr::copy(p, p.add(8), n); // up: memmove from the end
        if buf[8..48].iter().enumerate().any(|(i, &b)| b != i as u8) {
            return false;
        }
        core::ptr::copy(p.add(8), p, n); // down: a forward copy
        core::ptr::write_bytes(p.add(48), black_box(7), black_box(16));
        core::ptr::copy_nonoverlapping(p, p.add(40), black_box(8));
    }
    let want = |i: usize| match i {
        0..40 => i as u8,
        40..48 => i as u8 - 40,
        _ => 7,
    };
    buf.iter().enumerate().all(|(i, &b)| b == want(i))
        && black_box(&buf[..4]) != black_box(&[0u8, 1, 2, 4][..])
        && black_box(&buf[..4]) == black_box(&[0u8, 1, 2, 3][..])
}

// What the compiler calls for copies and fills, which libc would provide.
// String instructions, not loops: the compiler would turn a loop back into
// a call of the function being defined.

/// # Safety
/// As C's `memcpy`: `n` bytes readable at `src`, writable at `dest`, apart.
#[no_mangle]
pub unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller's contract; `rep movsb` copies `n` bytes forward.
    unsafe {
        core::arch::asm!("rep movsb", inout("rcx") n => _, inout("rdi") dest => _, inout("rsi") src => _, options(nostack, preserves_flags));
    }
    dest
}

/// # Safety
/// As C's `memmove`: `n` bytes readable at `src`, writable at `dest`; they may overlap.
#[no_mangle]
pub unsafe extern "C" fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    if (dest as usize).wrapping_sub(src as usize) >= n {
        // SAFETY: `dest` does not start inside `src..src + n`, so a forward
        // copy reads every byte before it is overwritten.
        return unsafe { memcpy(dest, src, n) };
    }
    // SAFETY: the caller's contract; with the direction flag set, `rep movsb`
    // copies from the last byte down, which overlapping ranges with `dest`
    // above `src` need. The flag is cleared again, as the ABI requires.
    unsafe {
        core::arch::asm!(
            "std",
            "rep movsb",
            "cld",
            inout("rcx") n => _,
            inout("rdi") dest.add(n - 1) => _,
            inout("rsi") src.add(n - 1) => _,
            options(nostack),
        );
    }
    dest
}

/// # Safety
/// As C's `memset`: `n` bytes writable at `dest`.
#[no_mangle]
pub unsafe extern "C" fn memset(dest: *mut u8, value: i32, n: usize) -> *mut u8 {
    // SAFETY: the caller's contract; `rep stosb` stores `al` `n` times.
    unsafe {
        core::arch::asm!("rep stosb", inout("rcx") n => _, inout("rdi") dest => _, in("al") value as u8, options(nostack, preserves_flags));
    }
    dest
}

/// # Safety
/// As C's `memcmp`: `n` bytes readable at `a` and at `b`.
#[no_mangle]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    for i in 0..n {
        // SAFETY: `i < n`, within both ranges.
        let (x, y) = unsafe { (*a.add(i), *b.add(i)) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
    }
    0
}

/// # Safety
/// As `memcmp`.
#[no_mangle]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: the same contract.
    unsafe { memcmp(a, b, n) }
}
