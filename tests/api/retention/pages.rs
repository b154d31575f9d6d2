//! The retention period where analysts meet it: chosen on the create page and in the API,
//! shown on the dashboard and in the campaign JSON, and acted on by the worker in `serve`.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use liaison::accounts::Role;
use liaison::audit::Actor;
use liaison::retention::{self, Mode};
use liaison::storage::schema::{audit_log, campaigns};
use liaison::storage::{self, campaigns::get_campaign};
use serde_json::json;

use crate::fixtures::catalogue;
use crate::helpers::{TestApp, cell, location, spawn_app, spawn_app_with};
use crate::test_db::TestDb;

/// Moves the campaign's closing `days` into the past, as if that time had gone by.
fn closed_days_ago(app: &TestApp, campaign: i64, days: i64) {
    let at = storage::now() - chrono::Duration::days(days);
    diesel::update(campaigns::table.find(campaign))
        .set(campaigns::closed_at.eq(Some(at)))
        .execute(&mut app.db.conn())
        .expect("backdated");
}

#[tokio::test]
async fn the_api_takes_a_retention_period_within_bounds_and_shows_when_erasure_comes() {
    let app = spawn_app().await;
    let body = |days: serde_json::Value| {
        json!({"name": "Maturity", "questionnaires": ["csirt-maturity"],
               "closes_on": "2099-01-31", "retention_days": days})
    };
    for days in [json!(29), json!(3651), json!(-1)] {
        let refused = app.post_api("/campaigns", body(days.clone())).await;
        assert_eq!(refused.status(), 400, "{days}");
        let problems: serde_json::Value = refused.json().await.expect("json");
        assert_eq!(
            problems["fields"][0]["field"], "retention_days",
            "{problems}"
        );
    }
    let created = app.post_api("/campaigns", body(json!(90))).await;
    assert_eq!(created.status(), 201);
    let shown: serde_json::Value = created.json().await.expect("json");
    assert_eq!(shown["retention_days"], 90);
    // The end of 31 January plus 90 days.
    assert_eq!(shown["erase_due_at"], "2099-05-02T00:00:00Z");
    assert_eq!(shown["erased_at"], serde_json::Value::Null);

    let id = app.new_campaign("Defaults").await;
    let shown: serde_json::Value = app.campaign_json(id).await;
    assert_eq!(shown["retention_days"], 365);
}

#[tokio::test]
async fn the_create_page_offers_the_period_and_refuses_one_out_of_bounds_beside_its_field() {
    let app = spawn_app().await;
    let admin = app.logged_in(Role::Admin, &[]).await;
    let form = admin.page("/campaigns/new").await;
    assert!(
        form.contains(r#"name="retention_days" id="retention_days" value="365""#),
        "{form}"
    );
    let mut fields = vec![
        ("name", "Maturity 2027"),
        ("questionnaire_csirt", "csirt-maturity"),
        ("closes_on", "2099-01-31"),
        ("tlp", "AMBER"),
        ("sender_organisation", "Network Secretariat"),
        ("privacy_k", "3"),
        ("retention_days", "7"),
    ];
    let refused = admin
        .post_form("/campaigns/new", "/campaigns/new", &fields)
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("a body");
    assert!(
        cell(&page, "retention_days-error").contains("7 is not allowed"),
        "{page}"
    );
    assert!(page.contains(r#"value="7""#), "the typed value is kept");

    fields.retain(|(f, _)| *f != "retention_days");
    fields.push(("retention_days", "730"));
    let created = admin
        .post_form("/campaigns/new", "/campaigns/new", &fields)
        .await;
    assert_eq!(created.status(), 303);
    let id: i64 = location(&created)
        .strip_prefix("/campaigns/")
        .and_then(|id| id.parse().ok())
        .expect("the dashboard");
    let stored = get_campaign(&mut app.db.conn(), id)
        .expect("stored")
        .campaign;
    assert_eq!(stored.retention_days, 730);
}

#[tokio::test]
async fn the_dashboard_says_when_personal_data_is_erased_and_when_it_was() {
    for db in TestDb::all() {
        let app = crate::helpers::spawn_app_on(db).await;
        let admin = app.logged_in(Role::Admin, &[]).await;
        let id = app.new_campaign("Maturity").await;
        let dashboard = admin.page(&format!("/campaigns/{id}")).await;
        assert!(
            cell(&dashboard, "campaign-retention").starts_with(
                "365 days after the campaign closes; it is still open, so on 2100-02-01 at the latest"
            ),
            "{}: {dashboard}",
            app.db
        );

        let closed = app
            .post_api(&format!("/campaigns/{id}/close"), json!(null))
            .await;
        assert_eq!(closed.status(), 200);
        let closed_at = get_campaign(&mut app.db.conn(), id)
            .expect("stored")
            .campaign
            .closed_at
            .expect("closed");
        let due = closed_at + chrono::Duration::days(365);
        let dashboard = admin.page(&format!("/campaigns/{id}")).await;
        assert_eq!(
            cell(&dashboard, "campaign-retention"),
            format!(
                "On {}, 365 days after the campaign closed on {}.",
                due.format("%Y-%m-%d %H:%M UTC"),
                closed_at.format("%Y-%m-%d %H:%M UTC")
            ),
            "{}",
            app.db
        );

        let mut conn = app.db.conn();
        retention::run(&mut conn, catalogue(), due, &Actor::Cli, Mode::Erase).expect("runs");
        let dashboard = admin.page(&format!("/campaigns/{id}")).await;
        assert_eq!(
            cell(&dashboard, "campaign-retention"),
            format!("Erased on {}.", due.format("%Y-%m-%d %H:%M UTC")),
            "{}",
            app.db
        );
        let shown: serde_json::Value = app.campaign_json(id).await;
        assert_eq!(
            shown["erased_at"],
            due.and_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            "{}",
            app.db
        );
    }
}

#[tokio::test]
async fn the_worker_in_serve_erases_a_campaign_once_its_period_has_passed() {
    let app = spawn_app_with(TestDb::sqlite(), |s| s.retention_interval_seconds = 1).await;
    let body = json!({"name": "Maturity", "questionnaires": ["csirt-maturity"],
                      "closes_on": "2099-01-31", "retention_days": 30});
    let due = app.create_campaign(body).await;
    let rows = json!([{"email": "desk@cert.example.org", "name": "Duty Desk",
                       "organisation": "CERT", "type": "csirt", "country": "AT"}]);
    let imported = app
        .post_api(&format!("/campaigns/{due}/participants"), rows)
        .await;
    assert_eq!(imported.status(), 200);
    let open = app.new_campaign("Still open").await;
    let closed = app
        .post_api(&format!("/campaigns/{due}/close"), json!(null))
        .await;
    assert_eq!(closed.status(), 200);
    closed_days_ago(&app, due, 31);

    let deadline = Instant::now() + Duration::from_secs(20);
    while get_campaign(&mut app.db.conn(), due)
        .expect("stored")
        .campaign
        .erased_at
        .is_none()
    {
        assert!(
            Instant::now() < deadline,
            "the worker did not erase the campaign"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let actors: Vec<(String, String)> = audit_log::table
        .filter(audit_log::action.eq("retention.run"))
        .select((audit_log::actor, audit_log::subject))
        .load(&mut app.db.conn())
        .expect("the audit log");
    assert_eq!(actors, [("system".to_owned(), format!("campaign:{due}"))]);
    let kept = get_campaign(&mut app.db.conn(), open).expect("stored");
    assert_eq!(kept.campaign.erased_at, None);
}
