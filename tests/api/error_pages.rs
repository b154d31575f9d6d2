//! Errors take the form of the request's side: HTML pages in the site's layout for every
//! page address, JSON under `/api/v1`; a wrong method gets 405 with `Allow`; a respondent
//! whose save fails sees their answers again and is told they were not saved.

use diesel::RunQueryDsl;
use liaison::accounts::Role;
use liaison::storage::Backend;
use reqwest::header::{ALLOW, CONTENT_TYPE};
use reqwest::{Method, Response};

use crate::helpers::{TestApp, spawn_app, spawn_app_on};
use crate::respondent::{field_names, invite};
use crate::test_db::TestDb;

const MATURITY: &[&str] = &["csirt-maturity"];

fn content_type(response: &Response) -> String {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Checks an HTML error page in the site's layout and returns its text.
async fn html_page(response: Response, status: u16) -> String {
    assert_eq!(response.status(), status, "{}", response.url());
    assert!(
        content_type(&response).starts_with("text/html"),
        "{}: {}",
        response.url(),
        content_type(&response)
    );
    let body = response.text().await.expect("a body");
    assert!(body.contains("<header class=\"site-header\">"), "{body}");
    assert!(body.contains("rel=\"stylesheet\""), "{body}");
    body
}

/// Checks a JSON error and returns its message.
async fn json_error(response: Response, status: u16) -> String {
    assert_eq!(response.status(), status, "{}", response.url());
    assert!(content_type(&response).starts_with("application/json"));
    let body: serde_json::Value = response.json().await.expect("a JSON body");
    body["error"].as_str().expect("an error message").to_owned()
}

async fn page(browser: &reqwest::Client, app: &TestApp, method: Method, path: &str) -> Response {
    browser
        .request(method, format!("{}{path}", app.address))
        .send()
        .await
        .expect("sent")
}

#[tokio::test]
async fn an_unknown_campaign_gets_a_not_found_page_with_a_way_back_and_the_api_json() {
    let app = spawn_app().await;
    let browser = app.logged_in(Role::Admin, &[]).await;
    let body = html_page(
        page(&browser, &app, Method::GET, "/campaigns/999").await,
        404,
    )
    .await;
    assert!(body.contains("href=\"/campaigns\""), "{body}");
    assert!(
        body.contains("campaign 999"),
        "says what was not found: {body}"
    );
    assert!(!body.contains("{\"error\""), "{body}");

    let message = json_error(app.api(Method::GET, "/campaigns/999", None).await, 404).await;
    assert!(message.contains("999"), "{message}");
}

#[tokio::test]
async fn a_malformed_address_gets_an_html_page_and_under_the_api_json() {
    let app = spawn_app().await;
    let browser = app.logged_in(Role::Admin, &[]).await;
    for path in [
        "/campaigns/abc",
        "/campaigns/abc/reports",
        "/no/such/page",
        "/admin/analysts/abc",
        "/admin/analysts/999",
        "/admin/analysts/1/no-such-page",
        "/account/no-such-page",
    ] {
        let body = html_page(page(&browser, &app, Method::GET, path).await, 404).await;
        assert!(body.contains("href=\"/campaigns\""), "{path}: {body}");
    }
    // A respondent's address gets the one page every dead link gets.
    let respondent = page(&browser, &app, Method::GET, "/r/no-such-token/s/x").await;
    assert_eq!(respondent.status(), 404);
    assert!(content_type(&respondent).starts_with("text/html"));
    let body = respondent.text().await.expect("a body");
    assert!(
        body.contains("There is no questionnaire at this address."),
        "{body}"
    );
    json_error(app.api(Method::GET, "/campaigns/abc", None).await, 404).await;
    let message = json_error(app.api(Method::GET, "/no/such/endpoint", None).await, 404).await;
    assert!(message.contains("/api/v1/no/such/endpoint"), "{message}");
}

#[tokio::test]
async fn a_wrong_method_gets_405_with_the_allowed_ones_on_pages_and_the_api() {
    let app = spawn_app().await;
    let browser = app.logged_in(Role::Admin, &[]).await;
    let logout = page(&browser, &app, Method::GET, "/logout").await;
    assert_eq!(logout.headers()[ALLOW], "POST");
    html_page(logout, 405).await;
    let submit = page(&browser, &app, Method::GET, "/r/some-token/submit").await;
    assert_eq!(submit.headers()[ALLOW], "POST");
    html_page(submit, 405).await;

    let campaigns = app.api(Method::DELETE, "/campaigns", None).await;
    let allow = campaigns.headers()[ALLOW]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    let message = json_error(campaigns, 405).await;
    assert!(message.contains("DELETE"), "{message}");
    let close = app.api(Method::GET, "/campaigns/1/close", None).await;
    assert_eq!(close.headers()[ALLOW], "POST");
    json_error(close, 405).await;
}

/// Breaks the answers table of the app's own database.
fn break_answers(db: &TestDb) {
    let drop = match db.backend {
        Backend::Sqlite => "DROP TABLE answers",
        Backend::Postgres => "DROP TABLE answers CASCADE",
    };
    diesel::sql_query(drop)
        .execute(&mut *db.conn())
        .expect("the table is dropped");
}

#[tokio::test]
async fn a_save_that_fails_shows_the_section_again_with_the_typed_answers_and_says_so() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let r = invite(&app, MATURITY, "csirt", "en").await;
        let html = r.text("/s/1").await;
        let names = field_names(&html);
        assert!(!names.is_empty());
        break_answers(&app.db);

        let mut fields: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "2")).collect();
        fields.push(("action", "next"));
        let failed = r.post("/s/1", &fields).await;
        let body = html_page_of_respondent(failed).await;
        assert!(body.contains("were not saved"), "{body}");
        for name in &names {
            let id = name.trim_start_matches("q.");
            assert!(
                body.contains(&format!("value=\"2\" id=\"q-{id}-2\" checked")),
                "{id} keeps the typed answer"
            );
        }

        let api = app
            .api(
                Method::POST,
                &format!("/campaigns/{}/reports", r.campaign),
                None,
            )
            .await;
        assert_eq!(json_error(api, 500).await, "internal error");
    }
}

/// A respondent's section page refused on our side: 503, HTML, the survey's layout.
async fn html_page_of_respondent(response: Response) -> String {
    assert_eq!(response.status(), 503);
    assert!(content_type(&response).starts_with("text/html"));
    let body = response.text().await.expect("a body");
    assert!(body.contains("id=\"section-form\""), "{body}");
    body
}

#[tokio::test]
async fn every_spelling_of_an_api_address_the_router_accepts_answers_json() {
    let app = spawn_app().await;
    let browser = reqwest::Client::new();
    for path in [
        "/%61pi/v1/campaigns",
        "/api/%761/campaigns",
        "/%61%70%69/v1/no/such/endpoint",
    ] {
        // Without a token the API refuses before anything else: 401, as JSON.
        json_error(page(&browser, &app, Method::GET, path).await, 401).await;
    }
}

#[tokio::test]
async fn a_method_no_page_takes_gets_405_not_the_expired_form_page() {
    let app = spawn_app().await;
    let browser = app.logged_in(Role::Admin, &[]).await;
    for (method, path, allow) in [
        (Method::PUT, "/login", "GET, POST"),
        (Method::DELETE, "/campaigns", "GET"),
        (Method::PATCH, "/r/some-token/submit", "POST"),
        (Method::PUT, "/r/some-token/s/1", "GET, POST"),
        (Method::DELETE, "/admin/analysts", "GET, POST"),
        (Method::PUT, "/account", "GET"),
        (Method::PATCH, "/password/some-token", "GET, POST"),
    ] {
        let response = page(&browser, &app, method.clone(), path).await;
        let allowed = response.headers()[ALLOW].to_str().expect("text").to_owned();
        let mut allowed: Vec<&str> = allowed.split(", ").collect();
        allowed.sort_unstable();
        assert_eq!(allowed.join(", "), allow, "{method} {path}");
        let body = html_page(response, 405).await;
        assert!(body.contains(method.as_str()), "{method} {path}: {body}");
    }
    // No page is there: 404, as for any other method.
    html_page(
        page(&browser, &app, Method::DELETE, "/no/such/page").await,
        404,
    )
    .await;
}
