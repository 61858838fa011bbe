//! Grayscale images: PNG in and out, conversion from and to tensors, and grids
//! of pictures.

use crate::Error;
use net::limits::Limits;
use net::Tensor3;
use std::path::Path;

/// A grayscale image, row-major, 0 for black and 1 for white.
#[derive(Debug, Clone, PartialEq)]
pub struct GrayImage {
    width: usize,
    height: usize,
    pixels: Vec<f32>,
}

impl GrayImage {
    /// A black image.
    pub fn new(width: usize, height: usize) -> Self {
        Self::filled(width, height, 0.0)
    }

    /// An image of one value.
    pub fn filled(width: usize, height: usize, value: f32) -> Self {
        Self {
            width,
            height,
            pixels: vec![value; width * height],
        }
    }

    /// An image from `width * height` values in row-major order.
    pub fn from_pixels(width: usize, height: usize, pixels: Vec<f32>) -> Result<Self, Error> {
        if pixels.len() != width * height {
            return Err(Error::Size {
                what: "pixels",
                expected: width * height,
                found: pixels.len(),
            });
        }
        Ok(Self {
            width,
            height,
            pixels,
        })
    }

    /// The one channel of a `[1, H, W]` tensor.
    pub fn from_tensor<const H: usize, const W: usize>(tensor: &Tensor3<1, H, W>) -> Self {
        Self {
            width: W,
            height: H,
            pixels: tensor.as_slice().to_vec(),
        }
    }

    /// Channel `channel` of a `[C, H, W]` tensor.
    pub fn from_channel<const C: usize, const H: usize, const W: usize>(
        tensor: &Tensor3<C, H, W>,
        channel: usize,
    ) -> Self {
        Self {
            width: W,
            height: H,
            pixels: tensor.data[channel].iter().flatten().copied().collect(),
        }
    }

    /// The image as a `[1, H, W]` tensor; it must be `W` wide and `H` high.
    pub fn to_tensor<const H: usize, const W: usize>(&self) -> Result<Tensor3<1, H, W>, Error> {
        if (self.width, self.height) != (W, H) {
            return Err(Error::Invalid(format!(
                "expected a {W}x{H} image, found {}x{}",
                self.width, self.height
            )));
        }
        Ok(Tensor3::from_slice(&self.pixels).map_err(net::Error::from)?)
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }

    /// The values, row-major.
    pub fn pixels(&self) -> &[f32] {
        &self.pixels
    }

    /// The values, row-major, mutable.
    pub fn pixels_mut(&mut self) -> &mut [f32] {
        &mut self.pixels
    }

    /// The value at column `x`, row `y`.
    pub fn get(&self, x: usize, y: usize) -> f32 {
        self.pixels[y * self.width + x]
    }

    /// Sets the value at column `x`, row `y`.
    pub fn set(&mut self, x: usize, y: usize, value: f32) {
        self.pixels[y * self.width + x] = value;
    }

    /// The image stretched so that its smallest value is 0 and its largest 1
    /// (all 0.5 when it is flat): how filters and feature maps are shown.
    pub fn normalized(&self) -> Self {
        let (low, high) = self
            .pixels
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(l, h), &v| {
                (l.min(v), h.max(v))
            });
        let range = high - low;
        let pixels = self
            .pixels
            .iter()
            .map(|&v| if range > 0.0 { (v - low) / range } else { 0.5 })
            .collect();
        Self { pixels, ..*self }
    }

    /// The image with magnitudes divided by the largest, so 0 stays black:
    /// how edge strengths are shown.
    pub fn scaled_to_max(&self) -> Self {
        let max = self.pixels.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        let pixels = self
            .pixels
            .iter()
            .map(|&v| if max > 0.0 { v.abs() / max } else { 0.0 })
            .collect();
        Self { pixels, ..*self }
    }

    /// Every pixel repeated `factor` times in each direction.
    pub fn enlarged(&self, factor: usize) -> Self {
        let (width, height) = (self.width * factor, self.height * factor);
        let pixels = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x / factor, y / factor)))
            .map(|(x, y)| self.get(x, y))
            .collect();
        Self {
            width,
            height,
            pixels,
        }
    }

    /// Reads a PNG file of any colour type and bit depth, converted to
    /// grayscale (ITU-R BT.601 luma; transparency is ignored), the file and
    /// its pixel count held to [`Limits::DEFAULT`].
    pub fn read_png(path: impl AsRef<Path>) -> Result<Self, Error> {
        Self::read_png_with(path, &Limits::DEFAULT)
    }

    /// [`GrayImage::read_png`] with the given limits.
    pub fn read_png_with(path: impl AsRef<Path>, limits: &Limits) -> Result<Self, Error> {
        let path = path.as_ref();
        let bytes = net::limits::read_file(path, limits)?;
        decode(&bytes, path, limits)
    }

    /// Decodes a PNG file held in memory, as [`GrayImage::read_png`].
    pub fn decode_png(bytes: &[u8]) -> Result<Self, Error> {
        decode(bytes, Path::new("<memory>"), &Limits::DEFAULT)
    }

    /// The image as an 8-bit grayscale PNG file in memory (values clamped to
    /// [0, 1]).
    pub fn encode_png(&self) -> Vec<u8> {
        let bytes: Vec<u8> = self.pixels.iter().map(|&v| to_byte(v)).collect();
        encode(self.width, self.height, png::ColorType::Grayscale, &bytes)
    }

    /// Writes the image as an 8-bit grayscale PNG file, creating its folder.
    pub fn write_png(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        write_file(path.as_ref(), &self.encode_png())
    }
}

/// Writes 8-bit RGB pixels (`width * height * 3` bytes) as a PNG file,
/// creating its folder.
pub fn write_rgb_png(
    path: impl AsRef<Path>,
    width: usize,
    height: usize,
    rgb: &[u8],
) -> Result<(), Error> {
    if rgb.len() != width * height * 3 {
        return Err(Error::Size {
            what: "RGB bytes",
            expected: width * height * 3,
            found: rgb.len(),
        });
    }
    write_file(
        path.as_ref(),
        &encode(width, height, png::ColorType::Rgb, rgb),
    )
}

/// Images side by side in rows of `columns`, `gap` pixels apart on a
/// background of `background`; each cell is as large as the largest image.
pub fn grid(images: &[GrayImage], columns: usize, gap: usize, background: f32) -> GrayImage {
    let columns = columns.clamp(1, images.len().max(1));
    let rows = images.len().div_ceil(columns);
    let cell_w = images.iter().map(|i| i.width).max().unwrap_or(0);
    let cell_h = images.iter().map(|i| i.height).max().unwrap_or(0);
    let mut out = GrayImage::filled(
        columns * cell_w + (columns + 1) * gap,
        rows * cell_h + (rows + 1) * gap,
        background,
    );
    for (index, image) in images.iter().enumerate() {
        let left = gap + (index % columns) * (cell_w + gap);
        let top = gap + (index / columns) * (cell_h + gap);
        for y in 0..image.height {
            let row = &image.pixels[y * image.width..(y + 1) * image.width];
            let start = (top + y) * out.width + left;
            out.pixels[start..start + image.width].copy_from_slice(row);
        }
    }
    out
}

/// One row of pictures per set, the first `columns` tensors of each, drawn
/// three times their size on white: how the examples show inputs next to
/// outputs.
pub fn rows_of_digits<const H: usize, const W: usize>(
    rows: &[&[Tensor3<1, H, W>]],
    columns: usize,
) -> GrayImage {
    let tiles: Vec<GrayImage> = rows
        .iter()
        .flat_map(|row| row.iter().take(columns).map(GrayImage::from_tensor))
        .collect();
    grid(&tiles, columns, 2, 1.0).enlarged(3)
}

fn to_byte(value: f32) -> u8 {
    (value.clamp(0.0, 1.0) * 255.0).round() as u8
}

fn encode(width: usize, height: usize, color: png::ColorType, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width as u32, height as u32);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    // Writing into a Vec cannot fail, and the sizes were checked by the callers.
    let mut writer = encoder.write_header().expect("a valid PNG header");
    writer
        .write_image_data(bytes)
        .expect("image data of the declared size");
    writer.finish().expect("writing to memory");
    out
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::io(dir, source))?;
    }
    std::fs::write(path, bytes).map_err(|source| Error::io(path, source))
}

/// What the decoder is not trusted with, checked in the chunks themselves
/// before it runs: the pixel count the header claims (the output buffer is
/// sized from it), and a palette whose length is not a multiple of 3 (png
/// 0.18.1 panics on one). Chunks past a damaged one are left to the decoder.
fn check_chunks(bytes: &[u8], path: &Path, limits: &Limits) -> Result<(), Error> {
    let mut at = 8;
    while let Some(head) = bytes.get(at..at + 8) {
        let length = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let Some(data) = bytes.get(at + 8..).and_then(|d| d.get(..length)) else {
            break;
        };
        match &head[4..8] {
            b"IHDR" if length >= 8 => {
                let width = u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as u64;
                let height = u32::from_be_bytes([data[4], data[5], data[6], data[7]]) as u64;
                if width * height > limits.pixels {
                    return Err(net::limits::over(
                        path,
                        net::limits::Limit::Pixels,
                        limits.pixels,
                        Some(width * height),
                    )
                    .into());
                }
            }
            b"PLTE" if !length.is_multiple_of(3) || length > 768 => {
                return Err(damaged(
                    path,
                    format!("the palette (PLTE chunk) holds {length} bytes; it must hold 3 per colour, at most 256 colours"),
                ));
            }
            b"IEND" => break,
            _ => {}
        }
        at += 12 + length;
    }
    Ok(())
}

/// The decoder's errors, which print its structs (`ChunkType { .. }`), in
/// words.
fn in_words(error: png::DecodingError) -> String {
    match error {
        png::DecodingError::IoError(e) => {
            format!("the PNG data ends early or cannot be read ({e})")
        }
        png::DecodingError::Format(e) => {
            let detail = e.to_string();
            // Chunk types print as Rust structs; name them by their four letters.
            let detail = detail
                .split("ChunkType { type: ")
                .enumerate()
                .map(|(i, part)| match (i, part.split_once(", critical:")) {
                    (0, _) | (_, None) => part.to_string(),
                    (_, Some((name, rest))) => {
                        let after = rest.split_once('}').map_or("", |(_, tail)| tail);
                        format!("{name}{after}")
                    }
                })
                .collect::<String>();
            format!("the PNG data is malformed: {detail}")
        }
        png::DecodingError::Parameter(e) => format!("the PNG cannot be decoded as asked: {e}"),
        png::DecodingError::LimitsExceeded => {
            "decoding the PNG would take more memory than its pixel count allows".to_string()
        }
    }
}

/// A PNG that could not be decoded, and why.
fn damaged(path: &Path, message: String) -> Error {
    Error::Png {
        path: path.to_path_buf(),
        message,
    }
}

fn decode(bytes: &[u8], path: &Path, limits: &Limits) -> Result<GrayImage, Error> {
    check_chunks(bytes, path, limits)?;
    // At most four bytes a pixel after the 8-bit transformation, and room
    // for the decoder's own buffers.
    let budget = png::Limits {
        bytes: usize::try_from(limits.pixels.saturating_mul(8)).unwrap_or(usize::MAX),
    };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), budget);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder
        .read_info()
        .map_err(|e| damaged(path, in_words(e)))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| damaged(path, "the image is too large to decode".to_string()))?;
    let mut buffer = vec![0; size];
    let info = reader
        .next_frame(&mut buffer)
        .map_err(|e| damaged(path, in_words(e)))?;
    let channels = info.color_type.samples();
    let (width, height) = (info.width as usize, info.height as usize);
    let luma = |p: &[u8]| -> f32 {
        match p.len() {
            1 | 2 => p[0] as f32,
            _ => 0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32,
        }
    };
    let pixels = (0..height)
        .flat_map(|y| {
            let row = &buffer[y * info.line_size..][..width * channels];
            row.chunks_exact(channels).map(|p| luma(p) / 255.0)
        })
        .collect();
    Ok(GrayImage {
        width,
        height,
        pixels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_round_trip_keeps_every_pixel() {
        let pixels: Vec<f32> = (0..7 * 5).map(|i| (i * 7 % 256) as f32 / 255.0).collect();
        let image = GrayImage::from_pixels(7, 5, pixels).unwrap();
        let back = GrayImage::decode_png(&image.encode_png()).unwrap();
        assert_eq!(back, image);
    }

    #[test]
    fn colour_png_becomes_luma() {
        let rgb = [255u8, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
        let bytes = encode(2, 2, png::ColorType::Rgb, &rgb);
        let image = GrayImage::decode_png(&bytes).unwrap();
        let expected = [0.299, 0.587, 0.114, 1.0];
        for (v, e) in image.pixels().iter().zip(expected) {
            assert!((v - e).abs() < 1e-5, "{v} vs {e}");
        }
    }

    #[test]
    fn file_round_trip_and_errors_name_the_file() {
        let dir = std::env::temp_dir().join(format!("net-lab-png-{}", std::process::id()));
        let path = dir.join("nested/digit.png");
        let image = GrayImage::from_pixels(2, 1, vec![0.0, 1.0]).unwrap();
        image.write_png(&path).unwrap();
        assert_eq!(GrayImage::read_png(&path).unwrap(), image);
        std::fs::write(&path, b"not a png").unwrap();
        let error = GrayImage::read_png(&path).unwrap_err().to_string();
        assert!(error.contains("digit.png"), "{error}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn grid_places_images_in_rows() {
        let white = GrayImage::filled(2, 2, 1.0);
        let out = grid(&[white.clone(), white.clone(), white], 2, 1, 0.0);
        assert_eq!((out.width(), out.height()), (7, 7));
        assert_eq!(out.get(1, 1), 1.0);
        assert_eq!(out.get(3, 1), 0.0);
        assert_eq!(out.get(4, 4), 0.0);
        assert_eq!(out.get(1, 4), 1.0);
    }

    #[test]
    fn rows_of_digits_put_each_set_on_its_own_row() {
        let black = [Tensor3::<1, 2, 2>::zeros(); 3];
        let white = [Tensor3::<1, 2, 2>::from([[[1.0; 2]; 2]]); 3];
        let sheet = rows_of_digits(&[&black, &white], 2);
        // Two tiles of 2 and three gaps of 2 each way, drawn three times over.
        assert_eq!((sheet.width(), sheet.height()), (30, 30));
        // The black tiles on the first row, the white ones on the second,
        // on a white background.
        assert_eq!(sheet.get(7, 7), 0.0);
        assert_eq!(sheet.get(19, 7), 0.0);
        assert_eq!(sheet.get(7, 19), 1.0);
        assert_eq!(sheet.get(7, 14), 1.0);
        assert_eq!(sheet.get(1, 1), 1.0);
    }

    #[test]
    fn tensor_round_trip_and_size_check() {
        let t = Tensor3::<1, 2, 3>::from([[[0.0, 0.1, 0.2], [0.3, 0.4, 0.5]]]);
        let image = GrayImage::from_tensor(&t);
        assert_eq!(image.get(2, 1), 0.5);
        assert_eq!(image.to_tensor::<2, 3>().unwrap(), t);
        assert!(image.to_tensor::<3, 2>().is_err());
    }

    /// A PNG chunk with its CRC-32.
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut crc = !0u32;
        for &byte in kind.iter().chain(data) {
            crc ^= byte as u32;
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend(kind);
        out.extend(data);
        out.extend((!crc).to_be_bytes());
        out
    }

    /// A PNG of the given header and chunks after it.
    fn png_of(width: u32, height: u32, color: u8, chunks: &[Vec<u8>]) -> Vec<u8> {
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend(height.to_be_bytes());
        ihdr.extend([8, color, 0, 0, 0]);
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        out.extend(chunk(b"IHDR", &ihdr));
        chunks.iter().for_each(|c| out.extend(c));
        out.extend(chunk(b"IEND", &[]));
        out
    }

    #[test]
    fn a_palette_of_a_length_not_divisible_by_three_is_an_error() {
        // One pixel of colour 0, zlib-stored; the palette holds 4 bytes.
        let idat = chunk(
            b"IDAT",
            &[
                0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01,
            ],
        );
        let bytes = png_of(1, 1, 3, &[chunk(b"PLTE", &[1, 2, 3, 4]), idat.clone()]);
        let message = GrayImage::decode_png(&bytes).unwrap_err().to_string();
        assert!(
            message.contains("palette (PLTE chunk) holds 4 bytes"),
            "{message}"
        );
        let bytes = png_of(1, 1, 3, &[chunk(b"PLTE", &[255, 255, 255]), idat]);
        assert_eq!(GrayImage::decode_png(&bytes).unwrap().pixels(), [1.0]);
    }

    #[test]
    fn a_header_claiming_more_pixels_than_the_limit_is_refused_before_decoding() {
        let bytes = png_of(100_000, 100_000, 0, &[]);
        assert!(bytes.len() < 100);
        let message = GrayImage::decode_png(&bytes).unwrap_err().to_string();
        assert!(
            message.contains("10000000000 pixels") && message.contains("Limits::pixels"),
            "{message}"
        );
    }

    #[test]
    fn decoder_errors_read_as_sentences() {
        // Image data before the header.
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.extend(chunk(b"IDAT", &[0; 4]));
        let message = GrayImage::decode_png(&bytes).unwrap_err().to_string();
        assert!(!message.contains("ChunkType {"), "{message}");
        assert!(message.contains("IDAT"), "{message}");
    }

    /// Truncations, bit flips and huge header fields of a grey and a palette
    /// image, from one seed: each decode is Ok or an Err, never a panic.
    #[test]
    fn mangled_pngs_never_panic() {
        let grey =
            GrayImage::from_pixels(7, 5, (0..35).map(|i| i as f32 / 35.0).collect()).unwrap();
        let idat = chunk(
            b"IDAT",
            &[
                0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01,
            ],
        );
        let sources = [
            grey.encode_png(),
            png_of(1, 1, 3, &[chunk(b"PLTE", &[9, 9, 9]), idat]),
        ];
        let mut rng = net::Rng::seed_from_u64(19);
        for case in 0..600 {
            let good = &sources[case % 2];
            let mut bytes = good.clone();
            match case % 3 {
                0 => bytes.truncate(rng.below(good.len())),
                1 => {
                    let at = 8 + rng.below(good.len() - 8);
                    bytes[at] ^= 1 << rng.below(8);
                }
                _ => {
                    // Width, height or a chunk length made huge.
                    let at = [16, 20, 8, 33][rng.below(4)];
                    bytes[at..at + 4].copy_from_slice(&u32::MAX.to_be_bytes());
                }
            }
            let _ = GrayImage::decode_png(&bytes);
        }
    }
}
