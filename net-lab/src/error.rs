use std::path::PathBuf;

/// What can go wrong in `net_lab`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// From the `net` library: a data file, a weights file, a batch.
    #[error(transparent)]
    Net(#[from] net::Error),
    /// A PNG file that could not be read, decoded or written.
    #[error("{}: {message}", path.display())]
    Png {
        /// The file (`<memory>` for bytes in memory).
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A chart that could not be drawn or saved.
    #[error("{}: could not draw the chart: {message}", path.display())]
    Plot {
        /// The file it was for.
        path: PathBuf,
        /// What the drawing library said.
        message: String,
    },
    /// Data of the wrong size.
    #[error("expected {expected} {what}, found {found}")]
    Size {
        /// What was counted.
        what: &'static str,
        /// How many there should be.
        expected: usize,
        /// How many there are.
        found: usize,
    },
    /// Inputs that the computation cannot use, such as an empty set.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Net(net::Error::Io {
            path: path.into(),
            source,
        })
    }
}
