//! Legends: rows of swatches with labels, and a colour bar for scales.

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::canvas::{Area, INK, MUTED, chart_error};
use super::frame::{Metrics, draw_suppressed, line_height, put, put_middle};
use super::text::{fit_width, text_style, text_width};
use crate::reports::ReportError;

/// What a legend entry shows before its label.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mark {
    /// A filled square in a data colour.
    Fill(RGBColor),
    /// The hatched grey of a suppressed value.
    Suppressed,
    /// A short solid line, for line series.
    Line(RGBColor),
    /// A short dashed line, for reference lines.
    Dashed(RGBColor),
    /// A symbol drawn as text, e.g. "–" for an omitted bar.
    Symbol(&'static str),
}

/// One entry of a legend.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub mark: Mark,
    pub label: String,
}

impl Entry {
    pub fn new(mark: Mark, label: impl Into<String>) -> Self {
        Self {
            mark,
            label: label.into(),
        }
    }
}

/// Draws `entries` in rows centred between `left` and `right`, starting at
/// `top` and wrapping when a row is full; returns where the legend ends.
pub(crate) fn draw_legend(
    area: &Area<'_>,
    m: &Metrics,
    entries: &[Entry],
    (left, right): (f64, f64),
    top: f64,
) -> Result<f64, ReportError> {
    let style = text_style(m.label, false, &INK);
    let swatch = m.label * 1.6;
    let gap = m.label * 1.4;
    let usable = (right - left).max(1.0);
    let label_room = (usable - swatch - m.label * 0.5).max(1.0) as u32;
    let mut rows: Vec<Vec<(&Entry, String, f64)>> = Vec::new();
    let mut current = Vec::new();
    let mut row_width = 0.0;
    for entry in entries {
        let label = fit_width(area, &entry.label, &style, label_room)?;
        let width = swatch + m.label * 0.5 + f64::from(text_width(area, &label, &style)?);
        if !current.is_empty() && row_width + gap + width > usable {
            rows.push(std::mem::take(&mut current));
            row_width = 0.0;
        }
        row_width += if current.is_empty() {
            width
        } else {
            gap + width
        };
        current.push((entry, label, width));
    }
    rows.push(current);
    let row_height = line_height(&style) * 1.2;
    let mut y = top;
    for row in rows.iter().filter(|row| !row.is_empty()) {
        let total: f64 = row.iter().map(|(_, _, w)| w).sum::<f64>() + gap * (row.len() - 1) as f64;
        let mut x = left + (usable - total) / 2.0;
        let middle = y + row_height / 2.0;
        for (entry, label, width) in row {
            draw_mark(area, m, entry.mark, (x, middle), swatch)?;
            put_middle(
                area,
                label,
                &style,
                (x + swatch + m.label * 0.5, middle),
                HPos::Left,
            )?;
            x += width + gap;
        }
        y += row_height;
    }
    Ok(y)
}

/// Draws one swatch `size` wide with its left edge at `x`, centred on `middle`.
fn draw_mark(
    area: &Area<'_>,
    m: &Metrics,
    mark: Mark,
    (x, middle): (f64, f64),
    size: f64,
) -> Result<(), ReportError> {
    let half = (size * 0.4).round() as i32;
    let (x0, x1, y) = (
        x.round() as i32,
        (x + size).round() as i32,
        middle.round() as i32,
    );
    let square = [(x0 + 2, y - half), (x1 - 2, y + half)];
    match mark {
        Mark::Fill(colour) => area
            .draw(&Rectangle::new(square, colour.filled()))
            .map_err(chart_error),
        Mark::Suppressed => draw_suppressed(area, m, square[0], square[1]),
        Mark::Line(colour) => area
            .draw(&PathElement::new(
                vec![(x0, y), (x1, y)],
                colour.stroke_width(m.stroke(2.5)),
            ))
            .map_err(chart_error),
        Mark::Dashed(colour) => area
            .draw(&DashedPathElement::new(
                vec![(x0, y), (x1, y)],
                (5.0 * m.s).max(3.0) as u32,
                (4.0 * m.s).max(2.0) as u32,
                colour.stroke_width(m.stroke(2.0)),
            ))
            .map_err(chart_error),
        Mark::Symbol(symbol) => {
            let style = text_style(m.label * 1.2, true, &MUTED);
            put_middle(area, symbol, &style, (x + size / 2.0, middle), HPos::Center).map(|_| ())
        }
    }
}

/// A continuous colour scale drawn as a bar with tick labels under it.
pub(crate) struct ColourBar<'a> {
    /// The values at the bar's left and right ends.
    pub range: (f64, f64),
    /// The colour of a value.
    pub colour: &'a dyn Fn(f64) -> RGBColor,
    /// Values to label under the bar, with their text.
    pub ticks: Vec<(f64, String)>,
    /// What the scale measures, written above the bar.
    pub caption: String,
    /// Optional words under the left and right ends.
    pub ends: Option<(String, String)>,
}

/// Draws `bar` `width` pixels wide from `left`, starting at `top`; returns
/// where it ends.
pub(crate) fn draw_colour_bar(
    area: &Area<'_>,
    m: &Metrics,
    bar: &ColourBar<'_>,
    (left, width): (f64, f64),
    top: f64,
) -> Result<f64, ReportError> {
    let caption = text_style(m.label, false, &INK);
    let small = text_style(m.small, false, &MUTED);
    let fitted = fit_width(area, &bar.caption, &caption, width.max(1.0) as u32)?;
    put(
        area,
        &fitted,
        &caption,
        (left + width / 2.0, top),
        HPos::Center,
    )?;
    let bar_top = top + line_height(&caption);
    let bar_bottom = bar_top + m.label * 1.1;
    let (lo, hi) = bar.range;
    let steps = width.max(1.0).round() as i32;
    for i in 0..steps {
        let value = lo + (hi - lo) * (f64::from(i) + 0.5) / f64::from(steps);
        let x = left.round() as i32 + i;
        area.draw(&Rectangle::new(
            [(x, bar_top as i32), (x + 1, bar_bottom as i32)],
            (bar.colour)(value).filled(),
        ))
        .map_err(chart_error)?;
    }
    let tick_top = bar_bottom + m.small * 0.4;
    for (value, label) in &bar.ticks {
        let x = left + width * (value - lo) / (hi - lo);
        area.draw(&PathElement::new(
            vec![(x as i32, bar_bottom as i32), (x as i32, tick_top as i32)],
            INK.stroke_width(1),
        ))
        .map_err(chart_error)?;
        put(area, label, &small, (x, tick_top + 2.0), HPos::Center)?;
    }
    let mut bottom = tick_top + line_height(&small) + 2.0;
    if let Some((left_words, right_words)) = &bar.ends {
        let bold = text_style(m.small, true, &INK);
        let room = (width / 2.0 - m.small).max(1.0) as u32;
        let l = fit_width(area, left_words, &bold, room)?;
        let r = fit_width(area, right_words, &bold, room)?;
        put(area, &l, &bold, (left, bottom), HPos::Left)?;
        put(area, &r, &bold, (left + width, bottom), HPos::Right)?;
        bottom += line_height(&bold);
    }
    Ok(bottom)
}
