//! Any bytes as a safetensors file of a small network with batch norm: the
//! load is Ok or an Err, never a panic or an abort, and after an Err the
//! model is what it was.
#![no_main]

use libfuzzer_sys::fuzz_target;
use net::prelude::*;

network! {
    struct Small: [2, 6, 6] {
        conv: Conv2d(3, kernel = 3, padding = 1),
        bn: BatchNorm,
        Relu,
        Flatten,
        fc: Dense(4),
    }
}

/// Every value of every tensor, as bits.
fn bits(model: &Small) -> Vec<u64> {
    let mut out = Vec::new();
    net::NamedTensors::visit(model, &mut |_, _, data| match data {
        net::TensorData::F32(v) => out.extend(v.iter().map(|x| x.to_bits() as u64)),
        net::TensorData::I64(v) => out.extend(v.iter().map(|&x| x as u64)),
    });
    out
}

fuzz_target!(|bytes: &[u8]| {
    let path = std::env::temp_dir().join(format!("net-fuzz-{}.safetensors", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    let mut model = Small::new(1);
    let before = bits(&model);
    if model.load_safetensors(&path).is_err() {
        assert!(bits(&model) == before, "a failed load changed the model");
    }
});
