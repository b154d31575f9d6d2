//! The API's side of campaign set-up: the privacy threshold and languages a request may
//! carry, the same permission as the page, and `liaison analyst allow-create`, audited.
//! A campaign's languages are the only ones its respondents are offered.

use std::process::Command;

use diesel::prelude::*;
use liaison::accounts::Role;
use liaison::mail::OutboxKind;
use liaison::storage::outbox;
use liaison::storage::schema::audit_log;
use serde_json::{Value, json};

use crate::helpers::{TestApp, client, spawn_app, spawn_app_on};
use crate::test_db::TestDb;

/// A request for the two cooperation questionnaires with `extra` fields added.
fn body(extra: Value) -> Value {
    let mut body = json!({
        "name": "Cooperation",
        "questionnaires": ["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"],
        "closes_on": "2099-01-31",
    });
    for (key, value) in extra.as_object().expect("an object") {
        body[key] = value.clone();
    }
    body
}

/// The refused fields of a 400.
async fn refused_fields(response: reqwest::Response) -> Vec<String> {
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("json");
    body["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn the_api_takes_and_shows_a_campaigns_threshold_and_languages() {
    for db in TestDb::all() {
        let label = db.to_string();
        let app = spawn_app_on(db).await;
        let chosen = app
            .post_api(
                "/campaigns",
                body(json!({"privacy_k": 4, "languages": ["DE", "en"]})),
            )
            .await;
        assert_eq!(chosen.status(), 201, "{label}");
        let chosen: Value = chosen.json().await.expect("json");
        assert_eq!(chosen["privacy_k"], 4, "{label}");
        assert_eq!(chosen["languages"], json!(["de", "en"]), "{label}");
        let id = chosen["id"].as_i64().expect("an id");
        let shown: Value = app.campaign_json(id).await;
        assert_eq!(
            (&shown["privacy_k"], &shown["languages"]),
            (&json!(4), &json!(["de", "en"])),
            "{label}"
        );

        let defaults: Value = app
            .post_api("/campaigns", body(json!({})))
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(defaults["privacy_k"], Value::Null, "{label}");
        assert_eq!(defaults["languages"], json!(["en", "de"]), "{label}");
    }
}

#[tokio::test]
async fn the_api_refuses_a_low_threshold_and_languages_the_questionnaires_lack() {
    let app = spawn_app().await;
    for k in [2, 0, -1, 1001] {
        let refused = app
            .post_api("/campaigns", body(json!({ "privacy_k": k })))
            .await;
        assert_eq!(refused_fields(refused).await, ["privacy_k"], "{k}");
    }
    let unknown = app
        .post_api("/campaigns", body(json!({"languages": ["en", "fr"]})))
        .await;
    assert_eq!(refused_fields(unknown).await, ["languages"]);
    // German alone leaves law enforcement's questionnaire, English only, with none.
    let only_german = app
        .post_api("/campaigns", body(json!({"languages": ["de"]})))
        .await;
    assert_eq!(refused_fields(only_german).await, ["languages"]);
    let none = app
        .post_api("/campaigns", body(json!({"languages": []})))
        .await;
    assert_eq!(refused_fields(none).await, ["languages"]);
    // Every problem at once, in the request's order.
    let both = app
        .post_api(
            "/campaigns",
            body(json!({"name": "", "closes_on": "2001-01-01", "privacy_k": 1})),
        )
        .await;
    assert_eq!(
        refused_fields(both).await,
        ["name", "closes_on", "privacy_k"]
    );
    let listed = app.api(reqwest::Method::GET, "/campaigns", None).await;
    assert_eq!(listed.json::<Value>().await.expect("json"), json!([]));
}

/// Runs `liaison analyst ARGS` on the app's database.
fn analyst_cli(app: &TestApp, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .arg("analyst")
        .args(args)
        .env("LIAISON_DATABASE_URL", &app.db.url)
        .env("LIAISON_LOG", "warn")
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn the_command_line_allows_and_forbids_an_analyst_to_create_and_the_log_says_so() {
    for db in TestDb::all() {
        let label = db.to_string();
        let app = spawn_app_on(db).await;
        let ana = app.add_analyst("ana@example.org", Role::Analyst, &[]);
        let create = || async {
            app.client
                .post(format!("{}/api/v1/campaigns", app.address))
                .bearer_auth(&ana.api_token)
                .json(&body(json!({})))
                .send()
                .await
                .expect("sent")
        };
        let refused = create().await;
        assert_eq!(refused.status(), 403, "{label}");
        let error: Value = refused.json().await.expect("json");
        assert!(
            error["error"]
                .as_str()
                .is_some_and(|e| e.contains("may not create campaigns")),
            "{label}: {error}"
        );

        let allowed = analyst_cli(&app, &["allow-create", "Ana@Example.org"]);
        assert_eq!(allowed.trim(), "ana@example.org may now create campaigns");
        assert!(analyst_cli(&app, &["list"]).contains("creates campaigns"));
        let created = create().await;
        assert_eq!(created.status(), 201, "{label}");
        let id = created.json::<Value>().await.expect("json")["id"]
            .as_i64()
            .expect("an id");
        // Assigned to its creator.
        let own = app
            .get_api_as(&ana.api_token, &format!("/campaigns/{id}"))
            .await;
        assert_eq!(own.status(), 200, "{label}");

        let forbidden = analyst_cli(&app, &["allow-create", "ana@example.org", "--disallow"]);
        assert_eq!(
            forbidden.trim(),
            "ana@example.org may no longer create campaigns"
        );
        assert_eq!(create().await.status(), 403, "{label}");

        let entries: Vec<(String, String, String)> = audit_log::table
            .filter(audit_log::action.like("analyst.%allow_create"))
            .order(audit_log::id)
            .select((audit_log::actor, audit_log::action, audit_log::subject))
            .load(&mut app.db.conn())
            .expect("the audit log");
        let entry = |action: &str| ("cli".to_owned(), action.to_owned(), ana.email.clone());
        assert_eq!(
            entries,
            [
                entry("analyst.allow_create"),
                entry("analyst.disallow_create")
            ],
            "{label}"
        );
    }
}

#[tokio::test]
async fn respondents_are_offered_only_the_campaigns_languages() {
    let app = spawn_app().await;
    let id = app
        .create_campaign(
            json!({"name": "English only", "questionnaires": ["csirt-le-cooperation-csirt"],
                                "closes_on": "2099-01-31", "languages": ["en"]}),
        )
        .await;
    let rows = json!([{"email": "desk@csirt.example.org", "name": "Desk", "organisation": "CSIRT",
                       "type": "csirt", "country": "AT", "language": "de"}]);
    let imported = app
        .post_api(&format!("/campaigns/{id}/participants"), rows)
        .await;
    assert_eq!(imported.status(), 200);
    let invited = app
        .post_api(&format!("/campaigns/{id}/invitations"), Value::Null)
        .await;
    assert_eq!(invited.status(), 200);
    let mail = outbox::list(&mut app.db.conn(), None)
        .expect("the outbox")
        .into_iter()
        .find(|m| m.kind == OutboxKind::Invitation)
        .expect("an invitation");
    // Asked for German, which the campaign does not offer: the mail is in English.
    assert!(mail.subject.starts_with("Invitation"), "{}", mail.subject);
    let link = crate::helpers::link_token(&mail.text_to_send());
    let browser = client();
    for asked in ["", "?lang=de"] {
        let page = browser
            .get(format!("{}/r/{link}{asked}", app.address))
            .send()
            .await
            .expect("sent");
        assert_eq!(page.status(), 200, "{asked}");
        let html = page.text().await.expect("a body");
        assert!(html.contains(r#"<html lang="en">"#), "{asked}");
        assert!(!html.contains(r#"hreflang="de""#), "{asked}");
    }
}
