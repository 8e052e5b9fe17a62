//! The size an image file shows at, in CSS pixels, from its bytes.
//!
//! Raster formats (PNG, JPEG, GIF, WebP) are read by the `imagesize` crate, which looks only
//! at the header. A JPEG whose EXIF orientation turns it a quarter (a photo taken upright)
//! shows with its width and height swapped, as browsers show it. An SVG's size is its root
//! element's `width` and `height` (in `px`, unitless, or absolute units), completed from
//! its `viewBox` when one or both are missing; relative lengths (`%`, `em`) tell nothing.

use super::tags::{for_each_tag, StartTag};

/// The width and height an image shows at, for the file named `name` (its extension tells
/// the format) holding `bytes`; `None` for a file that is not an image of a known format or
/// whose size cannot be read.
pub(crate) fn dimensions(name: &str, bytes: &[u8]) -> Option<(u32, u32)> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    let (w, h) = match ext.as_str() {
        "svg" => svg_size(bytes)?,
        "png" | "apng" | "gif" | "webp" => raster(bytes)?,
        "jpg" | "jpeg" | "jpe" | "jfif" => {
            let (w, h) = raster(bytes)?;
            if jpeg_turned(bytes) {
                (h, w)
            } else {
                (w, h)
            }
        }
        _ => return None,
    };
    (w > 0 && h > 0).then_some((w, h))
}

/// Whether `name` has the extension of an image format [`dimensions`] reads.
pub(crate) fn is_image_name(name: &str) -> bool {
    let Some((_, ext)) = name.rsplit_once('.') else {
        return false;
    };
    [
        "svg", "png", "apng", "gif", "webp", "jpg", "jpeg", "jpe", "jfif",
    ]
    .iter()
    .any(|e| ext.eq_ignore_ascii_case(e))
}

/// The size in a raster image's header.
fn raster(bytes: &[u8]) -> Option<(u32, u32)> {
    let s = imagesize::blob_size(bytes).ok()?;
    Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?))
}

/// Whether a JPEG's EXIF orientation (5 to 8) turns it a quarter.
fn jpeg_turned(bytes: &[u8]) -> bool {
    jpeg_orientation(bytes).is_some_and(|o| (5..=8).contains(&o))
}

/// The EXIF orientation of a JPEG (1 to 8), from its APP1 segment; `None` when it has none.
fn jpeg_orientation(b: &[u8]) -> Option<u16> {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    // Segments up to the image data; EXIF comes first in practice.
    while i + 4 <= b.len() && b[i] == 0xFF {
        let marker = b[i + 1];
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        if marker == 0xDA || len < 2 {
            return None;
        }
        let seg = b.get(i + 4..i + 2 + len)?;
        if marker == 0xE1 && seg.starts_with(b"Exif\0\0") {
            return tiff_orientation(&seg[6..]);
        }
        i += 2 + len;
    }
    None
}

/// The orientation tag (0x0112) of the first image directory of a TIFF structure.
fn tiff_orientation(t: &[u8]) -> Option<u16> {
    let big = match t.get(..4)? {
        [b'M', b'M', 0, 42] => true,
        [b'I', b'I', 42, 0] => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let s: [u8; 2] = t.get(at..at + 2)?.try_into().ok()?;
        Some(if big {
            u16::from_be_bytes(s)
        } else {
            u16::from_le_bytes(s)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let s: [u8; 4] = t.get(at..at + 4)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(s)
        } else {
            u32::from_le_bytes(s)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    (0..count.min(256))
        .map(|k| ifd + 2 + k * 12)
        .find(|&e| u16_at(e) == Some(0x0112))
        .and_then(|e| u16_at(e + 8))
}

/// The size of an SVG image: its root element's `width` and `height`, completed from its
/// `viewBox`.
fn svg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut found = None;
    // The first element is the root: everything before it (prolog, comments, doctype) is
    // skipped by the scanner.
    for_each_tag(text, &[], |tag: &StartTag| {
        found = root_size(tag);
        false
    });
    found
}

/// The size an `<svg>` root element gives.
fn root_size(tag: &StartTag) -> Option<(u32, u32)> {
    let name = tag.name.rsplit(':').next().unwrap_or(tag.name);
    if !name.eq_ignore_ascii_case("svg") {
        return None;
    }
    let width = tag.attr("width").and_then(|a| length(a.value));
    let height = tag.attr("height").and_then(|a| length(a.value));
    let view = tag.attr("viewBox").and_then(|a| view_box(a.value));
    let (w, h) = match (width, height, view) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (None, None, Some(v)) => v,
        _ => return None,
    };
    let round = |x: f64| -> Option<u32> {
        let r = x.round();
        (r >= 1.0 && r <= f64::from(u32::MAX)).then_some(r as u32)
    };
    Some((round(w)?, round(h)?))
}

/// An SVG length in CSS pixels: a number, unitless or in an absolute unit; `None` for a
/// relative length (`%`, `em`) or anything else.
fn length(value: &str) -> Option<f64> {
    let v = value.trim();
    let split = v
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
        .unwrap_or(v.len());
    // `e` is an exponent only when digits follow: `1em` is a unit.
    let split = match v[..split].rfind(['e', 'E']) {
        Some(e) if !v[e + 1..split].starts_with(|c: char| c.is_ascii_digit() || c == '-') => e,
        _ => split,
    };
    let n: f64 = v[..split].parse().ok()?;
    let per = match v[split..].trim() {
        "" | "px" => 1.0,
        "in" => 96.0,
        "cm" => 96.0 / 2.54,
        "mm" => 96.0 / 25.4,
        "pt" => 96.0 / 72.0,
        "pc" => 16.0,
        _ => return None,
    };
    let px = n * per;
    (px.is_finite() && px > 0.0).then_some(px)
}

/// The width and height of a `viewBox` (`min-x min-y width height`).
fn view_box(value: &str) -> Option<(f64, f64)> {
    let nums: Vec<f64> = value
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match nums.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 && w.is_finite() && h.is_finite() => Some((*w, *h)),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PNG header of `w` × `h` (what the reader looks at).
    pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        b.extend_from_slice(b"IHDR");
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    /// A JPEG of `w` × `h` with EXIF orientation `o` (little-endian TIFF).
    fn jpeg(w: u16, h: u16, o: Option<u16>) -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        if let Some(o) = o {
            let mut tiff = b"II*\0".to_vec();
            tiff.extend_from_slice(&8u32.to_le_bytes());
            tiff.extend_from_slice(&1u16.to_le_bytes());
            tiff.extend_from_slice(&0x0112u16.to_le_bytes());
            tiff.extend_from_slice(&3u16.to_le_bytes());
            tiff.extend_from_slice(&1u32.to_le_bytes());
            tiff.extend_from_slice(&o.to_le_bytes());
            tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
            let len = (2 + 6 + tiff.len()) as u16;
            b.extend_from_slice(&[0xFF, 0xE1]);
            b.extend_from_slice(&len.to_be_bytes());
            b.extend_from_slice(b"Exif\0\0");
            b.extend_from_slice(&tiff);
        }
        b.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8]);
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&[1, 1, 0x11, 0, 0xFF, 0xD9]);
        b
    }

    #[test]
    fn raster_sizes_and_jpeg_orientation() {
        assert_eq!(dimensions("a.png", &png(40, 30)), Some((40, 30)));
        assert_eq!(dimensions("a.PNG", &png(40, 30)), Some((40, 30)));
        assert_eq!(dimensions("a.jpg", &jpeg(40, 30, None)), Some((40, 30)));
        assert_eq!(dimensions("a.jpg", &jpeg(40, 30, Some(1))), Some((40, 30)));
        assert_eq!(dimensions("a.jpeg", &jpeg(40, 30, Some(6))), Some((30, 40)));
        assert_eq!(dimensions("a.pdf", &png(40, 30)), None);
        assert_eq!(dimensions("a.png", b"not an image"), None);
        assert_eq!(dimensions("a.png", &png(0, 30)), None);
        assert_eq!(dimensions("png", &png(4, 3)), None);
    }

    #[test]
    fn svg_sizes() {
        let svg = |s: &str| dimensions("a.svg", s.as_bytes());
        assert_eq!(svg("<svg width=\"40\" height=\"30\"/>"), Some((40, 30)));
        assert_eq!(
            svg("<?xml version=\"1.0\"?>\n<!-- <svg width='1' height='1'> -->\n<!DOCTYPE svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40px\" height=\"3e1\">"),
            Some((40, 30))
        );
        assert_eq!(svg("<svg viewBox=\"0 0 120 60\">"), Some((120, 60)));
        assert_eq!(
            svg("<svg viewBox=\"0,0,120,60\" width=\"60\">"),
            Some((60, 30))
        );
        assert_eq!(
            svg("<svg viewBox=\"0 0 120 60\" height=\"30\">"),
            Some((60, 30))
        );
        assert_eq!(
            svg("<svg width=\"100%\" height=\"2em\" viewBox=\"0 0 8 6\">"),
            Some((8, 6))
        );
        assert_eq!(svg("<svg width=\"1in\" height=\"72pt\">"), Some((96, 96)));
        assert_eq!(svg("<svg width=\"100%\">"), None);
        assert_eq!(svg("<html><svg width=\"4\" height=\"3\"></html>"), None);
        assert_eq!(svg("<svg:svg width=\"4\" height=\"3\">"), Some((4, 3)));
        assert_eq!(svg("<svg viewBox=\"0 0 0 6\">"), None);
    }

    #[test]
    fn names_of_images() {
        assert!(is_image_name("a/b.SVG"));
        assert!(is_image_name("x.webp"));
        assert!(!is_image_name("x.pdf"));
        assert!(!is_image_name("png"));
    }
}
