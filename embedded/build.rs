//! The binary is for x86-64 Linux without a C runtime: it brings its own
//! `_start` and system calls, so it links with no start files, no libc and
//! no dynamic loader (and as a position-dependent executable, since nothing
//! would apply a position-independent one's relocations).

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    if os == "linux" && arch == "x86_64" {
        for arg in ["-nostartfiles", "-nostdlib", "-static", "-no-pie"] {
            println!("cargo:rustc-link-arg-bins={arg}");
        }
    }
}
