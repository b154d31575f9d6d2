//! Reminder limits out of range are refused the same way by the dashboard form and the
//! API (one checked type behind both), naming the field, and nothing is queued.

use liaison::accounts::Role;
use liaison::mail::OutboxKind;
use liaison::storage::outbox;
use serde_json::{Value, json};

use super::{BOTH_AUDIENCES, get, location, post};
use crate::helpers::TestApp;
use crate::helpers::spawn_app;
use crate::respondent::invite;

/// Marks every mail sent, so that a reminder would be due if the limits allowed it.
fn everything_sent(app: &TestApp) {
    let mut conn = app.db.conn();
    for mail in outbox::list(&mut conn, None).expect("the outbox") {
        outbox::mark_sent(&mut conn, mail.id, liaison::storage::now()).expect("sent");
    }
}

fn reminders_queued(app: &TestApp) -> usize {
    let mut conn = app.db.conn();
    outbox::list(&mut conn, None)
        .expect("the outbox")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Reminder)
        .count()
}

/// Posts a raw JSON body to the reminders endpoint: `1e400` is no `serde_json::Value`.
async fn remind_api(app: &TestApp, campaign: i64, body: &str) -> reqwest::Response {
    app.client
        .post(format!(
            "{}/api/v1/campaigns/{campaign}/reminders",
            app.address
        ))
        .bearer_auth(&app.api_token)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("sent")
}

#[tokio::test]
async fn the_api_refuses_reminder_limits_out_of_range_naming_the_field_and_queues_nothing() {
    let app = spawn_app().await;
    let r = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    everything_sent(&app);
    let cases = [
        (r#"{"min_days": -1, "max": 3}"#, "min_days: -1 "),
        (r#"{"min_days": 366, "max": 3}"#, "min_days: 366 "),
        (r#"{"min_days": 1e400, "max": 3}"#, "min_days: 1e400 "),
        (
            r#"{"min_days": 99999999999999999999999, "max": 3}"#,
            "min_days: 99999999999999999999999 ",
        ),
        (r#"{"min_days": 0, "max": 0}"#, "max: 0 "),
        (r#"{"min_days": 0, "max": 21}"#, "max: 21 "),
        (
            r#"{"min_days": 0, "max": -2147483649}"#,
            "max: -2147483649 ",
        ),
        (r#"{"min_days": 0, "max": 4294967296}"#, "max: 4294967296 "),
        (r#"{"min_days": 0, "max": 2.5}"#, "max: 2.5 "),
        (r#"{"max": "3"}"#, "max: \"3\" "),
    ];
    for (body, start) in cases {
        let refused = remind_api(&app, r.campaign, body).await;
        assert_eq!(refused.status(), 400, "{body}");
        let error: Value = refused.json().await.expect("a JSON body");
        let message = error["error"].as_str().unwrap_or_default();
        assert!(message.starts_with(start), "{body}: {message}");
        assert!(
            message.contains(" from "),
            "{body} says the range: {message}"
        );
    }
    assert_eq!(reminders_queued(&app), 0, "nothing was queued");

    let reminded = app
        .post_api(
            &format!("/campaigns/{}/reminders", r.campaign),
            json!({"min_days": 0, "max": 20}),
        )
        .await;
    assert_eq!(reminded.status(), 200);
    assert_eq!(
        reminders_queued(&app),
        1,
        "the limits at their ends are taken"
    );
}

#[tokio::test]
async fn the_dashboard_refuses_reminder_limits_out_of_range_beside_the_field_and_queues_nothing() {
    let app = spawn_app().await;
    let r = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    everything_sent(&app);
    let browser = app.logged_in(Role::Admin, &[]).await;
    let cases = [
        ("-1", "3", "min_days"),
        ("366", "3", "min_days"),
        ("99999999999999999999999", "3", "min_days"),
        ("1e400", "3", "min_days"),
        ("0", "0", "max_reminders"),
        ("0", "21", "max_reminders"),
        ("0", "4294967296", "max_reminders"),
        ("0", "-4294967296", "max_reminders"),
    ];
    for (min_days, max, field) in cases {
        let fields = [("min_days", min_days), ("max_reminders", max)];
        let refused = post(&browser, r.campaign, "remind", &fields).await;
        assert_eq!(refused.status(), 303);
        let page = get(&browser, &app, &location(&refused)).await;
        assert!(
            page.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| t.starts_with("text/html")),
            "an HTML page"
        );
        let html = page.text().await.expect("html");
        assert!(
            html.contains(&format!("id=\"{field}-error\"")),
            "{min_days}/{max}: {html}"
        );
    }
    assert_eq!(reminders_queued(&app), 0, "nothing was queued");
}
