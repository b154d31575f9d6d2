//! The security layer seen from outside: headers, CSRF refusals, the stylesheet, the rate limit.

use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};

use crate::helpers::{TestApp, cookies_from, csrf_token, post_form, spawn_app};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
    form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

fn header_of<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

fn assert_security_headers(path: &str, headers: &HeaderMap) {
    let csp = header_of(headers, "content-security-policy");
    assert_eq!(csp, CSP, "{path}");
    assert!(!csp.contains("unsafe-inline"), "{path}");
    assert_eq!(
        header_of(headers, "x-content-type-options"),
        "nosniff",
        "{path}"
    );
    assert_eq!(
        header_of(headers, "referrer-policy"),
        "no-referrer",
        "{path}"
    );
    assert_eq!(header_of(headers, "x-frame-options"), "DENY", "{path}");
}

/// For any real form route: without its `csrf_token` the POST is refused with the 403 page,
/// and so it is with the browser's cookies but a forged token.
pub async fn assert_post_without_csrf_token_is_refused(app: &TestApp, path: &str) {
    let page = app.get(path).await;
    let cookie = cookies_from(&page);

    let response = post_form(app, path, &cookie, "action=next").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    assert_security_headers(path, response.headers());
    let body = response.text().await.expect("a body");
    assert!(body.contains("This form has expired; go back, reload the page and try again."));

    let forged = "csrf_token=0000.AAAA&action=next";
    let response = post_form(app, path, &cookie, forged).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in [
        "/health",
        "/static/liaison.css",
        "/r/unknown-token",
        "/api/v1/questionnaires",
    ] {
        let response = app.get(path).await;
        assert_security_headers(path, response.headers());
    }
}

#[tokio::test]
async fn respondent_pages_are_never_cached_and_the_stylesheet_is() {
    let app = spawn_app().await;
    let page = app.get("/r/unknown-token").await;
    assert_eq!(header_of(page.headers(), "cache-control"), "no-store");
    let css = app.get("/static/liaison.css").await;
    assert!(header_of(css.headers(), "cache-control").contains("max-age="));
}

#[tokio::test]
async fn the_stylesheet_is_served_as_css() {
    let app = spawn_app().await;
    let response = app.get("/static/liaison.css").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header_of(response.headers(), "content-type"),
        "text/css; charset=utf-8"
    );
    let css = response.text().await.expect("a body");
    assert!(css.contains(":focus-visible") && css.contains(".tlp-amber"));
}

#[tokio::test]
async fn a_post_under_r_without_a_valid_csrf_token_is_refused() {
    let app = spawn_app().await;
    // The check runs before routing, so it holds for every path under /r/, known or not.
    assert_post_without_csrf_token_is_refused(&app, "/r/unknown-token").await;
}

#[tokio::test]
async fn the_account_forms_without_a_valid_csrf_token_are_refused() {
    let app = spawn_app().await;
    for path in [
        "/password/unknown-token",
        "/admin/analysts",
        "/admin/analysts/1/disable",
        "/account/tokens",
    ] {
        assert_post_without_csrf_token_is_refused(&app, path).await;
    }
}

#[tokio::test]
async fn the_json_api_needs_no_csrf_token() {
    let app = spawn_app().await;
    let response = app
        .post_api("/campaigns", serde_json::json!({ "not": "a campaign" }))
        .await;
    assert_ne!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.headers().get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn two_hundred_quick_requests_to_a_respondent_link_end_in_429s() {
    // The respondent limit: a burst of 60, then one request every half second.
    const BURST: usize = 60;
    const PER_SECOND: f64 = 2.0;
    let app = spawn_app().await;
    let started = std::time::Instant::now();
    let mut statuses = Vec::new();
    let mut first_refusal = None;
    for _ in 0..200 {
        let response = app.get("/r/unknown-token").await;
        statuses.push(response.status());
        if response.status() == StatusCode::TOO_MANY_REQUESTS && first_refusal.is_none() {
            first_refusal = Some(response.headers().clone());
        }
    }
    // However slowly a busy machine sends them, at most the burst and what refilled
    // while they were sent get through.
    let refilled = (started.elapsed().as_secs_f64() * PER_SECOND).ceil() as usize;
    assert_eq!(statuses[0], StatusCode::NOT_FOUND);
    let limited = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(
        limited + BURST + refilled + 1 >= 200,
        "only {limited} of 200 were limited, with {refilled} refilled"
    );
    assert!(
        statuses[..BURST]
            .iter()
            .all(|s| *s == StatusCode::NOT_FOUND),
        "the burst passes: {statuses:?}"
    );

    let refused = first_refusal.expect("a request was limited");
    assert!(refused.contains_key("retry-after"));
    assert_security_headers("429", &refused);
    // Other paths keep their own, unlimited, budget.
    assert_eq!(app.get_health().await.status(), StatusCode::OK);
}

#[test]
fn the_csrf_token_is_found_in_a_form() {
    let html = r#"<form><input type="hidden" name="csrf_token" value="ab.cd"></form>"#;
    assert_eq!(csrf_token(html).as_deref(), Some("ab.cd"));
    assert_eq!(csrf_token("<p>no form</p>"), None);
}
