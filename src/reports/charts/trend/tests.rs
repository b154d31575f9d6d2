//! Trend charts decoded back from PNG.

use super::{RoundState, TrendPanel, trend_png};
use crate::reports::ReportError;
use crate::reports::charts::testing::{Image, decode, title};

fn rounds() -> Vec<String> {
    [
        "Maturity 2024 · 2024-06-30",
        "Maturity 2025 · 2025-06-30",
        "Maturity 2026 · 2026-06-30",
    ]
    .map(str::to_owned)
    .to_vec()
}

fn measures() -> Vec<String> {
    ["Organisation", "Human", "Tools", "Processes"]
        .map(str::to_owned)
        .to_vec()
}

/// CSIRTs in three rounds, with `states`; every shown round has tiers and means.
fn csirts(states: [RoundState; 3]) -> TrendPanel {
    let shown = |i: usize| states[i] == RoundState::Shown;
    TrendPanel {
        label: "CSIRTs".to_owned(),
        states: states.to_vec(),
        tiers: Some(
            (0..3)
                .map(|i| shown(i).then_some([2, 5 + i, 3, i]))
                .collect(),
        ),
        means: (0..4)
            .map(|m| {
                (0..3)
                    .map(|i| shown(i).then_some(1.0 + 0.4 * i as f64 + 0.2 * m as f64))
                    .collect()
            })
            .collect(),
    }
}

fn chart(panels: &[TrendPanel]) -> Image {
    let png = trend_png(
        &title("Trend over 3 rounds"),
        &rounds(),
        &measures(),
        panels,
        1000,
        620,
    );
    decode(&png.expect("a chart"))
}

const INTERMEDIATE: (u8, u8, u8) = (33, 113, 181);
const FIRST_LINE: (u8, u8, u8) = (0, 114, 178);
/// The grey behind a suppressed figure.
const GREY: (u8, u8, u8) = (232, 234, 237);

#[test]
fn a_trend_chart_draws_tier_bars_and_mean_lines_per_round() {
    let image = chart(&[csirts([RoundState::Shown; 3])]);
    image.assert_drawn((1000, 620));
    assert!(image.count(INTERMEDIATE) > 1_000, "intermediate segments");
    assert!(image.count(FIRST_LINE) > 300, "the first measure's line");
    assert_eq!(image.count(GREY), 0);
}

#[test]
fn a_suppressed_round_is_hatched_not_drawn_as_zero() {
    use RoundState::{Shown, Suppressed};
    let all = chart(&[csirts([Shown; 3])]);
    let hidden = chart(&[csirts([Shown, Suppressed, Shown])]);
    assert!(hidden.count(GREY) > 2_000, "the grey of a suppressed round");
    assert!(
        hidden.count(INTERMEDIATE) * 4 < all.count(INTERMEDIATE) * 3,
        "one bar fewer: {} against {}",
        hidden.count(INTERMEDIATE),
        all.count(INTERMEDIATE)
    );
    // No point at zero: the line stops either side of the round.
    assert!(hidden.count(FIRST_LINE) < all.count(FIRST_LINE));
}

#[test]
fn an_audience_without_tiers_draws_only_its_means() {
    let mut panel = csirts([RoundState::Shown; 3]);
    panel.label = "Law enforcement".to_owned();
    panel.tiers = None;
    let image = chart(&[panel]);
    image.assert_drawn((1000, 620));
    assert_eq!(image.count(INTERMEDIATE), 0);
    assert!(image.count(FIRST_LINE) > 300);
}

#[test]
fn no_rounds_or_odd_inputs_still_render_a_chart() {
    let png = trend_png(&title("x"), &[], &measures(), &[], 600, 400).expect("a chart");
    decode(&png).assert_drawn((600, 400));
    let absent = TrendPanel {
        label: String::new(),
        states: vec![RoundState::Absent],
        tiers: Some(vec![Some([0, 0, 0, 0])]),
        means: vec![vec![Some(f64::NAN)], vec![]],
    };
    for (w, h) in [(120, 120), (4096, 300), (300, 2000)] {
        let png = trend_png(
            &title(""),
            &rounds(),
            &[],
            std::slice::from_ref(&absent),
            w,
            h,
        )
        .expect("a chart");
        assert_eq!(decode(&png).width, w);
    }
}

#[test]
fn an_absurd_size_is_refused() {
    let result = trend_png(&title("x"), &rounds(), &measures(), &[], 100_000, 500);
    assert!(matches!(result, Err(ReportError::Chart(_))));
}
