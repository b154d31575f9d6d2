//! Category means charts decoded back from PNG.

use super::{Series, category_means_png};
use crate::reports::ReportError;
use crate::reports::charts::testing::{Image, decode, title};

fn measures() -> Vec<String> {
    ["Organisation", "Human", "Tools", "Processes"]
        .map(str::to_owned)
        .to_vec()
}

fn series(label: &str, values: &[Option<f64>]) -> Series {
    Series {
        label: label.to_owned(),
        values: values.to_vec(),
    }
}

fn chart(series: &[Series]) -> Image {
    let png = category_means_png(&title("Category means"), &measures(), series, 900, 560);
    decode(&png.expect("a chart"))
}

#[test]
fn a_means_chart_is_a_png_of_the_requested_size_with_content() {
    let image = chart(&[
        series("CSIRT", &[Some(2.8), Some(2.1), Some(3.2), Some(1.9)]),
        series("LEA", &[Some(1.7), Some(2.4), Some(1.1), Some(2.0)]),
    ]);
    image.assert_drawn((900, 560));
    assert!(image.count((0, 114, 178)) > 2_000, "the first series' bars");
    assert!(
        image.count((230, 159, 0)) > 2_000,
        "the second series' bars"
    );
}

#[test]
fn suppressed_values_draw_no_bar() {
    let present = chart(&[series("CSIRT", &[Some(3.0); 4])]);
    let suppressed = chart(&[series("CSIRT", &[Some(3.0), None, None, None])]);
    let (all, one) = (
        present.count((0, 114, 178)),
        suppressed.count((0, 114, 178)),
    );
    assert!(
        one * 3 < all,
        "{one} blue pixels with three bars suppressed, {all} without"
    );
}

#[test]
fn no_measures_or_no_series_still_render_a_chart() {
    chart(&[]).assert_drawn((900, 560));
    let png = category_means_png(&title("x"), &[], &[series("CSIRT", &[])], 900, 560);
    decode(&png.expect("a chart")).assert_drawn((900, 560));
}

#[test]
fn odd_values_and_sizes_do_not_panic() {
    let odd = series(
        "Ünïcødé audience with a name far too long for any legend row at all",
        &[Some(f64::NAN), Some(-3.0), Some(f64::INFINITY)],
    );
    for (w, h) in [(120, 120), (4096, 150), (200, 3000)] {
        let png = category_means_png(&title(""), &measures(), &vec![odd.clone(); 9], w, h);
        assert_eq!(decode(&png.expect("a chart")).height, h);
    }
}

#[test]
fn an_absurd_size_is_refused() {
    let result = category_means_png(&title("x"), &measures(), &[], 0, 560);
    assert!(matches!(result, Err(ReportError::Chart(_))));
}
