//! The trend chart of a series of rounds: one band per audience, holding the tier
//! distribution of each round as 100 % stacked bars (when the audience is placed in
//! tiers) beside the category or dimension means of each round as lines on the 0–4 scale.
//! A suppressed round is hatched grey in both plots, never drawn as a zero.

use plotters::style::text_anchor::HPos;

use super::canvas::{self, Area, INK};
use super::frame::{ChartTitle, Metrics, draw_no_data, draw_title, line_height, put};
use super::legend::{Entry, Mark, draw_legend};
use super::palette::{self, TIERS};
use super::text::{fit_width, text_style};
use super::tiers::TIER_NAMES;
use crate::reports::ReportError;
use plots::{Plot, draw_mean_lines, draw_tier_bars};

mod plots;
#[cfg(test)]
mod tests;

/// What one audience shows in one round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundState {
    /// Its figures are drawn.
    Shown,
    /// Fewer than k organisations: hatched, no figure.
    Suppressed,
    /// It did not take part in the round.
    Absent,
}

/// One audience's band of the trend chart; every per-round list follows the rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPanel {
    /// The audience, e.g. "CSIRTs".
    pub label: String,
    pub states: Vec<RoundState>,
    /// Responses per tier in the order of [`TIER_NAMES`], per round (`None` where nothing
    /// is shown); `None` for an audience not placed in tiers.
    pub tiers: Option<Vec<Option<[usize; 4]>>>,
    /// Per measure (in the order of the chart's measures), its mean per round; `None`
    /// where suppressed or not scored.
    pub means: Vec<Vec<Option<f64>>>,
}

/// Draws the trend of `rounds` (their labels, oldest first) as PNG bytes: one band per
/// panel, the measures named in the legend in their series colours.
///
/// # Errors
/// [`ReportError::Chart`] when a side is outside 120..=4096 pixels; other variants only if
/// drawing or encoding fails.
pub fn trend_png(
    title: &ChartTitle,
    rounds: &[String],
    measures: &[String],
    panels: &[TrendPanel],
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ReportError> {
    canvas::render_png(width, height, |area| {
        let m = Metrics::for_size(width, height);
        let top = draw_title(area, &m, title)?;
        if rounds.is_empty() || panels.is_empty() {
            return draw_no_data(area, &m, top);
        }
        let mut entries = Vec::new();
        if panels.iter().any(|p| p.tiers.is_some()) {
            entries.extend(
                TIER_NAMES
                    .iter()
                    .zip(TIERS)
                    .map(|(name, colour)| Entry::new(Mark::Fill(colour), *name)),
            );
        }
        entries.extend(
            measures
                .iter()
                .enumerate()
                .map(|(i, name)| Entry::new(Mark::Line(palette::series(i)), name.clone())),
        );
        if panels
            .iter()
            .any(|p| p.states.contains(&RoundState::Suppressed))
        {
            entries.push(Entry::new(Mark::Suppressed, title.suppressed_note()));
        }
        let right = f64::from(width) - m.margin;
        let top = draw_legend(area, &m, &entries, (m.margin, right), top)? + m.margin * 0.5;
        let band = (f64::from(height) - m.margin - top) / panels.len() as f64;
        for (i, panel) in panels.iter().enumerate() {
            let band_top = top + band * i as f64;
            draw_panel(
                area,
                &m,
                rounds,
                panel,
                (m.margin, right),
                (band_top, band_top + band),
            )?;
        }
        Ok(())
    })
}

/// One audience: its name, then the tier bars (when placed in tiers) and the mean lines.
fn draw_panel(
    area: &Area<'_>,
    m: &Metrics,
    rounds: &[String],
    panel: &TrendPanel,
    (left, right): (f64, f64),
    (top, bottom): (f64, f64),
) -> Result<(), ReportError> {
    let heading = text_style(m.label, true, &INK);
    let room = (right - left).max(1.0) as u32;
    let name = fit_width(area, &panel.label, &heading, room)?;
    put(area, &name, &heading, (left, top), HPos::Left)?;
    let plot_top = top + line_height(&heading) * 1.2;
    let means_left = match &panel.tiers {
        Some(tiers) => {
            let split = left + (right - left) * 0.4;
            let caption = "share of responses by tier";
            let bars = Plot::new(
                area,
                m,
                rounds,
                caption,
                (left, split - m.margin),
                (plot_top, bottom),
            )?;
            draw_tier_bars(area, m, &bars, tiers, &panel.states)?;
            split + m.margin
        }
        None => left,
    };
    let caption = "mean score (0–4)";
    let lines = Plot::new(
        area,
        m,
        rounds,
        caption,
        (means_left, right),
        (plot_top, bottom),
    )?;
    draw_mean_lines(area, m, &lines, panel)
}
