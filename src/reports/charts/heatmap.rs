//! The parameter heatmap: median SIM3 level (0–4) per parameter and
//! country, with a colour scale and suppressed cells marked.

use super::canvas;
use super::frame::{ChartTitle, Metrics, clean, draw_no_data, draw_title};
use super::legend::{ColourBar, Entry, Mark, draw_colour_bar, draw_legend};
use super::matrix::{Matrix, draw_matrix};
use super::palette;
use crate::reports::ReportError;

#[cfg(test)]
mod tests;

/// A size at which 45 parameters × 27 countries stay readable.
pub const DEFAULT_SIZE: (u32, u32) = (1400, 1500);

/// Draws median levels as a heatmap and returns PNG bytes.
///
/// One row per parameter (e.g. "O-1" … "P-17"), one column per country;
/// `cells[row][column]` is the median level on the 0–4 scale, or `None`
/// when fewer than k organisations answered (drawn hatched light grey).
/// Missing cells count as suppressed; values are clamped to 0–4 and NaN
/// counts as suppressed.
///
/// # Errors
/// [`ReportError::Chart`] when a side is outside 120..=4096 pixels; other
/// variants only if drawing or encoding fails.
pub fn heatmap_png(
    title: &ChartTitle,
    rows: &[String],
    columns: &[String],
    cells: &[Vec<Option<f64>>],
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ReportError> {
    let scale = Scale {
        range: (0.0, 4.0),
        ticks: (0..=4).map(|t| (f64::from(t), t.to_string())).collect(),
        caption: "median level".to_owned(),
        format: &|v| format!("{v:.1}"),
    };
    draw_heatmap(title, (rows, columns, cells), &scale, width, height)
}

/// Draws shares (0–1) as a heatmap, each cell as a percentage, with `caption` under the
/// colour bar; otherwise as [`heatmap_png`].
///
/// # Errors
/// As [`heatmap_png`].
pub fn share_heatmap_png(
    title: &ChartTitle,
    (rows, columns, cells): Grid<'_>,
    caption: &str,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ReportError> {
    let scale = Scale {
        range: (0.0, 1.0),
        ticks: [0.0, 0.25, 0.5, 0.75, 1.0]
            .iter()
            .map(|t| (*t, format!("{:.0} %", t * 100.0)))
            .collect(),
        caption: caption.to_owned(),
        format: &|v| format!("{:.0}", v * 100.0),
    };
    draw_heatmap(title, (rows, columns, cells), &scale, width, height)
}

/// A heatmap's row labels, column labels and cells (`cells[row][column]`).
pub type Grid<'a> = (&'a [String], &'a [String], &'a [Vec<Option<f64>>]);

/// What a heatmap's colours stand for.
struct Scale<'a> {
    range: (f64, f64),
    ticks: Vec<(f64, String)>,
    caption: String,
    format: &'a dyn Fn(f64) -> String,
}

fn draw_heatmap(
    title: &ChartTitle,
    (rows, columns, cells): Grid<'_>,
    scale: &Scale<'_>,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ReportError> {
    canvas::render_png(width, height, |area| {
        let m = Metrics::for_size(width, height);
        let top = draw_title(area, &m, title)?;
        if rows.is_empty() || columns.is_empty() {
            return draw_no_data(area, &m, top);
        }
        let (low, high) = scale.range;
        let cleaned: Vec<Vec<Option<f64>>> = cells
            .iter()
            .map(|row| row.iter().map(|v| clean(*v, low, high)).collect())
            .collect();
        let (w, h) = (f64::from(width), f64::from(height));
        let bar_width = (w * 0.4).min(m.label * 30.0);
        // The palette runs over 0–4: shares are stretched onto it.
        let stretch = 4.0 / (high - low);
        let colour = |v: f64| palette::sequential((v - low) * stretch);
        let bar = ColourBar {
            range: scale.range,
            colour: &colour,
            ticks: scale.ticks.clone(),
            caption: scale.caption.clone(),
            ends: None,
        };
        let bar_left = w / 2.0 - bar_width - m.label;
        let bottom = draw_colour_bar(area, &m, &bar, (bar_left, bar_width), top)?;
        let note = [Entry::new(Mark::Suppressed, title.suppressed_note())];
        let note_top = top + m.label * 1.2;
        draw_legend(area, &m, &note, (w / 2.0 + m.label, w - m.margin), note_top)?;
        let matrix = Matrix {
            rows,
            columns,
            cells: &cleaned,
            colour: &colour,
            format: scale.format,
        };
        let start = (m.margin, bottom + m.margin);
        draw_matrix(area, &m, &matrix, start, (w - m.margin, h - m.margin))
    })
}
