//! The reviewer flag: only admins set it, on the account's page or through the API, and
//! each change is audited.

use liaison::accounts::Role;
use liaison::storage::analysts;
use serde_json::{Value, json};

use crate::helpers::{audited, location, spawn_app};

#[tokio::test]
async fn only_an_admin_makes_an_account_a_reviewer_and_each_change_is_audited() {
    let app = spawn_app().await;
    let campaign = app.new_campaign("Reviewed").await;
    let analyst = app.add_analyst("someone@test.invalid", Role::Analyst, &[]);
    let id = analysts::find_by_email(&mut app.db.conn(), &analyst.email)
        .expect("found")
        .expect("there")
        .id;
    let path = format!("/analysts/{id}/campaigns/{campaign}/reviewer");

    // The API: an analyst's token is refused before anything changes.
    let refused = app
        .client
        .put(format!("{}/api/v1{path}", app.address))
        .bearer_auth(&analyst.api_token)
        .json(&json!({"reviewer": true}))
        .send()
        .await
        .expect("sent");
    assert_eq!(refused.status(), 403);
    assert!(
        !analysts::is_reviewer(&mut app.db.conn(), id, campaign).expect("read"),
        "nothing changed"
    );
    let made = app
        .api(reqwest::Method::PUT, &path, Some(json!({"reviewer": true})))
        .await;
    assert_eq!(made.status(), 200);
    let view: Value = made.json().await.expect("json");
    assert_eq!(view["reviews"], json!([campaign]));
    assert_eq!(view["campaigns"], json!([campaign]), "assigned with it");
    let entries = audited(&app, "campaign.reviewer");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].subject, format!("campaign:{campaign}"));
    assert_eq!(
        entries[0].detail.as_deref(),
        Some("someone@test.invalid reviewer")
    );
    let bad = app
        .api(
            reqwest::Method::PUT,
            &path,
            Some(json!({"reviewer": "yes"})),
        )
        .await;
    assert_eq!(bad.status(), 400);

    // The page: an analyst's session gets the 403 page; the admin's form works.
    let page = format!("/admin/analysts/{id}");
    let form = format!("{page}/campaigns/{campaign}/reviewer");
    let plain = app.logged_in(Role::Analyst, &[campaign]).await;
    let forged = plain
        .post_form(
            &format!("/campaigns/{campaign}"),
            &form,
            &[("reviewer", "no")],
        )
        .await;
    assert_eq!(forged.status(), 403);
    assert!(analysts::is_reviewer(&mut app.db.conn(), id, campaign).expect("read"));
    let admin = app.logged_in(Role::Admin, &[]).await;
    let shown = admin.page(&page).await;
    assert!(
        shown.contains(&format!("id=\"reviewer-of-{campaign}\"")),
        "{shown}"
    );
    assert!(shown.contains(&format!("id=\"reviewer-{campaign}\"")));
    let unset = admin.post_form(&page, &form, &[("reviewer", "no")]).await;
    assert_eq!(unset.status(), 303);
    assert_eq!(location(&unset), page);
    assert!(!analysts::is_reviewer(&mut app.db.conn(), id, campaign).expect("read"));
    let entries = audited(&app, "campaign.reviewer");
    assert_eq!(entries.len(), 2);
    assert_eq!(
        entries[1].detail.as_deref(),
        Some("someone@test.invalid not reviewer")
    );
    assert!(admin.page(&page).await.contains("no longer reviews"));
}

#[tokio::test]
async fn the_assign_form_makes_a_reviewer_when_its_box_is_ticked_and_admins_can_be_assigned() {
    let app = spawn_app().await;
    let campaign = app.new_campaign("Assigned").await;
    let other = app.add_analyst("second-admin@test.invalid", Role::Admin, &[]);
    let id = analysts::find_by_email(&mut app.db.conn(), &other.email)
        .expect("found")
        .expect("there")
        .id;
    let admin = app.logged_in(Role::Admin, &[]).await;
    let page = format!("/admin/analysts/{id}");
    assert!(admin.page(&page).await.contains("id=\"assign-reviewer\""));
    let assigned = admin
        .post_form(
            &page,
            &format!("{page}/campaigns"),
            &[("campaign", &campaign.to_string()), ("reviewer", "yes")],
        )
        .await;
    assert_eq!(assigned.status(), 303);
    assert!(analysts::is_reviewer(&mut app.db.conn(), id, campaign).expect("read"));
    assert_eq!(audited(&app, "campaign.reviewer").len(), 1);
}

#[tokio::test]
async fn unsetting_a_reviewer_that_never_was_changes_and_audits_nothing_and_names_a_missing_campaign()
 {
    let app = spawn_app().await;
    let campaign = app.new_campaign("Reviewed").await;
    let analyst = app.add_analyst("someone@test.invalid", Role::Analyst, &[]);
    let id = analysts::find_by_email(&mut app.db.conn(), &analyst.email)
        .expect("found")
        .expect("there")
        .id;
    let unset = |campaign: i64| {
        let path = format!("/analysts/{id}/campaigns/{campaign}/reviewer");
        let app = &app;
        async move {
            app.api(
                reqwest::Method::PUT,
                &path,
                Some(json!({"reviewer": false})),
            )
            .await
            .status()
        }
    };
    assert_eq!(unset(campaign).await, 200, "not assigned: nothing to take");
    assert_eq!(unset(999_999).await, 404, "no such campaign");
    assert!(
        audited(&app, "campaign.reviewer").is_empty(),
        "no change, no audit"
    );
}
