//! `peer_gaps.png`: per parameter, how the peer-reviewed organisations' self-assessed levels
//! differ from their peers' (self − peer, −4 to +4), as shares of the parameter's
//! organisations; parameters under the privacy threshold hatched.

use super::canvas;
use super::frame::{ChartTitle, Metrics, draw_no_data, draw_title};
use super::legend::{ColourBar, Entry, Mark, draw_colour_bar, draw_legend};
use super::matrix::{Matrix, draw_matrix};
use super::palette;
use crate::reports::ReportError;

/// The chart's size.
pub const SIZE: (u32, u32) = (1200, 1400);

/// Draws `cells[row][column]`, the share (0–1) of a parameter's organisations at each
/// difference of `columns`; `None` for a suppressed parameter.
pub fn peer_gaps_png(
    title: &ChartTitle,
    rows: &[String],
    columns: &[String],
    cells: &[Vec<Option<f64>>],
) -> Result<Vec<u8>, ReportError> {
    let (width, height) = SIZE;
    canvas::render_png(width, height, |area| {
        let m = Metrics::for_size(width, height);
        let top = draw_title(area, &m, title)?;
        if rows.is_empty() {
            return draw_no_data(area, &m, top);
        }
        let (w, h) = (f64::from(width), f64::from(height));
        let colour = |share: f64| palette::sequential(share.clamp(0.0, 1.0) * 4.0);
        let bar = ColourBar {
            range: (0.0, 1.0),
            colour: &colour,
            ticks: vec![
                (0.0, "0%".to_owned()),
                (0.5, "50%".to_owned()),
                (1.0, "100%".to_owned()),
            ],
            caption: "share of organisations (self − peer)".to_owned(),
            ends: None,
        };
        let bar_width = (w * 0.4).min(m.label * 30.0);
        let bar_left = w / 2.0 - bar_width - m.label;
        let bottom = draw_colour_bar(area, &m, &bar, (bar_left, bar_width), top)?;
        let note = [Entry::new(Mark::Suppressed, title.suppressed_note())];
        draw_legend(
            area,
            &m,
            &note,
            (w / 2.0 + m.label, w - m.margin),
            top + m.label * 1.2,
        )?;
        let matrix = Matrix {
            rows,
            columns,
            cells,
            colour: &colour,
            format: &|v| format!("{:.0}%", v * 100.0),
        };
        draw_matrix(
            area,
            &m,
            &matrix,
            (m.margin, bottom + m.margin),
            (w - m.margin, h - m.margin),
        )
    })
}
