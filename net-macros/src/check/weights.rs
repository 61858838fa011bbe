//! `#[weights("file.safetensors")]`: the file read while the crate compiles
//! and held to the architecture by the rules of `load_safetensors` (every
//! tensor present with its shape, F32, nothing else; a batch norm's I64
//! counter may be absent), each problem an error at the attribute.

use crate::ast::WeightsFile;
use crate::ctxt::Ctxt;
use crate::ir::{Embedded, Step};
use crate::kinds::Role;
use crate::text::{nearest, show_shape};
use safetensors::tensor::{Dtype, SafeTensors};
use std::collections::HashMap;
use std::path::PathBuf;
use syn::Ident;

/// The most bytes of weights compiled in: `net`'s default limit on a file
/// read at run time (`Limits::DEFAULT.file_bytes`), so that a path to a huge
/// file, or to a device that never ends, fails instead of exhausting the
/// compiler's memory.
const MAX_WEIGHTS_BYTES: u64 = 256 << 20;

/// The file's bytes, or `None` if it holds more than [`MAX_WEIGHTS_BYTES`].
fn read_capped(path: &std::path::Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_WEIGHTS_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_WEIGHTS_BYTES).then_some(bytes))
}

/// The file checked against the steps' tensors, and where each tensor's
/// bytes start; `None` once an error is reported.
pub fn check(cx: &Ctxt, file: &WeightsFile, name: &Ident, steps: &[Step]) -> Option<Embedded> {
    let written = file.path.value();
    let path = resolve(&written);
    // Errors about the contents name the file as written; only one that
    // cannot find it needs the whole path.
    let shown = &written;
    let bytes = match read_capped(&path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            cx.error(
                &file.source,
                format!(
                    "{name}: the weights file `{shown}` holds more than {MAX_WEIGHTS_BYTES} bytes, \
                     more than a model compiled into a binary should"
                ),
                Some("load a file this large at run time with `load_safetensors_with` and raised limits".to_string()),
            );
            return None;
        }
        Err(error) => {
            cx.error(
                &file.source,
                format!(
                    "{name}: cannot read the weights file `{}`: {error}",
                    path.display()
                ),
                Some("the path is relative to the directory of the crate's Cargo.toml".to_string()),
            );
            return None;
        }
    };
    let tensors = match SafeTensors::deserialize(&bytes) {
        Ok(tensors) => tensors,
        Err(error) => {
            cx.error(
                &file.source,
                format!("{name}: `{shown}` is not a safetensors file: {error}"),
                Some("write it with `save_safetensors` or `safetensors.torch.save_file(model.state_dict(), ..)`".to_string()),
            );
            return None;
        }
    };
    let mut found: HashMap<String, _> = tensors.tensors().into_iter().collect();
    let mut offsets = HashMap::new();
    let mut expected = Vec::new();
    for step in steps {
        let Some(field) = &step.field else { continue };
        for param in &step.tensors {
            let full = format!("{field}.{}", param.spec.name);
            expected.push(full.clone());
            let dtype = match param.spec.role {
                Role::Counter => Dtype::I64,
                Role::Trainable | Role::Bias | Role::Buffer => Dtype::F32,
            };
            let want = show_shape(&param.dims);
            let Some(view) = found.remove(&full) else {
                if param.spec.role != Role::Counter {
                    cx.error(
                        &file.source,
                        format!("{name}: `{shown}` has no tensor `{full}`; layer `{}` takes it as {want}", step.label),
                        None,
                    );
                }
                continue;
            };
            let has = show_shape(view.shape());
            if view.dtype() != dtype {
                cx.error(
                    &file.source,
                    format!(
                        "{name}: `{full}` is {:?} {has} in `{shown}`; layer `{}` takes {dtype:?} {want}",
                        view.dtype(),
                        step.label
                    ),
                    (dtype == Dtype::F32).then(|| {
                        "save the model after `model.float()` in PyTorch, or convert the file's tensors to float32".to_string()
                    }),
                );
            } else if view.shape() != param.dims {
                cx.error(
                    &file.source,
                    format!(
                        "{name}: `{full}` is {has} in `{shown}`, but layer `{}` takes {want}",
                        step.label
                    ),
                    None,
                );
            } else {
                let start = view.data().as_ptr() as usize - bytes.as_ptr() as usize;
                offsets.insert(full, start);
            }
        }
    }
    let mut extra: Vec<_> = found.into_iter().collect();
    extra.sort_by(|a, b| a.0.cmp(&b.0));
    for (full, view) in extra {
        let near = nearest(&full, expected.iter().map(String::as_str));
        cx.error(
            &file.source,
            format!(
                "{name}: `{shown}` has a tensor `{full}` {}, which no layer of {name} takes",
                show_shape(view.shape())
            ),
            Some(match near {
                Some(near) => format!("did you mean `{near}`?"),
                None => "the names are PyTorch's `state_dict` keys: the layer's name, then the tensor's (`conv1.weight`)".to_string(),
            }),
        );
    }
    (!cx.has_errors()).then(|| Embedded {
        written,
        path: path.to_string_lossy().into_owned(),
        offsets,
    })
}

/// The file's path, relative to the crate being compiled.
fn resolve(written: &str) -> PathBuf {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    dir.join(written)
}
