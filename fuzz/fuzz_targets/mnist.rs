//! Any bytes as a pair of MNIST files (the first byte says where the images
//! file ends): Ok or an Err, never a panic or an abort.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((&split, rest)) = bytes.split_first() else {
        return;
    };
    let at = (split as usize * rest.len() / 255).min(rest.len());
    let dir = std::env::temp_dir();
    let id = std::process::id();
    let (images, labels) = (
        dir.join(format!("net-fuzz-{id}-images")),
        dir.join(format!("net-fuzz-{id}-labels")),
    );
    std::fs::write(&images, &rest[..at]).unwrap();
    std::fs::write(&labels, &rest[at..]).unwrap();
    let _ = net::data::load_mnist(&images, &labels);
});
