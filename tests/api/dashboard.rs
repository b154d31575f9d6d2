//! The analyst's campaign dashboard: progress, the outbox, and the invite, remind and close
//! forms, driven as a browser would (session cookie and CSRF field). `actions` covers the
//! forms themselves.

mod actions;
mod charts;
mod reminder_limits;

use liaison::accounts::Role;
use liaison::campaigns::CampaignState;
use liaison::storage::{campaigns, outbox};
use serde_json::json;

use crate::helpers::{
    Session, TestApp, audit_actions, cell, client, csrf_token, location, spawn_app, spawn_app_on,
};
use crate::respondent::{Respondent, invite};
use crate::test_db::TestDb;

/// A campaign with a CSIRT and a LEA questionnaire.
const BOTH_AUDIENCES: &[&str] = &["csirt-maturity", "csirt-le-cooperation-lea"];

async fn get(browser: &reqwest::Client, app: &TestApp, path: &str) -> reqwest::Response {
    browser
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .expect("sent")
}

async fn dashboard(browser: &Session, campaign: i64) -> String {
    browser.page(&format!("/campaigns/{campaign}")).await
}

/// Posts a dashboard form with the CSRF token of the dashboard page.
async fn post(
    browser: &Session,
    campaign: i64,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = format!("/campaigns/{campaign}");
    browser
        .post_form(&page, &format!("{page}/{action}"), fields)
        .await
}

/// The counts of a progress row: participants, invited, opened, in progress, submitted, rate.
fn row(html: &str, key: &str) -> Vec<String> {
    [
        "participants",
        "invited",
        "opened",
        "in-progress",
        "submitted",
        "rate",
    ]
    .iter()
    .map(|column| cell(html, &format!("{key}-{column}")))
    .collect()
}

async fn add_participants(app: &TestApp, campaign: i64, rows: serde_json::Value) {
    let added = app
        .post_api(&format!("/campaigns/{campaign}/participants"), rows)
        .await;
    assert_eq!(added.status(), 200);
}

/// Adds a Belgian LEA desk to `campaign` and invites whoever is not invited yet.
async fn add_and_invite_a_lea(app: &TestApp, campaign: i64) {
    let lea = json!([participant("two@lea.example.org", "lea", "BE")]);
    add_participants(app, campaign, lea).await;
    let path = format!("/campaigns/{campaign}/invitations");
    assert_eq!(app.post_api(&path, json!(null)).await.status(), 200);
}

fn participant(email: &str, kind: &str, country: &str) -> serde_json::Value {
    json!({"email": email, "name": "Desk", "organisation": format!("Org {email}"), "type": kind, "country": country, "language": "en"})
}

/// The path `/r/{token}` of the last invitation mailed to `email`.
fn link_of(app: &TestApp, email: &str) -> String {
    let mut conn = app.db.conn();
    let mail = outbox::list(&mut conn, None)
        .expect("the outbox")
        .into_iter()
        .rfind(|m| m.recipient == email)
        .expect("a mail");
    format!("/r/{}", crate::helpers::link_token(&mail.text_to_send()))
}

async fn submit_everything(r: &Respondent) {
    for n in 1..=4 {
        assert_eq!(r.answer_levels(n, "4", "next").await.status(), 303);
    }
    assert_eq!(r.post("/submit", &[]).await.status(), 303);
}

/// Opens a link and saves its first section empty, which starts a draft.
async fn save_a_draft(app: &TestApp, path: &str) {
    let browser = client();
    let section = get(&browser, app, &format!("{path}/s/1")).await;
    let token = csrf_token(&section.text().await.expect("html")).expect("a CSRF field");
    let saved = browser
        .post(format!("{}{path}/s/1", app.address))
        .form(&[("csrf_token", token.as_str()), ("action", "save")])
        .send()
        .await
        .expect("sent");
    assert_eq!(saved.status(), 303);
}

#[tokio::test]
async fn the_dashboard_counts_invited_opened_in_progress_and_submitted_by_audience_and_country() {
    // The grouped query is the one piece that could differ between backends.
    for db in TestDb::all() {
        counts_on(spawn_app_on(db).await).await;
    }
}

async fn counts_on(app: TestApp) {
    let submitter = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    let campaign = submitter.campaign;
    let (lea, opener) = ("lea@lea.example.org", "opener@csirt.example.org");
    let rows = json!([
        participant(lea, "lea", "AT"),
        participant(opener, "csirt", "DE")
    ]);
    add_participants(&app, campaign, rows).await;
    let path = format!("/campaigns/{campaign}/invitations");
    assert_eq!(app.post_api(&path, json!(null)).await.status(), 200);
    let late = json!([participant("late@csirt.example.org", "csirt", "DE")]);
    add_participants(&app, campaign, late).await;

    submit_everything(&submitter).await;
    save_a_draft(&app, &link_of(&app, lea)).await;
    assert_eq!(
        get(&client(), &app, &link_of(&app, opener)).await.status(),
        200
    );

    let browser = app.logged_in(Role::Admin, &[]).await;
    let list = get(&browser, &app, "/campaigns")
        .await
        .text()
        .await
        .expect("html");
    assert!(
        list.contains(&format!("href=\"/campaigns/{campaign}\"")),
        "{list}"
    );
    let html = dashboard(&browser, campaign).await;
    assert!(
        html.contains("Maturity &#60;b&#62;2027&#60;/b&#62;"),
        "the name is escaped"
    );
    assert!(html.contains("TLP:"));
    assert_eq!(row(&html, "overall"), ["4", "3", "3", "1", "1", "33 %"]);
    assert_eq!(
        row(&html, "audience-csirt"),
        ["3", "2", "2", "0", "1", "50 %"]
    );
    assert_eq!(row(&html, "audience-lea"), ["1", "1", "1", "1", "0", "0 %"]);
    assert_eq!(row(&html, "country-AT"), ["2", "2", "2", "1", "1", "50 %"]);
    assert_eq!(row(&html, "country-DE"), ["2", "1", "1", "0", "0", "0 %"]);
    assert_eq!(cell(&html, "not-invited"), "Not yet invited: 1.");
    assert!(html.contains("<th scope=\"col\">Response rate</th>"));
}

#[tokio::test]
async fn the_outbox_shows_this_campaigns_pending_and_failed_mails_with_their_errors_escaped() {
    let app = spawn_app().await;
    let r = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    let other = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    {
        let mut conn = app.db.conn();
        let mails = outbox::list(&mut conn, None).expect("the outbox");
        let first = mails.first().expect("a mail");
        outbox::mark_failed(&mut conn, first.id, "permanent: 550 <no such> \"box\"")
            .expect("failed");
    }
    add_and_invite_a_lea(&app, r.campaign).await;

    let browser = app.logged_in(Role::Admin, &[]).await;
    let html = dashboard(&browser, r.campaign).await;
    let counts: Vec<String> = ["pending", "sending", "sent", "failed"]
        .iter()
        .map(|s| cell(&html, &format!("outbox-{s}")))
        .collect();
    assert_eq!(counts, ["1", "0", "0", "1"]);
    assert!(
        html.contains("permanent: 550 &#60;no such&#62; &#34;box&#34;"),
        "{html}"
    );
    assert!(html.contains("two@lea.example.org"));
    assert!(html.contains(&format!("desk-{}@csirt.example.org", r.campaign)));
    assert!(!html.contains(&format!("desk-{}@csirt.example.org", other.campaign)));
    let failed_first = html.find("failed</td>").expect("a failed row");
    assert!(failed_first < html.find("pending</td>").expect("a pending row"));
}

#[tokio::test]
async fn an_analyst_not_assigned_to_the_campaign_gets_404_for_its_page_and_forms() {
    let app = spawn_app().await;
    let r = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    let ana = app.logged_in(Role::Analyst, &[]).await;
    assert_eq!(
        get(&ana, &app, &format!("/campaigns/{}", r.campaign))
            .await
            .status(),
        404
    );
    assert_eq!(get(&ana, &app, "/campaigns/999999").await.status(), 404);
    let token = csrf_token(
        &get(&ana, &app, "/campaigns")
            .await
            .text()
            .await
            .expect("html"),
    )
    .expect("the logout form's CSRF field");
    for action in ["invite", "remind", "close"] {
        let refused = ana
            .post(format!("{}/campaigns/{}/{action}", app.address, r.campaign))
            .form(&[
                ("csrf_token", token.as_str()),
                ("confirm", "yes"),
                ("min_days", "0"),
                ("max_reminders", "3"),
            ])
            .send()
            .await
            .expect("sent");
        assert_eq!(refused.status(), 404, "{action}");
    }
    let browser = app.logged_in(Role::Admin, &[]).await;
    let html = dashboard(&browser, r.campaign).await;
    assert_eq!(cell(&html, "campaign-state"), "open");
    assert_eq!(cell(&html, "outbox-pending"), "1");
    assert_eq!(get(&browser, &app, "/campaigns/999999").await.status(), 404);
}

#[tokio::test]
async fn a_visitor_who_is_not_logged_in_is_sent_to_the_login_page() {
    let app = spawn_app().await;
    let r = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    let visitor = client();
    let page = get(&visitor, &app, &format!("/campaigns/{}", r.campaign)).await;
    assert_eq!(page.status(), 303);
    assert_eq!(location(&page), "/login");
    let token = csrf_token(
        &get(&visitor, &app, "/login")
            .await
            .text()
            .await
            .expect("html"),
    )
    .expect("the login form's CSRF field");
    let close = visitor
        .post(format!("{}/campaigns/{}/close", app.address, r.campaign))
        .form(&[("csrf_token", token.as_str()), ("confirm", "yes")])
        .send()
        .await
        .expect("sent");
    assert_eq!(close.status(), 303);
    assert_eq!(location(&close), "/login");
    let mut conn = app.db.conn();
    let stored = campaigns::get_campaign(&mut conn, r.campaign).expect("the campaign");
    assert_eq!(stored.campaign.state, CampaignState::Open);
}

#[tokio::test]
async fn the_outbox_tells_which_mails_a_lease_holds_and_when_the_next_retry_comes() {
    let app = spawn_app().await;
    let r = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    add_and_invite_a_lea(&app, r.campaign).await;
    let now = liaison::storage::now();
    let (lease_end, retry_at) = {
        let mut conn = app.db.conn();
        let lease = liaison::mail::outbox::CLAIM_LEASE;
        // A worker claims the first mail and stops (killed) before recording it.
        let held = outbox::claim_next(&mut conn, now, lease)
            .expect("a claim")
            .expect("a mail");
        let retried = outbox::claim_next(&mut conn, now, lease)
            .expect("a claim")
            .expect("a second mail");
        let retry_at = now + chrono::Duration::minutes(90);
        outbox::mark_retry(&mut conn, retried.id, "transient: 421 busy", retry_at)
            .expect("rescheduled");
        (held.next_attempt_at, retry_at)
    };

    let browser = app.logged_in(Role::Admin, &[]).await;
    let html = dashboard(&browser, r.campaign).await;

    let clock = |at: chrono::NaiveDateTime| {
        let format = if at.date() == now.date() {
            "%H:%M UTC"
        } else {
            "%Y-%m-%d %H:%M UTC"
        };
        at.format(format).to_string()
    };
    assert_eq!(
        cell(&html, "outbox-held-1"),
        format!(
            "1 held by a lease (until {}): being sent by another worker, or sent from then on if it stopped",
            clock(lease_end)
        )
    );
    assert_eq!(
        cell(&html, "outbox-held-2"),
        format!("1 waiting for a retry (the first at {})", clock(retry_at))
    );
    assert!(html.contains("<td>held by a lease</td>"), "{html}");
    assert!(html.contains("<td>waiting for a retry</td>"), "{html}");
}
