//! Colours for campaign charts: categorical series, the four tiers, and the
//! sequential and diverging scales of the heatmaps.

use plotters::style::RGBColor;

/// Series colours (Okabe–Ito), distinguishable with common colour-vision
/// deficiencies and dark enough to stand out on white.
const SERIES: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(213, 94, 0),
    RGBColor(86, 180, 233),
    RGBColor(90, 90, 90),
];

/// The colour of series `i`; colours repeat after seven series.
pub(crate) fn series(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

/// Tiers from "not yet basic" to "advanced": a light-to-dark blue ramp, so
/// the order reads without the legend.
pub(crate) const TIERS: [RGBColor; 4] = [
    RGBColor(198, 219, 239),
    RGBColor(107, 174, 214),
    RGBColor(33, 113, 181),
    RGBColor(8, 48, 107),
];

/// Levels 0–4 from light yellow to dark blue (ColorBrewer YlGnBu).
const SEQUENTIAL: [RGBColor; 5] = [
    RGBColor(255, 255, 204),
    RGBColor(161, 218, 180),
    RGBColor(65, 182, 196),
    RGBColor(44, 127, 184),
    RGBColor(37, 52, 148),
];

/// Differences −4…+4 from purple through near-white to orange (PuOr).
const DIVERGING: [RGBColor; 5] = [
    RGBColor(84, 39, 136),
    RGBColor(178, 171, 210),
    RGBColor(247, 247, 247),
    RGBColor(253, 184, 99),
    RGBColor(179, 88, 6),
];

/// The colour of a 0–4 level.
pub(crate) fn sequential(level: f64) -> RGBColor {
    ramp(&SEQUENTIAL, level / 4.0)
}

/// The colour of a −4…+4 difference.
pub(crate) fn diverging(gap: f64) -> RGBColor {
    ramp(&DIVERGING, (gap + 4.0) / 8.0)
}

/// Near-black or white, whichever reads better on `background`.
pub(crate) fn text_on(background: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = background;
    let luma = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
    if luma < 140.0 {
        RGBColor(255, 255, 255)
    } else {
        super::canvas::INK
    }
}

/// Linear interpolation along evenly spaced `stops` at `t` in 0–1.
fn ramp(stops: &[RGBColor], t: f64) -> RGBColor {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let last = stops.len().saturating_sub(1);
    let position = t * last as f64;
    let i = (position.floor() as usize).min(last.saturating_sub(1));
    let (Some(a), Some(b)) = (stops.get(i), stops.get(i + 1)) else {
        return stops.first().copied().unwrap_or(RGBColor(0, 0, 0));
    };
    let f = position - i as f64;
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_hit_their_end_colours_and_clamp_beyond() {
        assert_eq!(sequential(0.0), SEQUENTIAL[0]);
        assert_eq!(sequential(4.0), SEQUENTIAL[4]);
        assert_eq!(sequential(99.0), SEQUENTIAL[4]);
        assert_eq!(sequential(f64::NAN), SEQUENTIAL[0]);
        assert_eq!(diverging(0.0), DIVERGING[2]);
        assert_eq!(diverging(-4.0), DIVERGING[0]);
    }
}
