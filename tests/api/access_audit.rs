//! Who may reach a campaign, and who the audit log says did what: a campaign the analyst
//! may not see answers exactly as a missing one, through the API and the pages alike; a
//! campaign changed from the command line is audited as done by `cli`.

use std::path::Path;
use std::process::Command;

use diesel::prelude::*;
use liaison::accounts::Role;
use liaison::storage::schema::audit_log;
use reqwest::{Method, Response};
use serde_json::json;

use crate::cli::campaign_create;
use crate::helpers::{TestApp, csrf_token, shipped_questionnaires, spawn_app};

/// An id no campaign of these tests has.
const MISSING: i64 = 999_999;

/// Status, content type and body, with the campaign's id and the page's CSRF token (which
/// is the browser's, not the campaign's) put out of the way.
async fn seen(response: Response, id: i64, token: &str) -> (u16, String, String) {
    let status = response.status().as_u16();
    let kind = response.headers()[reqwest::header::CONTENT_TYPE]
        .to_str()
        .expect("a content type")
        .to_owned();
    let body = response.text().await.expect("a body");
    let body = body
        .replace(&format!("campaign {id}"), "campaign N")
        .replace(&format!("/campaigns/{id}"), "/campaigns/N");
    let body = if token.is_empty() {
        body
    } else {
        body.replace(token, "TOKEN")
    };
    (status, kind, body)
}

#[tokio::test]
async fn the_api_answers_a_campaign_the_analyst_may_not_see_exactly_as_a_missing_one() {
    let app = spawn_app().await;
    let (theirs, other) = (
        app.new_campaign("Theirs").await,
        app.new_campaign("Other").await,
    );
    let token = app
        .add_analyst("ana@example.org", Role::Analyst, &[theirs])
        .api_token;
    let routes = [
        (Method::GET, "", None),
        (Method::POST, "/close", None),
        (Method::GET, "/participants", None),
        (Method::POST, "/participants", Some(json!([]))),
        (Method::GET, "/invitations", None),
        (Method::POST, "/invitations", None),
        (
            Method::POST,
            "/invitations/revoke",
            Some(json!({"email": "a@b.example"})),
        ),
        (Method::POST, "/reminders", Some(json!({}))),
        (Method::GET, "/reports", None),
        (Method::POST, "/reports", None),
        (Method::GET, "/reports/aggregates.csv", None),
        (Method::GET, "/reports/answers.csv", None),
        (Method::GET, "/reports/radars/1", None),
        (Method::GET, "/responses/1/evidence/1", None),
    ];
    for (method, path, body) in routes {
        let mut answers = Vec::new();
        for id in [other, MISSING] {
            let url = format!("{}/api/v1/campaigns/{id}{path}", app.address);
            let mut request = app.client.request(method.clone(), url).bearer_auth(&token);
            if let Some(body) = &body {
                request = request.json(body);
            }
            answers.push(seen(request.send().await.expect("sent"), id, "").await);
        }
        assert_eq!(answers[0].0, 404, "{method} {path}: {answers:?}");
        assert_eq!(answers[0], answers[1], "{method} {path}");
    }
    let own = app
        .get_api_as(&token, &format!("/campaigns/{theirs}"))
        .await;
    assert_eq!(own.status(), 200, "the assigned campaign is there");
}

#[tokio::test]
async fn the_pages_answer_a_campaign_the_analyst_may_not_see_exactly_as_a_missing_one() {
    let app = spawn_app().await;
    let (theirs, other) = (
        app.new_campaign("Theirs").await,
        app.new_campaign("Other").await,
    );
    let browser = app.logged_in(Role::Analyst, &[theirs]).await;
    let token = csrf_token(&browser.page("/campaigns").await).expect("a CSRF field");
    let routes = [
        (Method::GET, ""),
        (Method::GET, "/reports"),
        (Method::GET, "/reports/answers.csv"),
        (Method::GET, "/reports/charts/gap.png"),
        (Method::GET, "/reports/radars/1"),
        (Method::GET, "/responses/1/evidence/1"),
        (Method::POST, "/reports"),
        (Method::POST, "/invite"),
        (Method::POST, "/remind"),
        (Method::POST, "/close"),
    ];
    let form = [
        ("csrf_token", token.as_str()),
        ("confirm", "yes"),
        ("min_days", "0"),
        ("max_reminders", "3"),
    ];
    for (method, path) in routes {
        let mut answers = Vec::new();
        for id in [other, MISSING] {
            let url = format!("{}/campaigns/{id}{path}", app.address);
            let request = browser.request(method.clone(), url);
            let request = if method == Method::POST {
                request.form(&form)
            } else {
                request
            };
            answers.push(seen(request.send().await.expect("sent"), id, &token).await);
        }
        assert_eq!(answers[0].0, 404, "{method} {path}: {answers:?}");
        assert!(answers[0].1.starts_with("text/html"), "{method} {path}");
        assert_eq!(answers[0], answers[1], "{method} {path}");
    }
    let own = browser
        .get(format!("{}/campaigns/{theirs}", app.address))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        own.status(),
        200,
        "the assigned campaign's dashboard is there"
    );
}

/// Runs `liaison ARGS` on the app's database and questionnaires; it must succeed.
pub(crate) fn cli(app: &TestApp, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .args(args)
        .env("LIAISON_DATABASE_URL", &app.db.url)
        .env("LIAISON_QUESTIONNAIRES_DIR", shipped_questionnaires())
        .env("LIAISON_LOG", "warn")
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "liaison {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn campaign_changes_made_on_the_command_line_are_audited_as_the_cli() {
    let app = spawn_app().await;
    let created = cli(&app, &campaign_create("From the shell"));
    let id: i64 = created
        .strip_prefix("created campaign ")
        .and_then(|rest| rest.lines().next())
        .and_then(|n| n.parse().ok())
        .expect("the new campaign's id");
    let campaign = id.to_string();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/participants-sample.csv");
    let sample = sample.to_str().expect("a UTF-8 path");
    cli(
        &app,
        &["participants", "import", "--campaign", &campaign, sample],
    );
    cli(&app, &["invite", "--campaign", &campaign]);
    cli(&app, &["remind", "--campaign", &campaign]);
    let first = std::fs::read_to_string(sample).expect("the sample");
    let email = first
        .lines()
        .nth(1)
        .and_then(|row| row.split(',').next())
        .expect("a first participant")
        .to_owned();
    cli(
        &app,
        &[
            "invitation",
            "revoke",
            "--campaign",
            &campaign,
            "--email",
            &email,
        ],
    );
    let out = tempfile::tempdir().expect("a reports folder");
    let out_dir = out.path().to_str().expect("a UTF-8 path");
    cli(&app, &["report", "--campaign", &campaign, "--out", out_dir]);
    cli(&app, &["campaign", "close", &campaign]);

    let entries: Vec<(String, String, String)> = audit_log::table
        .order(audit_log::id)
        .select((audit_log::actor, audit_log::action, audit_log::subject))
        .load(&mut app.db.conn())
        .expect("the audit log");
    let by_cli: Vec<(&str, &str)> = entries
        .iter()
        .filter(|(actor, ..)| actor == "cli")
        .map(|(_, action, subject)| (action.as_str(), subject.as_str()))
        .collect();
    let subject = format!("campaign:{id}");
    let revoked = by_cli
        .iter()
        .find(|(action, _)| *action == "invitation.revoke")
        .expect("the revocation is audited");
    assert!(revoked.1.starts_with("invitation:"), "{revoked:?}");
    let on_campaign: Vec<&str> = by_cli
        .iter()
        .filter(|(_, s)| *s == subject)
        .map(|(action, _)| *action)
        .collect();
    assert_eq!(
        on_campaign,
        [
            "campaign.create",
            "participants.import",
            "invitations.send",
            "reminders.send",
            "reports.build",
            "campaign.close"
        ],
        "{entries:?}"
    );
}
