//! The dashboard's invite, remind and close forms: what they do, what they say, the audit
//! log, and their refusal without a CSRF token.

use liaison::accounts::Role;
use liaison::campaigns::CampaignState;
use liaison::mail::OutboxKind;
use liaison::storage::{campaigns, outbox};
use serde_json::json;

use super::{
    BOTH_AUDIENCES, add_participants, audit_actions, cell, dashboard, get, location, participant,
    post, row,
};
use crate::helpers::spawn_app;
use crate::respondent::invite;

#[tokio::test]
async fn inviting_from_the_dashboard_queues_mails_says_so_and_is_audited() {
    let app = spawn_app().await;
    let r = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    let rows = json!([
        participant("a@lea.example.org", "lea", "AT"),
        participant("b@csirt.example.org", "csirt", "DE")
    ]);
    add_participants(&app, r.campaign, rows).await;
    let browser = app.logged_in(Role::Admin, &[]).await;

    let invited = post(&browser, r.campaign, "invite", &[]).await;
    assert_eq!(invited.status(), 303);
    let back = location(&invited);
    assert!(
        back.starts_with(&format!("/campaigns/{}?", r.campaign)),
        "{back}"
    );
    let html = get(&browser, &app, &back).await.text().await.expect("html");
    assert_eq!(
        cell(&html, "status-notice"),
        "Invitations queued: 2. Already invited: 1."
    );
    assert_eq!(row(&html, "overall")[1], "3");
    assert_eq!(cell(&html, "outbox-pending"), "3");
    let subject = format!("campaign:{}", r.campaign);
    assert!(audit_actions(&app).contains(&("invitations.send".to_owned(), subject)));
}

#[tokio::test]
async fn reminding_from_the_dashboard_follows_the_typed_rules_and_refuses_a_bad_number() {
    let app = spawn_app().await;
    let r = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    let browser = app.logged_in(Role::Admin, &[]).await;
    let html = dashboard(&browser, r.campaign).await;
    assert!(html.contains("<label for=\"min_days\">"));
    assert!(html.contains("name=\"min_days\" id=\"min_days\" value=\"7\""));
    assert!(html.contains("name=\"max_reminders\" id=\"max_reminders\" value=\"3\""));

    let refused = post(
        &browser,
        r.campaign,
        "remind",
        &[("min_days", "soon"), ("max_reminders", "3")],
    )
    .await;
    assert_eq!(refused.status(), 303);
    let html = get(&browser, &app, &location(&refused))
        .await
        .text()
        .await
        .expect("html");
    assert!(html.contains("id=\"min_days-error\""), "{html}");
    assert!(html.contains("aria-describedby=\"min_days-error\""));

    {
        let mut conn = app.db.conn();
        for mail in outbox::list(&mut conn, None).expect("the outbox") {
            outbox::mark_sent(&mut conn, mail.id, liaison::storage::now()).expect("sent");
        }
    }
    let too_soon = post(
        &browser,
        r.campaign,
        "remind",
        &[("min_days", "7"), ("max_reminders", "3")],
    )
    .await;
    let html = get(&browser, &app, &location(&too_soon))
        .await
        .text()
        .await
        .expect("html");
    assert!(cell(&html, "status-notice").starts_with("Reminders queued: 0. Not reminded: 1"));
    let reminded = post(
        &browser,
        r.campaign,
        "remind",
        &[("min_days", "0"), ("max_reminders", "3")],
    )
    .await;
    let html = get(&browser, &app, &location(&reminded))
        .await
        .text()
        .await
        .expect("html");
    assert!(cell(&html, "status-notice").starts_with("Reminders queued: 1. Not reminded: 0"));
    let mut conn = app.db.conn();
    let reminders = outbox::list(&mut conn, None)
        .expect("the outbox")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Reminder)
        .count();
    assert_eq!(reminders, 1);
    let subject = format!("campaign:{}", r.campaign);
    assert!(audit_actions(&app).contains(&("reminders.send".to_owned(), subject)));
}

#[tokio::test]
async fn closing_needs_the_box_ticked_and_then_closes_the_campaign_and_its_forms() {
    let app = spawn_app().await;
    let r = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    let browser = app.logged_in(Role::Admin, &[]).await;

    let unconfirmed = post(&browser, r.campaign, "close", &[]).await;
    assert_eq!(unconfirmed.status(), 303);
    let html = get(&browser, &app, &location(&unconfirmed))
        .await
        .text()
        .await
        .expect("html");
    assert!(html.contains("id=\"confirm-error\""), "{html}");
    assert!(html.contains("<a href=\"#confirm\">"));
    assert_eq!(cell(&html, "campaign-state"), "open");

    let closed = post(&browser, r.campaign, "close", &[("confirm", "yes")]).await;
    assert_eq!(closed.status(), 303);
    let html = get(&browser, &app, &location(&closed))
        .await
        .text()
        .await
        .expect("html");
    assert!(cell(&html, "status-notice").starts_with("The campaign is closed."));
    assert_eq!(cell(&html, "campaign-state"), "closed");
    assert!(html.contains("id=\"closed-notice\"") && !html.contains("id=\"invite-form\""));
    let mut conn = app.db.conn();
    let stored = campaigns::get_campaign(&mut conn, r.campaign).expect("the campaign");
    assert_eq!(stored.campaign.state, CampaignState::Closed);
    let subject = format!("campaign:{}", r.campaign);
    assert!(audit_actions(&app).contains(&("campaign.close".to_owned(), subject)));
    assert_eq!(r.get("").await.status(), 404, "the link no longer opens");
}

#[tokio::test]
async fn the_dashboards_forms_without_their_csrf_token_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let r = invite(&app, BOTH_AUDIENCES, "csirt", "en").await;
    add_participants(
        &app,
        r.campaign,
        json!([participant("x@lea.example.org", "lea", "AT")]),
    )
    .await;
    let browser = app.logged_in(Role::Admin, &[]).await;
    dashboard(&browser, r.campaign).await;
    for (action, fields) in [
        ("invite", vec![]),
        ("remind", vec![("min_days", "0"), ("max_reminders", "3")]),
        ("close", vec![("confirm", "yes")]),
    ] {
        let refused = browser
            .post(format!("{}/campaigns/{}/{action}", app.address, r.campaign))
            .form(&fields)
            .send()
            .await
            .expect("sent");
        assert_eq!(refused.status(), 403, "{action}");
    }
    let html = dashboard(&browser, r.campaign).await;
    assert_eq!(cell(&html, "campaign-state"), "open");
    assert_eq!(cell(&html, "not-invited"), "Not yet invited: 1.");
    assert_eq!(cell(&html, "outbox-pending"), "1");
}
