//! Perception gap charts decoded back from PNG.

use super::{GapRow, perception_gap_png, signed};
use crate::reports::ReportError;
use crate::reports::charts::testing::{EU, Image, decode, title};

fn dimensions() -> Vec<String> {
    [
        "Behavioural",
        "Legal",
        "Organisational",
        "Technical",
        "Judiciary",
    ]
    .map(str::to_owned)
    .to_vec()
}

fn rows(n: usize, value: Option<f64>) -> Vec<GapRow> {
    EU.iter()
        .take(n)
        .map(|c| GapRow {
            country: (*c).to_owned(),
            values: vec![value; 5],
        })
        .collect()
}

fn chart(rows: &[GapRow]) -> Image {
    let png = perception_gap_png(&title("Perception gap"), &dimensions(), rows, 900, 900);
    decode(&png.expect("a chart"))
}

#[test]
fn a_gap_chart_is_a_png_of_the_requested_size_with_content() {
    let image = chart(&rows(27, Some(1.5)));
    image.assert_drawn((900, 900));
    assert!(
        image.coloured() > 100_000,
        "only {} coloured",
        image.coloured()
    );
}

#[test]
fn suppressed_gaps_are_grey_not_coloured() {
    let present = chart(&rows(8, Some(-2.5)));
    let suppressed = chart(&rows(8, None));
    assert!(present.coloured() > 3 * suppressed.coloured());
    assert!(suppressed.count((232, 234, 237)) > 5 * present.count((232, 234, 237)).max(1));
}

#[test]
fn gaps_of_opposite_sign_get_different_colours() {
    let csirt_more = chart(&rows(8, Some(2.0)));
    let lea_more = chart(&rows(8, Some(-2.0)));
    assert_ne!(csirt_more.rgb, lea_more.rgb);
    assert!(csirt_more.count((253, 184, 99)) > lea_more.count((253, 184, 99)) + 10_000);
}

#[test]
fn empty_inputs_still_render_a_chart() {
    chart(&[]).assert_drawn((900, 900));
    let png = perception_gap_png(&title("x"), &[], &rows(3, Some(1.0)), 900, 900);
    decode(&png.expect("a chart")).assert_drawn((900, 900));
}

#[test]
fn nonsense_values_and_sizes_do_not_panic() {
    let odd = vec![GapRow {
        country: "A country name far too long to fit".to_owned(),
        values: vec![
            Some(f64::NAN),
            Some(-40.0),
            Some(f64::INFINITY),
            None,
            Some(0.0),
            Some(3.0),
        ],
    }];
    for (w, h) in [(120, 120), (4096, 130), (130, 4096)] {
        let png = perception_gap_png(&title(""), &dimensions(), &odd, w, h);
        assert_eq!(decode(&png.expect("a chart")).height, h);
    }
}

#[test]
fn an_absurd_size_is_refused() {
    let result = perception_gap_png(&title("x"), &dimensions(), &[], 900, 4097);
    assert!(matches!(result, Err(ReportError::Chart(_))));
}

#[test]
fn gaps_are_written_with_their_sign() {
    assert_eq!(signed(1.5, 1), "+1.5");
    assert_eq!(signed(-0.04, 1), "0.0");
    assert_eq!(signed(-2.0, 0), "−2");
}
