//! Parameter heatmaps decoded back from PNG.

use super::{DEFAULT_SIZE, heatmap_png};
use crate::reports::ReportError;
use crate::reports::charts::testing::{EU, Image, decode, sim3_parameters, title};

fn countries(n: usize) -> Vec<String> {
    EU.iter().take(n).map(|c| (*c).to_owned()).collect()
}

fn chart(rows: &[String], columns: &[String], cells: &[Vec<Option<f64>>]) -> Image {
    let png = heatmap_png(
        &title("Median level per parameter"),
        rows,
        columns,
        cells,
        900,
        700,
    );
    decode(&png.expect("a chart"))
}

#[test]
fn a_heatmap_is_a_png_of_the_requested_size_with_content() {
    let rows = sim3_parameters();
    let columns = countries(27);
    let cells = vec![vec![Some(2.0); 27]; 45];
    let (w, h) = DEFAULT_SIZE;
    let png = heatmap_png(&title("Median level"), &rows, &columns, &cells, w, h);
    let image = decode(&png.expect("a chart"));
    image.assert_drawn((w, h));
    assert!(
        image.coloured() > 200_000,
        "only {} coloured",
        image.coloured()
    );
}

#[test]
fn suppressed_cells_are_grey_not_coloured() {
    let rows = sim3_parameters()[..6].to_vec();
    let columns = countries(6);
    let present = chart(&rows, &columns, &vec![vec![Some(3.0); 6]; 6]);
    let suppressed = chart(&rows, &columns, &vec![vec![None; 6]; 6]);
    assert!(present.coloured() > 5 * suppressed.coloured());
    assert!(suppressed.count((232, 234, 237)) > 5 * present.count((232, 234, 237)));
}

#[test]
fn empty_inputs_still_render_a_chart() {
    chart(&[], &[], &[]).assert_drawn((900, 700));
    chart(&sim3_parameters(), &[], &[]).assert_drawn((900, 700));
}

#[test]
fn ragged_and_nonsense_cells_do_not_panic() {
    let rows = sim3_parameters();
    let columns = countries(27);
    let cells = vec![
        vec![Some(f64::NAN), Some(-1.0), Some(99.0)],
        vec![],
        vec![Some(f64::NEG_INFINITY); 40],
    ];
    for (w, h) in [(120, 120), (4096, 200), (150, 4096)] {
        let png = heatmap_png(&title(""), &rows, &columns, &cells, w, h);
        assert_eq!(decode(&png.expect("a chart")).width, w);
    }
}

#[test]
fn an_absurd_size_is_refused() {
    let result = heatmap_png(&title("x"), &[], &[], &[], 5000, 5000);
    assert!(matches!(result, Err(ReportError::Chart(_))));
}
