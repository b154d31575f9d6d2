//! How every error reaches the client, decided once from the request's path: `/api/` gets
//! a JSON [`ErrorBody`], every other path an HTML page in the site's layout.
//!
//! It wraps the whole app, so it also covers what no handler wrote: an unknown address,
//! a wrong method (405, with actix's `Allow` header kept), an extractor's refusal and a
//! rate limit. Responses already in the right form (the CSRF and respondent 404 pages, a
//! section page sent back with its errors, an API `WebError`) pass unchanged.

use actix_web::body::{MessageBody, to_bytes};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, ContentType, HeaderMap};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::web::error::{ErrorBody, WebError};
use crate::web::pages::static_files::stylesheet_href;
use crate::web::security::not_found_page;

/// The respondent's pages, reached from an invitation link.
const RESPONDENT_PREFIX: &str = "/r/";

/// The longest text body of an inner refusal shown as the message.
const MAX_MESSAGE: usize = 500;

/// The middleware: wrap the whole `App` with it, outside the rate limits.
pub fn error_pages<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(answer)
}

/// What the page or JSON says: the error's own words when it is meant for people.
fn answer<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let api = crate::web::is_api(res.request());
    let wanted = if api { "application/json" } else { "text/html" };
    let given = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if given.starts_with(wanted) {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let web_error = res
        .response()
        .error()
        .and_then(|e| e.as_error::<WebError>());
    let told = web_error
        .filter(|e| !matches!(e, WebError::Internal(_)))
        .map(ToString::to_string);
    let plain = web_error.is_none() && given.starts_with("text/plain");
    Ok(ErrorHandlerResponse::Future(Box::pin(async move {
        let (req, response) = res.into_parts();
        let status = response.status();
        let headers = response.headers().clone();
        let message = match told {
            Some(words) => Some(words),
            // Words from an extractor or a rate limit; never a server error's inner text.
            None if plain && status.is_client_error() => to_bytes(response.into_body())
                .await
                .ok()
                .map(|b| {
                    String::from_utf8_lossy(&b)
                        .trim()
                        .chars()
                        .take(MAX_MESSAGE)
                        .collect()
                })
                .filter(|m: &String| !m.is_empty()),
            None => None,
        };
        let message = message.unwrap_or_else(|| generic(&req, status, &headers));
        let mut page = if api {
            HttpResponse::build(status).json(ErrorBody::new(message))
        } else {
            html_page(&req, status, message)
        };
        keep_headers(&headers, page.headers_mut());
        Ok(ServiceResponse::new(req, page).map_into_right_body::<B>())
    })))
}

/// The path as the router matched it (percent-encoded letters decoded), so that every
/// spelling the router sends to the API, or to the respondent's pages, is answered as such.
fn routed_path(req: &HttpRequest) -> &str {
    req.match_info().as_str()
}

/// What to say when the error itself says nothing a person should read.
fn generic(req: &HttpRequest, status: StatusCode, headers: &HeaderMap) -> String {
    match status {
        StatusCode::NOT_FOUND if crate::web::is_api(req) => {
            format!("no such endpoint: {} {}", req.method(), req.path())
        }
        StatusCode::NOT_FOUND => "There is no page at this address.".to_owned(),
        StatusCode::METHOD_NOT_ALLOWED => {
            let allowed = headers
                .get(header::ALLOW)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("another method");
            format!(
                "{} is not accepted at {}; use {allowed}.",
                crate::web::security::asked_method(req),
                req.path()
            )
        }
        s if s.is_server_error() => {
            "Something went wrong on our side; nothing was changed. Please try again in a moment."
                .to_owned()
        }
        s => s
            .canonical_reason()
            .unwrap_or("The request was refused")
            .to_owned(),
    }
}

/// Headers of the refusal worth keeping on the page that replaces it.
fn keep_headers(from: &HeaderMap, to: &mut HeaderMap) {
    for name in [header::ALLOW, header::RETRY_AFTER, header::SET_COOKIE] {
        for value in from.get_all(&name) {
            to.append(name.clone(), value.clone());
        }
    }
}

/// The frame `analyst/layout.html` expects; error pages show no account.
struct Chrome {
    stylesheet: &'static str,
    csrf: String,
    signed_in_as: Option<String>,
}

/// Where a page offers to go next.
struct Link {
    href: &'static str,
    label: &'static str,
}

#[derive(Template)]
#[template(path = "errors/page.html", config = "assets/askama.toml")]
struct ErrorPage {
    chrome: Chrome,
    lang: &'static str,
    title: &'static str,
    message: String,
    advice: &'static str,
    back: Option<Link>,
}

fn html_page(req: &HttpRequest, status: StatusCode, message: String) -> HttpResponse {
    let respondent = routed_path(req).starts_with(RESPONDENT_PREFIX);
    let german = respondent && prefers_german(req);
    if respondent && status == StatusCode::NOT_FOUND {
        // Exactly the page an unknown, revoked or expired link gets.
        return not_found_page(if german { "de" } else { "en" });
    }
    let page = ErrorPage {
        chrome: Chrome {
            stylesheet: stylesheet_href(),
            csrf: String::new(),
            signed_in_as: None,
        },
        lang: if german { "de" } else { "en" },
        title: title(status, german),
        message,
        advice: advice(
            status,
            respondent,
            german,
            &crate::web::security::asked_method(req),
        ),
        back: (!respondent).then_some(Link {
            href: "/campaigns",
            label: "Back to your campaigns",
        }),
    };
    match page.render() {
        Ok(body) => HttpResponse::build(status)
            .content_type(ContentType::html())
            .body(body),
        Err(e) => {
            tracing::error!(error = %e, "the error page could not be rendered");
            HttpResponse::build(status)
                .content_type(ContentType::plaintext())
                .body(title(status, false))
        }
    }
}

fn title(status: StatusCode, german: bool) -> &'static str {
    match (status, german) {
        (StatusCode::NOT_FOUND, false) => "Page not found",
        (StatusCode::NOT_FOUND, true) => "Seite nicht gefunden",
        (StatusCode::METHOD_NOT_ALLOWED, false) => "This address does not take that request",
        (StatusCode::METHOD_NOT_ALLOWED, true) => "Diese Adresse nimmt diese Anfrage nicht an",
        (StatusCode::TOO_MANY_REQUESTS, false) => "Too many requests",
        (StatusCode::TOO_MANY_REQUESTS, true) => "Zu viele Anfragen",
        (s, false) if s.is_server_error() => "Something went wrong",
        (s, true) if s.is_server_error() => "Etwas ist schiefgegangen",
        (_, false) => "The request could not be handled",
        (_, true) => "Die Anfrage konnte nicht bearbeitet werden",
    }
}

/// What the visitor can do now.
fn advice(status: StatusCode, respondent: bool, german: bool, method: &Method) -> &'static str {
    let changing = method != Method::GET && method != Method::HEAD;
    match (respondent, german) {
        _ if !status.is_server_error() => "",
        (true, true) if changing => {
            "Ihre Eingaben wurden nicht gespeichert. Bereits gespeicherte Antworten bleiben \
             erhalten. Gehen Sie zurück und versuchen Sie es in einem Moment erneut."
        }
        (true, true) => "Bereits gespeicherte Antworten bleiben erhalten.",
        (true, false) if changing => {
            "What you sent was not saved. Answers you saved before are kept. Go back and try \
             again in a moment."
        }
        (true, false) => "Answers you saved before are kept.",
        (false, _) if changing => "The change was not made. Go back and try again in a moment.",
        (false, _) => "",
    }
}

/// `de`, `de-AT`, `de;q=0.9, en` as the first preference.
fn prefers_german(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';', '-', '_']).next())
        .is_some_and(|first| first.trim().eq_ignore_ascii_case("de"))
}
