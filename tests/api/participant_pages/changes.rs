//! The participants page's add and revoke forms: checked as a CSV row, beside their
//! fields; revocation behind a ticked box, audited; refused without a CSRF token.

use liaison::accounts::Role;
use liaison::storage::invitations::campaign_invitations;
use liaison::storage::participants::list_participants;

use super::{
    audit_actions, cell, follow, location, page_path, participants_of, two_audience_campaign,
};
use crate::helpers::{TestApp, post_form, spawn_app, spawn_app_on};
use crate::test_db::TestDb;

/// The add form's fields for a CSIRT desk in `country`.
fn desk(country: &str) -> Vec<(&'static str, String)> {
    vec![
        ("email", "Desk@CSIRT.example.org".to_owned()),
        ("name", "Duty <Desk>".to_owned()),
        ("organisation", "Alpine CSIRT".to_owned()),
        ("type", "csirt".to_owned()),
        ("country", country.to_owned()),
        ("language", String::new()),
    ]
}

#[tokio::test]
async fn adding_one_by_hand_checks_it_as_a_row_and_keeps_what_was_typed() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let campaign = two_audience_campaign(&app).await;
        let browser = app.logged_in(Role::Analyst, &[campaign]).await;
        let page = page_path(campaign);
        let add = format!("{page}/add");

        let typed = desk("Austria");
        let pairs: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = browser.post_form(&page, &add, &pairs).await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.expect("html");
        assert!(
            cell(&html, "add-country-error").ends_with("did you mean AT?)"),
            "{html}"
        );
        assert!(
            html.contains("href=\"#add-country\""),
            "the summary links to the field"
        );
        assert!(
            html.contains("id=\"add-country\" value=\"Austria\""),
            "{html}"
        );
        assert!(html.contains("value=\"Duty &#60;Desk&#62;\""), "{html}");
        assert!(html.contains("<option value=\"csirt\" selected>"), "{html}");
        assert_eq!(participants_of(&app, campaign), 0);

        let typed = desk("at");
        let pairs: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let added = browser.post_form(&page, &add, &pairs).await;
        assert_eq!(added.status(), 303);
        let html = follow(&browser, &added).await;
        assert_eq!(cell(&html, "status-notice"), "Participant added.");
        let stored = list_participants(&mut app.db.conn(), campaign).expect("listed");
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].email, "Desk@csirt.example.org");
        assert_eq!(stored[0].language, None);

        let again = browser.post_form(&page, &add, &pairs).await;
        let html = follow(&browser, &again).await;
        assert_eq!(
            cell(&html, "status-notice"),
            "That address is already a participant of this campaign; nothing was changed."
        );
        assert_eq!(participants_of(&app, campaign), 1);
    }
}

/// Imports one CSIRT desk through the API and invites it; its participant id.
async fn invited_desk(app: &TestApp, campaign: i64) -> i64 {
    let rows = serde_json::json!([{"email": "desk@csirt.example.org", "name": "Desk",
        "organisation": "CSIRT", "type": "csirt", "country": "AT"}]);
    let path = format!("/campaigns/{campaign}/participants");
    assert_eq!(app.post_api(&path, rows).await.status(), 200);
    let path = format!("/campaigns/{campaign}/invitations");
    assert_eq!(
        app.post_api(&path, serde_json::json!(null)).await.status(),
        200
    );
    list_participants(&mut app.db.conn(), campaign).expect("listed")[0].id
}

#[tokio::test]
async fn revoking_wants_the_box_ticked_then_revokes_and_is_audited() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let campaign = two_audience_campaign(&app).await;
        let participant = invited_desk(&app, campaign).await;
        let browser = app.logged_in(Role::Admin, &[]).await;
        let page = page_path(campaign);
        let html = browser.page(&page).await;
        assert_eq!(
            cell(&html, &format!("participant-{participant}-invitation")),
            "pending"
        );
        let revoke = format!("{page}/{participant}/revoke");
        assert!(html.contains(&format!("action=\"{revoke}\"")));

        let unticked = browser.post_form(&page, &revoke, &[]).await;
        assert_eq!(unticked.status(), 303);
        let html = follow(&browser, &unticked).await;
        assert!(
            html.contains(&format!("aria-describedby=\"confirm-{participant}-error\"")),
            "{html}"
        );
        let state = |app: &TestApp| {
            campaign_invitations(&mut app.db.conn(), campaign).expect("invitations")[0]
                .invitation
                .state
                .to_string()
        };
        assert_eq!(state(&app), "pending");

        let revoked = browser
            .post_form(&page, &revoke, &[("confirm", "yes")])
            .await;
        assert_eq!(location(&revoked), format!("{page}#status"));
        let html = follow(&browser, &revoked).await;
        assert_eq!(
            cell(&html, "status-notice"),
            "Invitation revoked: its link no longer opens anything."
        );
        assert_eq!(
            cell(&html, &format!("participant-{participant}-invitation")),
            "revoked"
        );
        assert!(
            !html.contains(&format!("action=\"{revoke}\"")),
            "no second revoke"
        );
        assert_eq!(state(&app), "revoked");
        let audited = audit_actions(&app)
            .iter()
            .any(|(action, _)| action == "invitation.revoke");
        assert!(audited);
    }
}

#[tokio::test]
async fn the_forms_want_a_csrf_token_and_an_assigned_analyst() {
    let app = spawn_app().await;
    let campaign = two_audience_campaign(&app).await;
    let participant = invited_desk(&app, campaign).await;
    let page = page_path(campaign);
    let admin = app.logged_in(Role::Admin, &[]).await;
    admin.page(&page).await;
    let revoke = format!("{}{page}/{participant}/revoke", app.address);
    let no_token = admin
        .post(&revoke)
        .form(&[("confirm", "yes")])
        .send()
        .await
        .expect("sent");
    assert_eq!(no_token.status(), 403);
    let forged = post_form(
        &app,
        &format!("{page}/add"),
        "",
        "csrf_token=0.forged&email=a%40b.org",
    )
    .await;
    assert_eq!(forged.status(), 403);

    let other = app.new_campaign("Another").await;
    let outsider = app.logged_in(Role::Analyst, &[other]).await;
    let revoked = outsider
        .post_form(
            &page_path(other),
            &format!("{page}/{participant}/revoke"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(revoked.status(), 404);
    // A participant of another campaign is not found under this one.
    let wrong = admin
        .post_form(
            &page,
            &format!("{}/{participant}/revoke", page_path(other)),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(wrong.status(), 404);
    let states = campaign_invitations(&mut app.db.conn(), campaign).expect("invitations");
    assert_eq!(states[0].invitation.state.to_string(), "pending");
    assert_eq!(participants_of(&app, campaign), 1);
}
