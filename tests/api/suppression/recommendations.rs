//! The recommendations report of real builds: real (level now → required) steps under the
//! privacy rules, what the figures were scored with, headings people read, and a page that
//! keeps its TLP colours when saved.

use liaison::participants::OrganisationKind::{Csirt, Lea};
use liaison::questionnaire::Catalogue;
use liaison::storage::questionnaires::record_catalogue;

use super::fixtures::{self, Built, Scenario, teams};
use super::outputs::{assert_report_thresholded, steps};
use super::{COOPERATION_CSIRT, COOPERATION_LEA, MATURITY, markdown};
use crate::helpers::shipped_questionnaires;
use crate::test_db::TestDb;

/// Builds `scenario` once on `db`.
fn build_once(db: &TestDb, scenario: Scenario) -> (Built, tempfile::TempDir) {
    let mut conn = db.conn();
    let catalogue = Catalogue::load(&shipped_questionnaires()).expect("shipped questionnaires");
    record_catalogue(&mut conn, &catalogue).expect("record questionnaires");
    let out = tempfile::tempdir().expect("a folder");
    let built = fixtures::build(&mut conn, &catalogue, &scenario, out.path());
    (built, out)
}

fn page(built: &Built) -> String {
    std::fs::read_to_string(built.dir.join("recommendations.html")).expect("recommendations.html")
}

/// CSIRTs in AT answering the maturity questionnaire at the given levels.
fn csirts_at(levels: &[f64]) -> Scenario {
    Scenario {
        questionnaires: vec![(Csirt, MATURITY)],
        teams: teams(Csirt, "AT", levels),
    }
}

/// The gap section of `parameter` in the Markdown report.
fn section<'a>(report: &'a str, parameter: &str) -> &'a str {
    let start = report
        .find(&format!(". {parameter} "))
        .and_then(|at| report[at..].find("\n\n").map(|end| at + end))
        .unwrap_or_else(|| panic!("a section for {parameter}:\n{report}"));
    let rest = &report[start..];
    &rest[..rest.find("\n### ").unwrap_or(rest.len())]
}

#[test]
fn the_maturity_report_prints_real_steps_and_names_its_tier_table() {
    // O-1 (basic 2, intermediate 3): three at 0 → 2, three at 1 → 2, four at 2 → 3. The most
    // common level now (2) beside the most common level required (2) is no one's step.
    const LEVELS: &[f64] = &[0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0];
    for db in TestDb::all() {
        let (built, _out) = build_once(&db, csirts_at(LEVELS));
        let report = markdown(&built);
        assert_report_thresholded(&report, &format!("{db}"));
        let row = report
            .lines()
            .find(|l| l.contains("| O-1 "))
            .expect("an O-1 row");
        assert!(row.ends_with("| 10 of 10 | 100% | 2 → 3 |"), "{db}: {row}");
        let o1 = section(&report, "O-1");
        for expected in [
            "- 2 → 3: 4 of 10 organisations",
            "- 0 → 2: 3 of 10 organisations",
            "- 1 → 2: 3 of 10 organisations",
        ] {
            assert!(o1.contains(expected), "{db}: {expected}\n{o1}");
        }
        // Every step printed goes up: none is glued together from two different groups.
        for line in report.lines().filter(|l| l.contains(" → ")) {
            for pair in line.split(" → ").collect::<Vec<_>>().windows(2) {
                let from = pair[0].chars().last().and_then(|c| c.to_digit(10));
                let to = pair[1].chars().next().and_then(|c| c.to_digit(10));
                if let (Some(from), Some(to)) = (from, to) {
                    assert!(from < to, "{db}: {line}");
                }
            }
        }
        assert!(
            report.contains("tier table `baseline` version 1, source: project baseline."),
            "{db}:\n{report}"
        );
        assert!(
            !report.contains("Cooperation:"),
            "{db}: no cooperation questionnaire"
        );
        assert!(report.contains("### CSIRTs (10 organisations)"), "{db}");
        let html = page(&built);
        assert!(
            html.contains("<td>2 → 3</td>") && !html.contains("2 → 2"),
            "{db}"
        );
        assert!(html.contains(".tlp-amber { color: #ffc000; }"), "{db}");
        assert!(
            !html.contains("/static/") && !html.contains("# TLP"),
            "{db}"
        );
        assert!(html.contains("Suppression 2026 — generated "), "{db}");
    }
}

#[test]
fn a_pair_at_a_step_of_its_own_cannot_be_subtracted_from_the_steps_shown() {
    // O-1: three at 0 → 2, three at 2 → 3, and the pair alone at 1 → 2. The two threes
    // beside the line's eight would give the pair away: one three joins the pair.
    const LEVELS: &[f64] = &[0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 1.0, 1.0];
    for db in TestDb::all() {
        let (built, _out) = build_once(&db, csirts_at(LEVELS));
        let report = markdown(&built);
        assert_report_thresholded(&report, &format!("{db}"));
        assert!(
            !steps(&report).is_empty(),
            "{db}: steps are printed:\n{report}"
        );
        let o1 = section(&report, "O-1");
        assert!(o1.contains("- 0 → 2: 3 of 8 organisations"), "{db}:\n{o1}");
        assert!(
            o1.contains("- other steps: 5 of 8 organisations"),
            "{db}:\n{o1}"
        );
        assert!(
            !o1.contains("1 → 2") && !o1.contains("2 → 3"),
            "{db}:\n{o1}"
        );
    }
}

#[test]
fn the_cooperation_report_has_no_maturity_section_people_s_headings_and_says_whose_model() {
    let scenario = || {
        let mut all = teams(Csirt, "AT", &[1.0, 1.0, 2.0]);
        all.extend(teams(Lea, "AT", &[1.0, 1.0, 2.0]));
        Scenario {
            questionnaires: vec![(Csirt, COOPERATION_CSIRT), (Lea, COOPERATION_LEA)],
            teams: all,
        }
    };
    for db in TestDb::all() {
        let (built, _out) = build_once(&db, scenario());
        let report = markdown(&built);
        assert_report_thresholded(&report, &format!("{db}"));
        assert!(
            !report.contains("Maturity"),
            "{db}: no tier table:\n{report}"
        );
        for expected in [
            "### CSIRTs (3 organisations)",
            "### Law enforcement (3 organisations)",
            "Liaison's own five-dimension model",
            "| 1 | ",
        ] {
            assert!(report.contains(expected), "{db}: {expected}\n{report}");
        }
        assert!(!report.contains("### csirt") && !report.contains("### lea"));
        let dimensions = [
            "Behavioural",
            "Legal",
            "Organisational",
            "Technical",
            "Judiciary",
        ];
        let row = report
            .lines()
            .find(|l| l.starts_with("| 1 | "))
            .expect("a ranked dimension");
        assert!(
            dimensions
                .iter()
                .any(|d| row.starts_with(&format!("| 1 | {d} |"))),
            "{row}"
        );
        let html = page(&built);
        assert!(
            html.contains("<h3>Law enforcement (3 organisations)</h3>"),
            "{db}"
        );
        assert!(!html.contains("Maturity: gaps"), "{db}");
    }
}
