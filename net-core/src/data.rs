//! Data sets: IDX files (MNIST's format, plain or gzipped), a labelled data set
//! with seeded shuffling and batching, and the MNIST loader.

use crate::error::Error;
use crate::limits::{inflate_gzip, read_file, Limits};
use crate::rng::Rng;
use crate::tensor::{Tensor, Tensor3};
use std::path::{Path, PathBuf};

/// An IDX array of unsigned bytes: its dimensions and its values in row-major order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdxArray {
    /// The sizes, outermost first (for MNIST images: count, rows, columns).
    pub dims: Vec<usize>,
    /// The values.
    pub data: Vec<u8>,
}

fn format_error(path: &Path, message: impl Into<String>) -> Error {
    Error::Format {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// Reads an IDX file of unsigned bytes (type code 0x08), gzipped or not: a
/// gzip stream is recognised by its magic bytes, whatever the file's name.
/// The file and its inflated stream are held to [`Limits::DEFAULT`].
pub fn read_idx(path: impl AsRef<Path>) -> Result<IdxArray, Error> {
    read_idx_with(path, &Limits::DEFAULT)
}

/// [`read_idx`] with the given limits.
pub fn read_idx_with(path: impl AsRef<Path>, limits: &Limits) -> Result<IdxArray, Error> {
    let path = path.as_ref();
    let raw = read_file(path, limits)?;
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        inflate_gzip(path, &raw, limits)?
    } else {
        raw
    };
    parse_idx(bytes).map_err(|message| format_error(path, message))
}

/// The array in `bytes`, whose header it drops in place rather than copy the
/// data (which may be as large as the limits allow).
fn parse_idx(mut bytes: Vec<u8>) -> Result<IdxArray, String> {
    if bytes.len() < 4 {
        return Err(format!(
            "{} bytes is too short for an IDX header",
            bytes.len()
        ));
    }
    if bytes[0] != 0 || bytes[1] != 0 {
        return Err(format!(
            "the magic number starts {:02x} {:02x}, not 00 00: this is not an IDX file",
            bytes[0], bytes[1]
        ));
    }
    if bytes[2] != 0x08 {
        return Err(format!(
            "element type 0x{:02x} is not supported: only unsigned bytes (0x08) are",
            bytes[2]
        ));
    }
    let rank = bytes[3] as usize;
    let header = 4 + 4 * rank;
    if rank == 0 || bytes.len() < header {
        return Err(format!(
            "the header promises {rank} dimensions but the file holds {} bytes",
            bytes.len()
        ));
    }
    let dims: Vec<usize> = bytes[4..header]
        .chunks_exact(4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .collect();
    let expected = dims
        .iter()
        .try_fold(1usize, |n, &d| n.checked_mul(d))
        .ok_or("the dimensions overflow")?;
    let found = bytes.len() - header;
    if found < expected {
        return Err(format!(
            "truncated: dimensions {dims:?} need {expected} bytes of data, found {found}"
        ));
    }
    if found > expected {
        return Err(format!(
            "dimensions {dims:?} need {expected} bytes of data, but {found} follow the header"
        ));
    }
    bytes.drain(..header);
    Ok(IdxArray { dims, data: bytes })
}

/// Samples with class labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset<T> {
    /// The samples.
    pub inputs: Vec<T>,
    /// One class index per sample.
    pub labels: Vec<usize>,
}

impl<T: Tensor> Dataset<T> {
    /// A data set; the two lists must be as long as each other.
    pub fn new(inputs: Vec<T>, labels: Vec<usize>) -> Result<Self, Error> {
        if inputs.len() != labels.len() {
            return Err(Error::Batch {
                what: "labels",
                expected: inputs.len(),
                found: labels.len(),
            });
        }
        Ok(Self { inputs, labels })
    }

    /// The number of samples.
    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    /// Whether there are no samples.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// The first `n` samples and the rest (all in the first if `n` is larger).
    pub fn split_at(&self, n: usize) -> (Self, Self) {
        let n = n.min(self.len());
        (
            Self {
                inputs: self.inputs[..n].to_vec(),
                labels: self.labels[..n].to_vec(),
            },
            Self {
                inputs: self.inputs[n..].to_vec(),
                labels: self.labels[n..].to_vec(),
            },
        )
    }

    /// The samples at `indices`, in that order.
    pub fn select(&self, indices: &[usize]) -> Self {
        Self {
            inputs: indices.iter().map(|&i| self.inputs[i]).collect(),
            labels: indices.iter().map(|&i| self.labels[i]).collect(),
        }
    }

    /// The sample indices in batches of `batch_size` (the last may be shorter),
    /// shuffled by `rng` when given.
    pub fn batches(&self, batch_size: usize, rng: Option<&mut Rng>) -> Vec<Vec<usize>> {
        let mut order: Vec<usize> = (0..self.len()).collect();
        if let Some(rng) = rng {
            rng.shuffle(&mut order);
        }
        order
            .chunks(batch_size.max(1))
            .map(<[usize]>::to_vec)
            .collect()
    }
}

/// A 28x28 digit scaled to [0, 1].
pub type Digit = Tensor3<1, 28, 28>;

/// Reads MNIST images and labels from two IDX files: the images must be
/// `count x 28 x 28`, the labels `count` values from 0 to 9.
pub fn load_mnist(
    images: impl AsRef<Path>,
    labels: impl AsRef<Path>,
) -> Result<Dataset<Digit>, Error> {
    let (images, labels) = (images.as_ref(), labels.as_ref());
    let pixels = read_idx(images)?;
    let classes = read_idx(labels)?;
    if pixels.dims.len() != 3 || pixels.dims[1..] != [28, 28] {
        return Err(format_error(
            images,
            format!(
                "expected images of shape [count, 28, 28], found {:?}",
                pixels.dims
            ),
        ));
    }
    if classes.dims.len() != 1 {
        return Err(format_error(
            labels,
            format!("expected labels of shape [count], found {:?}", classes.dims),
        ));
    }
    if pixels.dims[0] != classes.dims[0] {
        return Err(format_error(
            labels,
            format!(
                "{} labels for the {} images of {}",
                classes.dims[0],
                pixels.dims[0],
                images.display()
            ),
        ));
    }
    if let Some(position) = classes.data.iter().position(|&l| l > 9) {
        return Err(format_error(
            labels,
            format!(
                "label {} at position {position} is not a digit",
                classes.data[position]
            ),
        ));
    }
    let inputs = pixels
        .data
        .chunks_exact(28 * 28)
        .map(|image| Digit::zeros().map_indexed(|i| image[i] as f32 / 255.0))
        .collect();
    Ok(Dataset {
        inputs,
        labels: classes.data.iter().map(|&l| l as usize).collect(),
    })
}

/// The files of an MNIST directory: the 10,000-digit set this repository ships
/// (`images-idx3-ubyte.gz`, `labels-idx1-ubyte.gz`) or the full set's training
/// and test files (`train-images-idx3-ubyte[.gz]`, `t10k-...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MnistFiles {
    /// One set of images and labels, to be split.
    Single {
        /// The images file.
        images: PathBuf,
        /// The labels file.
        labels: PathBuf,
    },
    /// Separate training and test files.
    TrainTest {
        /// Training images and labels.
        train: (PathBuf, PathBuf),
        /// Test images and labels.
        test: (PathBuf, PathBuf),
    },
}

/// Finds the MNIST files in `dir`, gzipped or not.
pub fn find_mnist(dir: impl AsRef<Path>) -> Result<MnistFiles, Error> {
    let dir = dir.as_ref();
    let find = |stem: &str| -> Option<PathBuf> {
        [format!("{stem}.gz"), stem.to_string()]
            .into_iter()
            .map(|name| dir.join(name))
            .find(|p| p.is_file())
    };
    let full = (
        find("train-images-idx3-ubyte"),
        find("train-labels-idx1-ubyte"),
        find("t10k-images-idx3-ubyte"),
        find("t10k-labels-idx1-ubyte"),
    );
    if let (Some(a), Some(b), Some(c), Some(d)) = full {
        return Ok(MnistFiles::TrainTest {
            train: (a, b),
            test: (c, d),
        });
    }
    if let (Some(images), Some(labels)) = (find("images-idx3-ubyte"), find("labels-idx1-ubyte")) {
        return Ok(MnistFiles::Single { images, labels });
    }
    Err(format_error(
        dir,
        "no MNIST files here: expected train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], \
         t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz], or images-idx3-ubyte[.gz] and labels-idx1-ubyte[.gz]",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn idx(dims: &[u32], data: &[u8]) -> Vec<u8> {
        let mut bytes = vec![0, 0, 8, dims.len() as u8];
        for d in dims {
            bytes.extend(d.to_be_bytes());
        }
        bytes.extend(data);
        bytes
    }

    fn temp(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("net-idx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn reads_plain_and_gzipped_files() {
        let bytes = idx(&[2, 3], &[1, 2, 3, 4, 5, 6]);
        let plain = read_idx(temp("plain.idx", &bytes)).unwrap();
        assert_eq!(
            plain,
            IdxArray {
                dims: vec![2, 3],
                data: vec![1, 2, 3, 4, 5, 6]
            }
        );
        assert_eq!(read_idx(temp("packed.idx", &gzip(&bytes))).unwrap(), plain);
    }

    #[test]
    fn malformed_files_say_which_file_and_what_is_wrong() {
        let cases: [(&str, Vec<u8>, &str); 5] = [
            ("magic.idx", vec![1, 2, 8, 1, 0, 0, 0, 0], "not an IDX file"),
            (
                "type.idx",
                vec![0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0],
                "element type 0x0d",
            ),
            (
                "short.idx",
                idx(&[2, 3], &[1, 2, 3]),
                "truncated: dimensions [2, 3] need 6 bytes of data, found 3",
            ),
            (
                "long.idx",
                idx(&[1], &[1, 2]),
                "need 1 bytes of data, but 2 follow",
            ),
            (
                "header.idx",
                vec![0, 0, 8, 3, 0, 0],
                "promises 3 dimensions",
            ),
        ];
        for (name, bytes, expected) in cases {
            let error = read_idx(temp(name, &bytes)).unwrap_err().to_string();
            assert!(error.contains(name) && error.contains(expected), "{error}");
        }
        let mut damaged = gzip(&idx(&[4], &[1, 2, 3, 4]));
        damaged.truncate(damaged.len() - 6);
        let error = read_idx(temp("damaged.gz", &damaged))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("damaged.gz") && error.contains("gzip"),
            "{error}"
        );
        let error = read_idx(temp("x", b"").with_file_name("absent.idx"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("absent.idx"), "{error}");
    }

    #[test]
    fn mnist_images_and_labels_must_agree() {
        let images = temp("images.idx", &idx(&[2, 28, 28], &[255; 2 * 784]));
        let labels = temp("labels.idx", &idx(&[2], &[3, 9]));
        let data = load_mnist(&images, &labels).unwrap();
        assert_eq!((data.len(), data.labels.clone()), (2, vec![3, 9]));
        assert!(data.inputs[1].as_slice().iter().all(|&v| v == 1.0));

        let three = temp("labels3.idx", &idx(&[3], &[1, 2, 3]));
        let error = load_mnist(&images, &three).unwrap_err().to_string();
        assert!(
            error.contains("labels3.idx") && error.contains("3 labels for the 2 images"),
            "{error}"
        );
        let big = temp("labels_big.idx", &idx(&[2], &[1, 12]));
        assert!(load_mnist(&images, &big)
            .unwrap_err()
            .to_string()
            .contains("label 12 at position 1"));
        let small_images = temp("small.idx", &idx(&[1, 8, 8], &[0; 64]));
        assert!(load_mnist(&small_images, &labels)
            .unwrap_err()
            .to_string()
            .contains("[count, 28, 28]"));
    }

    #[test]
    fn batches_cover_every_sample_once() {
        let data = Dataset::new(vec![Tensor3::<1, 1, 1>::zeros(); 10], (0..10).collect()).unwrap();
        let batches = data.batches(4, Some(&mut Rng::seed_from_u64(1)));
        assert_eq!(batches.iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 2]);
        let mut all: Vec<usize> = batches.concat();
        assert_ne!(all, (0..10).collect::<Vec<_>>());
        all.sort();
        assert_eq!(all, (0..10).collect::<Vec<_>>());
        assert!(Dataset::new(vec![Tensor3::<1, 1, 1>::zeros(); 2], vec![0]).is_err());
    }

    /// Truncations, bit flips and huge dimensions, plain and gzipped, from
    /// one seed: every read is Ok or an Err, never a panic, and what it
    /// allocates stays within the limits.
    #[test]
    fn mangled_idx_files_never_panic() {
        let good = idx(&[3, 4, 5], &(0..60).collect::<Vec<u8>>());
        let mut rng = Rng::seed_from_u64(19);
        let mut errors = 0;
        for case in 0..400 {
            let mut bytes = good.clone();
            match case % 3 {
                0 => bytes.truncate(rng.below(good.len())),
                1 => {
                    let at = rng.below(good.len());
                    bytes[at] ^= 1 << rng.below(8);
                }
                _ => {
                    let at = 4 + 4 * rng.below(3);
                    bytes[at..at + 4].copy_from_slice(&u32::MAX.to_be_bytes());
                }
            }
            let file = if case % 2 == 0 { bytes } else { gzip(&bytes) };
            errors += usize::from(read_idx(temp("mangled.idx", &file)).is_err());
        }
        assert!(
            errors > 250,
            "only {errors} of 400 mangled files were refused"
        );
    }

    #[test]
    fn a_small_gzip_of_a_huge_consistent_file_is_refused_by_the_limit() {
        // 2,600 images a MB inflated, from a 3 KB file.
        let file = gzip(&idx(&[2_600, 28, 28], &vec![0; 2_600 * 784]));
        assert!(file.len() < 5_000);
        let limits = Limits {
            inflated_bytes: 1 << 20,
            ..Limits::DEFAULT
        };
        let error = read_idx_with(temp("bomb.idx.gz", &file), &limits).unwrap_err();
        assert!(matches!(error, Error::Limit { .. }), "{error}");
        assert_eq!(
            read_idx(temp("bomb.idx.gz", &file)).unwrap().dims,
            [2_600, 28, 28]
        );
    }
}
