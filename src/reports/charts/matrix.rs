//! A grid of coloured cells with row and column labels: the body of the
//! parameter heatmap and of the perception gap chart.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::canvas::{Area, INK, chart_error};
use super::frame::{Metrics, draw_suppressed, put_middle};
use super::palette::text_on;
use super::text::{fit_width, text_style, text_width};
use crate::reports::ReportError;

/// What to draw: labels, cell values (`None` = suppressed) and how a value
/// becomes a colour and a text.
pub(crate) struct Matrix<'a> {
    pub rows: &'a [String],
    pub columns: &'a [String],
    pub cells: &'a [Vec<Option<f64>>],
    pub colour: &'a dyn Fn(f64) -> RGBColor,
    pub format: &'a dyn Fn(f64) -> String,
}

/// Cell and font sizes chosen for the space available.
struct Layout {
    left: f64,
    top: f64,
    cell_w: f64,
    cell_h: f64,
    label_font: f64,
    value_font: f64,
}

/// Draws `matrix` inside `(left, top)`–`(right, bottom)`: row labels on the
/// left, column labels on top, each cell filled and, where there is room,
/// its value written in it. Suppressed cells are hatched light grey.
pub(crate) fn draw_matrix(
    area: &Area<'_>,
    m: &Metrics,
    matrix: &Matrix<'_>,
    (left, top): (f64, f64),
    (right, bottom): (f64, f64),
) -> Result<(), ReportError> {
    let layout = plan(area, m, matrix, (left, top), (right, bottom))?;
    let label_style = text_style(layout.label_font, true, &INK);
    let row_room = (layout.left - left - layout.label_font * 0.5).max(1.0) as u32;
    let col_room = (layout.cell_w * 0.96).max(1.0) as u32;
    let header_middle = layout.top - layout.label_font * 0.9;
    for (c, name) in matrix.columns.iter().enumerate() {
        let centre = layout.left + layout.cell_w * (c as f64 + 0.5);
        let text = fit_width(area, name, &label_style, col_room)?;
        put_middle(
            area,
            &text,
            &label_style,
            (centre, header_middle),
            HPos::Center,
        )?;
    }
    for (r, name) in matrix.rows.iter().enumerate() {
        let middle = layout.top + layout.cell_h * (r as f64 + 0.5);
        if layout.label_font >= 5.0 {
            let text = fit_width(area, name, &label_style, row_room)?;
            let at = (layout.left - layout.label_font * 0.5, middle);
            put_middle(area, &text, &label_style, at, HPos::Right)?;
        }
        for c in 0..matrix.columns.len() {
            let value = matrix
                .cells
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .flatten();
            draw_cell(area, m, matrix, &layout, (r, c), value)?;
        }
    }
    Ok(())
}

/// Sizes cells to fill the space, but no larger than reads well, and fits
/// the row labels in at most a third of the width.
fn plan(
    area: &Area<'_>,
    m: &Metrics,
    matrix: &Matrix<'_>,
    (left, top): (f64, f64),
    (right, bottom): (f64, f64),
) -> Result<Layout, ReportError> {
    let (rows, columns) = (
        matrix.rows.len().max(1) as f64,
        matrix.columns.len().max(1) as f64,
    );
    let rough_h = ((bottom - top) / (rows + 1.5)).max(1.0);
    let label_font = m.label.min(rough_h * 0.62);
    let style = text_style(label_font, true, &INK);
    let mut widest = 0u32;
    for row in matrix.rows {
        widest = widest.max(text_width(area, row, &style)?);
    }
    let labels = f64::from(widest).min((right - left) / 3.0) + label_font;
    let header = label_font * 1.8;
    let cell_w = ((right - left - labels) / columns).clamp(1.0, m.label * 9.0);
    let cell_h = ((bottom - top - header) / rows).clamp(1.0, m.label * 2.6);
    let used = labels + cell_w * columns;
    // Centre the whole grid, labels included, when cells hit their cap.
    let offset = ((right - left - used) / 2.0).max(0.0);
    let value_font = m.small.min(cell_h * 0.55).min(cell_w * 0.4);
    Ok(Layout {
        left: left + offset + labels,
        top: top + header,
        cell_w,
        cell_h,
        label_font,
        value_font,
    })
}

/// One cell: its colour and value, or the hatched grey of a suppressed one.
fn draw_cell(
    area: &Area<'_>,
    m: &Metrics,
    matrix: &Matrix<'_>,
    layout: &Layout,
    (r, c): (usize, usize),
    value: Option<f64>,
) -> Result<(), ReportError> {
    let x0 = layout.left + layout.cell_w * c as f64;
    let y0 = layout.top + layout.cell_h * r as f64;
    // One pixel of white between cells when they are big enough to spare it.
    let gap = if layout.cell_w > 6.0 && layout.cell_h > 6.0 {
        1
    } else {
        0
    };
    let corners = [
        (x0.round() as i32, y0.round() as i32),
        (
            (x0 + layout.cell_w).round() as i32 - gap,
            (y0 + layout.cell_h).round() as i32 - gap,
        ),
    ];
    let Some(value) = value else {
        return draw_suppressed(area, m, corners[0], corners[1]);
    };
    let fill = (matrix.colour)(value);
    area.draw(&Rectangle::new(corners, fill.filled()))
        .map_err(chart_error)?;
    let text = (matrix.format)(value);
    if layout.value_font >= 7.0 {
        let style = text_style(layout.value_font, false, &text_on(fill));
        let centre = (x0 + layout.cell_w / 2.0, y0 + layout.cell_h / 2.0);
        if f64::from(text_width(area, &text, &style)?) < layout.cell_w {
            put_middle(area, &text, &style, centre, HPos::Center)?;
        }
    }
    Ok(())
}
