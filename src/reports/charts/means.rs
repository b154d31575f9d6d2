//! The category means chart: grouped vertical bars on the 0–4 scale, one
//! group per SIM3 category or cooperation dimension, one bar per audience.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::axis::{Linear, draw_horizontal_grid};
use super::canvas::{self, Area, INK, MUTED, chart_error};
use super::frame::{
    ChartTitle, Metrics, clean, draw_no_data, draw_title, line_height, put, put_middle,
};
use super::legend::{Entry, Mark, draw_legend};
use super::palette;
use super::text::{text_style, text_width, wrap};
use crate::reports::ReportError;

#[cfg(test)]
mod tests;

/// One audience's mean scores, one per measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The audience, e.g. "CSIRT".
    pub label: String,
    /// Means on the 0–4 scale in the order of the measures; `None` when
    /// fewer than k organisations answered and the value is suppressed.
    /// A missing entry counts as `None`.
    pub values: Vec<Option<f64>>,
}

/// Draws mean scores as grouped bars on the 0–4 scale and returns PNG bytes.
///
/// `measures` names the groups (categories or dimensions); each series is
/// one bar per group, coloured as in the legend. A suppressed value draws
/// no bar but a "–", explained in the legend. Values are clamped to 0–4;
/// NaN counts as suppressed.
///
/// # Errors
/// [`ReportError::Chart`] when a side is outside 120..=4096 pixels; other
/// variants only if drawing or encoding fails.
pub fn category_means_png(
    title: &ChartTitle,
    measures: &[String],
    series: &[Series],
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ReportError> {
    canvas::render_png(width, height, |area| {
        let m = Metrics::for_size(width, height);
        let top = draw_title(area, &m, title)?;
        if measures.is_empty() || series.is_empty() {
            return draw_no_data(area, &m, top);
        }
        let values: Vec<Vec<Option<f64>>> = series
            .iter()
            .map(|s| {
                (0..measures.len())
                    .map(|i| clean(s.values.get(i).copied().flatten(), 0.0, 4.0))
                    .collect()
            })
            .collect();
        let mut entries: Vec<Entry> = series
            .iter()
            .enumerate()
            .map(|(i, s)| Entry::new(Mark::Fill(palette::series(i)), s.label.clone()))
            .collect();
        if values.iter().flatten().any(Option::is_none) {
            entries.push(Entry::new(Mark::Symbol("–"), title.suppressed_note()));
        }
        let right = f64::from(width) - m.margin;
        let top = draw_legend(area, &m, &entries, (m.margin, right), top)?;
        draw_groups(area, &m, measures, &values, (top + m.margin * 0.5, right))
    })
}

/// The value grid, the bars and the measure names under each group.
fn draw_groups(
    area: &Area<'_>,
    m: &Metrics,
    measures: &[String],
    values: &[Vec<Option<f64>>],
    (top, right): (f64, f64),
) -> Result<(), ReportError> {
    let (_, height) = area.dim_in_pixel();
    let small = text_style(m.small, false, &MUTED);
    let name_style = text_style(m.label, true, &INK);
    let left = m.margin + m.small * 3.0;
    let bottom = f64::from(height) - m.margin - 2.0 * line_height(&name_style);
    // The caption sits above the axis; the plot starts below it.
    put(
        area,
        "mean score (0–4)",
        &small,
        (m.margin, top),
        HPos::Left,
    )?;
    let plot_top = top + line_height(&small) * 2.4;
    let y = Linear {
        domain: (0.0, 4.0),
        range: (bottom, plot_top),
    };
    let ticks = [0.0, 1.0, 2.0, 3.0, 4.0];
    draw_horizontal_grid(area, m, &y, &ticks, (left, right), &|t| format!("{t}"))?;
    let group = (right - left) / measures.len() as f64;
    let bar = group * 0.8 / values.len() as f64;
    for (g, name) in measures.iter().enumerate() {
        let group_left = left + group * g as f64 + group * 0.1;
        for (s, series) in values.iter().enumerate() {
            let x0 = group_left + bar * s as f64;
            let value = series.get(g).copied().flatten();
            draw_bar(area, m, &y, (x0, x0 + bar), value, palette::series(s))?;
        }
        let centre = left + group * (g as f64 + 0.5);
        let room = (group * 0.95).max(1.0) as u32;
        let mut line_top = bottom + m.small * 0.5;
        for line in wrap(area, name, &name_style, room, 2)? {
            put(area, &line, &name_style, (centre, line_top), HPos::Center)?;
            line_top += line_height(&name_style);
        }
    }
    Ok(())
}

/// One bar with its value above it, or a "–" on the axis when suppressed.
fn draw_bar(
    area: &Area<'_>,
    m: &Metrics,
    y: &Linear,
    (x0, x1): (f64, f64),
    value: Option<f64>,
    colour: RGBColor,
) -> Result<(), ReportError> {
    let base = y.map(0.0);
    let centre = (x0 + x1) / 2.0;
    let Some(value) = value else {
        let style = text_style(m.label * 1.6, true, &MUTED);
        put_middle(
            area,
            "–",
            &style,
            (centre, base - m.label * 0.9),
            HPos::Center,
        )?;
        return Ok(());
    };
    // A hair of white between neighbouring bars keeps them apart.
    let gap = (x1 - x0) * 0.06;
    let top = y.map(value);
    area.draw(&Rectangle::new(
        [
            ((x0 + gap).round() as i32, top.round() as i32),
            ((x1 - gap).round() as i32, base.round() as i32),
        ],
        colour.filled(),
    ))
    .map_err(chart_error)?;
    let style = text_style(m.small, false, &INK);
    let text = format!("{value:.1}");
    if f64::from(text_width(area, &text, &style)?) <= x1 - x0 {
        put(
            area,
            &text,
            &style,
            (centre, top - line_height(&style)),
            HPos::Center,
        )?;
    }
    Ok(())
}
