//! A second, lighter polygon on a radar chart behind the scores: the median of the
//! respondent's peers on the result page. Its legend is the footer's part.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::clamp_score;
use super::layout::{Geometry, Metrics};
use crate::reports::ReportError;
use crate::reports::charts::canvas::{Area, MUTED, chart_error};

/// A reference drawn under the scores: one value per axis, and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarReference {
    /// The legend's text, e.g. "Median of peers (5 organisations)".
    pub label: String,
    /// One value per axis on the 0–4 scale, in the axes' order.
    pub values: Vec<f64>,
}

/// The reference polygon: a faint grey fill and a dashed grey outline, so the respondent's
/// own polygon stays the one that stands out and both read in greyscale print.
pub(super) fn draw_reference(
    area: &Area<'_>,
    m: &Metrics,
    g: &Geometry,
    values: &[f64],
) -> Result<(), ReportError> {
    let points: Vec<(i32, i32)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| g.point(i, clamp_score(Some(*v)).unwrap_or(0.0)))
        .collect();
    area.draw(&Polygon::new(points.clone(), MUTED.mix(0.14).filled()))
        .map_err(chart_error)?;
    let mut outline = points.clone();
    outline.extend(points.first().copied());
    area.draw(&DashedPathElement::new(
        outline,
        m.dot * 2,
        m.dot,
        MUTED.stroke_width(m.stroke),
    ))
    .map_err(chart_error)
}
