//! Campaigns through the API: create, import, invite, deliver over real SMTP, open the link,
//! remind, revoke, close — and the refusals.

use std::time::Duration;

use liaison::ids::InvitationId;
use liaison::invitations;
use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures::{ResponseBuilder, every_answer, questionnaire};
use crate::helpers::{TestApp, deliver, link_token, spawn_app_with};
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;

fn participants() -> Value {
    json!([
        {"email": "desk@csirt-a.example.org", "name": "Incident Desk", "organisation": "CSIRT A", "type": "csirt", "country": "AT", "language": "de"},
        {"email": "unit@police-a.example.org", "name": "Cyber Unit", "organisation": "Police A", "type": "lea", "country": "AT"},
        {"email": "desk@csirt-b.example.org", "name": "Duty Officer", "organisation": "CSIRT B", "type": "csirt", "country": "BE", "language": "fr"},
    ])
}

fn campaign_body() -> Value {
    json!({
        "name": "Cooperation 2027",
        "questionnaires": ["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"],
        "closes_on": "2099-01-31",
        "tlp": "green",
    })
}

/// A campaign with three participants, its id returned.
async fn campaign_with_participants(app: &TestApp) -> i64 {
    let id = app.create_campaign(campaign_body()).await;
    let imported = app
        .post_api(&format!("/campaigns/{id}/participants"), participants())
        .await;
    assert_eq!(imported.status(), 200);
    assert_eq!(imported.json::<Value>().await.expect("json")["added"], 3);
    id
}

#[tokio::test]
async fn invitations_arrive_over_smtp_with_a_link_that_opens_exactly_that_invitation() {
    for db in TestDb::all() {
        let smtp = TestSmtp::start();
        let app = spawn_app_with(db, |s| s.smtp_url = smtp.url()).await;
        let db = &app.db;
        let id = campaign_with_participants(&app).await;
        let invited = app
            .post_api(&format!("/campaigns/{id}/invitations"), json!(null))
            .await;
        assert_eq!(
            invited.json::<Value>().await.expect("json"),
            json!({"queued": 3, "already_invited": 0})
        );
        assert_eq!(deliver(db, &smtp).sent, 3);
        let messages = smtp.wait_for(3, Duration::from_secs(10));
        let german = messages
            .iter()
            .find(|m| m.recipients == ["desk@csirt-a.example.org"])
            .expect("mail to CSIRT A")
            .parse();
        assert!(
            german.subject.contains("Cooperation 2027"),
            "{}",
            german.subject
        );
        assert!(german.text.contains("TLP:GREEN") && german.html.contains("TLP:GREEN"));
        assert!(german.text.contains("Test Network Secretariat"));
        assert!(
            german.text.contains("Einladung") || german.subject.contains("Einladung"),
            "German mail: {}",
            german.subject
        );
        // French is not offered by the questionnaire: English.
        let english = messages
            .iter()
            .find(|m| m.recipients == ["desk@csirt-b.example.org"])
            .expect("mail to CSIRT B")
            .parse();
        assert!(
            english.subject.starts_with("Invitation"),
            "{}",
            english.subject
        );
        let token = link_token(&english.text);
        assert!(english.html.contains(&token));
        let mut conn = db.conn();
        let opened = invitations::open(&mut conn, &token, chrono::Utc::now().date_naive())
            .expect("lookup")
            .expect("the link works");
        assert_eq!(opened.participant.email, "desk@csirt-b.example.org");
        assert_eq!(opened.campaign.campaign.id, id);
        assert!(
            invitations::open(&mut conn, "not-a-token", chrono::Utc::now().date_naive())
                .expect("lookup")
                .is_none()
        );
        let again = app
            .post_api(&format!("/campaigns/{id}/invitations"), json!(null))
            .await;
        assert_eq!(
            again.json::<Value>().await.expect("json"),
            json!({"queued": 0, "already_invited": 3})
        );
    }
}

#[tokio::test]
async fn reminders_go_only_to_non_submitters_within_the_limits() {
    for db in TestDb::all() {
        let smtp = TestSmtp::start();
        let app = spawn_app_with(db, |s| s.smtp_url = smtp.url()).await;
        let db = &app.db;
        let id = campaign_with_participants(&app).await;
        app.post_api(&format!("/campaigns/{id}/invitations"), json!(null))
            .await;
        let reminded = app
            .post_api(
                &format!("/campaigns/{id}/reminders"),
                json!({"min_days": 0, "max": 1}),
            )
            .await;
        assert_eq!(
            reminded.json::<Value>().await.expect("json")["not_sent_yet"],
            3,
            "nothing is reminded before the invitation left"
        );
        deliver(db, &smtp);
        submit_response_of(db, "unit@police-a.example.org");
        let reminded = app
            .post_api(
                &format!("/campaigns/{id}/reminders"),
                json!({"min_days": 0, "max": 1}),
            )
            .await;
        let report: Value = reminded.json().await.expect("json");
        assert_eq!(
            (report["queued"].as_i64(), report["submitted"].as_i64()),
            (Some(2), Some(1))
        );
        let too_soon = app
            .post_api(
                &format!("/campaigns/{id}/reminders"),
                json!({"min_days": 7, "max": 5}),
            )
            .await;
        assert_eq!(
            too_soon.json::<Value>().await.expect("json")["too_recent"],
            2
        );
        let at_limit = app
            .post_api(
                &format!("/campaigns/{id}/reminders"),
                json!({"min_days": 0, "max": 1}),
            )
            .await;
        assert_eq!(
            at_limit.json::<Value>().await.expect("json")["limit_reached"],
            2
        );
        assert_eq!(deliver(db, &smtp).sent, 2);
        let reminders = smtp.wait_for(5, Duration::from_secs(10));
        let last = reminders.last().expect("a reminder").parse();
        // The reminder's fresh link works; the invitation's earlier link no longer does.
        let mut conn = db.conn();
        let today = chrono::Utc::now().date_naive();
        assert!(
            invitations::open(&mut conn, &link_token(&last.text), today)
                .expect("lookup")
                .is_some()
        );
        let first = reminders
            .iter()
            .find(|m| m.recipients == reminders.last().expect("one").recipients)
            .expect("invitation")
            .parse();
        assert!(
            invitations::open(&mut conn, &link_token(&first.text), today)
                .expect("lookup")
                .is_none()
        );
    }
}

/// The participant at `email` of campaign 1 answers everything and submits.
fn submit_response_of(db: &TestDb, email: &str) {
    let mut conn = db.conn();
    let status = liaison::storage::invitations::campaign_invitations(&mut conn, 1)
        .expect("invitations")
        .into_iter()
        .find(|s| s.participant.email == email)
        .expect("invited");
    let lea = questionnaire("csirt-le-cooperation-lea");
    ResponseBuilder::submitted(every_answer(lea, 2.0, "AT")).build(
        &mut conn,
        InvitationId(status.invitation.id),
        lea,
    );
}

#[tokio::test]
async fn a_revoked_invitation_and_a_closed_campaign_open_nothing() {
    let smtp = TestSmtp::start();
    let app = spawn_app_with(TestDb::sqlite(), |s| s.smtp_url = smtp.url()).await;
    let db = &app.db;
    let id = campaign_with_participants(&app).await;
    app.post_api(&format!("/campaigns/{id}/invitations"), json!(null))
        .await;
    deliver(db, &smtp);
    let tokens: Vec<(Vec<String>, String)> = smtp
        .wait_for(3, Duration::from_secs(10))
        .iter()
        .map(|m| (m.recipients.clone(), link_token(&m.parse().text)))
        .collect();
    let today = chrono::Utc::now().date_naive();
    let revoked = app
        .post_api(
            &format!("/campaigns/{id}/invitations/revoke"),
            json!({"email": "unit@police-a.example.org"}),
        )
        .await;
    assert_eq!(
        revoked.json::<Value>().await.expect("json")["state"],
        "revoked"
    );
    let mut conn = db.conn();
    for (recipients, token) in &tokens {
        let works = invitations::open(&mut conn, token, today)
            .expect("lookup")
            .is_some();
        assert_eq!(
            works,
            recipients != &["unit@police-a.example.org"],
            "{recipients:?}"
        );
    }
    let closed = app
        .post_api(&format!("/campaigns/{id}/close"), json!(null))
        .await;
    assert_eq!(
        closed.json::<Value>().await.expect("json")["state"],
        "closed"
    );
    for (_, token) in &tokens {
        assert!(
            invitations::open(&mut conn, token, today)
                .expect("lookup")
                .is_none()
        );
    }
    let invite_closed = app
        .post_api(&format!("/campaigns/{id}/invitations"), json!(null))
        .await;
    assert_eq!(invite_closed.status(), 409);
    assert_eq!(
        invite_closed.json::<Value>().await.expect("json")["error"],
        format!("campaign {id} is closed")
    );
}

#[tokio::test]
async fn the_api_refuses_without_the_token_and_explains_bad_requests() {
    let app = spawn_app_with(TestDb::sqlite(), |_| {}).await;
    let anonymous = app
        .client
        .get(format!("{}/api/v1/campaigns", app.address))
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 401);
    let wrong_shape = app.post_api("/campaigns", json!({"name": "X"})).await;
    assert_eq!(wrong_shape.status(), 400);
    let error = wrong_shape.json::<Value>().await.expect("json")["error"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(error.contains("missing field `questionnaires`"), "{error}");
    let unknown = app
        .post_api(
            "/campaigns",
            json!({"name": "X", "questionnaires": ["nope"], "closes_on": "2099-01-01"}),
        )
        .await;
    assert_eq!(unknown.status(), 400);
    let error = unknown.json::<Value>().await.expect("json")["error"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        error.starts_with("questionnaires: unknown questionnaire \"nope\" (loaded: "),
        "{error}"
    );
    let twice = app.post_api("/campaigns", json!({"name": "X", "questionnaires": ["csirt-maturity", "csirt-le-cooperation-csirt"], "closes_on": "2099-01-01"})).await;
    assert_eq!(twice.status(), 400);
    let missing = app.api(Method::GET, "/campaigns/999", None).await;
    assert_eq!(missing.status(), 404);
    assert_eq!(
        missing.json::<Value>().await.expect("json")["error"],
        "campaign 999 not found"
    );
    let bad_rows = app
        .post_api("/campaigns/999/participants", json!({"not": "an array"}))
        .await;
    assert_eq!(bad_rows.status(), 400);
}

#[tokio::test]
async fn a_bad_participant_list_through_the_api_lists_every_problem_and_imports_nothing() {
    let app = spawn_app_with(TestDb::sqlite(), |_| {}).await;
    let id = app.create_campaign(campaign_body()).await;
    let rows = json!([
        {"email": "ok@csirt.example.org", "name": "A", "organisation": "CSIRT", "type": "csirt", "country": "AT"},
        {"email": "not-an-address", "name": "B", "organisation": "Court", "type": "judiciary", "country": "XX"},
    ]);
    let refused = app
        .post_api(&format!("/campaigns/{id}/participants"), rows)
        .await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.expect("json");
    let problems = body["problems"].as_array().expect("problems");
    assert!(problems.len() >= 3, "{body}");
    assert!(problems.iter().all(|p| p["row"] == 2), "{body}");
    let listed = app
        .api(Method::GET, &format!("/campaigns/{id}/participants"), None)
        .await;
    assert_eq!(listed.json::<Value>().await.expect("json"), json!([]));
}
