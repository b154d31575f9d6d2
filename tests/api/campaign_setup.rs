//! Creating a campaign in the browser (`/campaigns/new`): who may, what is stored, and a
//! refused form that comes back with every problem beside its field and what was typed.
//! `api` covers the same through `/api/v1` and the CLI's permission, `preview` the
//! questionnaire preview.

mod api;
mod preview;
mod threshold;

use diesel::prelude::*;
use liaison::accounts::Role;
use liaison::campaigns::Tlp;
use liaison::storage::campaigns::get_campaign;
use liaison::storage::schema::{audit_log, campaign_analysts, campaigns};
use reqwest::header::{CONTENT_TYPE, LOCATION};

use crate::helpers::{Session, TestApp, spawn_app, spawn_app_on};
use crate::test_db::TestDb;

/// A form every field of which is fine: two audiences, German and English.
fn good_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name", "Cooperation 2027"),
        ("questionnaire_csirt", "csirt-le-cooperation-csirt"),
        ("questionnaire_lea", "csirt-le-cooperation-lea"),
        ("questionnaire_judiciary", ""),
        ("closes_on", "2099-01-31"),
        ("tlp", "GREEN"),
        ("sender_organisation", "Network Secretariat"),
        ("privacy_k", "5"),
        ("languages", "en"),
        ("languages", "de"),
    ]
}

/// `form` with `field` set to `value` (every value of a repeated field replaced).
fn with(
    form: &[(&'static str, &'static str)],
    field: &'static str,
    value: &'static str,
) -> Vec<(&'static str, &'static str)> {
    let mut changed: Vec<_> = form.iter().filter(|(f, _)| *f != field).copied().collect();
    changed.push((field, value));
    changed
}

/// The id of the campaign a successful create redirected to.
fn created_id(response: &reqwest::Response) -> i64 {
    assert_eq!(response.status(), 303);
    let location = response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("a redirect");
    location
        .strip_prefix("/campaigns/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not a dashboard: {location}"))
}

fn campaign_count(app: &TestApp) -> i64 {
    campaigns::table
        .count()
        .get_result(&mut app.db.conn())
        .expect("counted")
}

async fn create(session: &Session, form: &[(&str, &str)]) -> reqwest::Response {
    session
        .post_form("/campaigns/new", "/campaigns/new", form)
        .await
}

#[tokio::test]
async fn an_admin_creates_a_campaign_in_the_browser_and_lands_on_its_dashboard() {
    for db in TestDb::all() {
        let label = db.to_string();
        let app = spawn_app_on(db).await;
        let admin = app.logged_in(Role::Admin, &[]).await;
        let list = admin.page("/campaigns").await;
        assert!(list.contains(r#"href="/campaigns/new""#), "{label}: {list}");
        let form = admin.page("/campaigns/new").await;
        for shown in [
            "For the participating organisations only, on a need-to-know basis.",
            "csirt-le-cooperation-csirt, version 1.4.0",
            r#"href="/questionnaires/csirt-maturity/preview""#,
            r#"value="Test Network Secretariat""#,
            r#"name="privacy_k" id="privacy_k" value="3""#,
        ] {
            assert!(form.contains(shown), "{label}: {shown}");
        }

        let id = created_id(&create(&admin, &good_form()).await);
        let dashboard = admin.page(&format!("/campaigns/{id}")).await;
        assert!(dashboard.contains("The campaign is created"), "{label}");
        assert!(
            dashboard.contains(r#"<dd id="campaign-privacy-k">5</dd>"#),
            "{label}"
        );
        assert!(
            dashboard.contains(r#"<dd id="campaign-languages">en, de</dd>"#),
            "{label}"
        );
        assert!(
            dashboard.contains(r#"href="/questionnaires/csirt-le-cooperation-lea/preview""#),
            "{label}"
        );

        let stored = get_campaign(&mut app.db.conn(), id)
            .expect("stored")
            .campaign;
        assert_eq!(stored.name, "Cooperation 2027", "{label}");
        assert_eq!(stored.tlp, Tlp::Green, "{label}");
        assert_eq!(stored.sender_organisation, "Network Secretariat", "{label}");
        assert_eq!(stored.privacy_k, Some(5), "{label}");
        assert_eq!(stored.languages.as_deref(), Some("en,de"), "{label}");
        let audited: Vec<(String, String)> = audit_log::table
            .filter(audit_log::action.eq("campaign.create"))
            .select((audit_log::actor, audit_log::subject))
            .load(&mut app.db.conn())
            .expect("the audit log");
        assert_eq!(
            audited,
            [(
                crate::helpers::ADMIN_EMAIL.to_owned(),
                format!("campaign:{id}")
            )],
            "{label}"
        );
    }
}

#[tokio::test]
async fn a_refused_form_keeps_what_was_typed_and_says_why_beside_each_field() {
    let app = spawn_app().await;
    let admin = app.logged_in(Role::Admin, &[]).await;
    let form = [
        ("name", "  "),
        ("questionnaire_csirt", ""),
        ("closes_on", "2001-02-03"),
        ("tlp", "RED"),
        ("sender_organisation", "Typed <Secretariat>"),
        ("privacy_k", "2"),
        ("languages", "de"),
    ];
    let refused = create(&admin, &form).await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("a body");
    for field in ["name", "questionnaires", "closes_on", "privacy_k"] {
        assert!(
            page.contains(&format!(r#"id="{field}-error""#)),
            "{field}: {page}"
        );
        assert!(
            page.contains(&format!(r##"<a href="#{field}">"##)),
            "{field}"
        );
    }
    for kept in [
        r#"value="2001-02-03""#,
        r#"value="Typed &#60;Secretariat&#62;""#,
        r#"name="privacy_k" id="privacy_k" value="2""#,
        r#"value="RED" id="tlp-red" checked"#,
        r#"value="de" id="language-de" checked"#,
    ] {
        assert!(page.contains(kept), "{kept}: {page}");
    }
    assert!(page.contains("a campaign needs a name"));
    assert!(page.contains("2001-02-03 has already passed"));
    assert_eq!(campaign_count(&app), 0);

    // A threshold below 3 alone is enough to refuse; a date or number that does not
    // read as one is the form's own problem.
    let low_k = create(&admin, &with(&good_form(), "privacy_k", "2")).await;
    assert_eq!(low_k.status(), 422);
    let page = low_k.text().await.expect("a body");
    assert!(page.contains(r#"id="privacy_k-error""#), "{page}");
    assert!(page.contains("2 is not allowed"), "{page}");
    assert!(page.contains(r#"value="Cooperation 2027""#));
    let unreadable = create(
        &admin,
        &with(
            &with(&good_form(), "privacy_k", "three"),
            "closes_on",
            "soon",
        ),
    )
    .await;
    assert_eq!(unreadable.status(), 422);
    let page = unreadable.text().await.expect("a body");
    assert!(
        page.contains("enter the threshold as a whole number"),
        "{page}"
    );
    assert!(
        page.contains("enter the last day answers are accepted"),
        "{page}"
    );
    // German is offered, but the maturity questionnaire has only English.
    let maturity = with(
        &with(&good_form(), "questionnaire_csirt", "csirt-maturity"),
        "questionnaire_lea",
        "",
    );
    let no_german = create(&admin, &with(&maturity, "languages", "de")).await;
    assert_eq!(no_german.status(), 422);
    let page = no_german.text().await.expect("a body");
    assert!(page.contains(r#"id="languages-error""#), "{page}");
    assert_eq!(campaign_count(&app), 0);
}

/// A plain analyst is told 403, a page in the site's layout: they are known and logged
/// in, and no campaign's existence is at stake, so the page may say what they lack.
#[tokio::test]
async fn a_plain_analyst_is_refused_until_an_admin_allows_it() {
    let app = spawn_app().await;
    let ana = app.add_analyst("ana@example.org", Role::Analyst, &[]);
    let session = app
        .log_in_as(&ana.email, crate::helpers::ANALYST_PASSWORD)
        .await;
    let list = session.page("/campaigns").await;
    assert!(!list.contains("/campaigns/new"), "{list}");
    let shown = session.fetch("/campaigns/new").await;
    assert_eq!(shown.status(), 403);
    let html_type = shown.headers()[CONTENT_TYPE]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(html_type.starts_with("text/html"), "{html_type}");
    let page = shown.text().await.expect("a body");
    assert!(page.contains("may not create campaigns"), "{page}");
    // The session's CSRF token is on every page with the logout form.
    let posted = session
        .post_form("/campaigns", "/campaigns/new", &good_form())
        .await;
    assert_eq!(posted.status(), 403);
    assert_eq!(campaign_count(&app), 0);

    app.allow_campaign_creation(&ana.email);
    assert!(
        session
            .page("/campaigns")
            .await
            .contains(r#"href="/campaigns/new""#)
    );
    let id = created_id(&create(&session, &good_form()).await);
    // Assigned to its creator, so its dashboard opens for them.
    session.page(&format!("/campaigns/{id}")).await;
    let assigned: Vec<i64> = campaign_analysts::table
        .filter(campaign_analysts::campaign_id.eq(id))
        .select(campaign_analysts::analyst_id)
        .load(&mut app.db.conn())
        .expect("assignments");
    assert_eq!(assigned.len(), 1);
}
