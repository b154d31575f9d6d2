//! Radar (spider) charts of 0–4 scores: one spoke per SIM3 category or per
//! cooperation dimension, the scores joined into a filled polygon.

use std::f64::consts::{FRAC_PI_2, TAU};

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::canvas::{self, ACCENT, Area, GRID, INK, MUTED, chart_error};
use super::text::{self, fit_width, text_style, wrap};
use crate::reports::ReportError;

mod footer;
mod layout;
mod reference;
#[cfg(test)]
mod tests;

use footer::draw_footer;
use layout::{Geometry, Label, Line, Metrics, Placement, Region};
use reference::draw_reference;

pub use reference::RadarReference;

/// Fewest axes a radar chart can have: with two the "polygon" is a line.
pub const MIN_AXES: usize = 3;
/// Most axes: beyond twelve the spoke labels crowd each other out.
pub const MAX_AXES: usize = 12;
/// The top of the score scale; the outermost ring.
pub const SCALE_MAX: f64 = 4.0;

/// One spoke of a radar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarAxis {
    /// What the spoke measures, e.g. "Organisation" or "Judiciary".
    pub label: String,
    /// The score on the 0–4 scale, or `None` when there is none: such a
    /// spoke is drawn at 0 and its label says "n/a".
    pub value: Option<f64>,
}

/// Draws a radar chart on the 0–4 scale and returns it as PNG bytes.
///
/// `title` (e.g. the campaign name with its TLP label) and `subtitle` head
/// the image; either may be empty. What follows a line break in `subtitle` is a
/// note drawn smaller under it, wrapped to at most two lines. Spokes run
/// clockwise from the top in the order of `axes`. Values are clamped to 0–4; a NaN counts as no value.
///
/// # Errors
/// [`ReportError::Chart`] when there are fewer than [`MIN_AXES`] or more than
/// [`MAX_AXES`] axes, or a side is outside 120..=4096 pixels; other variants
/// only if drawing or encoding fails.
pub fn radar_png(
    title: &str,
    subtitle: &str,
    axes: &[RadarAxis],
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ReportError> {
    radar_png_with_reference(title, subtitle, axes, None, width, height)
}

/// [`radar_png`] with `reference`, when given, drawn as a lighter dashed polygon under the
/// scores and named in a legend at the bottom right.
///
/// # Errors
/// As [`radar_png`], and [`ReportError::Chart`] when the reference has not one value per axis.
pub fn radar_png_with_reference(
    title: &str,
    subtitle: &str,
    axes: &[RadarAxis],
    reference: Option<&RadarReference>,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ReportError> {
    if !(MIN_AXES..=MAX_AXES).contains(&axes.len()) {
        return Err(ReportError::Chart(format!(
            "a radar chart needs {MIN_AXES} to {MAX_AXES} axes, got {}",
            axes.len()
        )));
    }
    if let Some(r) = reference.filter(|r| r.values.len() != axes.len()) {
        return Err(ReportError::Chart(format!(
            "a radar reference needs one value per axis: {} values for {} axes",
            r.values.len(),
            axes.len()
        )));
    }
    let scores: Vec<Option<f64>> = axes.iter().map(|axis| clamp_score(axis.value)).collect();
    canvas::render_png(width, height, |area| {
        let metrics = Metrics::for_size(width, height);
        let top = draw_header(area, &metrics, title, subtitle)?;
        let missing = scores.iter().any(Option::is_none);
        let legend = reference.map(|r| r.label.as_str());
        let bottom = draw_footer(area, &metrics, missing, legend)?;
        let labels = axes
            .iter()
            .zip(&scores)
            .map(|(axis, score)| spoke_label(area, &metrics, &axis.label, *score))
            .collect::<Result<Vec<_>, _>>()?;
        let region = Region::inside(&metrics, width, top, bottom);
        let geometry = Geometry::fit(&metrics, &region, &labels);
        draw_grid(area, &metrics, &geometry)?;
        if let Some(r) = reference {
            draw_reference(area, &metrics, &geometry, &r.values)?;
        }
        draw_scores(area, &metrics, &geometry, &scores)?;
        draw_ring_labels(area, &metrics, &geometry)?;
        for (i, label) in labels.iter().enumerate() {
            draw_label(area, label, &geometry.place(i, label))?;
        }
        Ok(())
    })
}

/// A value on the chart's scale: NaN means "no score"; the rest, infinities
/// included, is pulled into 0–4 so the polygon always stays inside the rings.
fn clamp_score(value: Option<f64>) -> Option<f64> {
    value
        .filter(|v| !v.is_nan())
        .map(|v| v.clamp(0.0, SCALE_MAX))
}

/// Draws the title and subtitle centred at the top; returns where they end.
fn draw_header(
    area: &Area<'_>,
    m: &Metrics,
    title: &str,
    subtitle: &str,
) -> Result<f64, ReportError> {
    let (width, _) = area.dim_in_pixel();
    let usable = width.saturating_sub(2 * m.margin as u32);
    let centre = f64::from(width) / 2.0;
    let mut y = m.margin;
    let (subtitle, note) = subtitle.split_once('\n').unwrap_or((subtitle, ""));
    let lines = [
        (title, text_style(m.title, true, &INK)),
        (subtitle, text_style(m.subtitle, false, &MUTED)),
    ];
    for (text, style) in lines {
        if text.trim().is_empty() {
            continue;
        }
        let line = Line::measured(area, fit_width(area, text.trim(), &style, usable)?, style)?;
        draw_line(area, &line, centre, y, HPos::Center)?;
        y += line.height();
    }
    let style = text_style(m.small, false, &MUTED);
    for text in wrap(area, note, &style, usable, 2)? {
        let line = Line::measured(area, text, style.clone())?;
        draw_line(area, &line, centre, y, HPos::Center)?;
        y += line.height();
    }
    Ok(y)
}

/// The text beside one spoke: its name (wrapped onto at most two lines) and
/// its score, or "n/a".
fn spoke_label(
    area: &Area<'_>,
    m: &Metrics,
    name: &str,
    score: Option<f64>,
) -> Result<Label, ReportError> {
    let name_style = text_style(m.label, true, &INK);
    let mut lines = Vec::new();
    for text in text::wrap(area, name, &name_style, m.label_width as u32, 2)? {
        lines.push(Line::measured(area, text, name_style.clone())?);
    }
    let value = match score {
        Some(v) => Line::measured(area, format!("{v:.1}"), text_style(m.label, false, &ACCENT))?,
        None => Line::measured(area, "n/a".to_owned(), text_style(m.label, false, &MUTED))?,
    };
    lines.push(value);
    Ok(Label::new(lines))
}

/// Rings at 1, 2, 3 and 4 and one spoke per axis.
fn draw_grid(area: &Area<'_>, m: &Metrics, g: &Geometry) -> Result<(), ReportError> {
    for ring in 1..=4 {
        let level = f64::from(ring);
        let mut path: Vec<(i32, i32)> = (0..g.axes()).map(|i| g.point(i, level)).collect();
        path.push(g.point(0, level));
        // The outer ring is the edge of the scale, so it is drawn a shade darker.
        let colour = if ring == 4 {
            RGBColor(160, 166, 173)
        } else {
            GRID
        };
        area.draw(&PathElement::new(path, colour.stroke_width(m.grid)))
            .map_err(chart_error)?;
    }
    for i in 0..g.axes() {
        let spoke = vec![g.point(i, 0.0), g.point(i, SCALE_MAX)];
        area.draw(&PathElement::new(spoke, GRID.stroke_width(m.grid)))
            .map_err(chart_error)?;
    }
    Ok(())
}

/// The score polygon: translucent fill so the grid shows through, a solid
/// outline, and a dot on every spoke that has a score.
fn draw_scores(
    area: &Area<'_>,
    m: &Metrics,
    g: &Geometry,
    scores: &[Option<f64>],
) -> Result<(), ReportError> {
    let points: Vec<(i32, i32)> = scores
        .iter()
        .enumerate()
        .map(|(i, score)| g.point(i, score.unwrap_or(0.0)))
        .collect();
    area.draw(&Polygon::new(points.clone(), ACCENT.mix(0.22).filled()))
        .map_err(chart_error)?;
    let mut outline = points.clone();
    outline.extend(points.first().copied());
    area.draw(&PathElement::new(outline, ACCENT.stroke_width(m.stroke)))
        .map_err(chart_error)?;
    for (point, score) in points.iter().zip(scores) {
        if score.is_some() {
            area.draw(&Circle::new(*point, m.dot, WHITE.filled()))
                .map_err(chart_error)?;
            area.draw(&Circle::new(
                *point,
                m.dot.saturating_sub(m.stroke),
                ACCENT.filled(),
            ))
            .map_err(chart_error)?;
        }
    }
    Ok(())
}

/// Numbers the rings just right of the first spoke. They are drawn after
/// the scores, on a faint white patch, so the polygon never hides them.
fn draw_ring_labels(area: &Area<'_>, m: &Metrics, g: &Geometry) -> Result<(), ReportError> {
    let style = text_style(m.small, false, &MUTED);
    for ring in 1..=4 {
        let line = Line::measured(area, ring.to_string(), style.clone())?;
        let (x, y) = g.point(0, f64::from(ring));
        let left = f64::from(x) + m.small * 0.3;
        let top = f64::from(y) - line.height() / 2.0;
        let pad = m.small * 0.15;
        let patch = [
            ((left - pad) as i32, (top + pad) as i32),
            (
                (left + line.width + pad) as i32,
                (top + line.height() - pad) as i32,
            ),
        ];
        area.draw(&Rectangle::new(patch, WHITE.mix(0.8).filled()))
            .map_err(chart_error)?;
        draw_line(area, &line, left, top, HPos::Left)?;
    }
    Ok(())
}

/// Draws a label's lines inside its box, aligned towards the chart.
fn draw_label(area: &Area<'_>, label: &Label, at: &Placement) -> Result<(), ReportError> {
    let x = match at.align {
        HPos::Left => at.left,
        HPos::Center => at.left + label.width / 2.0,
        HPos::Right => at.left + label.width,
    };
    let mut y = at.top;
    for line in &label.lines {
        draw_line(area, line, x, y, at.align)?;
        y += line.height();
    }
    Ok(())
}

/// Draws one line of text whose ink starts at `top`, anchored at `x`.
fn draw_line(
    area: &Area<'_>,
    line: &Line,
    x: f64,
    top: f64,
    align: HPos,
) -> Result<(), ReportError> {
    let left = match align {
        HPos::Left => x,
        HPos::Center => x - line.width / 2.0,
        HPos::Right => x - line.width,
    };
    let at = (
        left.round() as i32,
        (top + line.ink_offset()).round() as i32,
    );
    text::draw_text(area, &line.text, &line.style, at)
}

/// Angle of spoke `i` of `n`: the first points straight up, the rest follow
/// clockwise (screen y grows downwards).
fn spoke_angle(i: usize, n: usize) -> f64 {
    TAU * i as f64 / n.max(1) as f64 - FRAC_PI_2
}
