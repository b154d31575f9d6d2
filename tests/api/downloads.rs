//! Report downloads: building through the API, listing, serving only the stable names with
//! the right content type and TLP label, per-campaign visibility, and the recommendations
//! ranking on a small hand-made fixture; the per-respondent radars in [`radars`].

use liaison::accounts::Role;
use liaison::storage::DbConn;
use reqwest::Method;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION};

use crate::fixtures::{
    self, CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, parameter_answers,
};
use crate::helpers::{
    ADMIN_EMAIL, ADMIN_PASSWORD, TestApp, audited, client, csrf_token, log_in, spawn_app_with,
};
use crate::test_db::TestDb;

mod radars;

/// The app with its own reports folder, so parallel tests never share campaign folders.
async fn app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().to_path_buf();
    let app = spawn_app_with(TestDb::sqlite(), move |s| s.reports_dir = path).await;
    (app, dir)
}

/// An AMBER campaign with four CSIRTs: three answer every parameter at 4 but P-9 at 1 (so
/// P-9 keeps them from the basic tier), one answers everything at 4.
pub(crate) fn seeded(conn: &mut DbConn) -> i64 {
    seeded_campaign(conn, "Maturity 2026", "Team")
}

/// `seeded` under another name, with organisations called `<prefix> 0` to `<prefix> 3`.
fn seeded_campaign(conn: &mut DbConn, name: &str, prefix: &str) -> i64 {
    let questionnaire = fixtures::questionnaire(MATURITY);
    let teams = (0..4).map(|team| {
        let answers = parameter_answers(questionnaire, |p| {
            if p == "P-9" && team < 3 { "1" } else { "4" }
        });
        csirt(&format!("{prefix} {team}")).response(ResponseBuilder::submitted(answers))
    });
    CampaignBuilder::new(name)
        .questionnaire(MATURITY)
        .participants(teams)
        .build(conn)
        .id()
}

/// The CSIRT `name` (its organisation and contact), at `<name>@example.org`.
pub(crate) fn csirt(name: &str) -> ParticipantBuilder {
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', ""));
    ParticipantBuilder::new(&email)
        .name(name)
        .organisation(name)
}

fn header(response: &reqwest::Response, name: reqwest::header::HeaderName) -> &str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn built_reports_are_listed_and_each_file_comes_with_its_type_and_tlp_label() {
    let (app, _dir) = app().await;
    let id = seeded(&mut app.db.conn());
    let built = app
        .post_api(&format!("/campaigns/{id}/reports"), serde_json::json!({}))
        .await;
    assert_eq!(built.status(), 200);
    let listed: serde_json::Value = app
        .api(Method::GET, &format!("/campaigns/{id}/reports"), None)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(listed["tlp"], "AMBER");
    let files = listed["files"].as_array().expect("files");
    assert_eq!(files.len(), 11);
    assert!(
        files
            .iter()
            .all(|f| f["size"].as_u64().is_some_and(|s| s > 0))
    );

    for (file, mime, attachment) in [
        ("answers.csv", "text/csv; charset=utf-8", true),
        ("scores.csv", "text/csv; charset=utf-8", true),
        ("aggregates.csv", "text/csv; charset=utf-8", true),
        ("non_answers.csv", "text/csv; charset=utf-8", true),
        ("recommendations.md", "text/markdown; charset=utf-8", true),
        ("recommendations.html", "text/html; charset=utf-8", false),
        ("tiers.png", "image/png", false),
        ("progress.png", "image/png", false),
    ] {
        let response = app
            .api(
                Method::GET,
                &format!("/campaigns/{id}/reports/{file}"),
                None,
            )
            .await;
        assert_eq!(response.status(), 200, "{file}");
        assert_eq!(header(&response, CONTENT_TYPE), mime, "{file}");
        let disposition = header(&response, CONTENT_DISPOSITION).to_owned();
        assert_eq!(disposition.starts_with("attachment"), attachment, "{file}");
        let policy = header(&response, CONTENT_SECURITY_POLICY).to_owned();
        let body = response.bytes().await.expect("a body");
        if file.ends_with(".png") {
            assert!(body.starts_with(b"\x89PNG"), "{file}");
        } else if file.ends_with(".html") {
            let page = String::from_utf8_lossy(&body);
            assert!(
                page.contains(
                    r#"<p id="tlp-banner" class="tlp tlp-amber" role="note">TLP:AMBER</p>"#
                )
            );
            assert!(!page.contains("<script"));
            // Self-contained: its own stylesheet, allowed by hash and by nothing broader.
            assert!(page.contains("<style>") && !page.contains("/static/"));
            let style = format!(
                "style-src {};",
                liaison::reports::recommendations::style_source()
            );
            assert!(policy.contains(&style), "{policy}");
            assert!(!policy.contains("unsafe") && policy.contains("default-src 'none'"));
        } else {
            let text = String::from_utf8_lossy(&body);
            let first = text.lines().next().unwrap_or_default();
            assert!(
                first.starts_with("# TLP:AMBER — Maturity 2026 — generated "),
                "{file}: {first}"
            );
        }
    }
    let downloads = audited(&app, "report.download").len();
    assert_eq!(downloads, 8, "one audit entry per download");
}

#[tokio::test]
async fn only_the_stable_report_names_are_served() {
    let (app, _dir) = app().await;
    let id = seeded(&mut app.db.conn());
    let early = app
        .api(
            Method::GET,
            &format!("/campaigns/{id}/reports/scores.csv"),
            None,
        )
        .await;
    assert_eq!(early.status(), 404, "not built yet");
    assert!(
        early
            .text()
            .await
            .expect("a body")
            .contains("build the reports")
    );
    app.post_api(&format!("/campaigns/{id}/reports"), serde_json::json!({}))
        .await;
    for name in [
        "..%2Fliaison.sqlite",
        "..%2F..%2Fetc%2Fpasswd",
        "liaison.sqlite",
        "report.csv",
        "%2Fetc%2Fpasswd",
    ] {
        let response = app
            .api(
                Method::GET,
                &format!("/campaigns/{id}/reports/{name}"),
                None,
            )
            .await;
        assert_eq!(response.status(), 404, "{name}");
    }
    let unknown = app.api(Method::GET, "/campaigns/999/reports", None).await;
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn an_analyst_not_assigned_to_the_campaign_gets_404_and_an_assigned_one_gets_the_rows() {
    let (app, _dir) = app().await;
    let id = seeded(&mut app.db.conn());
    app.post_api(&format!("/campaigns/{id}/reports"), serde_json::json!({}))
        .await;
    let stranger = app
        .add_analyst("stranger@example.org", Role::Analyst, &[])
        .api_token;
    for path in [
        format!("/campaigns/{id}/reports"),
        format!("/campaigns/{id}/reports/aggregates.csv"),
        format!("/campaigns/{id}/reports/answers.csv"),
    ] {
        assert_eq!(
            app.get_api_as(&stranger, &path).await.status(),
            404,
            "{path}"
        );
    }
    let build = app
        .client
        .post(format!("{}/api/v1/campaigns/{id}/reports", app.address))
        .bearer_auth(&stranger)
        .send()
        .await
        .expect("sent");
    assert_eq!(build.status(), 404);
    let member = app.add_analyst("member@example.org", Role::Analyst, &[id]);
    let rows = app
        .get_api_as(
            &member.api_token,
            &format!("/campaigns/{id}/reports/answers.csv"),
        )
        .await;
    assert_eq!(rows.status(), 200);
}

#[tokio::test]
async fn the_recommendations_rank_the_gap_three_of_four_organisations_share_first() {
    let (app, _dir) = app().await;
    let id = seeded(&mut app.db.conn());
    app.post_api(&format!("/campaigns/{id}/reports"), serde_json::json!({}))
        .await;
    let md = app
        .api(
            Method::GET,
            &format!("/campaigns/{id}/reports/recommendations.md"),
            None,
        )
        .await
        .text()
        .await
        .expect("markdown");
    let first_row = md
        .lines()
        .find(|l| l.starts_with("| 1 |"))
        .expect("a ranked line");
    assert!(first_row.starts_with("| 1 | P-9 "), "{first_row}");
    assert!(
        first_row.contains("| 3 of 4 | 75% | 1 → 2 |"),
        "{first_row}"
    );
    assert!(!md.contains("| 2 |"), "no other gap is shared: {md}");
    assert!(md.contains("### 1. P-9"));
}

#[tokio::test]
async fn the_reports_page_lists_the_files_and_builds_them_with_the_form() {
    let (app, _dir) = app().await;
    let id = seeded(&mut app.db.conn());
    let browser = client();
    let page = |path: String| browser.get(format!("{}{path}", app.address)).send();
    let anonymous = page(format!("/campaigns/{id}/reports"))
        .await
        .expect("sent");
    assert_eq!(header(&anonymous, LOCATION), "/login");
    let login = log_in(&app, &browser, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(login.status(), 303);
    let list = page(format!("/campaigns/{id}/reports"))
        .await
        .expect("sent");
    assert_eq!(list.status(), 200);
    let html = list.text().await.expect("a body");
    assert!(html.contains("TLP:AMBER") && html.contains("not built yet"));
    let token = csrf_token(&html).expect("the build form's CSRF field");
    let build = browser
        .post(format!("{}/campaigns/{id}/reports", app.address))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("sent");
    assert_eq!(build.status(), 303);
    let html = page(format!("/campaigns/{id}/reports"))
        .await
        .expect("sent")
        .text()
        .await
        .expect("a body");
    assert!(html.contains(&format!(
        "href=\"/campaigns/{id}/reports/recommendations.html\""
    )));
    let file = page(format!("/campaigns/{id}/reports/gap.png"))
        .await
        .expect("sent");
    assert_eq!(header(&file, CONTENT_TYPE), "image/png");
    let radar_link = format!("href=\"/campaigns/{id}/reports/radars/");
    let at = html.find(&radar_link).expect("a radar link") + radar_link.len();
    let response: String = html[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(
        html[at..].starts_with(&format!("{response}\">Team 0</a>")),
        "the first radar is named by its organisation"
    );
    let radar = page(format!("/campaigns/{id}/reports/radars/{response}"))
        .await
        .expect("sent");
    assert_eq!(radar.status(), 200);
    assert_eq!(header(&radar, CONTENT_TYPE), "image/png");
}
