//! Radar charts decoded back from PNG and checked pixel by pixel.

use super::{RadarAxis, RadarReference, radar_png, radar_png_with_reference};
use crate::reports::ReportError;

const SIM3: [&str; 4] = ["Organisation", "Human", "Tools", "Processes"];
const COOPERATION: [&str; 5] = [
    "Behavioural",
    "Legal",
    "Organisational",
    "Technical",
    "Judiciary",
];

fn axes(labels: &[&str], value: Option<f64>) -> Vec<RadarAxis> {
    labels
        .iter()
        .map(|label| RadarAxis {
            label: (*label).to_owned(),
            value,
        })
        .collect()
}

/// Decodes a PNG into (width, height, RGB bytes).
fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let size = reader.output_buffer_size().expect("a sane size");
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).expect("one frame");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Pixels whose channels differ enough to be a colour rather than grey.
fn coloured_pixels(rgb: &[u8]) -> usize {
    rgb.chunks_exact(3)
        .filter(|p| p.iter().max().unwrap_or(&0) - p.iter().min().unwrap_or(&0) > 30)
        .count()
}

fn chart(labels: &[&str], value: Option<f64>) -> Vec<u8> {
    radar_png(
        "Campaign 2025 · TLP:AMBER",
        "SIM3 maturity, mean of 12 teams",
        &axes(labels, value),
        600,
        520,
    )
    .expect("a chart")
}

#[test]
fn a_radar_chart_is_a_png_of_the_requested_size() {
    let (width, height, _) = decode(&chart(&SIM3, Some(2.5)));
    assert_eq!((width, height), (600, 520));
}

#[test]
fn a_radar_chart_is_not_blank() {
    let (_, _, rgb) = decode(&chart(&COOPERATION, Some(2.0)));
    let non_white = rgb
        .chunks_exact(3)
        .filter(|p| p.iter().any(|&c| c < 240))
        .count();
    let distinct: std::collections::HashSet<&[u8]> = rgb.chunks_exact(3).collect();
    assert!(non_white > 5_000, "only {non_white} non-white pixels");
    assert!(
        distinct.len() > 50,
        "only {} distinct colours",
        distinct.len()
    );
    assert!(coloured_pixels(&rgb) > 1_000);
}

#[test]
fn higher_scores_fill_more_of_the_chart() {
    let (_, _, full) = decode(&chart(&SIM3, Some(4.0)));
    let (_, _, low) = decode(&chart(&SIM3, Some(1.0)));
    assert!(coloured_pixels(&full) > 4 * coloured_pixels(&low));
}

#[test]
fn two_axes_are_refused() {
    let result = radar_png(
        "t",
        "s",
        &axes(&["Legal", "Technical"], Some(1.0)),
        600,
        520,
    );
    assert!(matches!(result, Err(ReportError::Chart(_))));
}

#[test]
fn thirteen_axes_are_refused() {
    let labels = ["x"; 13];
    assert!(matches!(
        radar_png("t", "s", &axes(&labels, Some(1.0)), 600, 520),
        Err(ReportError::Chart(_))
    ));
}

#[test]
fn an_unusable_size_is_refused() {
    for (w, h) in [(0, 0), (10, 520), (600, 100_000), (u32::MAX, u32::MAX)] {
        assert!(matches!(
            radar_png("t", "s", &axes(&SIM3, Some(1.0)), w, h),
            Err(ReportError::Chart(_))
        ));
    }
}

#[test]
fn nonsense_values_are_clamped_not_fatal() {
    let values = [
        Some(f64::NAN),
        Some(f64::INFINITY),
        Some(-3.0),
        Some(17.0),
        Some(f64::NEG_INFINITY),
        None,
    ];
    let labels = ["A", "", "   ", "D", "E\nF", "✓"];
    let axes: Vec<RadarAxis> = labels
        .iter()
        .zip(values)
        .map(|(label, value)| RadarAxis {
            label: (*label).to_owned(),
            value,
        })
        .collect();
    let (width, _, _) = decode(&radar_png("", "", &axes, 600, 520).expect("a chart"));
    assert_eq!(width, 600);
}

#[test]
fn a_chart_with_no_scores_at_all_is_still_drawn() {
    let (_, _, rgb) = decode(&chart(&COOPERATION, None));
    assert!(rgb.chunks_exact(3).any(|p| p.iter().any(|&c| c < 128)));
}

#[test]
fn every_axis_count_and_odd_sizes_draw_without_panicking() {
    let long = "An extremely long dimension name that will never fit beside the ring";
    for n in 3..=12 {
        let labels: Vec<&str> = (0..n)
            .map(|i| if i % 3 == 0 { long } else { "Ünïcødé ✓" })
            .collect();
        // One odd shape per axis count keeps the test quick in debug builds.
        let sizes = [(120, 120), (1200, 300), (300, 1200), (600, 520)];
        let (w, h) = sizes[n % sizes.len()];
        let png = radar_png(long, long, &axes(&labels, Some(2.2)), w, h).expect("a chart");
        assert_eq!(decode(&png).0, w);
    }
}

/// Light grey pixels: the reference polygon's fill and outline, the grid, muted text.
fn light_grey_pixels(rgb: &[u8]) -> usize {
    rgb.chunks_exact(3)
        .filter(|p| {
            let (max, min) = (p.iter().max().unwrap_or(&0), p.iter().min().unwrap_or(&0));
            max - min <= 30 && *max < 250
        })
        .count()
}

#[test]
fn a_reference_polygon_is_drawn_under_the_scores_with_one_value_per_axis() {
    let scores = axes(&SIM3, Some(1.0));
    let plain = radar_png("t", "s", &scores, 600, 520).expect("a chart");
    let reference = RadarReference {
        label: "Median of peers".to_owned(),
        values: vec![3.0; 4],
    };
    let with =
        radar_png_with_reference("t", "s", &scores, Some(&reference), 600, 520).expect("a chart");
    let (_, _, plain) = decode(&plain);
    let (_, _, with) = decode(&with);
    // The band between the scores (ring 1) and the reference (ring 3) turns grey.
    assert!(
        light_grey_pixels(&with) > light_grey_pixels(&plain) + 5_000,
        "{} vs {}",
        light_grey_pixels(&with),
        light_grey_pixels(&plain)
    );
    // The respondent's own polygon is still drawn in colour over it.
    assert!(coloured_pixels(&with) * 10 > coloured_pixels(&plain) * 9);
    let short = RadarReference {
        values: vec![3.0; 3],
        ..reference
    };
    assert!(matches!(
        radar_png_with_reference("t", "s", &scores, Some(&short), 600, 520),
        Err(ReportError::Chart(_))
    ));
}
