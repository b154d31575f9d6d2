//! API tokens in the browser and the API: a new token is shown once (never stored in
//! clear, never in an address or a cookie), its owner and an admin can revoke it, and a
//! revoked token gets 401.

use diesel::prelude::*;
use liaison::accounts::Role;
use liaison::storage::schema::{api_tokens, audit_log};
use reqwest::header;
use serde_json::{Value, json};

use crate::helpers::{ANALYST_PASSWORD, TestApp, cell};
use crate::test_db::TestDb;

fn stored_tokens(app: &TestApp) -> Vec<(i64, String, String)> {
    api_tokens::table
        .order(api_tokens::id)
        .select((api_tokens::id, api_tokens::name, api_tokens::token_hash))
        .load(&mut app.db.conn())
        .expect("tokens")
}

#[tokio::test]
async fn a_token_made_on_the_account_page_is_shown_once_works_and_is_revoked_there() {
    for db in TestDb::all() {
        let app = crate::helpers::spawn_app_on(db).await;
        app.add_analyst("dee@example.org", Role::Analyst, &[]);
        let session = app.log_in_as("dee@example.org", ANALYST_PASSWORD).await;
        let page = session.page("/account").await;
        assert!(page.contains("<label for=\"token_name\">"), "{page}");

        let created = session
            .post_form(
                "/account",
                "/account/tokens",
                &[("token_name", "reporting script")],
            )
            .await;
        assert_eq!(created.status(), 200, "{}", app.db);
        assert!(created.headers().get(header::LOCATION).is_none());
        let cookies: Vec<String> = created
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        let shown = created.text().await.expect("a body");
        let token = cell(&shown, "new-token");
        assert_eq!(token.len(), 43, "{shown}");
        for cookie in &cookies {
            assert!(!cookie.contains(&token), "{cookie}");
        }
        let stored = stored_tokens(&app);
        let (id, name, hash) = stored.last().expect("the new token").clone();
        assert_eq!(name, "reporting script");
        assert_ne!(hash, token, "{}: only the hash is stored", app.db);
        assert!(!stored.iter().any(|(_, _, h)| h.contains(&token)));
        let again = session.page("/account").await;
        assert!(!again.contains(&token), "shown once only");
        assert!(again.contains("reporting script"));

        let own: Vec<Value> = app
            .get_api_as(&token, "/tokens")
            .await
            .json()
            .await
            .expect("json");
        assert!(
            own.iter()
                .any(|t| t["id"] == id && t["revoked_at"].is_null())
        );
        assert!(
            own.iter()
                .all(|t| t.get("token").is_none() && t.get("token_hash").is_none())
        );

        let revoked = session
            .post_form("/account", &format!("/account/tokens/{id}/revoke"), &[])
            .await;
        assert_eq!(revoked.status(), 303, "{}", app.db);
        assert_eq!(app.get_api_as(&token, "/tokens").await.status(), 401);
        let after = session.page("/account").await;
        assert!(after.contains("The API token is revoked"), "{after}");
        assert!(cell(&after, &format!("token-{id}-state")).starts_with("revoked "));

        let blank = session
            .post_form("/account", "/account/tokens", &[("token_name", "  ")])
            .await;
        assert_eq!(blank.status(), 422);
        assert!(
            blank
                .text()
                .await
                .expect("a body")
                .contains("id=\"token_name-error\"")
        );

        let entries: Vec<(String, String)> = audit_log::table
            .filter(audit_log::action.like("api_token.%"))
            .order(audit_log::id)
            .select((audit_log::action, audit_log::subject))
            .load(&mut app.db.conn())
            .expect("the audit log");
        let subject = format!("api_token:{id}");
        assert_eq!(
            entries,
            [
                ("api_token.create".to_owned(), subject.clone()),
                ("api_token.revoke".to_owned(), subject)
            ],
            "{}",
            app.db
        );
    }
}

#[tokio::test]
async fn tokens_made_through_the_api_are_revoked_by_their_owner_or_an_admin_only() {
    for db in TestDb::all() {
        let app = crate::helpers::spawn_app_on(db).await;
        let eve = app.add_analyst("eve@example.org", Role::Analyst, &[]);
        let fay = app.add_analyst("fay@example.org", Role::Analyst, &[]);
        let create = |token: String, name: &'static str| {
            let app = &app;
            async move {
                app.client
                    .post(format!("{}/api/v1/tokens", app.address))
                    .bearer_auth(token)
                    .json(&json!({"name": name}))
                    .send()
                    .await
                    .expect("sent")
            }
        };
        let made = create(eve.api_token.clone(), "nightly export").await;
        assert_eq!(made.status(), 201, "{}", app.db);
        let made: Value = made.json().await.expect("json");
        let (id, token) = (
            made["id"].as_i64().expect("an id"),
            made["token"].as_str().expect("a token").to_owned(),
        );
        assert_eq!(app.get_api_as(&token, "/campaigns").await.status(), 200);

        let theirs = app
            .client
            .delete(format!("{}/api/v1/tokens/{id}", app.address))
            .bearer_auth(&fay.api_token)
            .send()
            .await
            .expect("sent");
        assert_eq!(theirs.status(), 404, "{}: another's token", app.db);
        assert_eq!(app.get_api_as(&token, "/campaigns").await.status(), 200);

        let eve_id =
            liaison::storage::analysts::find_by_email(&mut app.db.conn(), "eve@example.org")
                .expect("found")
                .expect("eve's account")
                .id;
        let listed: Vec<Value> = app
            .api(
                reqwest::Method::GET,
                &format!("/analysts/{eve_id}/tokens"),
                None,
            )
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(listed.len(), 2, "{listed:?}");
        let by_admin = app
            .api(
                reqwest::Method::DELETE,
                &format!("/analysts/{eve_id}/tokens/{id}"),
                None,
            )
            .await;
        assert_eq!(by_admin.status(), 200, "{}", app.db);
        assert!(by_admin.json::<Value>().await.expect("json")["revoked_at"].is_string());
        assert_eq!(app.get_api_as(&token, "/campaigns").await.status(), 401);
        let wrong_owner = app
            .api(
                reqwest::Method::DELETE,
                &format!("/analysts/{eve_id}/tokens/1"),
                None,
            )
            .await;
        assert_eq!(wrong_owner.status(), 404, "the admin's token is not eve's");

        // The first token is the admin's, not fay's.
        let admins = stored_tokens(&app)[0].0;
        let not_hers = app
            .client
            .delete(format!("{}/api/v1/tokens/{admins}", app.address))
            .bearer_auth(&fay.api_token)
            .send()
            .await
            .expect("sent");
        assert_eq!(not_hers.status(), 404);
        assert_eq!(
            app.api(reqwest::Method::GET, "/tokens", None)
                .await
                .status(),
            200
        );

        let blank = create(fay.api_token.clone(), "").await;
        assert_eq!(blank.status(), 400);

        // An admin revokes on the account page too.
        let admin = app.logged_in(Role::Admin, &[]).await;
        let page = format!("/admin/analysts/{eve_id}");
        let detail = admin.page(&page).await;
        let live = stored_tokens(&app)
            .into_iter()
            .find(|(tid, name, _)| {
                name == "tests" && detail.contains(&format!("id=\"revoke-token-{tid}\""))
            })
            .map(|(tid, _, _)| tid)
            .expect("eve's first token is offered for revoking");
        let revoked = admin
            .post_form(&page, &format!("{page}/tokens/{live}/revoke"), &[])
            .await;
        assert_eq!(revoked.status(), 303);
        assert_eq!(
            app.get_api_as(&eve.api_token, "/campaigns").await.status(),
            401
        );
        let list = admin.page("/admin/analysts").await;
        let eve_tokens = cell(&list, &format!("account-{eve_id}-tokens"));
        assert_eq!(eve_tokens, "0", "{}", app.db);
    }
}
