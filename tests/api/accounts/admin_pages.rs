//! The admins' accounts pages and API: only admins (403 for anyone else, a page on a page
//! address and JSON on the API), disabling ends sessions and tokens, assigning and
//! unassigning changes what the account sees, and the navigation shows the way there.

use diesel::prelude::*;
use liaison::accounts::Role;
use liaison::storage::schema::{analysts, audit_log};
use reqwest::header;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_EMAIL, ANALYST_PASSWORD, client, location, spawn_app};
use crate::test_db::TestDb;

fn id_of(app: &crate::helpers::TestApp, email: &str) -> i64 {
    analysts::table
        .filter(analysts::email.eq(email))
        .select(analysts::id)
        .first(&mut app.db.conn())
        .expect("the account")
}

#[tokio::test]
async fn only_admins_reach_the_accounts_pages_and_api_and_the_header_shows_the_way() {
    let app = spawn_app().await;
    let analyst = app.add_analyst("ana@example.org", Role::Analyst, &[]);
    let session = app.log_in_as("ana@example.org", ANALYST_PASSWORD).await;
    let campaigns = session.page("/campaigns").await;
    assert!(campaigns.contains("id=\"nav-account\""), "{campaigns}");
    assert!(!campaigns.contains("id=\"nav-accounts\""), "{campaigns}");
    let admin = app.logged_in(Role::Admin, &[]).await;
    let admin_campaigns = admin.page("/campaigns").await;
    assert!(admin_campaigns.contains("id=\"nav-accounts\""));
    assert!(admin_campaigns.contains("href=\"/account\""));

    let own = session.page("/account").await;
    assert!(own.contains("ana@example.org") && own.contains("id=\"create-token\""));
    let admin_id = id_of(&app, ADMIN_EMAIL);
    for path in [
        "/admin/analysts".to_owned(),
        format!("/admin/analysts/{admin_id}"),
    ] {
        let refused = session
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .expect("sent");
        assert_eq!(refused.status(), 403, "{path}");
        assert!(
            refused.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap_or_default()
                .starts_with("text/html")
        );
        let page = refused.text().await.expect("a body");
        assert!(page.contains("Only admins manage accounts."), "{page}");
    }
    let post = session
        .post_form(
            "/account",
            "/admin/analysts",
            &[("email", "x@example.org"), ("role", "admin")],
        )
        .await;
    assert_eq!(post.status(), 403);
    let disable = session
        .post_form(
            "/account",
            &format!("/admin/analysts/{admin_id}/disable"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(disable.status(), 403);

    let token = &analyst.api_token;
    for (method, path, body) in [
        (reqwest::Method::GET, "/analysts".to_owned(), None),
        (
            reqwest::Method::POST,
            "/analysts".to_owned(),
            Some("{not json"),
        ),
        (
            reqwest::Method::POST,
            format!("/analysts/{admin_id}/disable"),
            None,
        ),
        (
            reqwest::Method::GET,
            format!("/analysts/{admin_id}/tokens"),
            None,
        ),
        (
            reqwest::Method::PUT,
            format!("/analysts/{admin_id}/may-create-campaigns"),
            Some("[]"),
        ),
    ] {
        let mut request = app
            .client
            .request(method.clone(), format!("{}/api/v1{path}", app.address))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request
                .header(header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        let refused = request.send().await.expect("sent");
        assert_eq!(refused.status(), 403, "{method} {path}");
        let error: Value = refused.json().await.expect("JSON");
        assert!(error["error"].is_string(), "{error}");
    }
    let nobody: i64 = audit_log::table
        .filter(audit_log::actor.eq("ana@example.org"))
        .filter(audit_log::action.ne("login"))
        .count()
        .get_result(&mut app.db.conn())
        .expect("the audit log");
    assert_eq!(nobody, 0, "nothing was done");
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_and_tokens_and_an_admin_keeps_their_own() {
    for db in TestDb::all() {
        let app = crate::helpers::spawn_app_on(db).await;
        let bo = app.add_analyst("bo@example.org", Role::Analyst, &[]);
        let bo_session = app.log_in_as("bo@example.org", ANALYST_PASSWORD).await;
        let id = id_of(&app, "bo@example.org");
        let admin = app.logged_in(Role::Admin, &[]).await;
        let page = format!("/admin/analysts/{id}");
        let detail = admin.page(&page).await;
        assert!(detail.contains("<label for=\"confirm-disable\">Yes, disable bo@example.org"));

        let unconfirmed = admin
            .post_form(&page, &format!("{page}/disable"), &[])
            .await;
        assert_eq!(unconfirmed.status(), 422);
        let unconfirmed = unconfirmed.text().await.expect("a body");
        assert!(
            unconfirmed.contains("id=\"confirm-disable-error\""),
            "{unconfirmed}"
        );
        assert_eq!(
            app.get_api_as(&bo.api_token, "/campaigns").await.status(),
            200
        );

        let disabled = admin
            .post_form(&page, &format!("{page}/disable"), &[("confirm", "yes")])
            .await;
        assert_eq!(disabled.status(), 303, "{}", app.db);
        assert_eq!(location(&disabled), page);
        let shown = admin.page(&page).await;
        assert!(shown.contains("The account is disabled"), "{shown}");
        assert!(!shown.contains("id=\"disable\""), "{shown}");
        let kept = bo_session
            .get(format!("{}/campaigns", app.address))
            .send()
            .await
            .expect("sent");
        assert_eq!(kept.status(), 303, "{}: the session ended", app.db);
        assert_eq!(location(&kept), "/login");
        assert_eq!(
            app.get_api_as(&bo.api_token, "/campaigns").await.status(),
            401
        );
        let relogin =
            crate::helpers::log_in(&app, &client(), "bo@example.org", ANALYST_PASSWORD).await;
        assert_eq!(relogin.status(), 422);

        let admin_id = id_of(&app, ADMIN_EMAIL);
        assert!(
            !admin
                .page(&format!("/admin/analysts/{admin_id}"))
                .await
                .contains("id=\"disable\"")
        );
        let own = app
            .post_api(&format!("/analysts/{admin_id}/disable"), Value::Null)
            .await;
        assert_eq!(own.status(), 409, "{}", app.db);
        let listed: Vec<Value> = app
            .api(reqwest::Method::GET, "/analysts", None)
            .await
            .json()
            .await
            .expect("json");
        let states: Vec<(String, bool)> = listed
            .iter()
            .map(|a| {
                (
                    a["email"].as_str().unwrap_or_default().to_owned(),
                    a["active"] == true,
                )
            })
            .collect();
        assert_eq!(
            states,
            [
                (ADMIN_EMAIL.to_owned(), true),
                ("bo@example.org".to_owned(), false)
            ]
        );
        let list = admin.page("/admin/analysts").await;
        assert_eq!(
            crate::helpers::cell(&list, &format!("account-{id}-state")),
            "disabled"
        );
        let disables: i64 = audit_log::table
            .filter(audit_log::action.eq("analyst.disable"))
            .filter(audit_log::actor.eq(ADMIN_EMAIL))
            .count()
            .get_result(&mut app.db.conn())
            .expect("the audit log");
        assert_eq!(disables, 1, "{}", app.db);
    }
}

#[tokio::test]
async fn assigning_and_unassigning_on_the_page_and_the_api_change_what_the_account_sees() {
    for db in TestDb::all() {
        let app = crate::helpers::spawn_app_on(db).await;
        let campaign = app.new_campaign("Assigned").await;
        app.new_campaign("Another").await;
        let cy = app.add_analyst("cy@example.org", Role::Analyst, &[]);
        let cy_session = app.log_in_as("cy@example.org", ANALYST_PASSWORD).await;
        let id = id_of(&app, "cy@example.org");
        let dashboard = format!("{}/campaigns/{campaign}", app.address);
        let status = |r: reqwest::Response| r.status().as_u16();
        assert_eq!(
            status(cy_session.get(&dashboard).send().await.expect("sent")),
            404
        );

        let admin = app.logged_in(Role::Admin, &[]).await;
        let page = format!("/admin/analysts/{id}");
        let detail = admin.page(&page).await;
        assert!(detail.contains("<label for=\"campaign\">"), "{detail}");
        assert!(detail.contains(&format!("<option value=\"{campaign}\">Assigned</option>")));
        let assigned = admin
            .post_form(
                &page,
                &format!("{page}/campaigns"),
                &[("campaign", &campaign.to_string())],
            )
            .await;
        assert_eq!(assigned.status(), 303, "{}", app.db);
        assert_eq!(
            status(cy_session.get(&dashboard).send().await.expect("sent")),
            200
        );
        let path = format!("/campaigns/{campaign}");
        assert_eq!(app.get_api_as(&cy.api_token, &path).await.status(), 200);
        let list = admin.page("/admin/analysts").await;
        assert_eq!(
            crate::helpers::cell(&list, &format!("account-{id}-campaigns")),
            "Assigned"
        );
        let refused = admin
            .post_form(&page, &format!("{page}/campaigns"), &[("campaign", "9999")])
            .await;
        assert_eq!(refused.status(), 422);
        assert!(
            refused
                .text()
                .await
                .expect("a body")
                .contains("id=\"campaign-error\"")
        );

        let unassigned = app
            .api(
                reqwest::Method::DELETE,
                &format!("/analysts/{id}/campaigns/{campaign}"),
                None,
            )
            .await;
        assert_eq!(unassigned.status(), 200, "{}", app.db);
        let view: Value = unassigned.json().await.expect("json");
        assert_eq!(view["campaigns"], json!([]));
        assert_eq!(
            status(cy_session.get(&dashboard).send().await.expect("sent")),
            404
        );
        assert_eq!(app.get_api_as(&cy.api_token, &path).await.status(), 404);
        let again = app
            .api(
                reqwest::Method::PUT,
                &format!("/analysts/{id}/campaigns/{campaign}"),
                None,
            )
            .await;
        assert_eq!(again.status(), 200);
        assert_eq!(
            again.json::<Value>().await.expect("json")["campaigns"],
            json!([campaign])
        );
        let unknown = app
            .api(
                reqwest::Method::PUT,
                &format!("/analysts/{id}/campaigns/9999"),
                None,
            )
            .await;
        assert_eq!(unknown.status(), 404);

        // Campaign creation, allowed through the API and taken back on the page.
        let allowed = app
            .api(
                reqwest::Method::PUT,
                &format!("/analysts/{id}/may-create-campaigns"),
                Some(json!({"allowed": true})),
            )
            .await;
        assert_eq!(allowed.status(), 200);
        assert_eq!(
            allowed.json::<Value>().await.expect("json")["may_create_campaigns"],
            true
        );
        assert!(
            cy_session
                .page("/campaigns")
                .await
                .contains("id=\"new-campaign\"")
        );
        let taken = admin
            .post_form(
                &page,
                &format!("{page}/may-create-campaigns"),
                &[("allowed", "no")],
            )
            .await;
        assert_eq!(taken.status(), 303);
        assert!(
            !cy_session
                .page("/campaigns")
                .await
                .contains("id=\"new-campaign\"")
        );

        let actions: Vec<String> = audit_log::table
            .filter(audit_log::actor.eq(ADMIN_EMAIL))
            .order(audit_log::id)
            .select(audit_log::action)
            .load(&mut app.db.conn())
            .expect("the audit log");
        let changes: Vec<&str> = actions
            .iter()
            .map(String::as_str)
            .filter(|a| *a != "login" && *a != "campaign.create")
            .collect();
        assert_eq!(
            changes,
            [
                "campaign.assign",
                "campaign.unassign",
                "campaign.assign",
                "analyst.allow_create",
                "analyst.disallow_create"
            ],
            "{}",
            app.db
        );
    }
}

#[tokio::test]
async fn a_refused_address_is_shown_beside_its_field_with_the_form_kept() {
    let app = spawn_app().await;
    let admin = app.logged_in(Role::Admin, &[]).await;
    let refused = admin
        .post_form(
            "/admin/analysts",
            "/admin/analysts",
            &[
                ("email", "no address"),
                ("role", "admin"),
                ("may_create_campaigns", "yes"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("a body");
    assert!(page.contains("id=\"email-error\""), "{page}");
    assert!(page.contains("value=\"no address\""), "{page}");
    assert!(page.contains("<option value=\"admin\" selected>"), "{page}");
    assert!(
        page.contains("id=\"may_create_campaigns\" checked"),
        "{page}"
    );
    let duplicate = admin
        .post_form(
            "/admin/analysts",
            "/admin/analysts",
            &[("email", ADMIN_EMAIL), ("role", "analyst")],
        )
        .await;
    assert_eq!(duplicate.status(), 422);
    let page = duplicate.text().await.expect("a body");
    assert!(page.contains("exists already"), "{page}");
    let bad_role = admin
        .post_form(
            "/admin/analysts",
            "/admin/analysts",
            &[("email", "ok@example.org"), ("role", "root")],
        )
        .await;
    assert_eq!(bad_role.status(), 422);
    assert!(
        bad_role
            .text()
            .await
            .expect("a body")
            .contains("id=\"role-error\"")
    );
    let accounts: i64 = analysts::table
        .count()
        .get_result(&mut app.db.conn())
        .expect("accounts");
    assert_eq!(accounts, 1, "nobody was added");
}
