//! Text on charts: styles in the embedded font, measuring, fitting and
//! wrapping, and drawing that puts each glyph where the font says.

use std::cell::RefCell;
use std::collections::HashMap;

use plotters::backend::RGBPixel;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::canvas::{Area, chart_error};
use super::fonts;
use crate::reports::ReportError;

/// The chart font at `size` pixels, bold or regular, in `color`.
pub(crate) fn text_style(size: f64, bold: bool, color: &RGBColor) -> TextStyle<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    // The style goes into the descriptor at creation: `FontDesc::style`
    // changes the name but keeps the already loaded (regular) glyphs.
    (fonts::FAMILY, size, style).into_font().color(color)
}

/// Width in pixels of `text` drawn in `style`.
pub(crate) fn text_width(
    area: &Area<'_>,
    text: &str,
    style: &TextStyle<'_>,
) -> Result<u32, ReportError> {
    Ok(area.estimate_text_size(text, style).map_err(chart_error)?.0)
}

/// `text` shortened with an ellipsis until it is at most `max_width` wide.
pub(crate) fn fit_width(
    area: &Area<'_>,
    text: &str,
    style: &TextStyle<'_>,
    max_width: u32,
) -> Result<String, ReportError> {
    if text_width(area, text, style)? <= max_width {
        return Ok(text.to_owned());
    }
    let chars: Vec<char> = text.chars().collect();
    let shortened = |keep: usize| -> String {
        let head: String = chars[..keep].iter().collect();
        format!("{}…", head.trim_end())
    };
    // Binary search on the number of characters kept, so a pathological
    // label costs a few dozen measurements rather than one per character.
    let (mut fits, mut too_wide) = (0, chars.len());
    while too_wide - fits > 1 {
        let mid = fits + (too_wide - fits) / 2;
        if text_width(area, &shortened(mid), style)? <= max_width {
            fits = mid;
        } else {
            too_wide = mid;
        }
    }
    Ok(if fits == 0 {
        String::new()
    } else {
        shortened(fits)
    })
}

/// Breaks `text` at spaces into at most `max_lines` lines no wider than
/// `max_width`; what does not fit ends the last line with an ellipsis.
pub(crate) fn wrap(
    area: &Area<'_>,
    text: &str,
    style: &TextStyle<'_>,
    max_width: u32,
    max_lines: usize,
) -> Result<Vec<String>, ReportError> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if current.is_empty() {
            current = word.to_owned();
            continue;
        }
        let candidate = format!("{current} {word}");
        // The last permitted line takes everything left; fit_width cuts it.
        if lines.len() + 1 >= max_lines || text_width(area, &candidate, style)? <= max_width {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_owned()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() == 2
        && let Some(balanced) = balance_two_lines(area, text, style, max_width)?
    {
        return Ok(balanced);
    }
    lines
        .iter()
        .map(|line| fit_width(area, line, style, max_width))
        .collect()
}

/// Splits `text` into the two lines of most even width, so a label reads
/// "Technical / dimension 4" rather than "Technical dimension / 4"; `None`
/// if no split fits `max_width` (or there are too many words to try).
fn balance_two_lines(
    area: &Area<'_>,
    text: &str,
    style: &TextStyle<'_>,
    max_width: u32,
) -> Result<Option<Vec<String>>, ReportError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 16 {
        return Ok(None);
    }
    let mut best: Option<(u32, Vec<String>)> = None;
    for split in 1..words.len() {
        let (first, second) = (words[..split].join(" "), words[split..].join(" "));
        let widest = text_width(area, &first, style)?.max(text_width(area, &second, style)?);
        if widest <= max_width && best.as_ref().is_none_or(|(w, _)| widest < *w) {
            best = Some((widest, vec![first, second]));
        }
    }
    Ok(best.map(|(_, lines)| lines))
}

/// Longest text drawn glyph by glyph; beyond it the quadratic cost of
/// measuring every prefix is not worth it and plotters draws the whole run.
const MAX_PLACED_GLYPHS: usize = 200;

/// Draws `text` with its left edge at `left` and plotters' top anchor at `y`.
///
/// plotters 0.3.7's ab_glyph renderer drops each glyph's left side bearing,
/// so narrow letters sit against their left neighbour and leave a gap after
/// ("Organi sation"). Here every glyph is drawn on its own at the pen
/// position from the font's advances, shifted to centre its ink in its
/// advance, which is where the bearing would have put it to within a pixel.
pub(crate) fn draw_text(
    area: &Area<'_>,
    text: &str,
    style: &TextStyle<'_>,
    (left, y): (i32, i32),
) -> Result<(), ReportError> {
    let style = style.pos(Pos::new(HPos::Left, VPos::Top));
    if text.chars().count() > MAX_PLACED_GLYPHS {
        return area.draw_text(text, &style, (left, y)).map_err(chart_error);
    }
    let mut prefix = String::new();
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let pen = f64::from(text_width(area, &prefix, &style)?);
        prefix.push(c);
        let Some((ink_left, ink_right)) = ink_span(c, &style)? else {
            continue;
        };
        let advance = f64::from(text_width(area, c.encode_utf8(&mut buf), &style)?);
        let bearing = (advance - f64::from(ink_right - ink_left)) / 2.0;
        let x = left + (pen + bearing).round() as i32 - ink_left;
        area.draw_text(c.encode_utf8(&mut buf), &style, (x, y))
            .map_err(chart_error)?;
    }
    Ok(())
}

/// Remembered ink spans, keyed by glyph, size and weight.
type InkCache = HashMap<(char, u64, bool), Option<(i32, i32)>>;

thread_local! {
    // Per thread, so drawing never waits on a lock; capped below so odd
    // labels cannot grow it without bound.
    static INK_SPANS: RefCell<InkCache> = RefCell::new(HashMap::new());
}

/// Columns, relative to the anchor, that plotters inks when it draws `c`
/// alone; `None` for blanks such as a space.
fn ink_span(c: char, style: &TextStyle<'_>) -> Result<Option<(i32, i32)>, ReportError> {
    let size = style.font.get_size();
    let key = (
        c,
        size.to_bits(),
        matches!(style.font.get_style(), FontStyle::Bold),
    );
    if let Some(span) = INK_SPANS.with(|cache| cache.borrow().get(&key).copied()) {
        return Ok(span);
    }
    let span = measure_ink(c, style)?;
    INK_SPANS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= 4096 {
            cache.clear();
        }
        cache.insert(key, span);
    });
    Ok(span)
}

/// Draws `c` on a scratch bitmap and finds its leftmost and rightmost inked
/// columns.
fn measure_ink(c: char, style: &TextStyle<'_>) -> Result<Option<(i32, i32)>, ReportError> {
    // A glyph is at most about one and a half font sizes wide or tall;
    // `pad` on the left and top, twice that to the right and below.
    let pad = (style.font.get_size().ceil() as u32).clamp(4, 400);
    let side = 3 * pad;
    let mut rgb = vec![255u8; (side * side * 3) as usize];
    {
        let area = BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut rgb, (side, side))
            .map_err(chart_error)?
            .into_drawing_area();
        let black = style
            .font
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Top));
        let mut buf = [0u8; 4];
        area.draw_text(c.encode_utf8(&mut buf), &black, (pad as i32, pad as i32))
            .map_err(chart_error)?;
        area.present().map_err(chart_error)?;
    }
    let width = side as usize;
    let inked = |x: usize| (0..width).any(|y| rgb[(y * width + x) * 3] < 255);
    let first = (0..width).find(|&x| inked(x));
    let last = (0..width).rev().find(|&x| inked(x));
    Ok(first
        .zip(last)
        .map(|(first, last)| (first as i32 - pad as i32, last as i32 + 1 - pad as i32)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::charts::canvas::{INK, render_png};

    /// Runs `check` against a real drawing area with the font registered.
    fn with_area(check: impl FnOnce(&Area<'_>)) {
        render_png(200, 200, |area| {
            check(area);
            Ok(())
        })
        .expect("a canvas");
    }

    #[test]
    fn bold_text_is_drawn_with_the_bold_font() {
        with_area(|area| {
            let regular = text_width(area, "Organisation", &text_style(14.0, false, &INK)).unwrap();
            let bold = text_width(area, "Organisation", &text_style(14.0, true, &INK)).unwrap();
            assert!(
                bold > regular,
                "bold {bold} is not wider than regular {regular}"
            );
        });
    }

    #[test]
    fn text_too_wide_is_cut_with_an_ellipsis() {
        with_area(|area| {
            let style = text_style(14.0, false, &INK);
            let fitted =
                fit_width(area, "Organisational maturity of the team", &style, 80).unwrap();
            assert!(fitted.ends_with('…'), "{fitted}");
            assert!(text_width(area, &fitted, &style).unwrap() <= 80);
            assert_eq!(fit_width(area, "Legal", &style, 80).unwrap(), "Legal");
        });
    }

    #[test]
    fn two_line_labels_are_split_evenly() {
        with_area(|area| {
            let style = text_style(14.0, true, &INK);
            let lines = wrap(area, "Technical dimension 4", &style, 120, 2).unwrap();
            assert_eq!(lines, ["Technical", "dimension 4"]);
        });
    }
}
