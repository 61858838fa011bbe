use std::path::PathBuf;

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

/// Everything a `net` call on user data can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A slice of the wrong length.
    #[error(transparent)]
    Shape(#[from] ShapeError),
    /// A file that could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}
