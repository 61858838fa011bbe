#[cfg(feature = "std")]
use std::{fmt, path::PathBuf};

/// A slice whose length does not match the tensor it was meant to fill.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected} values for a tensor of shape {shape:?}, found {found}")]
pub struct ShapeError {
    /// The tensor's shape, channels first.
    pub shape: &'static [usize],
    /// Its number of elements.
    pub expected: usize,
    /// The length that was given.
    pub found: usize,
}

/// One way a tensor in a file differs from what the model holds.
#[cfg(feature = "std")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TensorMismatch {
    /// The model has the tensor; the file does not.
    Missing {
        /// The tensor's name.
        name: String,
    },
    /// The file has a tensor the model does not.
    Unexpected {
        /// The tensor's name.
        name: String,
    },
    /// Both have it, with different shapes.
    Shape {
        /// The tensor's name.
        name: String,
        /// The model's shape.
        expected: Vec<usize>,
        /// The file's shape.
        found: Vec<usize>,
    },
    /// Both have it, with different element types.
    Dtype {
        /// The tensor's name.
        name: String,
        /// The model's dtype.
        expected: String,
        /// The file's dtype.
        found: String,
    },
}

#[cfg(feature = "std")]
impl TensorMismatch {
    /// The tensor's name.
    pub fn name(&self) -> &str {
        match self {
            Self::Missing { name } | Self::Unexpected { name } => name,
            Self::Shape { name, .. } | Self::Dtype { name, .. } => name,
        }
    }
}

#[cfg(feature = "std")]
impl fmt::Display for TensorMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { name } => write!(f, "{name}: missing from the file"),
            Self::Unexpected { name } => {
                write!(f, "{name}: in the file, but the model has no such tensor")
            }
            Self::Shape {
                name,
                expected,
                found,
            } => {
                write!(f, "{name}: expected shape {expected:?}, found {found:?}")
            }
            Self::Dtype {
                name,
                expected,
                found,
            } => {
                write!(f, "{name}: expected dtype {expected}, found {found}")
            }
        }
    }
}

#[cfg(feature = "std")]
fn over_limit(limit: crate::limits::Limit, allowed: u64, needs: Option<u64>) -> String {
    let (what, unit) = limit.counts();
    let field = limit.field();
    match needs {
        Some(n) => format!(
            "{what} {n} {unit}, more than the limit of {allowed} ({field}); raise it to read this file"
        ),
        None => format!(
            "{what} more than {allowed} {unit}, the limit ({field}); raise it to read this file"
        ),
    }
}

#[cfg(feature = "std")]
fn list(problems: &[TensorMismatch]) -> String {
    // A file of thousands of stray tensors would make a message of megabytes;
    // the error value keeps every problem.
    const SHOWN: usize = 20;
    let mut out: String = problems
        .iter()
        .take(SHOWN)
        .map(|p| format!("\n  {p}"))
        .collect();
    if problems.len() > SHOWN {
        out += &format!("\n  ... and {} more", problems.len() - SHOWN);
    }
    out
}

/// Everything a `net` call on user data can fail with.
#[cfg(feature = "std")]
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A slice of the wrong length.
    #[error(transparent)]
    Shape(#[from] ShapeError),
    /// A file that could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A file over one of the readers' [`Limits`](crate::limits::Limits),
    /// found before the memory was taken.
    #[error("{}: {}", path.display(), over_limit(*limit, *allowed, *needs))]
    Limit {
        /// The file.
        path: PathBuf,
        /// The limit it went over.
        limit: crate::limits::Limit,
        /// The limit's value.
        allowed: u64,
        /// What the file needs, where the reader knows it without reading
        /// on (else it holds more than the limit).
        needs: Option<u64>,
    },
    /// A file that is not in the format it should be.
    #[error("{}: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// Two batches that must be as long as each other are not.
    #[error("expected {expected} {what}, one per sample of the batch, found {found}")]
    Batch {
        /// What was counted.
        what: &'static str,
        /// The batch size.
        expected: usize,
        /// How many were given.
        found: usize,
    },
    /// A label map whose length is not the number of positions of the
    /// output's map.
    #[error("a label map holds {found} labels, but the output has {expected} positions (one label per position, row-major)")]
    LabelMap {
        /// Positions of the output: its values over its channels.
        expected: usize,
        /// Labels in the map.
        found: usize,
    },
    /// A class label outside the model's outputs.
    #[error("label {label} is out of range for {classes} classes")]
    Label {
        /// The label.
        label: usize,
        /// The number of classes (outputs).
        classes: usize,
    },
    /// A safetensors file whose tensors do not match the model's; nothing was loaded.
    #[error("{}: the tensors do not match the model, nothing was loaded:{}", path.display(), list(problems))]
    Tensors {
        /// The file.
        path: PathBuf,
        /// Every mismatching tensor.
        problems: Vec<TensorMismatch>,
    },
}
