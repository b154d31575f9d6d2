//! The CSRF middleware, its 403 page and the `CsrfToken` extractor, against dummy handlers.

use actix_web::body::to_bytes;
use actix_web::cookie::Cookie;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::test::{TestRequest, call_service, init_service};
use actix_web::{App, HttpResponse, web};
use serde::Deserialize;

use super::*;

#[derive(Deserialize)]
struct Answer {
    answer: String,
}

async fn show_form(token: CsrfToken) -> HttpResponse {
    HttpResponse::Ok().body(token.value().to_owned())
}

async fn take_form(form: web::Form<Answer>) -> HttpResponse {
    HttpResponse::Ok().body(form.into_inner().answer)
}

/// Calls a fresh app built from `csrf`, as a different worker of one server would be.
async fn call(csrf: &CsrfProtection, req: TestRequest) -> ServiceResponse {
    let app = init_service(
        App::new()
            .wrap(csrf.middleware())
            .wrap(csrf_error_page())
            .route("/r/{token}", web::get().to(show_form))
            .route("/r/{token}", web::post().to(take_form))
            .route("/api/v1/things", web::post().to(HttpResponse::Created))
            .route("/health", web::get().to(HttpResponse::Ok)),
    )
    .await;
    call_service(&app, req.to_request())
        .await
        .map_into_boxed_body()
}

fn protection() -> CsrfProtection {
    protection_with(&key(1))
}

/// A key as `storage::signing_keys` would keep it.
fn key(byte: u8) -> SigningKey {
    use base64::Engine;
    let text = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([byte; 32]);
    crate::storage::signing_keys::decode_for_tests(&text)
}

fn protection_with(key: &SigningKey) -> CsrfProtection {
    CsrfProtection::new("http://127.0.0.1", key)
}

async fn body_of(res: ServiceResponse) -> String {
    let bytes = to_bytes(res.into_body()).await.unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A browser's first visit: the cookies it is given and the token on its page.
async fn visit(csrf: &CsrfProtection) -> (Vec<Cookie<'static>>, String) {
    let res = call(csrf, TestRequest::get().uri("/r/abc")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookies: Vec<Cookie<'static>> = res.response().cookies().map(|c| c.into_owned()).collect();
    (cookies, body_of(res).await)
}

async fn post(csrf: &CsrfProtection, cookies: &[Cookie<'static>], body: String) -> ServiceResponse {
    let mut req = TestRequest::post()
        .uri("/r/abc")
        .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
        .set_payload(body);
    for c in cookies {
        req = req.cookie(c.clone());
    }
    call(csrf, req).await
}

#[actix_web::test]
async fn a_page_with_a_form_gets_httponly_strict_cookies_and_a_token() {
    let (cookies, token) = visit(&protection()).await;
    assert!(!token.is_empty());
    assert!(!cookies.is_empty());
    for c in &cookies {
        assert_eq!(c.http_only(), Some(true), "{c}");
        assert_eq!(c.same_site(), Some(SameSite::Strict), "{c}");
        assert_ne!(c.secure(), Some(true), "plain HTTP base URL: {c}");
    }
}

#[actix_web::test]
async fn a_post_without_a_token_gets_the_form_expired_page() {
    let csrf = protection();
    let (cookies, _) = visit(&csrf).await;
    let res = post(&csrf, &cookies, "answer=yes".into()).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let content_type = res.headers().get(header::CONTENT_TYPE).cloned();
    assert!(format!("{content_type:?}").contains("text/html"));
    let body = body_of(res).await;
    assert!(body.contains("This form has expired; go back, reload the page and try again."));
}

#[actix_web::test]
async fn a_post_with_another_browsers_token_is_refused() {
    let csrf = protection();
    let (_, their_token) = visit(&csrf).await;
    let (my_cookies, _) = visit(&csrf).await;
    let body = format!("{CSRF_FIELD}={their_token}&answer=yes");
    assert_eq!(
        post(&csrf, &my_cookies, body).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[actix_web::test]
async fn a_post_with_a_token_but_no_cookie_is_refused() {
    let csrf = protection();
    let (_, token) = visit(&csrf).await;
    let res = post(&csrf, &[], format!("{CSRF_FIELD}={token}")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn a_token_signed_with_another_key_is_refused() {
    let (cookies, token) = visit(&protection_with(&key(1))).await;
    let res = post(
        &protection_with(&key(2)),
        &cookies,
        format!("{CSRF_FIELD}={token}"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn another_process_with_the_same_key_accepts_the_token() {
    let (cookies, token) = visit(&protection_with(&key(3))).await;
    let body = format!("answer=1&{CSRF_FIELD}={token}");
    let res = post(&protection_with(&key(3)), &cookies, body).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[actix_web::test]
async fn a_valid_post_reaches_the_handler_with_its_body_intact() {
    let csrf = protection();
    let (cookies, token) = visit(&csrf).await;
    let res = post(
        &csrf,
        &cookies,
        format!("answer=a%26b&{CSRF_FIELD}={token}"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body_of(res).await, "a&b");
}

#[actix_web::test]
async fn a_token_stays_valid_after_a_successful_post_for_other_tabs() {
    let csrf = protection();
    let (cookies, token) = visit(&csrf).await;
    let body = format!("answer=1&{CSRF_FIELD}={token}");
    assert_eq!(
        post(&csrf, &cookies, body.clone()).await.status(),
        StatusCode::OK
    );
    assert_eq!(post(&csrf, &cookies, body).await.status(), StatusCode::OK);
}

#[actix_web::test]
async fn the_json_api_and_health_are_left_alone() {
    let csrf = protection();
    let req = TestRequest::post()
        .uri("/api/v1/things")
        .insert_header((header::CONTENT_TYPE, "application/json"))
        .set_payload("{}");
    assert_eq!(call(&csrf, req).await.status(), StatusCode::CREATED);
    let res = call(&csrf, TestRequest::get().uri("/health")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get(header::SET_COOKIE).is_none());
}

#[actix_web::test]
async fn https_base_urls_get_secure_cookies() {
    let (cookies, _) = visit(&CsrfProtection::new("https://liaison.example", &key(1))).await;
    assert!(cookies.iter().all(|c| c.secure() == Some(true)));
}

#[actix_web::test]
async fn the_extractor_fails_cleanly_without_the_middleware() {
    let app = init_service(App::new().route("/r/{token}", web::get().to(show_form))).await;
    let res = call_service(&app, TestRequest::get().uri("/r/abc").to_request()).await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[test]
fn the_token_is_not_printed_in_logs() {
    assert_eq!(format!("{:?}", CsrfToken("secret".into())), "CsrfToken(…)");
}
