//! What frames every campaign chart: the two-line title with campaign, n and
//! TLP label, sizes scaled to the image, text placement, the "no data yet"
//! notice, the pattern that marks a suppressed value, and value cleaning.

use plotters::prelude::*;
use plotters::style::TextStyle;
use plotters::style::text_anchor::HPos;

use super::canvas::{Area, INK, MUTED, chart_error};
use super::text::{self, fit_width, text_style, text_width, wrap};
use crate::reports::ReportError;

/// The heading of a campaign chart.
///
/// Drawn as a bold first line "`subject` — `campaign`", a second line
/// "n = `n` organisations · TLP:`tlp`", so every chart carries its TLP label, and
/// under it `provenance` (wrapped to at most two lines), so every chart says which
/// tier table and model scored it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartTitle {
    /// The campaign's name, e.g. "EU CSIRT–LE cooperation 2025".
    pub campaign: String,
    /// The TLP label without the prefix: "CLEAR", "GREEN", "AMBER" or "RED".
    pub tlp: String,
    /// How many organisations the chart is computed from.
    pub n: usize,
    /// What the chart shows, e.g. "Tier distribution".
    pub subject: String,
    /// The privacy threshold: figures resting on fewer organisations are suppressed.
    pub k: usize,
    /// Which tier table and model scored the data (see `reports::Provenance::line`).
    pub provenance: String,
}

impl ChartTitle {
    /// The legend entry's text for a suppressed figure, naming the threshold.
    pub(crate) fn suppressed_note(&self) -> String {
        format!("suppressed (fewer than {} organisations)", self.k)
    }
}

/// Grey behind a suppressed value: visibly "no data", never a data colour.
pub(crate) const SUPPRESSED_FILL: RGBColor = RGBColor(232, 234, 237);
/// The hatching drawn over [`SUPPRESSED_FILL`].
pub(crate) const SUPPRESSED_MARK: RGBColor = RGBColor(150, 156, 163);

/// Pixel sizes scaled from an 800 × 560 design, so larger images get larger
/// text rather than a small chart in a sea of white.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Metrics {
    /// The scale factor itself, for line widths and dots.
    pub s: f64,
    pub margin: f64,
    pub title: f64,
    pub subtitle: f64,
    pub label: f64,
    pub small: f64,
}

impl Metrics {
    pub fn for_size(width: u32, height: u32) -> Self {
        let s = (f64::from(width) / 800.0)
            .min(f64::from(height) / 560.0)
            .clamp(0.7, 2.5);
        Self {
            s,
            margin: 16.0 * s,
            // Floors keep small charts legible: below about 10 pixels the
            // glyphs of DejaVu Sans smear into each other.
            title: (20.0 * s).max(14.0),
            subtitle: (14.0 * s).max(11.0),
            label: (13.0 * s).max(11.0),
            small: (11.5 * s).max(10.0),
        }
    }

    /// A line width of about `px` pixels at the design size, at least 1.
    pub fn stroke(&self, px: f64) -> u32 {
        (px * self.s).round().max(1.0) as u32
    }
}

/// Vertical space a line of text in `style` takes, gap included.
pub(crate) fn line_height(style: &TextStyle<'_>) -> f64 {
    1.25 * style.font.get_size()
}

/// Draws `text` with the top of its capitals at about `top`, anchored at `x`
/// by `align`; returns the width drawn.
pub(crate) fn put(
    area: &Area<'_>,
    text: &str,
    style: &TextStyle<'_>,
    (x, top): (f64, f64),
    align: HPos,
) -> Result<f64, ReportError> {
    let width = f64::from(text_width(area, text, style)?);
    let left = match align {
        HPos::Left => x,
        HPos::Center => x - width / 2.0,
        HPos::Right => x - width,
    };
    // plotters puts the baseline half a font size below the anchor, so the
    // anchor sits a little below the wanted top of the ink.
    let at = (
        left.round() as i32,
        (top + 0.15 * style.font.get_size()).round() as i32,
    );
    text::draw_text(area, text, style, at)?;
    Ok(width)
}

/// Like [`put`], but with the capitals centred vertically on `middle`.
pub(crate) fn put_middle(
    area: &Area<'_>,
    text: &str,
    style: &TextStyle<'_>,
    (x, middle): (f64, f64),
    align: HPos,
) -> Result<f64, ReportError> {
    let top = middle - 0.36 * style.font.get_size();
    put(area, text, style, (x, top), align)
}

/// Draws the two title lines centred at the top; returns where they end.
pub(crate) fn draw_title(
    area: &Area<'_>,
    m: &Metrics,
    title: &ChartTitle,
) -> Result<f64, ReportError> {
    let (width, _) = area.dim_in_pixel();
    let usable = width.saturating_sub(2 * m.margin as u32);
    let centre = f64::from(width) / 2.0;
    let first = match (title.subject.trim(), title.campaign.trim()) {
        ("", campaign) => campaign.to_owned(),
        (subject, "") => subject.to_owned(),
        (subject, campaign) => format!("{subject} — {campaign}"),
    };
    let tlp = match title.tlp.trim() {
        "" => "unlabelled".to_owned(),
        tlp => tlp.to_uppercase(),
    };
    let noun = if title.n == 1 {
        "organisation"
    } else {
        "organisations"
    };
    let second = format!("n = {} {noun} · TLP:{tlp}", title.n);
    let mut y = m.margin;
    for (line, style) in [
        (first, text_style(m.title, true, &INK)),
        (second, text_style(m.subtitle, false, &MUTED)),
    ] {
        put(
            area,
            &fit_width(area, &line, &style, usable)?,
            &style,
            (centre, y),
            HPos::Center,
        )?;
        y += line_height(&style) * 1.1;
    }
    let style = text_style(m.small, false, &MUTED);
    for line in wrap(area, title.provenance.trim(), &style, usable, 2)? {
        put(area, &line, &style, (centre, y), HPos::Center)?;
        y += line_height(&style);
    }
    Ok(y + m.margin * 0.5)
}

/// Writes "no data yet" in the middle of the space below `top`.
pub(crate) fn draw_no_data(area: &Area<'_>, m: &Metrics, top: f64) -> Result<(), ReportError> {
    let (width, height) = area.dim_in_pixel();
    let style = text_style(m.title, false, &MUTED);
    let middle = (top + f64::from(height)) / 2.0;
    put_middle(
        area,
        "no data yet",
        &style,
        (f64::from(width) / 2.0, middle),
        HPos::Center,
    )?;
    Ok(())
}

/// Fills a rectangle as suppressed: light grey with diagonal hatching.
pub(crate) fn draw_suppressed(
    area: &Area<'_>,
    m: &Metrics,
    (left, top): (i32, i32),
    (right, bottom): (i32, i32),
) -> Result<(), ReportError> {
    area.draw(&Rectangle::new(
        [(left, top), (right, bottom)],
        SUPPRESSED_FILL.filled(),
    ))
    .map_err(chart_error)?;
    let step = (7.0 * m.s).round().max(4.0) as i32;
    let (w, h) = (right - left, bottom - top);
    // Every line holds (x - left) + (bottom - y) = offset; its two ends are
    // where it meets the rectangle's edges, so nothing spills outside.
    let mut offset = step;
    while offset < w + h {
        let upper = if offset <= h {
            (left, bottom - offset)
        } else {
            (left + offset - h, top)
        };
        let lower = if offset <= w {
            (left + offset, bottom)
        } else {
            (right, bottom - (offset - w))
        };
        area.draw(&PathElement::new(
            vec![upper, lower],
            SUPPRESSED_MARK.stroke_width(1),
        ))
        .map_err(chart_error)?;
        offset += step;
    }
    Ok(())
}

/// A score pulled onto `lo..=hi`; NaN and `None` are no value at all.
pub(crate) fn clean(value: Option<f64>, lo: f64, hi: f64) -> Option<f64> {
    value.filter(|v| !v.is_nan()).map(|v| v.clamp(lo, hi))
}
