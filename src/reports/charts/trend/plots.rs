//! The two plots of an audience's band of the trend chart: a plot rectangle with a slot per
//! round, the tier shares as 100 % stacked bars and the means as lines, a suppressed round
//! hatched in both.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::super::axis::{Linear, draw_horizontal_grid};
use super::super::canvas::{Area, INK, MUTED, chart_error};
use super::super::frame::{Metrics, clean, draw_suppressed, line_height, put, put_middle};
use super::super::palette::{self, TIERS, text_on};
use super::super::text::{fit_width, text_style, wrap};
use super::{RoundState, TrendPanel};
use crate::reports::ReportError;

/// A plot rectangle with the rounds as evenly spaced slots along its bottom.
pub(super) struct Plot {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    slot: f64,
}

impl Plot {
    /// Lays out a plot in the rectangle, with `caption` above it and the round labels
    /// under it.
    pub(super) fn new(
        area: &Area<'_>,
        m: &Metrics,
        rounds: &[String],
        caption: &str,
        (left, right): (f64, f64),
        (top, bottom): (f64, f64),
    ) -> Result<Self, ReportError> {
        let small = text_style(m.small, false, &MUTED);
        let fitted = fit_width(area, caption, &small, (right - left).max(1.0) as u32)?;
        put(area, &fitted, &small, (left, top), HPos::Left)?;
        let top = top + line_height(&small);
        let left = left + m.small * 3.2;
        let bottom = (bottom - 2.6 * line_height(&small)).max(top + 1.0);
        let slot = (right - left).max(1.0) / rounds.len().max(1) as f64;
        let plot = Plot {
            left,
            right,
            top: top + line_height(&small) * 0.5,
            bottom,
            slot,
        };
        for (i, label) in rounds.iter().enumerate() {
            let mut y = bottom + m.small * 0.4;
            for line in wrap(area, label, &small, (slot * 0.95).max(1.0) as u32, 2)? {
                put(area, &line, &small, (plot.centre(i), y), HPos::Center)?;
                y += line_height(&small);
            }
        }
        Ok(plot)
    }

    fn centre(&self, round: usize) -> f64 {
        self.left + self.slot * (round as f64 + 0.5)
    }

    /// The hatched band of a suppressed round, `width` of its slot wide.
    fn hatch(
        &self,
        area: &Area<'_>,
        m: &Metrics,
        round: usize,
        width: f64,
    ) -> Result<(), ReportError> {
        let half = self.slot * width / 2.0;
        let (x0, x1) = (self.centre(round) - half, self.centre(round) + half);
        draw_suppressed(
            area,
            m,
            (x0 as i32, self.top as i32),
            (x1 as i32, self.bottom as i32),
        )?;
        let style = text_style(m.small, false, &INK);
        let text = fit_width(area, "suppressed", &style, (x1 - x0).max(1.0) as u32)?;
        let middle = (self.top + self.bottom) / 2.0;
        put_middle(
            area,
            &text,
            &style,
            (self.centre(round), middle),
            HPos::Center,
        )?;
        Ok(())
    }
}

/// Each round's tier shares as one bar from 0 to 100 %, the share written in each segment
/// with room for it.
pub(super) fn draw_tier_bars(
    area: &Area<'_>,
    m: &Metrics,
    plot: &Plot,
    tiers: &[Option<[usize; 4]>],
    states: &[RoundState],
) -> Result<(), ReportError> {
    let y = Linear {
        domain: (0.0, 1.0),
        range: (plot.bottom, plot.top),
    };
    let ticks = [0.0, 0.25, 0.5, 0.75, 1.0];
    let format = |t: f64| format!("{}%", (t * 100.0).round());
    draw_horizontal_grid(area, m, &y, &ticks, (plot.left, plot.right), &format)?;
    for (i, state) in states.iter().enumerate() {
        match (state, tiers.get(i).copied().flatten()) {
            (RoundState::Suppressed, _) => plot.hatch(area, m, i, 0.6)?,
            (RoundState::Shown, Some(counts)) => draw_share_bar(area, m, plot, &y, i, counts)?,
            _ => {}
        }
    }
    Ok(())
}

fn draw_share_bar(
    area: &Area<'_>,
    m: &Metrics,
    plot: &Plot,
    y: &Linear,
    round: usize,
    counts: [usize; 4],
) -> Result<(), ReportError> {
    let total = counts.iter().fold(0usize, |a, b| a.saturating_add(*b));
    if total == 0 {
        return Ok(());
    }
    let half = plot.slot * 0.3;
    let (x0, x1) = (plot.centre(round) - half, plot.centre(round) + half);
    let mut start = 0.0;
    for (count, colour) in counts.iter().zip(TIERS) {
        let share = *count as f64 / total as f64;
        let (y0, y1) = (y.map(start), y.map(start + share));
        start += share;
        if *count == 0 {
            continue;
        }
        area.draw(&Rectangle::new(
            [
                (x0 as i32, y1.round() as i32),
                (x1 as i32, y0.round() as i32),
            ],
            colour.filled(),
        ))
        .map_err(chart_error)?;
        let style = text_style(m.small, true, &text_on(colour));
        if y0 - y1 > m.small * 1.3 && x1 - x0 > m.small * 3.0 {
            let text = format!("{}%", (share * 100.0).round());
            put_middle(
                area,
                &text,
                &style,
                (plot.centre(round), (y0 + y1) / 2.0),
                HPos::Center,
            )?;
        }
    }
    Ok(())
}

/// One line per measure across the rounds, broken where a round shows no value.
pub(super) fn draw_mean_lines(
    area: &Area<'_>,
    m: &Metrics,
    plot: &Plot,
    panel: &TrendPanel,
) -> Result<(), ReportError> {
    let y = Linear {
        domain: (0.0, 4.0),
        range: (plot.bottom, plot.top),
    };
    let ticks = [0.0, 1.0, 2.0, 3.0, 4.0];
    draw_horizontal_grid(area, m, &y, &ticks, (plot.left, plot.right), &|t| {
        format!("{t}")
    })?;
    for (i, state) in panel.states.iter().enumerate() {
        if *state == RoundState::Suppressed {
            plot.hatch(area, m, i, 0.8)?;
        }
    }
    let radius = (3.5 * m.s).round().max(2.0) as u32;
    for (s, values) in panel.means.iter().enumerate() {
        let colour = palette::series(s);
        let point = |i: usize| {
            let shown = panel.states.get(i) == Some(&RoundState::Shown);
            let value = clean(values.get(i).copied().flatten(), 0.0, 4.0).filter(|_| shown)?;
            Some((plot.centre(i) as i32, y.map(value).round() as i32))
        };
        let mut run: Vec<(i32, i32)> = Vec::new();
        for i in 0..=panel.states.len() {
            match point(i) {
                Some(p) => run.push(p),
                None => {
                    if run.len() > 1 {
                        area.draw(&PathElement::new(
                            run.clone(),
                            colour.stroke_width(m.stroke(2.5)),
                        ))
                        .map_err(chart_error)?;
                    }
                    for p in run.drain(..) {
                        area.draw(&Circle::new(p, radius, colour.filled()))
                            .map_err(chart_error)?;
                    }
                }
            }
        }
    }
    Ok(())
}
