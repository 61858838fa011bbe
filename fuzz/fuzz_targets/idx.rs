//! Any bytes as an IDX file, plain or gzipped (the reader tells them apart by
//! the gzip magic): Ok or an Err, never a panic or an abort.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let path = std::env::temp_dir().join(format!("net-fuzz-{}.idx", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    let _ = net::data::read_idx(&path);
});
