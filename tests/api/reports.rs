//! Report tables and CSV exports built from a real database on every backend,
//! with small fixtures whose statistics are computed by hand.

use std::path::Path;

use liaison::campaigns::Tlp;
use liaison::reports::data::{ReportSettings, build, write_csvs};
use liaison::storage::DbConn;

use crate::fixtures::{
    CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, catalogue, parameter_answers,
    questionnaire,
};
use crate::test_db::TestDb;

/// A CSIRT of `country` answering every SIM3 parameter at `level`: submitted unless `draft`.
fn team(name: &str, country: &str, level: u8, draft: bool) -> ParticipantBuilder {
    let level = level.to_string();
    let answers = parameter_answers(questionnaire(MATURITY), |_| level.clone());
    let email = format!("{}@example.org", name.replace(' ', "-").to_lowercase());
    let response = if draft {
        ResponseBuilder::draft(answers)
    } else {
        ResponseBuilder::submitted(answers)
    };
    ParticipantBuilder::new(&email)
        .name(name)
        .organisation(name)
        .country(country)
        .response(response)
}

/// Four AT CSIRTs at levels 1–4, two BE CSIRTs at 4 and 3, and an AT draft at 0; returns
/// the campaign and the draft's response.
fn seeded(conn: &mut DbConn, tlp: Tlp) -> (i64, i64) {
    let at = (1..=4).map(|level| team(&format!("AT Team {}", level - 1), "AT", level, false));
    let built = CampaignBuilder::new("Maturity 2026")
        .questionnaire(MATURITY)
        .tlp(tlp)
        .participants(at)
        .participant(team("BE Team 1", "BE", 4, false))
        .participant(team("BE Team 2", "BE", 3, false))
        .participant(team("AT Draft", "AT", 0, true))
        .build(conn);
    let draft = built.participants.last().expect("the draft").response_id();
    (built.id(), draft)
}

/// The TLP line and the CSV records (header first) of a written file.
fn read(path: &Path) -> (String, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).expect("csv written");
    let (first, rest) = text.split_once('\n').expect("more than one line");
    let records = csv::Reader::from_reader(rest.as_bytes())
        .into_records()
        .map(|r| r.expect("record").iter().map(String::from).collect())
        .collect::<Vec<Vec<String>>>();
    let header = csv::Reader::from_reader(rest.as_bytes())
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    (
        first.to_owned(),
        std::iter::once(header).chain(records).collect(),
    )
}

fn exported(db: &TestDb, tlp: Tlp) -> (tempfile::TempDir, Vec<std::path::PathBuf>, i64) {
    let mut conn = db.conn();
    let (id, draft) = seeded(&mut conn, tlp);
    let settings = ReportSettings::new("Maturity 2026", tlp);
    let data = build(&mut conn, catalogue(), id, settings).expect("report data");
    let dir = tempfile::tempdir().expect("folder");
    let paths = write_csvs(&data, &dir.path().join(id.to_string())).expect("csv files");
    (dir, paths, draft)
}

#[test]
fn aggregates_show_hand_computed_statistics_for_a_country_of_four() {
    for db in TestDb::all() {
        let (_dir, paths, _) = exported(&db, Tlp::Amber);
        let (_, rows) = read(&paths[2]);
        // The header line as a reader of the file sees it: the published format, pinned
        // here on its own rather than taken from the code that writes it.
        assert_eq!(
            rows[0].join(","),
            "audience,country,measure,n,responses,mean,median,min,max,\
             tier_not_yet_basic,tier_basic,tier_intermediate,tier_advanced,suppressed",
            "{db}"
        );
        let at_o = rows
            .iter()
            .find(|r| r[1] == "AT" && r[2] == "O")
            .expect("AT O row");
        // Levels 1, 2, 3, 4: mean (1+2+3+4)/4 = 2.5, median (2+3)/2 = 2.5; the draft at 0 is not counted.
        assert_eq!(
            &at_o[..9],
            ["csirt", "AT", "O", "4", "4", "2.5", "2.5", "1", "4"],
            "{db}"
        );
        let tiers: u32 = at_o[9..13]
            .iter()
            .map(|c| c.parse::<u32>().expect("a count"))
            .sum();
        assert_eq!(tiers, 4, "{db}");
        // All at 1 misses the baseline's O-1 = 2, so one team is not yet basic.
        assert_eq!(at_o[9], "1", "{db}");
        assert_eq!(at_o[13], "false", "{db}");
        let measures: Vec<&str> = rows
            .iter()
            .filter(|r| r[1] == "AT")
            .map(|r| r[2].as_str())
            .collect();
        assert_eq!(measures, ["O", "H", "T", "P"], "{db}");
    }
}

#[test]
fn a_country_of_two_is_suppressed_and_shows_no_numbers_anywhere() {
    for db in TestDb::all() {
        let (_dir, paths, _) = exported(&db, Tlp::Amber);
        let (_, rows) = read(&paths[2]);
        // BE (2 < 3) is suppressed, and so is ALL: ALL minus AT would give BE away.
        for country in ["BE", "ALL"] {
            let group: Vec<&Vec<String>> = rows.iter().filter(|r| r[1] == country).collect();
            assert_eq!(group.len(), 4, "{db}: {country}");
            for row in group {
                assert!(row[3..13].iter().all(String::is_empty), "{db}: {row:?}");
                assert_eq!(row[13], "true", "{db}");
            }
        }
    }
}

#[test]
fn drafts_are_left_out_of_the_row_level_exports() {
    for db in TestDb::all() {
        let (_dir, paths, draft) = exported(&db, Tlp::Amber);
        let (_, answers) = read(&paths[0]);
        // The published header line, pinned on its own (see the aggregates above).
        assert_eq!(
            answers[0].join(","),
            "response_id,organisation,country,audience,question_id,value,level,evidence_files,\
             evidence_file_names",
            "{db}"
        );
        // Six submitted responses × 45 parameters.
        assert_eq!(answers.len() - 1, 6 * 45, "{db}");
        assert!(answers.iter().all(|r| r[0] != draft.to_string()), "{db}");
        let first = &answers[1];
        assert_eq!(
            &first[1..7],
            ["AT Team 0", "AT", "csirt", "O-1", "1", "1"],
            "{db}"
        );

        let (_, scores) = read(&paths[1]);
        assert_eq!(scores.len() - 1, 6, "{db}");
        assert_eq!(
            &scores[0][..9],
            [
                "response_id",
                "organisation_id",
                "organisation",
                "country",
                "audience",
                "questionnaire",
                "version",
                "completeness",
                "O-1"
            ],
            "{db}"
        );
        let tail: Vec<&str> = scores[0]
            .iter()
            .rev()
            .take(6)
            .rev()
            .map(String::as_str)
            .collect();
        assert_eq!(
            tail,
            [
                "category_O",
                "category_H",
                "category_T",
                "category_P",
                "tier",
                "tier_table"
            ],
            "{db}"
        );
        let be = scores.iter().find(|r| r[2] == "BE Team 2").expect("BE row");
        assert_eq!(
            be[scores[0].len() - 6],
            "3",
            "{db}: category O of a team at 3"
        );
        assert_eq!(be[scores[0].len() - 1], "baseline", "{db}: the tier table");
    }
}

#[test]
fn every_csv_starts_with_the_campaign_tlp_label() {
    for db in TestDb::all() {
        let (_dir, paths, _) = exported(&db, Tlp::Red);
        let names: Vec<String> = paths
            .iter()
            .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "answers.csv",
                "scores.csv",
                "aggregates.csv",
                "non_answers.csv"
            ],
            "{db}"
        );
        for path in &paths {
            let (first, _) = read(path);
            assert!(
                first.starts_with("# TLP:RED — Maturity 2026 — generated "),
                "{db}: {first}"
            );
            assert!(
                first.ends_with(
                    " — csirt-maturity 1.1.0 scored with tier table baseline version 1 (source: project baseline)"
                ),
                "{db}: {first}"
            );
        }
    }
}
