//! The line under a radar chart: what "n/a" means on the left when a spoke has no score,
//! and what the reference polygon is on the right when one is drawn.

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::draw_line;
use super::layout::{Line, Metrics};
use crate::reports::ReportError;
use crate::reports::charts::canvas::{Area, MUTED, chart_error};
use crate::reports::charts::text::{fit_width, text_style};

/// Explains "n/a" in the bottom left corner, away from any spoke label, when
/// some spoke has no score, and names the reference polygon in the bottom right when
/// there is one (each in half the width when both are); returns the lowest y the plot
/// may use.
pub(super) fn draw_footer(
    area: &Area<'_>,
    m: &Metrics,
    has_missing: bool,
    reference: Option<&str>,
) -> Result<f64, ReportError> {
    let (width, height) = area.dim_in_pixel();
    let bottom = f64::from(height) - m.margin;
    let usable = width.saturating_sub(2 * m.margin as u32);
    let room = if has_missing && reference.is_some() {
        usable / 2 - m.small as u32
    } else {
        usable
    };
    let mut top = bottom;
    if has_missing {
        let style = text_style(m.small, false, &MUTED);
        let text = fit_width(area, "n/a: no score, drawn at 0", &style, room)?;
        let line = Line::measured(area, text, style)?;
        top = bottom - line.height();
        draw_line(area, &line, m.margin, top, HPos::Left)?;
    }
    if let Some(label) = reference {
        top = top.min(draw_reference_legend(area, m, label, room, bottom)?);
    }
    Ok(top)
}

/// Draws the legend (a dashed swatch and `label`) right-aligned on the line ending at
/// `bottom`, in at most `room` pixels; returns the top of that line.
fn draw_reference_legend(
    area: &Area<'_>,
    m: &Metrics,
    label: &str,
    room: u32,
    bottom: f64,
) -> Result<f64, ReportError> {
    let (width, _) = area.dim_in_pixel();
    let style = text_style(m.small, false, &MUTED);
    let swatch = m.small * 2.2;
    let text_room = room.saturating_sub((swatch + m.small * 0.5) as u32).max(1);
    let line = Line::measured(area, fit_width(area, label, &style, text_room)?, style)?;
    let top = bottom - line.height();
    let right = f64::from(width) - m.margin;
    draw_line(area, &line, right, top, HPos::Right)?;
    let y = (top + line.height() / 2.0).round() as i32;
    let x1 = (right - line.width - m.small * 0.5).round() as i32;
    let x0 = x1 - swatch.round() as i32;
    area.draw(&DashedPathElement::new(
        vec![(x0, y), (x1, y)],
        m.dot * 2,
        m.dot,
        MUTED.stroke_width(m.stroke),
    ))
    .map_err(chart_error)?;
    Ok(top)
}
