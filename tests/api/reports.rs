//! Report tables and CSV exports built from a real database on every backend,
//! with small fixtures whose statistics are computed by hand.

use std::path::Path;

use chrono::NaiveDate;
use liaison::campaigns::Tlp;
use liaison::participants::OrganisationKind;
use liaison::questionnaire::{Answer, Answers, Catalogue, Scored};
use liaison::reports::data::{ReportSettings, build, write_csvs};
use liaison::storage::campaigns::{NewCampaign, QuestionnaireChoice, create_campaign};
use liaison::storage::invitations::create_invitation;
use liaison::storage::organisations::{NewOrganisation, find_or_create_organisation};
use liaison::storage::participants::{NewParticipant, add_participant};
use liaison::storage::questionnaires::record_catalogue;
use liaison::storage::responses::{find_or_start, save_answers, submit};
use liaison::storage::{self, DbConn};

use crate::helpers::shipped_questionnaires;
use crate::test_db::TestDb;

const MATURITY: &str = "csirt-maturity";

/// A campaign asking CSIRTs the shipped maturity questionnaire.
fn campaign(conn: &mut DbConn, tlp: Tlp) -> (i64, Catalogue) {
    let catalogue = Catalogue::load(&shipped_questionnaires()).expect("shipped questionnaires");
    record_catalogue(conn, &catalogue).expect("record questionnaires");
    let version = catalogue
        .get(MATURITY)
        .expect("maturity")
        .version()
        .to_owned();
    let details = create_campaign(
        conn,
        &NewCampaign {
            name: "Maturity 2026".to_owned(),
            tlp,
            sender_organisation: "ENISA".to_owned(),
            closes_on: NaiveDate::from_ymd_opt(2030, 6, 30).expect("a date"),
            questionnaires: vec![QuestionnaireChoice {
                audience: OrganisationKind::Csirt,
                questionnaire_id: MATURITY.to_owned(),
                questionnaire_version: version,
            }],
        },
    )
    .expect("campaign");
    (details.campaign.id, catalogue)
}

/// A CSIRT answering every SIM3 parameter at `level`; submitted unless `draft`.
/// Returns the response id.
fn respond(
    conn: &mut DbConn,
    campaign: (i64, &Catalogue),
    team: (&str, &str),
    level: u8,
    draft: bool,
) -> i64 {
    let questionnaire = campaign.1.get(MATURITY).expect("maturity");
    let org = find_or_create_organisation(
        conn,
        &NewOrganisation {
            name: team.0,
            kind: OrganisationKind::Csirt,
            country: team.1,
        },
    )
    .expect("organisation");
    let email = format!("{}@example.org", team.0.replace(' ', "-").to_lowercase());
    let participant = add_participant(
        conn,
        &NewParticipant {
            campaign_id: campaign.0,
            organisation_id: org.id,
            email: &email,
            name: team.0,
            audience: OrganisationKind::Csirt,
            language: None,
        },
    )
    .expect("participant");
    let invitation =
        create_invitation(conn, participant.id, &format!("hash-{email}")).expect("invitation");
    let response = find_or_start(
        conn,
        invitation.id,
        (MATURITY, questionnaire.version()),
        "en",
    )
    .expect("response");
    let ids: Vec<&str> = questionnaire
        .questions()
        .filter(|q| matches!(q.scored(), Some(Scored::Category { .. })))
        .map(|q| q.id())
        .collect();
    let answers: Answers = ids
        .iter()
        .map(|id| (id.to_string(), Answer::Choice(level.to_string())))
        .collect();
    save_answers(conn, response.id, &ids, &answers).expect("answers");
    if !draft {
        submit(conn, response.id, storage::now()).expect("submit");
    }
    response.id
}

/// Four AT CSIRTs at levels 1–4, two BE CSIRTs at 4 and 3, and an AT draft at 0.
fn seeded(conn: &mut DbConn, tlp: Tlp) -> (i64, Catalogue, i64) {
    let (id, catalogue) = campaign(conn, tlp);
    for (i, level) in [1, 2, 3, 4].into_iter().enumerate() {
        respond(
            conn,
            (id, &catalogue),
            (&format!("AT Team {i}"), "AT"),
            level,
            false,
        );
    }
    respond(conn, (id, &catalogue), ("BE Team 1", "BE"), 4, false);
    respond(conn, (id, &catalogue), ("BE Team 2", "BE"), 3, false);
    let draft = respond(conn, (id, &catalogue), ("AT Draft", "AT"), 0, true);
    (id, catalogue, draft)
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
    let (id, catalogue, draft) = seeded(&mut conn, tlp);
    let settings = ReportSettings::new("Maturity 2026", tlp);
    let data = build(&mut conn, &catalogue, id, settings).expect("report data");
    let dir = tempfile::tempdir().expect("folder");
    let paths = write_csvs(&data, &dir.path().join(id.to_string())).expect("csv files");
    (dir, paths, draft)
}

#[test]
fn aggregates_show_hand_computed_statistics_for_a_country_of_four() {
    for db in TestDb::all() {
        let (_dir, paths, _) = exported(&db, Tlp::Amber);
        let (_, rows) = read(&paths[2]);
        assert_eq!(
            rows[0],
            [
                "audience",
                "country",
                "measure",
                "n",
                "responses",
                "mean",
                "median",
                "min",
                "max",
                "tier_not_yet_basic",
                "tier_basic",
                "tier_intermediate",
                "tier_advanced",
                "suppressed"
            ],
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
        assert_eq!(
            answers[0],
            [
                "response_id",
                "organisation",
                "country",
                "audience",
                "question_id",
                "value",
                "level"
            ],
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
            ["answers.csv", "scores.csv", "aggregates.csv"],
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
                    " — csirt-maturity 1.0.0 scored with tier table baseline version 1 (source: project baseline)"
                ),
                "{db}: {first}"
            );
        }
    }
}
