//! Linear scales with round tick values, and the value grid drawn behind
//! bars and lines.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::canvas::{Area, GRID, MUTED, chart_error};
use super::frame::{Metrics, put_middle};
use super::text::text_style;
use crate::reports::ReportError;

/// Maps values in `domain` linearly onto pixels in `range`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Linear {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Linear {
    /// The pixel position of `value`; values outside the domain are clamped.
    pub fn map(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let span = d1 - d0;
        if span.abs() < f64::EPSILON || value.is_nan() {
            return r0;
        }
        let t = ((value - d0) / span).clamp(0.0, 1.0);
        r0 + (r1 - r0) * t
    }
}

/// Round ticks from 0 to at least `max` (at least 1), about `target` of them:
/// steps of 1, 2 or 5 times a power of ten, never below `min_step`.
pub(crate) fn nice_ticks(max: f64, target: usize, min_step: f64) -> Vec<f64> {
    let max = if max.is_finite() { max.max(1.0) } else { 1.0 };
    let raw = max / target.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|f| f * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
        .max(min_step);
    let count = (max / step).ceil() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

/// Horizontal grid lines at each tick of `y` between `left` and `right`,
/// labelled left of `left` with `format`.
pub(crate) fn draw_horizontal_grid(
    area: &Area<'_>,
    m: &Metrics,
    y: &Linear,
    ticks: &[f64],
    (left, right): (f64, f64),
    format: &dyn Fn(f64) -> String,
) -> Result<(), ReportError> {
    let style = text_style(m.small, false, &MUTED);
    for &tick in ticks {
        let py = y.map(tick).round() as i32;
        let colour = if tick == 0.0 {
            RGBColor(150, 156, 163)
        } else {
            GRID
        };
        area.draw(&PathElement::new(
            vec![(left as i32, py), (right as i32, py)],
            colour.stroke_width(1),
        ))
        .map_err(chart_error)?;
        put_middle(
            area,
            &format(tick),
            &style,
            (left - m.small * 0.5, f64::from(py)),
            HPos::Right,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(nice_ticks(4.0, 4, 1.0), [0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(nice_ticks(23.0, 5, 1.0), [0.0, 5.0, 10.0, 15.0, 20.0, 25.0]);
        assert_eq!(nice_ticks(0.0, 5, 1.0), [0.0, 1.0]);
        assert_eq!(nice_ticks(f64::NAN, 5, 1.0), [0.0, 1.0]);
    }

    #[test]
    fn values_outside_the_domain_stay_on_the_axis() {
        let scale = Linear {
            domain: (0.0, 4.0),
            range: (100.0, 0.0),
        };
        assert_eq!(scale.map(2.0), 50.0);
        assert_eq!(scale.map(9.0), 0.0);
        assert_eq!(scale.map(f64::NAN), 100.0);
    }
}
