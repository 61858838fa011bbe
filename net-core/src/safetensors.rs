//! Saving and loading [`NamedTensors`] as safetensors files, with PyTorch's
//! tensor names, shapes and dtypes, through the `safetensors` crate.

use crate::error::{Error, TensorMismatch};
use crate::limits::{over, read_file, Limit, Limits};
use crate::network::NamedTensors;
use crate::params::{TensorData, TensorDataMut};
use safetensors::tensor::{Dtype, SafeTensors, TensorView};
use std::collections::BTreeMap;
use std::path::Path;

/// Writes every tensor of `tensors` to `path`.
pub fn save<T: NamedTensors>(tensors: &T, path: &Path) -> Result<(), Error> {
    let mut entries: Vec<(String, Dtype, Vec<usize>, Vec<u8>)> = Vec::new();
    tensors.visit(&mut |name, shape, data| {
        let dtype = match data {
            TensorData::F32(_) => Dtype::F32,
            TensorData::I64(_) => Dtype::I64,
        };
        entries.push((name.to_string(), dtype, shape.to_vec(), data.to_le_bytes()));
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
    load_with(tensors, path, &Limits::DEFAULT)
}

/// [`load`] with the given limits.
pub fn load_with<T: NamedTensors>(
    tensors: &mut T,
    path: &Path,
    limits: &Limits,
) -> Result<(), Error> {
    let bytes = read_file(path, limits)?;
    check_header(path, &bytes, limits)?;
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

/// The bytes of one element of a safetensors dtype, for those it has.
fn dtype_size(dtype: &str) -> Option<u64> {
    Some(match dtype {
        "BOOL" | "U8" | "I8" | "F8_E4M3" | "F8_E5M2" => 1,
        "U16" | "I16" | "F16" | "BF16" => 2,
        "U32" | "I32" | "F32" => 4,
        "U64" | "I64" | "F64" => 8,
        _ => return None,
    })
}

/// Checks a safetensors file's header entry by entry, so that an error names
/// the tensor that is wrong (the safetensors crate's messages often name none,
/// or another): the header's length against the file, the tensor count
/// against the limit (counted before the header is parsed), and each entry's
/// dtype, shape and offsets against each other and the data.
fn check_header(path: &Path, bytes: &[u8], limits: &Limits) -> Result<(), Error> {
    let format = |message: String| Error::Format {
        path: path.to_path_buf(),
        message,
    };
    let Some(length) = bytes.first_chunk::<8>().map(|b| u64::from_le_bytes(*b)) else {
        return Err(format(format!(
            "{} bytes is too short for a safetensors file (8 bytes of header length first)",
            bytes.len()
        )));
    };
    let rest = bytes.len() as u64 - 8;
    if length > rest {
        return Err(format(format!(
            "the header claims {length} bytes, but only {rest} follow its length"
        )));
    }
    let header = &bytes[8..8 + length as usize];
    let data_len = rest - length;
    // Each tensor has one "data_offsets": a count that needs no parsing.
    let entries = header
        .windows(14)
        .filter(|w| w == b"\"data_offsets\"")
        .count() as u64;
    if entries > limits.tensors {
        return Err(over(path, Limit::Tensors, limits.tensors, Some(entries)));
    }
    let parsed: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(header)
        .map_err(|e| format(format!("the header is not a JSON object of tensors: {e}")))?;
    let mut spans = Vec::new();
    for (name, entry) in &parsed {
        if name == "__metadata__" {
            continue;
        }
        let field = |key: &str| entry.get(key);
        let dtype = field("dtype")
            .and_then(|d| d.as_str())
            .ok_or_else(|| format(format!("{name}: the header gives no dtype")))?;
        let size =
            dtype_size(dtype).ok_or_else(|| format(format!("{name}: unknown dtype {dtype}")))?;
        let shape: Vec<u64> = field("shape")
            .and_then(|s| s.as_array())
            .and_then(|dims| dims.iter().map(|d| d.as_u64()).collect())
            .ok_or_else(|| format(format!("{name}: the shape is not a list of sizes")))?;
        let offsets: Vec<u64> = field("data_offsets")
            .and_then(|s| s.as_array())
            .and_then(|o| o.iter().map(|d| d.as_u64()).collect())
            .filter(|o: &Vec<u64>| o.len() == 2)
            .ok_or_else(|| format(format!("{name}: data_offsets is not two offsets")))?;
        let (begin, end) = (offsets[0], offsets[1]);
        if begin > end || end > data_len {
            return Err(format(format!(
                "{name}: data_offsets [{begin}, {end}] do not lie within the {data_len} bytes of data"
            )));
        }
        let needs = shape
            .iter()
            .try_fold(size, |n, &d| n.checked_mul(d))
            .ok_or_else(|| format(format!("{name}: shape {shape:?} overflows")))?;
        if needs != end - begin {
            return Err(format(format!(
                "{name}: shape {shape:?} of {dtype} needs {needs} bytes, its data_offsets [{begin}, {end}] hold {}",
                end - begin
            )));
        }
        spans.push((begin, end, name.as_str()));
    }
    // The tensors tile the data, in offset order, with neither overlaps nor
    // gaps (the format's rule): each begins where the one before ends.
    spans.sort_unstable();
    let mut covered: Option<(u64, &str)> = None;
    for &(begin, end, name) in &spans {
        let (at, before) = covered.map_or((0, None), |(at, prev)| (at, Some(prev)));
        let problem = match before {
            _ if begin == at => None,
            Some(prev) if begin < at => Some(format!("overlap {prev}'s, which end at byte {at}")),
            Some(prev) => Some(format!("leave bytes {at} to {begin} after {prev} unused")),
            None => Some(format!("leave the first {begin} bytes of the data unused")),
        };
        if let Some(problem) = problem {
            return Err(format(format!(
                "{name}: data_offsets [{begin}, {end}] {problem}"
            )));
        }
        covered = Some((end, name));
    }
    let end = covered.map_or(0, |(at, _)| at);
    if end != data_len {
        return Err(format(format!(
            "the tensors' data ends at byte {end}, but the file holds {data_len} bytes of it"
        )));
    }
    Ok(())
}
