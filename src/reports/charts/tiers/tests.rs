//! Tier distribution charts decoded back from PNG.

use super::{TierGroup, tier_distribution_png};
use crate::reports::ReportError;
use crate::reports::charts::testing::{decode, title};

fn group(label: &str, counts: Option<[usize; 4]>) -> TierGroup {
    TierGroup {
        label: label.to_owned(),
        counts,
    }
}

fn chart(groups: &[TierGroup]) -> crate::reports::charts::testing::Image {
    decode(&tier_distribution_png(&title("Tier distribution"), groups, 900, 500).expect("a chart"))
}

#[test]
fn a_tier_chart_is_a_png_of_the_requested_size_with_content() {
    let image = chart(&[
        group("CSIRT", Some([3, 9, 7, 2])),
        group("Law enforcement", Some([5, 6, 2, 0])),
    ]);
    image.assert_drawn((900, 500));
    assert!(image.count((33, 113, 181)) > 1_000, "intermediate segments");
}

#[test]
fn a_suppressed_group_draws_no_tier_colours() {
    let present = chart(&[group("CSIRT", Some([3, 9, 7, 2]))]);
    let suppressed = chart(&[group("CSIRT", None)]);
    assert!(present.coloured() > 10 * suppressed.coloured().max(1));
    assert!(
        suppressed.count((232, 234, 237)) > 1_000,
        "the grey of a suppressed bar"
    );
}

#[test]
fn no_groups_still_render_a_chart() {
    chart(&[]).assert_drawn((900, 500));
}

#[test]
fn odd_inputs_do_not_panic() {
    let groups = [
        group("", Some([0, 0, 0, 0])),
        group(
            "A very long audience name that cannot possibly fit the label column",
            None,
        ),
        group("Huge", Some([usize::MAX, usize::MAX, 1, 0])),
    ];
    for (w, h) in [(120, 120), (4096, 200), (300, 1200)] {
        let png = tier_distribution_png(&title(""), &groups, w, h).expect("a chart");
        assert_eq!(decode(&png).width, w);
    }
    let many: Vec<TierGroup> = (0..300)
        .map(|i| group(&i.to_string(), Some([i, 1, 2, 3])))
        .collect();
    tier_distribution_png(&title("x"), &many, 600, 400).expect("a chart");
}

#[test]
fn an_absurd_size_is_refused() {
    let result = tier_distribution_png(&title("x"), &[], 100_000, 500);
    assert!(matches!(result, Err(ReportError::Chart(_))));
}

#[test]
fn the_provenance_is_drawn_under_the_title() {
    // No groups: the chart body is a notice in the middle, so the top is all heading.
    let heading_ink = |provenance: &str| {
        let mut heading = title("Tier distribution");
        heading.provenance = provenance.to_owned();
        let image = decode(&tier_distribution_png(&heading, &[], 900, 500).expect("a chart"));
        let rows = 120 * image.width as usize * 3;
        image.rgb[..rows]
            .chunks_exact(3)
            .filter(|p| p.iter().any(|&c| c < 240))
            .count()
    };
    let without = heading_ink("");
    let with = heading_ink("csirt-maturity 1.0.0 scored with tier table baseline version 1");
    assert!(
        with > without + 200,
        "{with} inked pixels against {without}"
    );
}
