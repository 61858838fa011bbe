//! Any bytes as a PNG image: Ok or an Err, never a panic or an abort.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = net_lab::image::GrayImage::decode_png(bytes);
});
