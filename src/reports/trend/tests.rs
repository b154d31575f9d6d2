//! The trend computed from rounds built by hand: matching, suppression per round, and the
//! layout of trend.csv.

use chrono::NaiveDate;

use super::series::{Counted, RoundInput, RoundResponse, trend};
use super::table::{TREND_COLUMNS, trend_csv};
use crate::questionnaire::TierId;
use crate::reports::data::MeasureScores;

/// A response of organisation `org` placed at `tier` with every category at `level`.
fn response(id: i64, org: i64, tier: Option<TierId>, level: f64) -> RoundResponse {
    RoundResponse {
        response_id: id,
        organisation_id: org,
        audience: "csirt".to_owned(),
        submitted_at: NaiveDate::from_ymd_opt(2026, 3, 1).and_then(|d| d.and_hms_opt(9, 0, 0)),
        scores: MeasureScores {
            categories: vec![Some(level); 4],
            dimensions: Vec::new(),
            tier: Some(tier),
        },
    }
}

fn round(id: i64, k: usize, responses: Vec<RoundResponse>) -> RoundInput {
    RoundInput {
        campaign_id: id,
        campaign: format!("Maturity {}", 2023 + id),
        closes_on: NaiveDate::from_ymd_opt(2023 + id as i32, 6, 30).expect("a date"),
        k,
        responses,
    }
}

use TierId::{Advanced, Basic, Intermediate};

/// Four organisations in 2024; in 2025 three of them again (two higher, one lower) and a
/// new one, whose figures are the round's only.
fn two_rounds() -> Vec<RoundInput> {
    vec![
        round(
            1,
            3,
            vec![
                response(1, 10, None, 1.0),
                response(2, 11, Some(Basic), 2.0),
                response(3, 12, Some(Basic), 2.0),
                response(4, 13, Some(Intermediate), 3.0),
            ],
        ),
        round(
            2,
            3,
            vec![
                response(5, 10, Some(Basic), 2.0),
                response(6, 11, Some(Intermediate), 3.0),
                response(7, 13, Some(Basic), 2.5),
                response(8, 14, Some(Advanced), 4.0),
            ],
        ),
    ]
}

#[test]
fn each_round_shows_its_tiers_and_means() {
    let t = trend(&two_rounds());
    assert_eq!(t.rounds.len(), 2);
    let first = &t.rounds[0].audiences[0];
    assert_eq!(first.submitted.organisations, Some(4));
    let tiers = first.tiers.expect("placed in tiers");
    assert_eq!(tiers.value, Some([1, 2, 1, 0]));
    let (measure, mean) = &first.means[0];
    assert_eq!(measure, "O");
    assert_eq!(mean.value, Some(2.0));
    let second = &t.rounds[1].audiences[0];
    assert_eq!(second.tiers.and_then(|t| t.value), Some([0, 2, 1, 1]));
    assert_eq!(second.means[3].1.value, Some(2.875));
}

#[test]
fn the_same_organisations_are_followed_from_one_round_to_the_next() {
    let t = trend(&two_rounds());
    assert_eq!(t.movements.len(), 1);
    let moved = &t.movements[0];
    assert_eq!(moved.round, 2);
    // 10: not yet basic → basic (up); 11: basic → intermediate (up); 13: down. 12 and 14
    // answered one round only.
    let tiers = moved.tiers.expect("tiers in both rounds");
    assert_eq!(tiers.organisations, Some(3));
    assert_eq!(tiers.value, Some([2, 0, 1]));
    let (_, change) = &moved.changes[0];
    assert_eq!(change.organisations, Some(3));
    let expected = ((2.0 - 1.0) + (3.0 - 2.0) + (2.5 - 3.0)) / 3.0;
    assert_eq!(change.value, Some(expected));
}

#[test]
fn an_organisation_counts_once_a_round_by_its_latest_response() {
    let mut rounds = two_rounds();
    // Organisation 10 answered twice in 2025: earlier at advanced, later at basic.
    let mut earlier = response(9, 10, Some(Advanced), 4.0);
    earlier.submitted_at = NaiveDate::from_ymd_opt(2026, 2, 1).and_then(|d| d.and_hms_opt(9, 0, 0));
    rounds[1].responses.push(earlier);
    let t = trend(&rounds);
    assert_eq!(t.movements[0].tiers.and_then(|m| m.value), Some([2, 0, 1]));
    // The round's own figures count both responses, as its tiers chart does.
    let second = &t.rounds[1].audiences[0];
    assert_eq!(second.submitted.responses, Some(5));
    assert_eq!(second.submitted.organisations, Some(4));
}

#[test]
fn a_round_under_its_own_threshold_is_suppressed_and_the_others_are_not() {
    let mut rounds = two_rounds();
    // The first round's own threshold is 5: its four organisations are too few.
    rounds[0].k = 5;
    let t = trend(&rounds);
    let first = &t.rounds[0].audiences[0];
    assert!(first.submitted.suppressed);
    assert_eq!(first.submitted.organisations, None);
    assert_eq!(first.tiers.and_then(|t| t.value), None);
    assert!(
        first
            .means
            .iter()
            .all(|(_, m)| m.suppressed && m.value.is_none())
    );
    let second = &t.rounds[1].audiences[0];
    assert!(!second.submitted.suppressed);
    assert_eq!(second.means[0].1.value, Some(2.875));
    // The movement spans both rounds: it takes the larger threshold, 5, over 3 organisations.
    let moved = &t.movements[0];
    assert_eq!(moved.k, 5);
    assert!(
        moved
            .tiers
            .is_some_and(|m| m.suppressed && m.value.is_none())
    );
    assert!(moved.changes.iter().all(|(_, c)| c.value.is_none()));
}

#[test]
fn fewer_than_k_organisations_in_both_rounds_show_no_movement() {
    let mut rounds = two_rounds();
    rounds[1].responses.retain(|r| r.organisation_id != 13);
    rounds[1].responses.push(response(10, 15, Some(Basic), 2.0));
    let t = trend(&rounds);
    // Two organisations answered both rounds: below k = 3, though each round has four.
    let moved = &t.movements[0];
    assert!(
        moved
            .tiers
            .is_some_and(|m| m.suppressed && m.organisations.is_none())
    );
    assert!(!t.rounds[1].audiences[0].submitted.suppressed);
}

/// The rows of a trend.csv: each a map of column to cell.
fn rows(csv: &[u8]) -> Vec<Vec<(String, String)>> {
    let text = String::from_utf8(csv.to_vec()).expect("UTF-8");
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, TREND_COLUMNS);
    reader
        .records()
        .map(|r| {
            let r = r.expect("a record");
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn cell<'a>(row: &'a [(String, String)], column: &str) -> &'a str {
    row.iter()
        .find(|(c, _)| c == column)
        .map_or("", |(_, v)| v.as_str())
}

#[test]
fn trend_csv_writes_every_section_and_leaves_suppressed_cells_empty() {
    let mut rounds = two_rounds();
    rounds[0].k = 5;
    let csv = trend_csv(&trend(&rounds), "# TLP:AMBER — test");
    assert!(csv.starts_with(b"# TLP:AMBER"));
    let rows = rows(&csv);
    let sections: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (cell(r, "round"), cell(r, "section")))
        .collect();
    // Round 1: submitted, four tiers, four means; round 2 the same, then three movement
    // words and four changes.
    assert_eq!(rows.len(), 9 + 9 + 3 + 4);
    assert_eq!(sections[0], ("1", "submitted"));
    assert_eq!(sections[9], ("2", "submitted"));
    assert_eq!(sections[18], ("2", "movement"));
    assert_eq!(sections[21], ("2", "change"));
    for row in rows.iter().filter(|r| cell(r, "round") == "1") {
        assert_eq!(cell(row, "suppressed"), "true", "{row:?}");
        assert_eq!(cell(row, "k"), "5");
        for column in ["organisations", "responses", "count", "share", "mean"] {
            assert_eq!(cell(row, column), "", "{column} of {row:?}");
        }
    }
    let basic = rows
        .iter()
        .find(|r| cell(r, "round") == "2" && cell(r, "measure") == "basic")
        .expect("round 2's basic tier");
    assert_eq!(cell(basic, "campaign"), "Maturity 2025");
    assert_eq!(cell(basic, "closes_on"), "2025-06-30");
    assert_eq!(cell(basic, "count"), "2");
    assert_eq!(cell(basic, "share"), "0.5");
    assert_eq!(cell(basic, "suppressed"), "false");
    let tools = rows
        .iter()
        .find(|r| {
            cell(r, "section") == "mean" && cell(r, "round") == "2" && cell(r, "measure") == "T"
        })
        .expect("round 2's tools mean");
    assert_eq!(cell(tools, "mean"), "2.88");
}

#[test]
fn each_audience_has_rows_only_for_the_measures_it_scores() {
    let mut rounds = two_rounds();
    for (i, round) in rounds.iter_mut().enumerate() {
        for org in 20..23 {
            let mut lea = response(100 + org + 10 * i as i64, org, None, 0.0);
            lea.audience = "lea".to_owned();
            lea.scores = MeasureScores {
                categories: Vec::new(),
                dimensions: vec![Some(2.0), None, None, None, Some(1.0)],
                tier: None,
            };
            round.responses.push(lea);
        }
    }
    let t = trend(&rounds);
    let names = |means: &[(String, Counted<f64>)]| -> Vec<String> {
        means.iter().map(|(m, _)| m.clone()).collect()
    };
    let audiences = &t.rounds[1].audiences;
    assert_eq!(names(&audiences[0].means), ["O", "H", "T", "P"]);
    assert_eq!(audiences[1].audience, "lea");
    assert_eq!(names(&audiences[1].means), ["behavioural", "judiciary"]);
    assert!(
        audiences[1].tiers.is_none(),
        "the LEAs are not placed in tiers"
    );
    let lea = t
        .movements
        .iter()
        .find(|m| m.audience == "lea")
        .expect("LEAs followed");
    assert!(lea.tiers.is_none());
    assert_eq!(lea.changes.len(), 2);
    assert_eq!(lea.changes[0].1.value, Some(0.0));
}
