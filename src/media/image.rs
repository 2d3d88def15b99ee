//! Uploaded pictures are decoded and encoded afresh: whatever else the file
//! carried (EXIF with GPS, comments, a script appended to a "polyglot")
//! is gone, and the picture is scaled down to a sensible size. Only PNG,
//! JPEG and WebP are accepted, recognised by their bytes, never by name.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};

use super::Stored;

/// Why an upload was refused; each has a message for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageError {
    /// Not PNG, JPEG or WebP.
    Type,
    /// Looked like an image but could not be decoded.
    Broken,
}

/// The image type from the file's first bytes.
fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    match bytes {
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(ImageFormat::Png),
        [0xFF, 0xD8, 0xFF, ..] => Some(ImageFormat::Jpeg),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(ImageFormat::WebP),
        _ => None,
    }
}

/// A decoded upload, ready to be encoded afresh at one or more sizes.
pub struct Picture {
    image: image::DynamicImage,
    format: ImageFormat,
}

impl Picture {
    /// Decode `bytes` (PNG, JPEG or WebP by their first bytes), with limits
    /// on what decoding may allocate: a small file can claim a huge canvas.
    pub fn decode(bytes: &[u8]) -> Result<Self, ImageError> {
        let format = sniff(bytes).ok_or(ImageError::Type)?;
        let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
        let mut limits = Limits::default();
        limits.max_image_width = Some(8192);
        limits.max_image_height = Some(8192);
        limits.max_alloc = Some(256 * 1024 * 1024);
        reader.limits(limits);
        let image = reader.decode().map_err(|_| ImageError::Broken)?;
        Ok(Self { image, format })
    }

    /// Encode at most `max_side` pixels a side: photos (JPEG) stay JPEG,
    /// everything else becomes PNG (lossless).
    pub fn encode(&self, max_side: u32) -> Result<Stored, ImageError> {
        let scaled;
        let picture = if self.image.width() > max_side || self.image.height() > max_side {
            scaled = self.image.thumbnail(max_side, max_side);
            &scaled
        } else {
            &self.image
        };
        let mut out = Cursor::new(Vec::new());
        let content_type = if self.format == ImageFormat::Jpeg {
            image::DynamicImage::ImageRgb8(picture.to_rgb8())
                .write_to(&mut out, ImageFormat::Jpeg)
                .map_err(|_| ImageError::Broken)?;
            "image/jpeg"
        } else {
            picture.write_to(&mut out, ImageFormat::Png).map_err(|_| ImageError::Broken)?;
            "image/png"
        };
        Ok(Stored { content_type: content_type.to_owned(), bytes: out.into_inner() })
    }
}

/// Decode `bytes` and re-encode them, at most `max_side` pixels a side.
pub fn reencode(bytes: &[u8], max_side: u32) -> Result<Stored, ImageError> {
    Picture::decode(bytes)?.encode(max_side)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 80, 120]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn only_real_images_are_accepted() {
        assert_eq!(reencode(b"<svg onload=alert(1)>", 512), Err(ImageError::Type));
        assert_eq!(reencode(b"GIF89a....", 512), Err(ImageError::Type));
        assert_eq!(reencode(b"\x89PNG\r\n\x1a\nnot really", 512), Err(ImageError::Broken));
    }

    #[test]
    fn big_pictures_are_scaled_and_trailing_bytes_dropped() {
        let mut bytes = png(1200, 600);
        bytes.extend_from_slice(b"<script>alert(1)</script>");
        let stored = reencode(&bytes, 512).unwrap();
        assert_eq!(stored.content_type, "image/png");
        let back = image::load_from_memory(&stored.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (512, 256));
        assert!(!stored.bytes.windows(8).any(|w| w == b"<script>"));
    }
}
