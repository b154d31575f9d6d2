//! Unit tests of the report tables on in-memory rows.

use std::path::PathBuf;

use chrono::{TimeZone, Utc};

use super::aggregate::AGGREGATE_COLUMNS;
use super::*;
use crate::participants::OrganisationKind;
use crate::questionnaire::{Sources, parse};
use crate::storage::report_rows::{AnswerColumns, ResponseRow};

/// Four parameters, one per category, each offering both non-answers; basic needs O-1 at 2,
/// advanced every parameter at 4.
pub(super) fn fixture() -> Questionnaire {
    let mut q = String::from(
        "id = \"fixture\"\nversion = \"1\"\naudience = \"csirt\"\nmodel = \"maturity\"\nlanguages = [\"en\"]\ntier_table = \"t\"\ntitle = { en = \"F\" }\nnon_answers = [\"dont_know\", \"prefer_not_to_say\"]\n[[sections]]\nid = \"s\"\ntitle = { en = \"S\" }\n",
    );
    for (id, category) in [("O-1", "O"), ("H-1", "H"), ("T-1", "T"), ("P-1", "P")] {
        let options: Vec<String> = (0..5)
            .map(|l| format!("{{ level = {l}, label = {{ en = \"{l}\" }} }}"))
            .collect();
        q.push_str(&format!(
            "[[sections.questions]]\nid = \"{id}\"\nkind = \"level\"\nname = \"{id}\"\ncategory = \"{category}\"\ntext = {{ en = \"{id}?\" }}\noptions = [{}]\n",
            options.join(", ")
        ));
    }
    let tiers = "id = \"t\"\nsource = \"test\"\nversion = \"1\"\n[[tiers]]\nid = \"basic\"\nname = { en = \"B\" }\nminimums = { \"O-1\" = 2 }\n[[tiers]]\nid = \"intermediate\"\nname = { en = \"I\" }\nminimums = { \"O-1\" = 4, \"P-1\" = 4 }\n[[tiers]]\nid = \"advanced\"\nname = { en = \"A\" }\nminimums = { \"O-1\" = 4, \"H-1\" = 4, \"T-1\" = 4, \"P-1\" = 4 }\n";
    let sources = Sources {
        folder: PathBuf::from("fixture"),
        files: vec![
            ("questionnaire.toml".into(), q),
            ("tiers.toml".into(), tiers.into()),
        ],
    };
    parse(&sources).unwrap_or_else(|e| panic!("{e}"))
}

/// Organisations 1–4 in AT answering every parameter at 1, 2, 3, 4; 5–6 in BE at 4.
pub(super) fn rows() -> CampaignRows {
    let orgs = [
        (1, "AT", 1),
        (2, "AT", 2),
        (3, "AT", 3),
        (4, "AT", 4),
        (5, "BE", 4),
        (6, "BE", 4),
    ];
    let mut rows = CampaignRows::default();
    let a = &mut rows.answers;
    a.question_texts = ["H-1", "O-1", "P-1", "T-1", "X-9"]
        .map(String::from)
        .to_vec();
    a.value_texts = (0..5).map(|l| format!("{{\"choice\":\"{l}\"}}")).collect();
    for (org, country, level) in orgs {
        let response_id = org * 10;
        rows.responses.push(ResponseRow {
            response_id,
            organisation_id: org,
            organisation: format!("Team {org}"),
            country: country.into(),
            audience: OrganisationKind::Csirt,
            questionnaire_id: "fixture".into(),
            questionnaire_version: "1".into(),
            submitted_at: None,
        });
        // X-9 is not in the questionnaire: it must not reach any table.
        for question in 0..5 {
            a.response_ids.push(response_id);
            a.question_ids.push(question);
            a.values.push(level as u32);
        }
    }
    rows
}

fn report(k: usize) -> ReportData {
    report_of(&rows(), k)
}

/// The report of `rows` against the fixture, with threshold `k`.
pub(super) fn report_of(rows: &CampaignRows, k: usize) -> ReportData {
    let q = fixture();
    let questionnaires = Questionnaires::from([(("fixture".into(), "1".into()), q)]);
    report_with(rows, &questionnaires, k)
}

/// The report of `rows` against `questionnaires`, with threshold `k`, made at a fixed time.
pub(super) fn report_with(
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
    k: usize,
) -> ReportData {
    let mut settings = ReportSettings::new("Test campaign", Tlp::Amber);
    settings.k = k;
    let at = Utc
        .with_ymd_and_hms(2026, 3, 1, 12, 0, 0)
        .single()
        .expect("a time");
    build_from_rows(rows, questionnaires, settings, at).expect("built")
}

fn aggregate_row(data: &ReportData, country: &str, measure: &str) -> Vec<String> {
    let df = &data.aggregates;
    let i = (0..df.height())
        .find(|&i| {
            df.column("country").ok().and_then(|c| c.str().ok()?.get(i)) == Some(country)
                && df.column("measure").ok().and_then(|c| c.str().ok()?.get(i)) == Some(measure)
        })
        .unwrap_or_else(|| panic!("no row {country} {measure}"));
    AGGREGATE_COLUMNS
        .iter()
        .map(|c| {
            df.column(c)
                .expect("column")
                .get(i)
                .expect("cell")
                .to_string()
        })
        .collect()
}

#[test]
fn a_country_group_at_k_shows_hand_computed_statistics() {
    let data = report(3);
    let row = aggregate_row(&data, "AT", "O");
    assert_eq!(
        row,
        [
            "\"csirt\"",
            "\"AT\"",
            "\"O\"",
            "4",
            "4",
            "2.5",
            "2.5",
            "1.0",
            "4.0",
            "1",
            "2",
            "0",
            "1",
            "false"
        ]
    );
}

#[test]
fn a_group_below_k_and_an_all_row_that_would_reveal_it_are_suppressed() {
    let data = report(3);
    for country in ["BE", "ALL"] {
        let row = aggregate_row(&data, country, "T");
        assert!(row[3..13].iter().all(|c| c == "null"), "{country}: {row:?}");
        assert_eq!(row[13], "true");
    }
    assert!(
        data.measure_means()
            .expect("means")
            .iter()
            .all(|m| m.suppressed && m.mean.is_none())
    );
}

#[test]
fn with_k_two_every_group_shows_and_all_covers_six_organisations() {
    let data = report(2);
    let row = aggregate_row(&data, "ALL", "P");
    assert_eq!(row[3], "6");
    assert_eq!(
        row[5],
        format!("{:?}", (1.0 + 2.0 + 3.0 + 4.0 + 4.0 + 4.0) / 6.0)
    );
    let counts = data.tier_counts().expect("tiers");
    assert_eq!(counts[0].country, "ALL");
    assert_eq!(counts[0].counts, Some([1, 2, 0, 3]));
}

#[test]
fn answers_to_unknown_questions_are_left_out_and_levels_kept() {
    let data = report(3);
    let answers = data.answers_long().expect("the answers as a frame");
    assert_eq!(answers.height(), 6 * 4);
    let questions = answers.column("question_id").expect("column");
    assert!(
        questions
            .str()
            .expect("text")
            .iter()
            .all(|q| q != Some("X-9"))
    );
    // Questionnaire order, not the stored (alphabetical) order.
    assert_eq!(questions.str().expect("text").get(0), Some("O-1"));
}

#[test]
fn parameter_medians_are_suppressed_per_country_below_k() {
    let data = report(3);
    let medians = data.parameter_medians().expect("medians");
    let at = medians
        .iter()
        .find(|m| m.country == "AT" && m.parameter == "H-1")
        .expect("AT");
    assert_eq!((at.median, at.suppressed), (Some(2.5), false));
    let be = medians
        .iter()
        .find(|m| m.country == "BE" && m.parameter == "H-1")
        .expect("BE");
    assert_eq!((be.median, be.n, be.suppressed), (None, None, true));
}

#[test]
fn the_tlp_line_names_label_campaign_time_and_tier_table() {
    let data = report(3);
    assert_eq!(
        data.tlp_line(),
        "# TLP:AMBER — Test campaign — generated 2026-03-01T12:00:00Z — fixture 1 scored with tier table t version 1 (source: test)"
    );
}

#[test]
fn a_campaign_name_cannot_split_the_tlp_line_into_cells() {
    let mut data = report(3);
    data.settings.campaign_name = "Round 2,=HYPERLINK(\"http://x\")\r\n@x".to_owned();
    let line = data.tlp_line();
    assert!(line.starts_with("# TLP:AMBER — Round 2，=HYPERLINK(＂http://x＂)  @x — "));
    assert!(!line.contains([',', '"', '\r', '\n']), "{line}");
}

#[test]
fn answer_ranges_skip_answers_of_responses_not_listed() {
    let mut rows = rows();
    rows.responses.remove(1);
    let ranges = scored::answer_ranges(&rows);
    assert_eq!(ranges[0], 0..5);
    assert_eq!(ranges[1], 10..15);
    let _ = AnswerColumns::default();
}

#[test]
fn the_peer_median_and_its_privacy_rule_are_those_of_the_aggregates_all_row() {
    let q = fixture();
    let questionnaires = Questionnaires::from([(("fixture".into(), "1".into()), q)]);
    for k in [2, 3] {
        let data = report(k);
        let peers =
            crate::reports::peers::benchmark_from_rows(&rows(), &questionnaires, k).expect("peers");
        for (category, standing) in &peers.categories {
            let row = aggregate_row(&data, "ALL", category.code());
            match standing {
                crate::reports::peers::PeerStanding::Shown(stats) => {
                    assert_eq!(row[13], "false", "k {k}: {row:?}");
                    assert_eq!(row[6], format!("{:?}", stats.median), "k {k}");
                }
                crate::reports::peers::PeerStanding::Withheld(_) => {
                    assert_eq!(row[13], "true", "k {k}: {row:?}")
                }
            }
        }
    }
}
