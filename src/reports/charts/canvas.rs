//! What every chart shares: size limits, an in-memory RGB bitmap encoded as
//! PNG, and the palette.

use plotters::backend::RGBPixel;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::fonts;
use crate::reports::ReportError;

/// The drawing area charts draw on: the whole bitmap, in pixel coordinates.
pub(crate) type Area<'a> = DrawingArea<BitMapBackend<'a, RGBPixel>, Shift>;

/// Smallest width or height accepted; below it no chart has room for text.
pub(crate) const MIN_SIDE: u32 = 120;
/// Largest width or height accepted, so a request cannot make us allocate
/// gigabytes (4096 × 4096 RGB is 48 MiB).
pub(crate) const MAX_SIDE: u32 = 4096;

/// Body text: near-black, well above WCAG AA contrast on white.
pub(crate) const INK: RGBColor = RGBColor(33, 37, 41);
/// Secondary text (subtitles, scale labels): grey that still reads on white.
pub(crate) const MUTED: RGBColor = RGBColor(96, 103, 112);
/// Grid lines: light enough not to compete with the data.
pub(crate) const GRID: RGBColor = RGBColor(206, 212, 218);
/// The data colour.
pub(crate) const ACCENT: RGBColor = RGBColor(31, 100, 180);

/// Draws a chart into a fresh white `width` × `height` bitmap and returns it
/// as PNG bytes.
pub(crate) fn render_png<F>(width: u32, height: u32, draw: F) -> Result<Vec<u8>, ReportError>
where
    F: FnOnce(&Area<'_>) -> Result<(), ReportError>,
{
    check_size(width, height)?;
    fonts::ensure_registered()?;
    // check_size bounds both sides, so this cannot overflow.
    let mut rgb = vec![255u8; width as usize * height as usize * 3];
    {
        let backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut rgb, (width, height))
            .map_err(chart_error)?;
        let area = backend.into_drawing_area();
        area.fill(&WHITE).map_err(chart_error)?;
        draw(&area)?;
        area.present().map_err(chart_error)?;
    }
    encode_png(&rgb, width, height)
}

/// Refuses sizes outside [`MIN_SIDE`]..=[`MAX_SIDE`].
pub(crate) fn check_size(width: u32, height: u32) -> Result<(), ReportError> {
    let ok = |side| (MIN_SIDE..=MAX_SIDE).contains(&side);
    if ok(width) && ok(height) {
        Ok(())
    } else {
        Err(ReportError::Chart(format!(
            "size {width}x{height} is outside {MIN_SIDE}..={MAX_SIDE} pixels per side"
        )))
    }
}

/// Encodes 8-bit RGB pixels, row by row, as a PNG in memory.
pub(crate) fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ReportError> {
    let encode_error = |e: png::EncodingError| ReportError::Encode(e.to_string());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(encode_error)?;
    writer.write_image_data(rgb).map_err(encode_error)?;
    writer.finish().map_err(encode_error)?;
    Ok(out)
}

/// Wraps any plotters error as a [`ReportError::Chart`].
pub(crate) fn chart_error(e: impl std::fmt::Display) -> ReportError {
    ReportError::Chart(e.to_string())
}
