//! Saving and loading [`NamedTensors`] as safetensors files, with PyTorch's
//! tensor names, shapes and dtypes, through the `safetensors` crate.

use crate::error::{Error, TensorMismatch};
use crate::network::NamedTensors;
use crate::params::{TensorData, TensorDataMut};
use safetensors::tensor::{Dtype, SafeTensors, TensorView};
use std::collections::BTreeMap;
use std::path::Path;

/// Writes every tensor of `tensors` to `path`.
pub fn save<T: NamedTensors>(tensors: &T, path: &Path) -> Result<(), Error> {
    let mut entries: Vec<(String, Dtype, Vec<usize>, Vec<u8>)> = Vec::new();
    tensors.visit(&mut |name, shape, data| {
        let (dtype, bytes) = match data {
            TensorData::F32(v) => (Dtype::F32, v.iter().flat_map(|x| x.to_le_bytes()).collect()),
            TensorData::I64(v) => (Dtype::I64, v.iter().flat_map(|x| x.to_le_bytes()).collect()),
        };
        entries.push((name.to_string(), dtype, shape.to_vec(), bytes));
    });
    let views = entries.iter().map(|(name, dtype, shape, bytes)| {
        let view = TensorView::new(*dtype, shape.clone(), bytes)
            .expect("byte length follows from the shape");
        (name.as_str(), view)
    });
    let bytes = safetensors::serialize(views, None).map_err(|e| Error::Format {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Whether a tensor missing from a file is read as 0: the I64 counters, the
/// only I64 tensors there are.
fn counter_may_be_absent(data: &TensorData<'_>) -> bool {
    matches!(data, TensorData::I64(_))
}

/// Reads every tensor of `tensors` from `path`, after checking that the file
/// holds exactly the expected names with the expected shapes and dtypes. An
/// I64 counter (batch norm's `num_batches_tracked`) may be absent and is then
/// 0, as PyTorch's BatchNorm loads a state_dict without version metadata
/// (every file `safetensors.torch.save_file` writes).
pub fn load<T: NamedTensors>(tensors: &mut T, path: &Path) -> Result<(), Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file = SafeTensors::deserialize(&bytes).map_err(|e| Error::Format {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut found: BTreeMap<String, TensorView<'_>> = file.tensors().into_iter().collect();
    let mut problems = Vec::new();
    let mut expected: Vec<String> = Vec::new();
    tensors.visit(&mut |name, shape, data| {
        expected.push(name.to_string());
        let want_dtype = match data {
            TensorData::F32(_) => Dtype::F32,
            TensorData::I64(_) => Dtype::I64,
        };
        match found.get(name) {
            None if counter_may_be_absent(&data) => {}
            None => problems.push(TensorMismatch::Missing {
                name: name.to_string(),
            }),
            Some(view) if view.dtype() != want_dtype => problems.push(TensorMismatch::Dtype {
                name: name.to_string(),
                expected: format!("{want_dtype:?}"),
                found: format!("{:?}", view.dtype()),
            }),
            Some(view) if view.shape() != shape => problems.push(TensorMismatch::Shape {
                name: name.to_string(),
                expected: shape.to_vec(),
                found: view.shape().to_vec(),
            }),
            Some(_) => {}
        }
    });
    for name in found.keys() {
        if !expected.contains(name) {
            problems.push(TensorMismatch::Unexpected { name: name.clone() });
        }
    }
    if !problems.is_empty() {
        return Err(Error::Tensors {
            path: path.to_path_buf(),
            problems,
        });
    }
    tensors.visit_mut(&mut |name, _, data| {
        let Some(view) = found.remove(name) else {
            // An absent counter, as PyTorch loads it: 0.
            if let TensorDataMut::I64(v) = data {
                v.fill(0);
            }
            return;
        };
        let bytes = view.data();
        match data {
            TensorDataMut::F32(v) => {
                for (x, b) in v.iter_mut().zip(bytes.chunks_exact(4)) {
                    *x = f32::from_le_bytes(b.try_into().expect("chunks of 4"));
                }
            }
            TensorDataMut::I64(v) => {
                for (x, b) in v.iter_mut().zip(bytes.chunks_exact(8)) {
                    *x = i64::from_le_bytes(b.try_into().expect("chunks of 8"));
                }
            }
        }
    });
    Ok(())
}
