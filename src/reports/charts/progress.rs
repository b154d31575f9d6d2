//! The response progress chart: cumulative submissions over time, one line
//! per audience, against a dashed line at the number invited.

use chrono::{Datelike, NaiveDate};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::axis::{Linear, draw_horizontal_grid, nice_ticks};
use super::canvas::{self, Area, INK, MUTED, chart_error};
use super::frame::{ChartTitle, Metrics, draw_no_data, draw_title, line_height, put};
use super::legend::{Entry, Mark, draw_legend};
use super::palette;
use super::text::{text_style, text_width};
use crate::reports::ReportError;

#[cfg(test)]
mod tests;

/// One line of the progress chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressSeries {
    /// What is counted, e.g. "CSIRT" or "All".
    pub label: String,
    /// Cumulative submissions by date, in any order.
    pub points: Vec<(NaiveDate, usize)>,
}

/// Step sizes, in days, that date ticks may use.
const DAY_STEPS: [i64; 11] = [1, 2, 7, 14, 28, 56, 91, 182, 364, 728, 1820];

/// Draws cumulative submissions over time and returns PNG bytes.
///
/// Each series is a line through its points, sorted by date; `invited`
/// draws a dashed reference line (none when it is 0). Dates label the x
/// axis.
///
/// # Errors
/// [`ReportError::Chart`] when a side is outside 120..=4096 pixels; other
/// variants only if drawing or encoding fails.
pub fn progress_png(
    title: &ChartTitle,
    series: &[ProgressSeries],
    invited: usize,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ReportError> {
    canvas::render_png(width, height, |area| {
        let m = Metrics::for_size(width, height);
        let top = draw_title(area, &m, title)?;
        let days = series.iter().flat_map(|s| &s.points).map(|(d, _)| day(*d));
        let (Some(first), Some(last)) = (days.clone().min(), days.max()) else {
            return draw_no_data(area, &m, top);
        };
        let mut entries: Vec<Entry> = series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                // A series without points is one the report suppressed.
                let mark = if s.points.is_empty() {
                    Mark::Suppressed
                } else {
                    Mark::Line(palette::series(i))
                };
                Entry::new(mark, s.label.clone())
            })
            .collect();
        if invited > 0 {
            entries.push(Entry::new(
                Mark::Dashed(MUTED),
                format!("invited ({invited})"),
            ));
        }
        let right = f64::from(width) - m.margin;
        let top = draw_legend(area, &m, &entries, (m.margin, right), top)?;
        // A single day still gets an axis: one day either side.
        let span = if first == last {
            (first - 1, last + 1)
        } else {
            (first, last)
        };
        let plot = Plot::new(area, &m, series, invited, span, (top, right))?;
        draw_date_axis(area, &m, &plot)?;
        if invited > 0 {
            draw_invited(area, &m, &plot, invited)?;
        }
        for (i, s) in series.iter().enumerate() {
            draw_line(area, &m, &plot, s, palette::series(i))?;
        }
        Ok(())
    })
}

/// The plot rectangle and its two scales.
struct Plot {
    x: Linear,
    y: Linear,
    span: (i64, i64),
}

impl Plot {
    /// Lays out the plot below `top`, draws the count grid and caption.
    fn new(
        area: &Area<'_>,
        m: &Metrics,
        series: &[ProgressSeries],
        invited: usize,
        span: (i64, i64),
        (top, right): (f64, f64),
    ) -> Result<Self, ReportError> {
        let (_, height) = area.dim_in_pixel();
        let small = text_style(m.small, false, &MUTED);
        let most = series.iter().flat_map(|s| &s.points).map(|(_, n)| *n).max();
        let ticks = nice_ticks(most.unwrap_or(0).max(invited) as f64 * 1.05, 6, 1.0);
        let mut label_width = 0.0f64;
        for tick in &ticks {
            label_width = label_width.max(f64::from(text_width(area, &format!("{tick}"), &small)?));
        }
        put(
            area,
            "cumulative submissions",
            &small,
            (m.margin, top + m.margin * 0.5),
            HPos::Left,
        )?;
        let plot_top = top + m.margin * 0.5 + line_height(&small) * 2.0;
        let left = m.margin + label_width + m.small;
        let bottom = f64::from(height) - m.margin - 2.2 * line_height(&small);
        let y = Linear {
            domain: (0.0, ticks.last().copied().unwrap_or(1.0)),
            range: (bottom, plot_top),
        };
        draw_horizontal_grid(area, m, &y, &ticks, (left, right), &|t| format!("{t}"))?;
        let x = Linear {
            domain: (span.0 as f64, span.1 as f64),
            range: (left, right),
        };
        Ok(Self { x, y, span })
    }
}

/// Date ticks under the plot, spaced so their labels never touch.
fn draw_date_axis(area: &Area<'_>, m: &Metrics, plot: &Plot) -> Result<(), ReportError> {
    let small = text_style(m.small, false, &MUTED);
    let (first, last) = plot.span;
    let (Some(start), Some(end)) = (date(first), date(last)) else {
        return Ok(());
    };
    let same_year = start.year() == end.year();
    let pattern = if same_year { "%-d %b" } else { "%-d %b %Y" };
    let label = |d: NaiveDate| d.format(pattern).to_string();
    let widest = f64::from(text_width(area, &label(start), &small)?.max(70));
    let room = (plot.x.range.1 - plot.x.range.0).max(1.0);
    let fits = (room / (widest * 1.6)).floor().max(1.0) as i64;
    let span = last - first;
    let step = DAY_STEPS
        .iter()
        .copied()
        .find(|s| span / s < fits)
        .unwrap_or(span.max(1));
    let base = plot.y.range.0;
    let mut d = first;
    while d <= last {
        let px = plot.x.map(d as f64);
        let tick = [
            (px as i32, base as i32),
            (px as i32, (base + m.small * 0.4) as i32),
        ];
        area.draw(&PathElement::new(tick.to_vec(), INK.stroke_width(1)))
            .map_err(chart_error)?;
        if let Some(date) = date(d) {
            // The last label stays inside the image rather than centred.
            let text = label(date);
            let half = f64::from(text_width(area, &text, &small)?) / 2.0;
            let x = px.min(plot.x.range.1 + m.margin * 0.8 - half);
            put(area, &text, &small, (x, base + m.small * 0.6), HPos::Center)?;
        }
        d += step;
    }
    let caption = if same_year {
        format!("date ({})", start.year())
    } else {
        "date".to_owned()
    };
    let at = (
        (plot.x.range.0 + plot.x.range.1) / 2.0,
        base + m.small * 0.6 + line_height(&small),
    );
    put(area, &caption, &small, at, HPos::Center)?;
    Ok(())
}

/// The dashed line at the number invited, labelled at its right end.
fn draw_invited(
    area: &Area<'_>,
    m: &Metrics,
    plot: &Plot,
    invited: usize,
) -> Result<(), ReportError> {
    let py = plot.y.map(invited as f64) as i32;
    let (x0, x1) = (plot.x.range.0 as i32, plot.x.range.1 as i32);
    area.draw(&DashedPathElement::new(
        vec![(x0, py), (x1, py)],
        (6.0 * m.s).max(3.0) as u32,
        (5.0 * m.s).max(2.0) as u32,
        MUTED.stroke_width(m.stroke(1.5)),
    ))
    .map_err(chart_error)?;
    let style = text_style(m.small, true, &MUTED);
    let top = f64::from(py) - line_height(&style);
    put(
        area,
        &format!("invited: {invited}"),
        &style,
        (f64::from(x1), top),
        HPos::Right,
    )?;
    Ok(())
}

/// One series as a line, with dots on its points while there are few.
fn draw_line(
    area: &Area<'_>,
    m: &Metrics,
    plot: &Plot,
    series: &ProgressSeries,
    colour: RGBColor,
) -> Result<(), ReportError> {
    let mut points = series.points.clone();
    points.sort();
    let pixels: Vec<(i32, i32)> = points
        .iter()
        .map(|(d, n)| {
            (
                plot.x.map(day(*d) as f64) as i32,
                plot.y.map(*n as f64) as i32,
            )
        })
        .collect();
    area.draw(&PathElement::new(
        pixels.clone(),
        colour.stroke_width(m.stroke(2.5)),
    ))
    .map_err(chart_error)?;
    if pixels.len() <= 40 {
        let radius = (3.5 * m.s).round().max(2.0) as u32;
        for p in pixels {
            area.draw(&Circle::new(p, radius, colour.filled()))
                .map_err(chart_error)?;
        }
    }
    Ok(())
}

/// Days since the start of the common era: a date as a number to plot.
fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The date of a day number, if it is one chrono can represent.
fn date(day: i64) -> Option<NaiveDate> {
    i32::try_from(day)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}
