//! Where things go on a radar chart: sizes scaled to the image, and a centre
//! and radius chosen so every spoke label fits inside the image.

use plotters::style::TextStyle;
use plotters::style::text_anchor::HPos;

use super::{SCALE_MAX, spoke_angle};
use crate::reports::ReportError;
use crate::reports::charts::canvas::Area;
use crate::reports::charts::text::text_width;

/// Pixel sizes, scaled from a 600 × 520 design so larger images get larger
/// text rather than a tiny chart in a sea of white.
pub(super) struct Metrics {
    pub margin: f64,
    pub title: f64,
    pub subtitle: f64,
    pub label: f64,
    pub small: f64,
    /// Widest a spoke label may be before it wraps.
    pub label_width: f64,
    /// Space between the outer ring and a spoke label.
    pub gap: f64,
    /// Width of grid lines.
    pub grid: u32,
    /// Width of the score outline.
    pub stroke: u32,
    /// Radius of the dot on each score.
    pub dot: u32,
}

impl Metrics {
    pub fn for_size(width: u32, height: u32) -> Self {
        let (w, h) = (f64::from(width), f64::from(height));
        let s = (w / 600.0).min(h / 520.0).clamp(0.5, 3.0);
        Self {
            margin: 14.0 * s,
            title: 20.0 * s,
            subtitle: 14.0 * s,
            label: 14.0 * s,
            small: 11.5 * s,
            label_width: (w * 0.24).max(60.0),
            gap: 9.0 * s,
            grid: s.round().max(1.0) as u32,
            stroke: (2.0 * s).round().max(1.0) as u32,
            dot: (4.5 * s).round().max(2.0) as u32,
        }
    }
}

/// One line of text with its measured width.
pub(super) struct Line {
    pub text: String,
    pub style: TextStyle<'static>,
    pub width: f64,
}

impl Line {
    pub fn measured(
        area: &Area<'_>,
        text: String,
        style: TextStyle<'static>,
    ) -> Result<Self, ReportError> {
        let width = f64::from(text_width(area, &text, &style)?);
        Ok(Self { text, style, width })
    }

    /// Vertical space the line takes, including the gap to the next one.
    pub fn height(&self) -> f64 {
        1.25 * self.style.font.get_size()
    }

    /// How far below the wanted top of the ink to anchor the text: plotters'
    /// ab_glyph renderer puts the baseline half a font size under the anchor,
    /// so capitals would otherwise start above it.
    pub fn ink_offset(&self) -> f64 {
        0.15 * self.style.font.get_size()
    }
}

/// The text beside one spoke, measured as a box.
pub(super) struct Label {
    pub lines: Vec<Line>,
    pub width: f64,
    pub height: f64,
}

impl Label {
    pub fn new(lines: Vec<Line>) -> Self {
        let width = lines.iter().map(|l| l.width).fold(0.0, f64::max);
        let height = lines.iter().map(Line::height).sum();
        Self {
            lines,
            width,
            height,
        }
    }
}

/// Where a label's box goes and how its lines align inside it.
pub(super) struct Placement {
    pub left: f64,
    pub top: f64,
    pub align: HPos,
}

/// The rectangle the rings and spoke labels must stay inside.
pub(super) struct Region {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Region {
    /// The image minus its margins, below `top` (the header) and above
    /// `bottom` (the footer).
    pub fn inside(m: &Metrics, width: u32, top: f64, bottom: f64) -> Self {
        Self {
            left: m.margin,
            right: f64::from(width) - m.margin,
            top: top + m.gap,
            bottom,
        }
    }
}

/// The chart's centre, outer radius and spoke directions.
pub(super) struct Geometry {
    cx: f64,
    cy: f64,
    radius: f64,
    gap: f64,
    /// (cos, sin) of each spoke's angle, in screen coordinates.
    dirs: Vec<(f64, f64)>,
}

impl Geometry {
    /// Picks the centre and largest radius for which every label fits.
    ///
    /// Labels are uneven (five spokes put one label on top and two below),
    /// so a few centres around the middle are tried and the roomiest wins.
    pub fn fit(m: &Metrics, region: &Region, labels: &[Label]) -> Self {
        let n = labels.len();
        let dirs: Vec<(f64, f64)> = (0..n)
            .map(|i| spoke_angle(i, n))
            .map(|a| (a.cos(), a.sin()))
            .collect();
        let (mid_x, mid_y) = (
            (region.left + region.right) / 2.0,
            (region.top + region.bottom) / 2.0,
        );
        let (span_x, span_y) = (region.right - region.left, region.bottom - region.top);
        let mut best = (f64::NEG_INFINITY, mid_x, mid_y);
        for step_y in centre_steps(12) {
            for step_x in centre_steps(8) {
                let cx = mid_x + span_x * 0.01 * step_x;
                let cy = mid_y + span_y * 0.01 * step_y;
                let radius = max_radius(region, labels, &dirs, (cx, cy), m.gap);
                // Only move off-centre for a real gain, so symmetric charts stay centred.
                if radius > best.0 + 0.5 {
                    best = (radius, cx, cy);
                }
            }
        }
        let (radius, cx, cy) = best;
        let mut geometry = Self {
            cx,
            cy,
            radius: radius.max(2.0 * m.gap),
            gap: m.gap,
            dirs,
        };
        // Centre what is drawn rather than the spokes' hub: a triangle with
        // labels only below its base would otherwise sit high in the image.
        // The drawing fits the region, so centring it keeps it inside.
        let (left, right, top, bottom) = geometry.extent(labels);
        geometry.cx += mid_x - (left + right) / 2.0;
        geometry.cy += mid_y - (top + bottom) / 2.0;
        geometry
    }

    /// Left, right, top and bottom of the outer ring and all labels.
    fn extent(&self, labels: &[Label]) -> (f64, f64, f64, f64) {
        let mut extent = (self.cx, self.cx, self.cy, self.cy);
        let mut include = |x: f64, y: f64| {
            extent = (
                extent.0.min(x),
                extent.1.max(x),
                extent.2.min(y),
                extent.3.max(y),
            );
        };
        for (i, (label, &(c, s))) in labels.iter().zip(&self.dirs).enumerate() {
            include(self.cx + self.radius * c, self.cy + self.radius * s);
            let at = self.place(i, label);
            include(at.left, at.top);
            include(at.left + label.width, at.top + label.height);
        }
        extent
    }

    pub fn axes(&self) -> usize {
        self.dirs.len()
    }

    /// Pixel position of `value` (0–4) on spoke `i`.
    pub fn point(&self, i: usize, value: f64) -> (i32, i32) {
        let (c, s) = self.dirs.get(i).copied().unwrap_or((0.0, -1.0));
        let r = self.radius * value / SCALE_MAX;
        (
            (self.cx + r * c).round() as i32,
            (self.cy + r * s).round() as i32,
        )
    }

    /// Where spoke `i`'s label goes: just outside the outer ring, on the side
    /// facing away from the centre.
    pub fn place(&self, i: usize, label: &Label) -> Placement {
        let (c, s) = self.dirs.get(i).copied().unwrap_or((0.0, -1.0));
        let (fx, fy) = anchor_fractions(c, s);
        let reach = self.radius + self.gap;
        let align = if fx < 0.25 {
            HPos::Left
        } else if fx > 0.75 {
            HPos::Right
        } else {
            HPos::Center
        };
        Placement {
            left: self.cx + reach * c - fx * label.width,
            top: self.cy + reach * s - fy * label.height,
            align,
        }
    }
}

/// Offsets tried around the middle, in percent of the region: 0, 1, -1, 2, -2, …
fn centre_steps(max: i32) -> impl Iterator<Item = f64> {
    (0..=2 * max).map(|k| {
        if k % 2 == 1 {
            f64::from(k / 2 + 1)
        } else {
            -f64::from(k / 2)
        }
    })
}

/// The share of a label's box left of and above its anchor point.
///
/// A label to the right of the chart starts at the anchor, one on the left
/// ends there, one at the top or bottom is centred on it; in between the box
/// slides smoothly so diagonal labels neither overlap the ring nor jump.
fn anchor_fractions(c: f64, s: f64) -> (f64, f64) {
    (
        ((1.0 - 2.0 * c) / 2.0).clamp(0.0, 1.0),
        ((1.0 - 2.0 * s) / 2.0).clamp(0.0, 1.0),
    )
}

/// The largest outer radius for which the rings and every label box stay
/// inside `region` with the centre at `(cx, cy)`.
fn max_radius(
    region: &Region,
    labels: &[Label],
    dirs: &[(f64, f64)],
    (cx, cy): (f64, f64),
    gap: f64,
) -> f64 {
    const FLAT: f64 = 1e-6;
    let mut radius = (cx - region.left)
        .min(region.right - cx)
        .min(cy - region.top)
        .min(region.bottom - cy);
    for (label, &(c, s)) in labels.iter().zip(dirs) {
        let (fx, fy) = anchor_fractions(c, s);
        // A label's box reaches (radius + gap) along its spoke plus its own
        // extent; each side of the region bounds the radius linearly.
        let (left, right) = (fx * label.width, (1.0 - fx) * label.width);
        let (above, below) = (fy * label.height, (1.0 - fy) * label.height);
        if c > FLAT {
            radius = radius.min((region.right - right - cx) / c - gap);
        } else if c < -FLAT {
            radius = radius.min((cx - left - region.left) / -c - gap);
        }
        if s > FLAT {
            radius = radius.min((region.bottom - below - cy) / s - gap);
        } else if s < -FLAT {
            radius = radius.min((cy - above - region.top) / -s - gap);
        }
    }
    radius
}
