//! The perception gap chart: for each country, pair of audiences and cooperation
//! dimension, the first audience's score minus the second's from mirrored pairs, as a
//! diverging heatmap from "second sees more" (purple) to "first sees more" (orange).

use super::canvas;
use super::frame::{ChartTitle, Metrics, clean, draw_no_data, draw_title};
use super::legend::{ColourBar, Entry, Mark, draw_colour_bar, draw_legend};
use super::matrix::{Matrix, draw_matrix};
use super::palette;
use crate::reports::ReportError;

#[cfg(test)]
mod tests;

/// One country's perception gaps between two audiences, one per dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct GapRow {
    /// The row's label: the country and the two audiences, e.g. "DE CSIRT–LEA".
    pub country: String,
    /// First minus second audience's score per dimension, −4…+4, in the order of the
    /// dimensions; `None` when fewer than k pairs answered (suppressed).
    /// A missing entry counts as `None`.
    pub values: Vec<Option<f64>>,
}

/// Draws the perception gaps per dimension, country and pair of audiences and
/// returns PNG bytes.
///
/// One row per country and pair, one column per dimension; positive values (the
/// first audience of the row rates cooperation higher) are orange, negative purple,
/// zero near-white.
/// Values are clamped to −4…+4; NaN counts as suppressed.
///
/// # Errors
/// [`ReportError::Chart`] when a side is outside 120..=4096 pixels; other
/// variants only if drawing or encoding fails.
pub fn perception_gap_png(
    title: &ChartTitle,
    dimensions: &[String],
    rows: &[GapRow],
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ReportError> {
    canvas::render_png(width, height, |area| {
        let m = Metrics::for_size(width, height);
        let top = draw_title(area, &m, title)?;
        if dimensions.is_empty() || rows.is_empty() {
            return draw_no_data(area, &m, top);
        }
        let countries: Vec<String> = rows.iter().map(|r| r.country.clone()).collect();
        let cells: Vec<Vec<Option<f64>>> = rows
            .iter()
            .map(|r| r.values.iter().map(|v| clean(*v, -4.0, 4.0)).collect())
            .collect();
        let (w, h) = (f64::from(width), f64::from(height));
        let bar_width = (w - 2.0 * m.margin).min(m.label * 36.0);
        let bar = ColourBar {
            range: (-4.0, 4.0),
            colour: &palette::diverging,
            ticks: [-4, -2, 0, 2, 4]
                .iter()
                .map(|t| (f64::from(*t), signed(f64::from(*t), 0)))
                .collect(),
            caption: "perception gap: the row's first audience's score minus the second's"
                .to_owned(),
            ends: Some((
                "← second sees more".to_owned(),
                "first sees more →".to_owned(),
            )),
        };
        let bar_left = (w - bar_width) / 2.0;
        let bottom = draw_colour_bar(area, &m, &bar, (bar_left, bar_width), top)?;
        let note = [Entry::new(Mark::Suppressed, title.suppressed_note())];
        let bottom = draw_legend(area, &m, &note, (m.margin, w - m.margin), bottom)?;
        let matrix = Matrix {
            rows: &countries,
            columns: dimensions,
            cells: &cells,
            colour: &palette::diverging,
            format: &|v| signed(v, 1),
        };
        let start = (m.margin, bottom + m.margin * 0.5);
        draw_matrix(area, &m, &matrix, start, (w - m.margin, h - m.margin))
    })
}

/// `value` with an explicit sign ("+1.5", "−0.5", "0.0"), using a true
/// minus sign so it lines up with the plus.
fn signed(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let zero = format!("{:.*}", decimals, 0.0);
    if text == zero {
        text
    } else if value > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
}
