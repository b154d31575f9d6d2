//! The tier distribution chart: one horizontal stacked bar per audience,
//! counting organisations not yet basic, basic, intermediate and advanced.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::axis::{Linear, nice_ticks};
use super::canvas::{self, Area, GRID, INK, MUTED, chart_error};
use super::frame::{
    ChartTitle, Metrics, draw_no_data, draw_suppressed, draw_title, line_height, put, put_middle,
};
use super::legend::{Entry, Mark, draw_legend};
use super::palette::{TIERS, text_on};
use super::text::{fit_width, text_style, text_width};
use crate::reports::ReportError;

#[cfg(test)]
mod tests;

/// The tiers in the order of [`TierGroup::counts`].
pub const TIER_NAMES: [&str; 4] = ["not yet basic", "basic", "intermediate", "advanced"];

/// How many organisations of one audience reached each tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierGroup {
    /// The audience, e.g. "CSIRT" or "Law enforcement".
    pub label: String,
    /// Counts per tier in the order of [`TIER_NAMES`]; `None` when the group
    /// has fewer than k organisations and is suppressed.
    pub counts: Option<[usize; 4]>,
}

/// Draws the tier distribution as PNG bytes: one stacked bar per group,
/// a legend of the tiers, suppressed groups hatched grey and labelled.
///
/// # Errors
/// [`ReportError::Chart`] when a side is outside 120..=4096 pixels; other
/// variants only if drawing or encoding fails.
pub fn tier_distribution_png(
    title: &ChartTitle,
    groups: &[TierGroup],
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ReportError> {
    canvas::render_png(width, height, |area| {
        let m = Metrics::for_size(width, height);
        let top = draw_title(area, &m, title)?;
        if groups.is_empty() {
            return draw_no_data(area, &m, top);
        }
        let mut entries: Vec<Entry> = TIER_NAMES
            .iter()
            .zip(TIERS)
            .map(|(name, colour)| Entry::new(Mark::Fill(colour), *name))
            .collect();
        if groups.iter().any(|g| g.counts.is_none()) {
            entries.push(Entry::new(Mark::Suppressed, title.suppressed_note()));
        }
        let right = f64::from(width) - m.margin;
        let top = draw_legend(area, &m, &entries, (m.margin, right), top)?;
        draw_bars(area, &m, groups, (top + m.margin * 0.5, right))
    })
}

/// The bars, their row labels and the count axis below them.
fn draw_bars(
    area: &Area<'_>,
    m: &Metrics,
    groups: &[TierGroup],
    (top, right): (f64, f64),
) -> Result<(), ReportError> {
    let (width, height) = area.dim_in_pixel();
    let label_style = text_style(m.label, true, &INK);
    let small = text_style(m.small, false, &MUTED);
    let mut label_width = 0.0f64;
    for group in groups {
        label_width = label_width.max(f64::from(text_width(area, &group.label, &label_style)?));
    }
    let label_width = label_width.min(f64::from(width) * 0.3);
    let left = m.margin + label_width + m.label;
    // Room on the right for each bar's total.
    let plot_right = (right - m.label * 3.5).max(left + 1.0);
    let bottom = f64::from(height) - m.margin - 2.2 * line_height(&small);
    let max_total = groups
        .iter()
        .filter_map(|g| g.counts)
        .map(|c| c.iter().fold(0usize, |a, b| a.saturating_add(*b)))
        .max()
        .unwrap_or(0);
    let ticks = nice_ticks(max_total as f64, 6, 1.0);
    let x = Linear {
        domain: (0.0, ticks.last().copied().unwrap_or(1.0)),
        range: (left, plot_right),
    };
    for &tick in &ticks {
        let px = x.map(tick).round() as i32;
        area.draw(&PathElement::new(
            vec![(px, top as i32), (px, bottom as i32)],
            GRID.stroke_width(1),
        ))
        .map_err(chart_error)?;
        put(
            area,
            &format!("{tick}"),
            &small,
            (f64::from(px), bottom + 4.0),
            HPos::Center,
        )?;
    }
    let caption = (f64::from(width) / 2.0, bottom + 4.0 + line_height(&small));
    put(area, "organisations", &small, caption, HPos::Center)?;
    let row = (bottom - top) / groups.len() as f64;
    let bar = (row * 0.62).min(m.label * 3.2);
    for (i, group) in groups.iter().enumerate() {
        let middle = top + row * (i as f64 + 0.5);
        if row >= m.small {
            let label = fit_width(area, &group.label, &label_style, label_width as u32)?;
            put_middle(
                area,
                &label,
                &label_style,
                (left - m.label * 0.6, middle),
                HPos::Right,
            )?;
        }
        let (y0, y1) = ((middle - bar / 2.0) as i32, (middle + bar / 2.0) as i32);
        match group.counts {
            Some(counts) => draw_stack(area, m, &x, counts, (y0, y1))?,
            None => draw_suppressed_bar(area, m, (left, plot_right), (y0, y1))?,
        }
    }
    Ok(())
}

/// One stacked bar with the count written inside each segment that has room,
/// and the total after it.
fn draw_stack(
    area: &Area<'_>,
    m: &Metrics,
    x: &Linear,
    counts: [usize; 4],
    (y0, y1): (i32, i32),
) -> Result<(), ReportError> {
    let mut start = 0usize;
    for (count, colour) in counts.iter().zip(TIERS) {
        let end = start.saturating_add(*count);
        let (x0, x1) = (x.map(start as f64), x.map(end as f64));
        if *count > 0 {
            area.draw(&Rectangle::new(
                [(x0.round() as i32, y0), (x1.round() as i32, y1)],
                colour.filled(),
            ))
            .map_err(chart_error)?;
            let style = text_style(m.small, true, &text_on(colour));
            let text = count.to_string();
            let fits = f64::from(text_width(area, &text, &style)?) + m.small < x1 - x0;
            if fits && f64::from(y1 - y0) > m.small * 1.2 {
                let middle = f64::from(y0 + y1) / 2.0;
                put_middle(area, &text, &style, ((x0 + x1) / 2.0, middle), HPos::Center)?;
            }
        }
        start = end;
    }
    let style = text_style(m.small, false, &INK);
    let at = (
        x.map(start as f64) + m.small * 0.5,
        f64::from(y0 + y1) / 2.0,
    );
    put_middle(area, &start.to_string(), &style, at, HPos::Left)?;
    Ok(())
}

/// A hatched grey bar across the plot saying why it has no counts.
fn draw_suppressed_bar(
    area: &Area<'_>,
    m: &Metrics,
    (left, right): (f64, f64),
    (y0, y1): (i32, i32),
) -> Result<(), ReportError> {
    draw_suppressed(area, m, (left as i32, y0), (right as i32, y1))?;
    let style = text_style(m.small, false, &INK);
    let text = fit_width(area, "suppressed (n < k)", &style, (right - left) as u32)?;
    let w = f64::from(text_width(area, &text, &style)?);
    let middle = f64::from(y0 + y1) / 2.0;
    let pad = m.small * 0.4;
    let centre = (left + right) / 2.0;
    area.draw(&Rectangle::new(
        [
            (
                (centre - w / 2.0 - pad) as i32,
                (middle - m.small * 0.7) as i32,
            ),
            (
                (centre + w / 2.0 + pad) as i32,
                (middle + m.small * 0.7) as i32,
            ),
        ],
        WHITE.filled(),
    ))
    .map_err(chart_error)?;
    put_middle(area, &text, &style, (centre, middle), HPos::Center)?;
    Ok(())
}
