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

use crate::locale::words;
use crate::web::error::{ErrorBody, WebError};
use crate::web::pages::layout::Chrome;
use crate::web::security::{browser_language, not_found_page};

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

/// Where a page offers to go next.
struct Link {
    href: &'static str,
    label: &'static str,
}

#[derive(Template)]
#[template(path = "errors/page.html", config = "assets/askama.toml")]
struct ErrorPage {
    chrome: Chrome,
    title: &'static str,
    message: String,
    advice: &'static str,
    back: Option<Link>,
}

fn html_page(req: &HttpRequest, status: StatusCode, message: String) -> HttpResponse {
    let respondent = routed_path(req).starts_with(RESPONDENT_PREFIX);
    // The analysts' pages speak English; a respondent's, the browser's language.
    let language = if respondent {
        browser_language(req)
    } else {
        crate::locale::SOURCE_LANGUAGE
    };
    if respondent && status == StatusCode::NOT_FOUND {
        // Exactly the page an unknown, revoked or expired link gets.
        return not_found_page(language);
    }
    let words = ErrorPageWords::of(language);
    let page = ErrorPage {
        chrome: Chrome::error_page(language),
        title: title(status, words),
        message,
        advice: advice(
            status,
            respondent,
            words,
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
                .body(title(
                    status,
                    ErrorPageWords::of(crate::locale::SOURCE_LANGUAGE),
                ))
        }
    }
}

words! {
    /// The titles and advice of error pages.
    pub struct ErrorPageWords in "error_page" {
        not_found,
        method_not_allowed,
        too_many_requests,
        server_error,
        not_handled,
        /// A respondent's change failed on our side.
        respondent_not_saved,
        /// A respondent's page failed on our side.
        respondent_kept,
        /// An analyst's change failed on our side.
        change_not_made,
    }
}

fn title(status: StatusCode, words: &ErrorPageWords) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => words.not_found,
        StatusCode::METHOD_NOT_ALLOWED => words.method_not_allowed,
        StatusCode::TOO_MANY_REQUESTS => words.too_many_requests,
        s if s.is_server_error() => words.server_error,
        _ => words.not_handled,
    }
}

/// What the visitor can do now.
fn advice(
    status: StatusCode,
    respondent: bool,
    words: &ErrorPageWords,
    method: &Method,
) -> &'static str {
    let changing = method != Method::GET && method != Method::HEAD;
    match respondent {
        _ if !status.is_server_error() => "",
        true if changing => words.respondent_not_saved,
        true => words.respondent_kept,
        false if changing => words.change_not_made,
        false => "",
    }
}
