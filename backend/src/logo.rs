//! Provider logos. An upload (PNG or SVG) is checked once on the way in by turning it into
//! pixels; the certificate and the preview use those pixels, so an SVG is never handed back to a
//! browser as markup and the PDF needs only one kind of image.

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;

/// The largest upload taken, in bytes: a logo, not a photo.
pub const MAX_BYTES: usize = 512 * 1024;
/// The longest side, in pixels, a PNG may have: small enough to decode without a memory spike.
const MAX_SIDE: u32 = 4000;
/// The longest side kept: sharp at 300 dpi for the 6 cm the certificate gives a logo at most,
/// and a PDF that still goes out by e-mail.
const KEPT_SIDE: u32 = 1200;
/// Shorter than this and the logo would print as a blur.
const MIN_SIDE: u32 = 32;

/// The image formats a logo may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Svg,
}

impl LogoFormat {
    /// The format named by a `Content-Type`, parameters ignored.
    pub fn from_media_type(media_type: &str) -> Option<Self> {
        match media_type.split(';').next()?.trim() {
            "image/png" => Some(Self::Png),
            "image/svg+xml" => Some(Self::Svg),
            _ => None,
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Svg => "image/svg+xml",
        }
    }
}

/// Why an upload is not a usable logo. The message is shown to staff as it is.
#[derive(Debug, thiserror::Error)]
pub enum LogoError {
    #[error("Das Bild ist größer als {} KB.", MAX_BYTES / 1024)]
    TooLarge,
    #[error("Die Datei ist kein lesbares {0}-Bild.")]
    Unreadable(&'static str),
    #[error("Das Logo ist {width} × {height} Pixel groß; erlaubt sind {MIN_SIDE} bis {MAX_SIDE} Pixel je Seite.")]
    Dimensions { width: u32, height: u32 },
}

/// A logo that was read successfully, as pixels.
pub struct Logo {
    pixels: Pixmap,
}

impl Logo {
    /// Reads an upload, refusing anything that is too large, unreadable or oddly sized.
    pub fn parse(format: LogoFormat, bytes: &[u8]) -> Result<Self, LogoError> {
        if bytes.len() > MAX_BYTES {
            return Err(LogoError::TooLarge);
        }
        let pixels = match format {
            LogoFormat::Png => {
                // The header gives the size before anything is decompressed: a small file can
                // unpack to gigabytes.
                let (width, height) = png_size(bytes).ok_or(LogoError::Unreadable("PNG"))?;
                check_size(width, height)?;
                fit(Pixmap::decode_png(bytes).map_err(|_| LogoError::Unreadable("PNG"))?)
            }
            LogoFormat::Svg => render_svg(bytes)?,
        };
        Ok(Self { pixels })
    }

    pub fn width(&self) -> u32 {
        self.pixels.width()
    }

    pub fn height(&self) -> u32 {
        self.pixels.height()
    }

    /// The logo as a PNG, for the preview in the app.
    pub fn png(&self) -> Vec<u8> {
        self.pixels
            .encode_png()
            .expect("encoding pixels that were just decoded")
    }

    /// The colour (RGB) and the opacity (one byte per pixel) planes, as a PDF image and its
    /// soft mask want them.
    pub fn planes(&self) -> (Vec<u8>, Vec<u8>) {
        let count = self.pixels.pixels().len();
        let (mut rgb, mut alpha) = (Vec::with_capacity(count * 3), Vec::with_capacity(count));
        for pixel in self.pixels.pixels() {
            let colour = pixel.demultiply();
            rgb.extend([colour.red(), colour.green(), colour.blue()]);
            alpha.push(colour.alpha());
        }
        (rgb, alpha)
    }
}

/// Width and height from a PNG's header chunk, if the bytes start like a PNG.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || !bytes.starts_with(SIGNATURE) || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let read = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    Some((read(16), read(20)))
}

fn check_size(width: u32, height: u32) -> Result<(), LogoError> {
    let fits = |side| (MIN_SIDE..=MAX_SIDE).contains(&side);
    if fits(width) && fits(height) {
        Ok(())
    } else {
        Err(LogoError::Dimensions { width, height })
    }
}

/// Scales a picture down so that its longer side is at most [`KEPT_SIDE`] pixels.
fn fit(pixels: Pixmap) -> Pixmap {
    let longer = pixels.width().max(pixels.height());
    if longer <= KEPT_SIDE {
        return pixels;
    }
    let scale = KEPT_SIDE as f32 / longer as f32;
    let side = |s: u32| ((s as f32 * scale).round() as u32).max(1);
    let mut smaller = Pixmap::new(side(pixels.width()), side(pixels.height()))
        .expect("a smaller picture than one that exists");
    let paint = resvg::tiny_skia::PixmapPaint {
        quality: resvg::tiny_skia::FilterQuality::Bicubic,
        ..Default::default()
    };
    smaller.draw_pixmap(
        0,
        0,
        pixels.as_ref(),
        &paint,
        Transform::from_scale(scale, scale),
        None,
    );
    smaller
}

/// Renders an SVG so that its longer side is [`KEPT_SIDE`] pixels. Nothing outside the file is
/// read: references to other files are ignored, embedded data images are kept.
fn render_svg(bytes: &[u8]) -> Result<Pixmap, LogoError> {
    let mut options = usvg::Options::default();
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    let tree = usvg::Tree::from_data(bytes, &options).map_err(|_| LogoError::Unreadable("SVG"))?;
    let size = tree.size();
    let scale = KEPT_SIDE as f32 / size.width().max(size.height());
    let (width, height) = (
        (size.width() * scale).round().max(1.0) as u32,
        (size.height() * scale).round().max(1.0) as u32,
    );
    check_size(width, height)?;
    let mut pixels = Pixmap::new(width, height).ok_or(LogoError::Unreadable("SVG"))?;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixels.as_mut(),
    );
    Ok(pixels)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
        <rect width="200" height="100" fill="#ffcc00"/></svg>"##;

    #[test]
    fn an_svg_is_rendered_at_print_size_keeping_its_proportions() {
        let logo = Logo::parse(LogoFormat::Svg, SVG.as_bytes()).unwrap();
        assert_eq!((logo.width(), logo.height()), (KEPT_SIDE, KEPT_SIDE / 2));
        let (rgb, alpha) = logo.planes();
        assert_eq!(&rgb[..3], &[0xff, 0xcc, 0x00]);
        assert!(alpha.iter().all(|a| *a == 255));
    }

    #[test]
    fn a_png_survives_the_round_trip_and_odd_files_are_refused() {
        let png = Logo::parse(LogoFormat::Svg, SVG.as_bytes()).unwrap().png();
        let again = Logo::parse(LogoFormat::Png, &png).unwrap();
        assert_eq!((again.width(), again.height()), (KEPT_SIDE, KEPT_SIDE / 2));
        assert!(matches!(
            Logo::parse(LogoFormat::Png, SVG.as_bytes()),
            Err(LogoError::Unreadable("PNG"))
        ));
        assert!(matches!(
            Logo::parse(LogoFormat::Svg, b"<html>"),
            Err(LogoError::Unreadable("SVG"))
        ));
        assert!(matches!(
            Logo::parse(LogoFormat::Png, &vec![0; MAX_BYTES + 1]),
            Err(LogoError::TooLarge)
        ));
        // A header claiming 100,000 pixels is refused before anything is decompressed.
        let mut huge = png[..33].to_vec();
        huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(matches!(
            Logo::parse(LogoFormat::Png, &huge),
            Err(LogoError::Dimensions { width: 100_000, .. })
        ));
    }
}
