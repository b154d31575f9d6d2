//! The trend across rounds on both backends: built for a campaign that follows others and
//! for no first round, organisations matched by organisation whoever answered for them,
//! each round under its own threshold, and the files listed, shown, archived and put in the
//! workbook like the others.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use liaison::accounts::Role;
use liaison::audit::Actor;
use liaison::campaigns::Tlp;
use liaison::reports::{ReportOptions, TREND_FILES, build_campaign_reports};
use liaison::storage::DbConn;
use liaison::storage::campaigns::{CampaignSettings, get_campaign, set_settings};
use reqwest::Method;

use crate::fixtures::{CampaignBuilder, MATURITY, catalogue};
use crate::helpers::{TestApp, spawn_app_with};
use crate::storage::trend_rounds::{follow, team};
use crate::test_db::TestDb;

/// Two rounds of the maturity campaign, the first RED: CERT A, B and C at level 1, then at
/// level 3, CERT A's answers now given by its new head. Returns (first, second).
fn two_rounds(conn: &mut DbConn) -> (i64, i64) {
    let first = CampaignBuilder::new("Maturity 2025")
        .questionnaire(MATURITY)
        .tlp(Tlp::Red)
        .participants([
            team("desk@cert-a.example", "CERT A", 1.0),
            team("desk@cert-b.example", "CERT B", 1.0),
            team("desk@cert-c.example", "CERT C", 1.0),
        ])
        .build(conn)
        .id();
    let second = CampaignBuilder::new("Maturity 2026")
        .questionnaire(MATURITY)
        .participants([
            team("new-head@cert-a.example", "CERT A", 3.0),
            team("desk@cert-b.example", "CERT B", 3.0),
            team("desk@cert-c.example", "CERT C", 3.0),
        ])
        .build(conn)
        .id();
    follow(conn, second, first);
    (first, second)
}

/// Builds the campaign's reports (k = 3, no radars) into `out`; returns the file names.
fn build(conn: &mut DbConn, campaign: i64, out: &Path) -> Vec<String> {
    let details = get_campaign(conn, campaign).expect("the campaign");
    let options = ReportOptions {
        radars: false,
        ..ReportOptions::new(3)
    };
    let files: Vec<PathBuf> = build_campaign_reports(
        conn,
        catalogue(),
        &details,
        options,
        out,
        &|_| {},
        &Actor::Cli,
    )
    .expect("reports built");
    files
        .iter()
        .filter_map(|f| f.file_name()?.to_str().map(str::to_owned))
        .collect()
}

/// The first line and the records of trend.csv, each a map of column to cell.
fn trend_csv(out: &Path, campaign: i64) -> (String, Vec<Vec<(String, String)>>) {
    let text = std::fs::read_to_string(out.join(campaign.to_string()).join("trend.csv"))
        .expect("trend.csv");
    let first = text.lines().next().unwrap_or_default().to_owned();
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a record");
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (first, rows)
}

/// The row of `round` and `section` about `measure`.
fn row<'a>(
    rows: &'a [Vec<(String, String)>],
    round: &str,
    section: &str,
    measure: &str,
) -> &'a [(String, String)] {
    let cell = |r: &[(String, String)], c: &str| {
        r.iter()
            .find(|(k, _)| k == c)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    rows.iter()
        .find(|r| {
            cell(r, "round") == round
                && cell(r, "section") == section
                && cell(r, "measure") == measure
        })
        .unwrap_or_else(|| panic!("no {section} {measure} in round {round}: {rows:?}"))
}

fn cell<'a>(row: &'a [(String, String)], column: &str) -> &'a str {
    row.iter()
        .find(|(c, _)| c == column)
        .map_or("", |(_, v)| v.as_str())
}

#[test]
fn the_next_round_follows_the_same_organisations_even_when_their_contact_changed() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let out = tempfile::tempdir().expect("a folder");
        let (_, second) = two_rounds(&mut conn);
        let files = build(&mut conn, second, out.path());
        assert!(files.iter().any(|f| f == "trend.csv"), "{db}: {files:?}");
        assert!(files.iter().any(|f| f == "trend.png"), "{db}: {files:?}");
        let png = std::fs::read(out.path().join(second.to_string()).join("trend.png"))
            .expect("trend.png");
        assert!(png.starts_with(b"\x89PNG"), "{db}");

        let (first_line, rows) = trend_csv(out.path(), second);
        // The strictest label of the rounds: the first round's RED.
        assert!(
            first_line.starts_with("# TLP:RED — Maturity 2026"),
            "{db}: {first_line}"
        );
        let submitted = row(&rows, "1", "submitted", "");
        assert_eq!(cell(submitted, "campaign"), "Maturity 2025", "{db}");
        assert_eq!(cell(submitted, "organisations"), "3", "{db}");
        // CERT A answered through another address: still one of the three followed.
        let change = row(&rows, "2", "change", "T");
        assert_eq!(cell(change, "organisations"), "3", "{db}: {change:?}");
        assert_eq!(cell(change, "mean"), "2", "{db}: from 1 to 3");
        assert_eq!(cell(change, "suppressed"), "false", "{db}");
        let moved: usize = ["up", "same", "down"]
            .iter()
            .map(|m| {
                cell(row(&rows, "2", "movement", m), "count")
                    .parse::<usize>()
                    .unwrap_or(0)
            })
            .sum();
        assert_eq!(moved, 3, "{db}");
        assert_eq!(cell(row(&rows, "2", "mean", "T"), "mean"), "3", "{db}");
    }
}

#[test]
fn a_first_round_gets_no_trend() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let out = tempfile::tempdir().expect("a folder");
        let (first, _) = two_rounds(&mut conn);
        let files = build(&mut conn, first, out.path());
        assert!(
            files.iter().all(|f| !f.starts_with("trend.")),
            "{db}: {files:?}"
        );
        for file in TREND_FILES {
            assert!(
                !out.path().join(first.to_string()).join(file).exists(),
                "{db}: {file}"
            );
        }
    }
}

#[test]
fn each_round_keeps_its_own_threshold_in_the_trend() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let out = tempfile::tempdir().expect("a folder");
        let (first, second) = two_rounds(&mut conn);
        // The first round's reports hid groups of fewer than 5: its three teams stay hidden.
        let settings = CampaignSettings {
            privacy_k: Some(5),
            ..CampaignSettings::default()
        };
        set_settings(&mut conn, first, &settings).expect("settings");
        build(&mut conn, second, out.path());
        let (_, rows) = trend_csv(out.path(), second);
        let earlier = row(&rows, "1", "mean", "T");
        assert_eq!(cell(earlier, "k"), "5", "{db}");
        assert_eq!(cell(earlier, "suppressed"), "true", "{db}");
        assert_eq!(cell(earlier, "mean"), "", "{db}");
        let later = row(&rows, "2", "mean", "T");
        assert_eq!(cell(later, "k"), "3", "{db}");
        assert_eq!(cell(later, "mean"), "3", "{db}");
        let change = row(&rows, "2", "change", "T");
        assert_eq!(
            cell(change, "suppressed"),
            "true",
            "{db}: it rests on the first round too"
        );
        assert_eq!(cell(change, "mean"), "", "{db}");
    }
}

/// The app on `db` with its own reports folder.
async fn app_on(db: TestDb) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().to_path_buf();
    let app = spawn_app_with(db, move |s| s.reports_dir = path).await;
    (app, dir)
}

/// The names of the files the API lists for the campaign after building its reports.
async fn built_and_listed(app: &TestApp, id: i64) -> Vec<String> {
    let path = format!("/campaigns/{id}/reports");
    let built = app.post_api(&path, serde_json::json!({})).await;
    assert_eq!(built.status(), 200);
    let listed: serde_json::Value = app
        .api(Method::GET, &path, None)
        .await
        .json()
        .await
        .expect("json");
    listed["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["name"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn the_trend_is_listed_shown_archived_and_in_the_workbook_only_where_there_is_one() {
    for db in TestDb::all() {
        let (app, _dir) = app_on(db).await;
        let (first, second) = two_rounds(&mut app.db.conn());
        let listed = built_and_listed(&app, first).await;
        assert!(
            listed.iter().all(|f| !f.starts_with("trend.")),
            "{listed:?}"
        );
        let none = app
            .api(
                Method::GET,
                &format!("/campaigns/{first}/reports/trend.csv"),
                None,
            )
            .await;
        assert_eq!(none.status(), 404);
        let message = none.text().await.expect("a message");
        assert!(
            message.contains("only for a campaign that follows another"),
            "{message}"
        );
        let listed = built_and_listed(&app, second).await;
        for file in TREND_FILES {
            assert!(listed.iter().any(|f| f == file), "{file} in {listed:?}");
        }

        let admin = app.logged_in(Role::Admin, &[]).await;
        let page = admin.page(&format!("/campaigns/{second}/reports")).await;
        assert!(
            page.contains(&format!(
                "<img src=\"/campaigns/{second}/reports/charts/trend.png\""
            )),
            "{page}"
        );
        let shown = admin
            .fetch(&format!("/campaigns/{second}/reports/charts/trend.png"))
            .await;
        assert_eq!(shown.status(), 200);
        let csv = admin
            .fetch(&format!("/campaigns/{second}/reports/trend.csv"))
            .await;
        assert_eq!(csv.status(), 200);
        assert!(csv.text().await.expect("text").starts_with("# TLP:RED"));

        let archive = admin
            .fetch(&format!("/campaigns/{second}/reports/archive.zip"))
            .await
            .bytes()
            .await
            .expect("the archive");
        let zip = zip::ZipArchive::new(Cursor::new(archive.to_vec())).expect("it opens");
        let names: Vec<String> = zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect();
        for file in TREND_FILES {
            assert!(
                names.iter().any(|n| n.ends_with(&format!("/{file}"))),
                "{names:?}"
            );
        }
        let workbook = admin
            .fetch(&format!("/campaigns/{second}/reports/workbook.xlsx"))
            .await
            .bytes()
            .await
            .expect("the workbook");
        let book: Xlsx<_> =
            open_workbook_from_rs(Cursor::new(workbook.to_vec())).expect("it opens");
        assert_eq!(
            book.sheet_names(),
            ["answers", "scores", "aggregates", "non_answers", "trend"]
        );
    }
}
