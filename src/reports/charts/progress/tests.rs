//! Response progress charts decoded back from PNG.

use chrono::NaiveDate;

use super::{ProgressSeries, progress_png};
use crate::reports::ReportError;
use crate::reports::charts::testing::{Image, decode, title};

fn on(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(day))))
        .expect("a date in 2025")
}

fn series(label: &str, points: &[(u32, usize)]) -> ProgressSeries {
    ProgressSeries {
        label: label.to_owned(),
        points: points.iter().map(|(d, n)| (on(*d), *n)).collect(),
    }
}

fn chart(series: &[ProgressSeries], invited: usize) -> Image {
    let png = progress_png(&title("Response progress"), series, invited, 900, 520);
    decode(&png.expect("a chart"))
}

#[test]
fn a_progress_chart_is_a_png_of_the_requested_size_with_content() {
    let image = chart(
        &[series("CSIRT", &[(0, 2), (5, 9), (20, 17), (41, 23)])],
        40,
    );
    image.assert_drawn((900, 520));
    assert!(image.count((0, 114, 178)) > 1_000, "the first series' line");
}

#[test]
fn each_series_gets_its_own_line() {
    let one = chart(&[series("CSIRT", &[(0, 2), (30, 20)])], 30);
    let two = chart(
        &[
            series("CSIRT", &[(0, 2), (30, 20)]),
            series("LEA", &[(3, 1), (30, 9)]),
        ],
        30,
    );
    assert!(two.count((230, 159, 0)) > one.count((230, 159, 0)) + 500);
}

#[test]
fn no_points_still_render_a_chart() {
    chart(&[], 10).assert_drawn((900, 520));
    chart(&[series("CSIRT", &[])], 0).assert_drawn((900, 520));
}

#[test]
fn odd_inputs_do_not_panic() {
    let far = [
        (NaiveDate::MIN, usize::MAX),
        (NaiveDate::MAX, 0),
        (NaiveDate::MAX, 3),
    ];
    let odd = ProgressSeries {
        label: "x".to_owned(),
        points: far.to_vec(),
    };
    for (w, h) in [(120, 120), (4096, 160), (160, 4096)] {
        let png = progress_png(&title(""), std::slice::from_ref(&odd), usize::MAX, w, h);
        assert_eq!(decode(&png.expect("a chart")).width, w);
    }
    chart(&[series("one day", &[(4, 7)])], 0).assert_drawn((900, 520));
}

#[test]
fn an_absurd_size_is_refused() {
    let result = progress_png(&title("x"), &[], 0, 900, 119);
    assert!(matches!(result, Err(ReportError::Chart(_))));
}
