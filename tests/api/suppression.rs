//! A group of two organisations never shows in a chart or aggregate, end to end: each
//! scenario is answered into a real database twice, once with the pair at the bottom of
//! every scale and once at the top (same submission times), and its reports are built
//! with `build_campaign_reports`. Whatever the pair alone determines must come out the
//! same both times; only figures over k or more organisations may move.
//!
//! Files are compared byte for byte, apart from the generation time that the CSVs and the
//! recommendations report carry in their first line. `answers.csv` and `scores.csv` are
//! row-level exports, not aggregates, and are not compared.

mod fixtures;
mod outputs;
mod recommendations;

use liaison::participants::OrganisationKind::{Csirt, Lea};
use liaison::questionnaire::{Catalogue, Dimension};
use liaison::reports::CHART_FILES;
use liaison::storage::questionnaires::record_catalogue;

use crate::helpers::shipped_questionnaires;
use crate::test_db::TestDb;

use fixtures::{Built, Scenario, Team, teams};
use outputs::{aggregates, assert_report_thresholded, assert_thresholded, changed, unstamped};

const MATURITY: &str = "csirt-maturity";
const COOPERATION_CSIRT: &str = "csirt-le-cooperation-csirt";
const COOPERATION_LEA: &str = "csirt-le-cooperation-lea";

/// The pair's levels in the two builds: as far apart as the scales go.
const LOW: [f64; 2] = [0.0, 1.0];
const HIGH: [f64; 2] = [4.0, 4.0];

/// Every aggregate file of a build.
fn published() -> Vec<&'static str> {
    let mut names = vec!["aggregates.csv", "non_answers.csv"];
    names.extend(CHART_FILES);
    names.extend(liaison::reports::RECOMMENDATION_FILES);
    names
}

/// Builds `scenario` twice on `db`, with `pair` answering at `LOW`, then at `HIGH`.
fn build_twice(
    db: &TestDb,
    scenario: impl Fn([f64; 2]) -> Scenario,
) -> (Built, Built, tempfile::TempDir) {
    let mut conn = db.conn();
    let catalogue = Catalogue::load(&shipped_questionnaires()).expect("shipped questionnaires");
    record_catalogue(&mut conn, &catalogue).expect("record questionnaires");
    let out = tempfile::tempdir().expect("a folder");
    let low = fixtures::build(&mut conn, &catalogue, &scenario(LOW), out.path());
    let high = fixtures::build(&mut conn, &catalogue, &scenario(HIGH), out.path());
    (low, high, out)
}

fn markdown(built: &Built) -> String {
    std::fs::read_to_string(built.dir.join("recommendations.md")).expect("recommendations.md")
}

/// Asserts `names` came out the same in both builds, generation time aside.
fn assert_same(db: &TestDb, low: &Built, high: &Built, names: &[&str]) {
    for name in names {
        let (a, b) = (unstamped(&low.dir, name), unstamped(&high.dir, name));
        if a == b {
            continue;
        }
        // For text, the first line that differs says what moved.
        let first = String::from_utf8(a)
            .ok()
            .zip(String::from_utf8(b).ok())
            .and_then(|(a, b)| {
                a.lines()
                    .zip(b.lines())
                    .find(|(x, y)| x != y)
                    .map(|(x, y)| format!("\n  pair low:  {x}\n  pair high: {y}"))
            });
        panic!(
            "{db}: {name} changes with the answers of a group of two{}",
            first.unwrap_or_default()
        );
    }
}

/// CSIRTs: four in AT, three in FR, and the pair in BE.
fn csirts_with_a_pair_in_be(pair: [f64; 2]) -> Scenario {
    let mut all = teams(Csirt, "AT", &[1.0, 2.0, 3.0, 4.0]);
    all.extend(teams(Csirt, "FR", &[2.0, 3.0, 4.0]));
    all.extend(teams(Csirt, "BE", &pair));
    Scenario {
        questionnaires: vec![(Csirt, MATURITY)],
        teams: all,
    }
}

#[test]
fn a_country_of_two_beside_larger_ones_moves_no_published_figure() {
    for db in TestDb::all() {
        let (low, high, _out) = build_twice(&db, csirts_with_a_pair_in_be);
        let (a, b) = (aggregates(&low.dir), aggregates(&high.dir));
        assert_thresholded(&a, &format!("{db}, pair low"));
        assert_thresholded(&b, &format!("{db}, pair high"));
        assert_eq!(changed(&a, &b), [], "{db}");
        // BE is two; all CSIRTs would be BE once AT and FR are subtracted.
        for row in &a {
            let hidden = matches!(row.country.as_str(), "BE" | "ALL");
            assert_eq!(row.suppressed, hidden, "{db}: {row:?}");
        }
        assert_same(&db, &low, &high, &published());

        // What the heatmap, tier and means charts are drawn from.
        let medians = low.data.parameter_medians().expect("medians");
        assert_eq!(medians.len(), 3 * 45, "{db}: AT, BE and FR × 45 parameters");
        for m in &medians {
            let hidden = m.country == "BE";
            assert_eq!(m.suppressed, hidden, "{db}: {m:?}");
            assert_eq!(m.median.is_none(), hidden, "{db}: {m:?}");
        }
        let tiers = low.data.tier_counts().expect("tier counts");
        let all = tiers
            .iter()
            .find(|t| t.country == "ALL")
            .expect("an ALL row");
        assert!(all.suppressed && all.counts.is_none(), "{db}: {all:?}");
        let means = low.data.measure_means().expect("means");
        assert!(!means.is_empty(), "{db}");
        assert!(
            means.iter().all(|m| m.suppressed && m.mean.is_none()),
            "{db}: {means:?}"
        );
        let report = markdown(&low);
        assert_report_thresholded(&report, &format!("{db}, pair low"));
        assert!(
            report.contains("No gap to show: "),
            "{db}: every CSIRT line would leave BE's two to subtract:\n{report}"
        );
    }
}

/// CSIRTs: three in AT, three in BE; LEAs: only the pair, in BE.
fn leas_are_a_pair(pair: [f64; 2]) -> Scenario {
    let mut all = teams(Csirt, "AT", &[1.0, 2.0, 3.0]);
    all.extend(teams(Csirt, "BE", &[2.0, 3.0, 4.0]));
    all.extend(teams(Lea, "BE", &pair));
    Scenario {
        questionnaires: vec![(Csirt, COOPERATION_CSIRT), (Lea, COOPERATION_LEA)],
        teams: all,
    }
}

#[test]
fn an_audience_of_two_moves_no_published_figure() {
    for db in TestDb::all() {
        let (low, high, _out) = build_twice(&db, leas_are_a_pair);
        let (a, b) = (aggregates(&low.dir), aggregates(&high.dir));
        assert_thresholded(&a, &format!("{db}, pair low"));
        assert_thresholded(&b, &format!("{db}, pair high"));
        assert_eq!(changed(&a, &b), [], "{db}");
        for row in &a {
            assert_eq!(row.suppressed, row.audience == "lea", "{db}: {row:?}");
        }
        // The campaign-wide cooperation lines count the LEAs too: with the CSIRTs' own
        // lines beside them, they would give the pair away.
        assert_same(&db, &low, &high, &published());

        let gaps = low.data.perception_gaps().expect("gaps");
        assert_eq!(gaps.len(), 2 * Dimension::ALL.len(), "{db}: AT and BE");
        assert!(
            gaps.iter().all(|g| g.suppressed && g.gap.is_none()),
            "{db}: {gaps:?}"
        );
        let report = markdown(&low);
        assert_report_thresholded(&report, &format!("{db}, pair low"));
        assert!(
            report.contains(
                "### Law enforcement (2 organisations)\n\nNothing to show at this threshold."
            ),
            "{db}:\n{report}"
        );
        assert!(
            !outputs::counts(&report).is_empty(),
            "{db}: the CSIRTs' own lines are shown:\n{report}"
        );
    }
}

/// CSIRTs: three in AT, three in BE; LEAs: three in AT, one in DE and the pair in BE.
/// Only one LEA outside the pair scores below 3, so with the pair high the LEAs' lines
/// rest on one organisation.
fn leas_with_a_pair_in_be(pair: [f64; 2]) -> Scenario {
    let mut all = leas_are_a_pair(pair).teams;
    all.extend(teams(Lea, "AT", &[1.0, 3.0, 4.0]));
    all.push(Team {
        name: "DE lea 1".to_owned(),
        audience: Lea,
        country: "DE",
        level: 3.0,
    });
    Scenario {
        questionnaires: vec![(Csirt, COOPERATION_CSIRT), (Lea, COOPERATION_LEA)],
        teams: all,
    }
}

#[test]
fn a_pair_inside_a_larger_audience_moves_only_figures_over_k_or_more() {
    for db in TestDb::all() {
        let (low, high, _out) = build_twice(&db, leas_with_a_pair_in_be);
        let (a, b) = (aggregates(&low.dir), aggregates(&high.dir));
        assert_thresholded(&a, &format!("{db}, pair low"));
        assert_thresholded(&b, &format!("{db}, pair high"));
        // The LEAs of all countries are six, three of them outside AT: they may move.
        let moved = changed(&a, &b);
        let expected: Vec<(&str, &str, &str)> = Dimension::ALL
            .iter()
            .map(|d| ("lea", "ALL", d.as_str()))
            .collect();
        assert_eq!(moved, expected, "{db}");
        for row in a.iter().chain(&b).filter(|r| r.key().0 == "lea") {
            let hidden = matches!(row.country.as_str(), "BE" | "DE");
            assert_eq!(row.suppressed, hidden, "{db}: {row:?}");
        }
        let charts: Vec<&str> = CHART_FILES
            .into_iter()
            .filter(|c| *c != "means.png")
            .collect();
        assert_same(&db, &low, &high, &charts);
        // The means chart does draw the LEAs of all countries, so it can tell the builds apart.
        let pixels = |built: &Built| {
            let png = std::fs::read(built.dir.join("means.png")).expect("means.png");
            decode(&png)
        };
        let (before, after) = (pixels(&low), pixels(&high));
        assert_eq!(before.0, after.0, "{db}: the same size");
        assert!(before.1 != after.1, "{db}: the LEAs' means moved");

        let gaps = low.data.perception_gaps().expect("gaps");
        for g in &gaps {
            assert_eq!(g.suppressed, g.country != "AT", "{db}: {g:?}");
            assert_eq!(g.gap.is_none(), g.suppressed, "{db}: {g:?}");
        }
        assert_eq!(gaps, high.data.perception_gaps().expect("gaps"), "{db}");
        for built in [&low, &high] {
            assert_report_thresholded(&markdown(built), &format!("{db}"));
        }
        // Six LEAs with three outside any country of three: their lines may be shown.
        let report = markdown(&low);
        assert!(
            report.contains("| Rank | Dimension |") && !report.contains("Nothing to show"),
            "{db}: campaign-wide and per-audience lines are shown:\n{report}"
        );
    }
}

/// A PNG's size and RGB pixels.
fn decode(png_bytes: &[u8]) -> ((u32, u32), Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
        .read_info()
        .expect("a PNG header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut pixels).expect("one frame");
    pixels.truncate(info.buffer_size());
    ((info.width, info.height), pixels)
}
