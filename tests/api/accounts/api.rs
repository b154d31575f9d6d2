//! API tokens and who sees what: assigned campaigns only, 404 for the rest, 401 without a token.

use diesel::prelude::*;
use liaison::accounts::Role;
use liaison::storage::api_tokens as tokens;
use liaison::storage::schema::api_tokens;
use serde_json::{Value, json};

use super::{analyst_cli, assert_sent_to_login, stdout_of};
use crate::helpers::{client, spawn_app};
use crate::respondent::invite;

#[tokio::test]
async fn an_analyst_sees_through_the_api_only_the_campaigns_assigned_to_them() {
    let app = spawn_app().await;
    let (first, second) = (
        app.new_campaign("First").await,
        app.new_campaign("Second").await,
    );
    let ana = app.add_analyst("ana@example.org", Role::Analyst, &[first]);
    let bo = app.add_analyst("bo@example.org", Role::Analyst, &[second]);
    let (ana, bo) = (ana.api_token, bo.api_token);

    let listed: Vec<Value> = app
        .get_api_as(&ana, "/campaigns")
        .await
        .json()
        .await
        .expect("json");
    let ids: Vec<i64> = listed.iter().filter_map(|c| c["id"].as_i64()).collect();
    assert_eq!(ids, [first]);
    assert_eq!(
        app.get_api_as(&bo, &format!("/campaigns/{second}"))
            .await
            .status(),
        200
    );
    for path in ["", "/participants", "/invitations"] {
        let theirs = app
            .get_api_as(&ana, &format!("/campaigns/{second}{path}"))
            .await;
        assert_eq!(theirs.status(), 404, "{path}");
        let missing = app.get_api_as(&ana, &format!("/campaigns/999{path}")).await;
        assert_eq!(missing.status(), 404, "{path}");
    }
    let close = app
        .client
        .post(format!("{}/api/v1/campaigns/{second}/close", app.address))
        .bearer_auth(&ana)
        .send()
        .await
        .expect("sent");
    assert_eq!(close.status(), 404);

    app.allow_campaign_creation("ana@example.org");
    let body =
        json!({"name": "Ana's", "questionnaires": ["csirt-maturity"], "closes_on": "2099-01-31"});
    let own = app
        .client
        .post(format!("{}/api/v1/campaigns", app.address))
        .bearer_auth(&ana)
        .json(&body)
        .send()
        .await
        .expect("sent");
    assert_eq!(own.status(), 201);
    let own = own.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("an id");
    assert_eq!(
        app.get_api_as(&ana, &format!("/campaigns/{own}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get_api_as(&bo, &format!("/campaigns/{own}"))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn a_respondent_token_opens_no_analyst_route() {
    let app = spawn_app().await;
    let respondent = invite(&app, &["csirt-maturity"], "csirt", "en").await;
    assert_eq!(respondent.get("").await.status(), 200);
    let token = respondent.path.trim_start_matches("/r/").to_owned();
    assert_eq!(app.get_api_as(&token, "/campaigns").await.status(), 401);
    let with_token = client()
        .get(format!("{}/campaigns", app.address))
        .header("Cookie", format!("liaison_session={token}"));
    assert_sent_to_login(with_token).await;
}

#[tokio::test]
async fn no_analyst_route_answers_without_login() {
    let app = spawn_app().await;
    for path in ["/campaigns", "/campaigns/1", "/campaigns/1/participants"] {
        let anonymous = app.get(&format!("/api/v1{path}")).await;
        assert_eq!(anonymous.status(), 401, "{path}");
        assert!(anonymous.json::<Value>().await.expect("json")["error"].is_string());
    }
    assert_sent_to_login(client().get(format!("{}/campaigns", app.address))).await;
}

#[tokio::test]
async fn an_api_token_from_the_command_line_works_and_only_its_hash_is_stored() {
    let app = spawn_app().await;
    let printed = stdout_of(&analyst_cli(
        &app,
        &["token", "admin@test.invalid", "--name", "script"],
        "",
    ));
    let token = printed.trim();
    assert_eq!(token.len(), 43);
    assert_eq!(app.get_api_as(token, "/campaigns").await.status(), 200);
    let stored: Vec<(String, String)> = api_tokens::table
        .select((api_tokens::name, api_tokens::token_hash))
        .load(&mut app.db.conn())
        .expect("tokens");
    assert_eq!(stored.len(), 2);
    assert!(
        stored
            .iter()
            .all(|(_, hash)| hash != token && hash.len() == 64)
    );
    assert!(stored.iter().all(|(_, hash)| hash != &app.api_token));

    let revoked = tokens::tokens_of(&mut app.db.conn(), 1).expect("tokens");
    for t in revoked {
        tokens::revoke_api_token(&mut app.db.conn(), t.id).expect("revoked");
    }
    assert_eq!(app.get_api_as(token, "/campaigns").await.status(), 401);
}
