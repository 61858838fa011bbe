//! How much a file may make a reader take: bytes read from disk, bytes a
//! gzip stream inflates to, pixels of an image, tensors of a safetensors
//! file. Every reader of untrusted bytes checks a file against its limits
//! before it allocates for what the file says it holds, so a small file that
//! claims a huge size is an error that names the limit, not an abort.

use crate::error::Error;
use std::io::Read;
use std::path::Path;

/// The limits a reader holds a file to. The defaults fit models and data
/// sets of the size `net` is for with room to spare (MNIST's 60,000 training
/// images inflate to 47 MB, the largest model of `net::models` is 1.1 MB),
/// and keep any file's cost under about a gigabyte of memory; raise a field
/// to read more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes read from one file: 256 MiB.
    pub file_bytes: u64,
    /// Bytes one gzip stream may inflate to: 256 MiB (as f32 samples, a
    /// gigabyte).
    pub inflated_bytes: u64,
    /// Pixels of one decoded image: 2^26 (8192 x 8192; 256 MB as f32).
    pub pixels: u64,
    /// Tensors in one safetensors file: 65,536.
    pub tensors: u64,
}

impl Limits {
    /// The defaults, as a constant.
    pub const DEFAULT: Limits = Limits {
        file_bytes: 256 << 20,
        inflated_bytes: 256 << 20,
        pixels: 1 << 26,
        tensors: 65_536,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// One field of [`Limits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`Limits::file_bytes`].
    FileBytes,
    /// [`Limits::inflated_bytes`].
    InflatedBytes,
    /// [`Limits::pixels`].
    Pixels,
    /// [`Limits::tensors`].
    Tensors,
}

impl Limit {
    /// What the number counts, and of what.
    pub(crate) fn counts(self) -> (&'static str, &'static str) {
        match self {
            Limit::FileBytes => ("the file holds", "bytes"),
            Limit::InflatedBytes => ("the gzip stream inflates to", "bytes"),
            Limit::Pixels => ("the image has", "pixels"),
            Limit::Tensors => ("the file lists", "tensors"),
        }
    }

    /// The field's name, as the error gives it.
    pub(crate) fn field(self) -> &'static str {
        match self {
            Limit::FileBytes => "Limits::file_bytes",
            Limit::InflatedBytes => "Limits::inflated_bytes",
            Limit::Pixels => "Limits::pixels",
            Limit::Tensors => "Limits::tensors",
        }
    }
}

/// A limit a file went over: which, its value, and what the file needs
/// (`None`: more than the limit, where the reader stopped at it).
pub fn over(path: &Path, limit: Limit, allowed: u64, needs: Option<u64>) -> Error {
    Error::Limit {
        path: path.to_path_buf(),
        limit,
        allowed,
        needs,
    }
}

/// The bytes of a file, at most `limits.file_bytes` of them: a file larger
/// than that, or a stream that does not end before it (`/dev/zero`), is an
/// error and no more than the limit is read.
pub fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let allowed = limits.file_bytes;
    let size = file.metadata().map_err(io)?.len();
    if size > allowed {
        return Err(over(path, Limit::FileBytes, allowed, Some(size)));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(allowed.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > allowed {
        return Err(over(path, Limit::FileBytes, allowed, None));
    }
    Ok(bytes)
}

/// A gzip stream inflated, to at most `limits.inflated_bytes`; `path` names
/// the file in errors.
pub fn inflate_gzip(path: &Path, compressed: &[u8], limits: &Limits) -> Result<Vec<u8>, Error> {
    let allowed = limits.inflated_bytes;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(compressed)
        .take(allowed.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| Error::Format {
            path: path.to_path_buf(),
            message: format!("the gzip stream is damaged ({e})"),
        })?;
    if out.len() as u64 > allowed {
        return Err(over(path, Limit::InflatedBytes, allowed, None));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!("net-limits-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn a_file_over_the_limit_is_an_error_that_names_it() {
        let path = temp("big", &[7; 100]);
        let small = Limits {
            file_bytes: 99,
            ..Limits::DEFAULT
        };
        let message = read_file(&path, &small).unwrap_err().to_string();
        assert!(
            message.contains("100 bytes") && message.contains("Limits::file_bytes"),
            "{message}"
        );
        let exact = Limits {
            file_bytes: 100,
            ..Limits::DEFAULT
        };
        assert_eq!(read_file(&path, &exact).unwrap(), [7; 100]);
    }

    #[test]
    fn a_stream_without_end_stops_at_the_limit() {
        let limits = Limits {
            file_bytes: 1 << 16,
            ..Limits::DEFAULT
        };
        let message = read_file(Path::new("/dev/zero"), &limits)
            .unwrap_err()
            .to_string();
        assert!(message.contains("more than 65536 bytes"), "{message}");
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_limit() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(&vec![0; 10 << 20]).unwrap();
        let bomb = encoder.finish().unwrap();
        assert!(bomb.len() < 20_000);
        let limits = Limits {
            inflated_bytes: 1 << 20,
            ..Limits::DEFAULT
        };
        let message = inflate_gzip(Path::new("bomb.gz"), &bomb, &limits)
            .unwrap_err()
            .to_string();
        assert!(message.contains("Limits::inflated_bytes"), "{message}");
        assert_eq!(
            inflate_gzip(Path::new("bomb.gz"), &bomb, &Limits::DEFAULT)
                .unwrap()
                .len(),
            10 << 20
        );
    }
}
