//! Compile-time checks, read as a user reads them: each case under tests/ui
//! either compiles and runs, or fails with the committed `.stderr`.

use safetensors::tensor::{Dtype, TensorView};
use std::path::{Path, PathBuf};

#[test]
fn ui() {
    write_weight_files(&trybuild_dir().join("weights"));
    let cases = trybuild::TestCases::new();
    // Passing cases make trybuild build (not only check) every case, which is
    // what surfaces the kernels' `const { assert!(..) }` failures.
    cases.pass("tests/ui/kernels/pass_*.rs");
    cases.compile_fail("tests/ui/kernels/fail_*.rs");
    cases.pass("tests/ui/network/pass_*.rs");
    cases.compile_fail("tests/ui/network/fail_*.rs");
    cases.pass("tests/ui/weights/pass_*.rs");
    cases.compile_fail("tests/ui/weights/fail_*.rs");
    cases.compile_fail("tests/ui/lab/fail_*.rs");
}

/// The crate trybuild compiles the cases in: `#[weights(..)]` paths are
/// relative to it, as to any crate's directory.
fn trybuild_dir() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the tmp directory is in the target directory");
    target.join("tests/trybuild").join(env!("CARGO_PKG_NAME"))
}

/// The files of the `#[weights]` cases, for the network they all declare
/// (`conv: Conv2d(2, 3)` on [1, 4, 4], `bn: BatchNorm`, `fc: Dense(3)`
/// after flattening [2, 2, 2]). Element `i` of the `k`-th tensor is
/// `k + i / 100`, so the passing case can tell every tensor apart.
fn write_weight_files(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let right: &[(&str, &[usize])] = &[
        ("conv.weight", &[2, 1, 3, 3]),
        ("conv.bias", &[2]),
        ("bn.weight", &[2]),
        ("bn.bias", &[2]),
        ("bn.running_mean", &[2]),
        ("bn.running_var", &[2]),
        ("fc.weight", &[3, 8]),
        ("fc.bias", &[3]),
    ];
    let f32s = |k: usize, shape: &[usize]| -> Stored {
        let n: usize = shape.iter().product();
        let bytes = (0..n)
            .flat_map(|i| (k as f32 + i as f32 / 100.0).to_le_bytes())
            .collect();
        (Dtype::F32, shape.to_vec(), bytes)
    };
    let counter = (Dtype::I64, vec![], 7i64.to_le_bytes().to_vec());
    let all: Vec<_> = right
        .iter()
        .enumerate()
        .map(|(k, (name, shape))| (name.to_string(), f32s(k, shape)))
        .collect();
    let with_counter = [
        all.clone(),
        vec![("bn.num_batches_tracked".to_string(), counter)],
    ]
    .concat();
    write(&dir.join("tiny.safetensors"), &with_counter);
    write(&dir.join("tiny_without_counter.safetensors"), &all);

    // Every kind of mismatch at once: a misshapen tensor, a missing one, one
    // in float64, and one that no layer has.
    let mut wrong = all.clone();
    wrong[0].1 = f32s(0, &[2, 3, 3, 3]);
    wrong.retain(|(name, _)| name != "fc.bias");
    let var = wrong
        .iter_mut()
        .find(|(n, _)| n == "bn.running_var")
        .unwrap();
    var.1 = (
        Dtype::F64,
        vec![2],
        [1f64, 1.0].iter().flat_map(|v| v.to_le_bytes()).collect(),
    );
    wrong.push(("fc2.weight".to_string(), f32s(9, &[3, 8])));
    write(&dir.join("wrong.safetensors"), &wrong);

    std::fs::write(dir.join("not_safetensors.safetensors"), b"weights\n").unwrap();
}

/// A tensor for the file: its dtype, shape and little-endian bytes.
type Stored = (Dtype, Vec<usize>, Vec<u8>);

fn write(path: &Path, tensors: &[(String, Stored)]) {
    let views = tensors.iter().map(|(name, (dtype, shape, bytes))| {
        (
            name.as_str(),
            TensorView::new(*dtype, shape.clone(), bytes).unwrap(),
        )
    });
    std::fs::write(path, safetensors::serialize(views, None).unwrap()).unwrap();
}
