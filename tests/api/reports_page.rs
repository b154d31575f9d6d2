//! The reports page and its downloads of a whole build, on both backends: when the build
//! was made and what it rests on, the notice of submissions since, the files described and
//! the charts shown; everything as one ZIP and the tables as one workbook (both read back),
//! through the page and the API, audited.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use liaison::accounts::Role;
use liaison::storage::{DbConn, audit};
use reqwest::Method;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};

use crate::downloads::csirt;
use crate::fixtures::{self, CampaignBuilder, MATURITY, ResponseBuilder, parameter_answers};
use crate::helpers::{TestApp, audited, spawn_app_with};
use crate::test_db::TestDb;

/// The app on `db` with its own reports folder.
async fn app_on(db: TestDb) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().to_path_buf();
    let app = spawn_app_with(db, move |s| s.reports_dir = path).await;
    (app, dir)
}

/// A submitted CSIRT response answering every parameter at 3.
fn submitted() -> ResponseBuilder {
    let questionnaire = fixtures::questionnaire(MATURITY);
    ResponseBuilder::submitted(parameter_answers(questionnaire, |_| "3"))
}

/// An AMBER campaign of three CSIRTs that submitted, the first named like a formula.
fn campaign(conn: &mut DbConn) -> i64 {
    let teams = ["=HYPERLINK(\"http://evil.example\")", "Team 1", "Team 2"]
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            csirt(&format!("Team {i}"))
                .organisation(name)
                .response(submitted())
        });
    CampaignBuilder::new("Maturity 2026")
        .questionnaire(MATURITY)
        .participants(teams)
        .build(conn)
        .id()
}

async fn build(app: &TestApp, id: i64) {
    let built = app
        .post_api(&format!("/campaigns/{id}/reports"), serde_json::json!({}))
        .await;
    assert_eq!(built.status(), 200);
}

async fn listing(app: &TestApp, id: i64) -> serde_json::Value {
    app.api(Method::GET, &format!("/campaigns/{id}/reports"), None)
        .await
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn the_page_tells_what_the_build_rests_on_and_asks_for_a_rebuild_after_a_submission() {
    for db in TestDb::all() {
        let (app, _dir) = app_on(db).await;
        let id = campaign(&mut app.db.conn());
        let admin = app.logged_in(Role::Admin, &[]).await;
        let path = format!("/campaigns/{id}/reports");
        let page = admin.page(&path).await;
        assert!(page.contains("id=\"not-built\""), "{page}");
        assert!(!page.contains("download-archive"));
        assert_eq!(listing(&app, id).await["built_at"], serde_json::Value::Null);

        build(&app, id).await;
        let page = admin.page(&path).await;
        assert!(
            page.contains("<dd id=\"built-submissions\">3</dd>"),
            "{page}"
        );
        assert!(page.contains("id=\"built-at\""));
        assert!(page.contains("id=\"built-provenance\">csirt-maturity"));
        assert!(page.contains("id=\"up-to-date\""));
        assert!(page.contains("One row per submitted response: completeness"));
        assert!(page.contains(&format!(
            "<img src=\"/campaigns/{id}/reports/charts/progress.png\" alt=\"Chart progress.png: Submissions over time"
        )));
        let listed = listing(&app, id).await;
        assert_eq!(listed["submissions"], 3);
        assert_eq!(listed["submissions_since"], 0);
        assert!(
            listed["built_at"]
                .as_str()
                .is_some_and(|t| t.ends_with('Z'))
        );

        let questionnaire = fixtures::questionnaire(MATURITY);
        csirt("Late Team")
            .response(submitted())
            .add_to(&mut app.db.conn(), id, questionnaire);
        let page = admin.page(&path).await;
        assert!(
            page.contains("1 submission since this build — rebuild the reports to include it."),
            "{page}"
        );
        assert_eq!(listing(&app, id).await["submissions_since"], 1);

        build(&app, id).await;
        let page = admin.page(&path).await;
        assert!(page.contains("<dd id=\"built-submissions\">4</dd>"));
        assert!(!page.contains("id=\"submissions-since\""));
    }
}

#[tokio::test]
async fn everything_comes_as_one_zip_and_the_tables_as_one_workbook_both_audited() {
    for db in TestDb::all() {
        let (app, _dir) = app_on(db).await;
        let id = campaign(&mut app.db.conn());
        let admin = app.logged_in(Role::Admin, &[]).await;
        let early = admin
            .fetch(&format!("/campaigns/{id}/reports/archive.zip"))
            .await;
        assert_eq!(early.status(), 404, "not built yet");
        assert!(early.text().await.expect("a page").contains("<html"));
        build(&app, id).await;

        let archive = admin
            .fetch(&format!("/campaigns/{id}/reports/archive.zip"))
            .await;
        assert_eq!(archive.status(), 200);
        assert_eq!(header(&archive, CONTENT_TYPE), "application/zip");
        let name = format!("campaign-{id}-TLP-AMBER-reports");
        assert_eq!(
            header(&archive, CONTENT_DISPOSITION),
            format!("attachment; filename=\"{name}.zip\"")
        );
        let body = archive.bytes().await.expect("a body").to_vec();
        let mut zip = zip::ZipArchive::new(Cursor::new(body)).expect("the archive opens");
        // A first round: every file but the trend across rounds.
        for file in liaison::reports::REPORT_FILES {
            let held = zip.by_name(&format!("{name}/{file}")).is_ok();
            assert_eq!(held, !liaison::reports::is_optional(file), "{file}");
        }
        let radars = zip
            .file_names()
            .filter_map(Result::ok)
            .filter(|f| f.starts_with(&format!("{name}/radars/")) && f.ends_with(".png"))
            .count();
        assert_eq!(radars, 3);
        let mut scores = String::new();
        zip.by_name(&format!("{name}/scores.csv"))
            .expect("scores.csv")
            .read_to_string(&mut scores)
            .expect("text");
        let single = app
            .api(
                Method::GET,
                &format!("/campaigns/{id}/reports/scores.csv"),
                None,
            )
            .await
            .text()
            .await
            .expect("text");
        assert_eq!(
            scores, single,
            "the archive holds the build's file as it is"
        );

        let workbook = admin
            .fetch(&format!("/campaigns/{id}/reports/workbook.xlsx"))
            .await;
        assert_eq!(workbook.status(), 200);
        assert_eq!(
            header(&workbook, CONTENT_DISPOSITION),
            format!("attachment; filename=\"{name}.xlsx\"")
        );
        let body = workbook.bytes().await.expect("a body").to_vec();
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(body)).expect("it opens");
        assert_eq!(
            book.sheet_names(),
            ["answers", "scores", "aggregates", "non_answers"]
        );
        let scores = book.worksheet_range("scores").expect("scores");
        let heading = scores.get_value((0, 0)).map(ToString::to_string);
        assert!(
            heading
                .as_deref()
                .is_some_and(|h| h.starts_with("TLP:AMBER — Maturity 2026")
                    && h.contains("scored with tier table")),
            "{heading:?}"
        );
        let organisations: Vec<&Data> = (2..5).filter_map(|r| scores.get_value((r, 2))).collect();
        assert!(
            organisations.contains(&&Data::String(
                "'=HYPERLINK(\"http://evil.example\")".to_owned()
            )),
            "{organisations:?}"
        );
        assert!(matches!(scores.get_value((2, 0)), Some(Data::Float(_))));

        for bundle in ["archive.zip", "workbook.xlsx"] {
            let api = app
                .api(
                    Method::GET,
                    &format!("/campaigns/{id}/reports/{bundle}"),
                    None,
                )
                .await;
            assert_eq!(api.status(), 200, "{bundle}");
        }
        let audited: Vec<String> = audited(&app, "report.download")
            .into_iter()
            .filter_map(|e| e.detail)
            .collect();
        assert_eq!(
            audited
                .iter()
                .filter(|d| d.starts_with(&format!("{name}.zip: answers.csv, scores.csv")))
                .count(),
            2,
            "{audited:?}"
        );
        assert!(audited.iter().any(|d| d.ends_with(", 3 radars")));
        assert!(audited.contains(&format!(
            "{name}.xlsx: answers.csv, scores.csv, aggregates.csv, non_answers.csv"
        )));
    }
}

/// The audit log's entries after entry `after`, oldest first: action and detail.
fn entries_after(conn: &mut DbConn, after: i64) -> Vec<(String, Option<String>)> {
    let mut entries: Vec<_> = audit::recent(conn, 100)
        .expect("audit log")
        .into_iter()
        .filter(|e| e.id > after)
        .collect();
    entries.sort_by_key(|e| e.id);
    entries.into_iter().map(|e| (e.action, e.detail)).collect()
}

/// The id of the audit log's latest entry.
fn latest_entry(conn: &mut DbConn) -> i64 {
    audit::recent(conn, 1)
        .expect("audit log")
        .first()
        .map_or(0, |e| e.id)
}

#[tokio::test]
async fn opening_the_page_is_one_entry_its_charts_add_none_and_downloads_stay_audited() {
    for db in TestDb::all() {
        let (app, _dir) = app_on(db).await;
        let id = campaign(&mut app.db.conn());
        build(&app, id).await;
        let admin = app.logged_in(Role::Admin, &[]).await;
        let outsider = app.logged_in(Role::Analyst, &[]).await;
        let before = latest_entry(&mut app.db.conn());

        // As a browser does: the page, then every picture it shows.
        let page = admin.page(&format!("/campaigns/{id}/reports")).await;
        let pictures: Vec<&str> = page
            .split("<img src=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert_eq!(
            pictures.len(),
            liaison::reports::CHART_FILES.len(),
            "{page}"
        );
        for src in &pictures {
            let shown = admin.fetch(src).await;
            assert_eq!(shown.status(), 200, "{src}");
            assert_eq!(header(&shown, CONTENT_TYPE), "image/png", "{src}");
        }
        let logged = entries_after(&mut app.db.conn(), before);
        assert_eq!(logged.len(), 1, "{}: {logged:?}", app.db);
        let (action, detail) = &logged[0];
        assert_eq!(action, "reports.view");
        let detail = detail.as_deref().unwrap_or_default();
        assert!(
            detail.starts_with("charts shown: ") && detail.contains("gap.png"),
            "{detail}"
        );

        // The chart's link, and any other file, is a download: audited each time.
        let before = latest_entry(&mut app.db.conn());
        for file in ["gap.png", "gap.png", "aggregates.csv"] {
            let download = admin
                .fetch(&format!("/campaigns/{id}/reports/{file}"))
                .await;
            assert_eq!(download.status(), 200, "{file}");
        }
        let downloads: Vec<Option<String>> = entries_after(&mut app.db.conn(), before)
            .into_iter()
            .map(|(action, detail)| {
                assert_eq!(action, "report.download");
                detail
            })
            .collect();
        assert_eq!(
            downloads,
            ["gap.png", "gap.png", "aggregates.csv"].map(|f| Some(f.to_owned()))
        );

        // Only charts are shown without an entry, and only where the analyst may look.
        for name in ["answers.csv", "scores.csv", "nothing.png", "radars"] {
            let refused = admin
                .fetch(&format!("/campaigns/{id}/reports/charts/{name}"))
                .await;
            assert_eq!(refused.status(), 404, "{name}");
        }
        let hidden = outsider
            .fetch(&format!("/campaigns/{id}/reports/charts/gap.png"))
            .await;
        assert_eq!(hidden.status(), 404, "a campaign the analyst may not see");
        assert_eq!(
            entries_after(&mut app.db.conn(), before).len(),
            3,
            "no entry for a refusal"
        );
    }
}

fn header(response: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}
