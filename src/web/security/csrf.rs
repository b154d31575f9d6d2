//! CSRF protection for every HTML form, by the `actix-csrf-middleware` crate.
//!
//! The crate implements OWASP's signed double-submit cookie: a signed, `HttpOnly`,
//! `SameSite=Strict` pre-session cookie identifies the browser, and each form carries a token
//! that is an HMAC-SHA256 over that pre-session id (compared in constant time). Every
//! POST/PUT/PATCH/DELETE outside [`SKIPPED`] is checked by the middleware *before* routing:
//! it reads the url-encoded (or JSON) body for [`CSRF_FIELD`] and puts the body back, so
//! handlers take `web::Form<T>` as usual and never see an unchecked request. Any token the
//! browser was given stays valid for the process's life, so several tabs and the back button
//! keep working. A refused request gets [`form_expired_page`](super::form_expired_page) (403).
//!
//! The signing key is kept in the database (`storage::signing_keys`, made by the first
//! instance that starts), so every instance and every restart accept the tokens of pages
//! that another one served: a respondent's open page can still be saved after a deploy.

use std::future::{Ready, ready};
use std::sync::Arc;

use actix_csrf_middleware::{
    CsrfDoubleSubmitCookie, CsrfError, CsrfMiddleware, CsrfMiddlewareConfig,
};
use actix_web::body::MessageBody;
use actix_web::cookie::SameSite;
use actix_web::dev::{Payload, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{FromRequest, HttpMessage, HttpRequest};

use super::pages::form_expired_page;
use super::upload_routes::UploadRoutes;
use crate::storage::signing_keys::SigningKey;
use crate::web::WebError;

/// The name of the hidden form field that carries the token.
pub const CSRF_FIELD: &str = "csrf_token";

/// Path prefixes the middleware leaves alone: the bearer-token JSON API (no cookies, so no
/// CSRF) and endpoints without forms, which then set no cookies either.
const SKIPPED: [&str; 3] = ["/api/", "/health", "/static/"];

/// Form bodies larger than this are refused before the token is looked for.
const MAX_FORM_BYTES: usize = 256 * 1024;

/// What the CSRF middleware needs, made once per process and shared by all workers.
#[derive(Clone)]
pub struct CsrfProtection {
    key: Arc<[u8; 32]>,
    secure_cookies: bool,
    /// The routes that take `multipart/form-data`; their handlers check the token with
    /// `pages::upload::read_upload`, since the middleware reads no multipart body.
    uploads: UploadRoutes,
}

impl CsrfProtection {
    /// Signs with `key`, the one all instances share. Cookies get the `Secure` flag when the
    /// service is reached over HTTPS (`base_url` starts with `https://`); over plain HTTP a
    /// browser would otherwise drop them and no form could be sent.
    pub fn new(base_url: &str, key: &SigningKey) -> CsrfProtection {
        CsrfProtection {
            key: Arc::new(*key.bytes()),
            secure_cookies: base_url.starts_with("https://"),
            uploads: UploadRoutes::default(),
        }
    }

    /// Lets multipart forms through to the routes `patterns` (`/campaigns/{id}/…`: a `{…}`
    /// segment matches any one segment), whose handlers read them with `read_upload`; every
    /// other path answers a multipart request with 400. A pattern with a `{…}` segment also
    /// needs the guard of [`CsrfProtection::upload_routes`] wrapped outside the middleware.
    pub fn accepting_uploads_at(mut self, patterns: &[&str]) -> CsrfProtection {
        self.uploads = UploadRoutes::new(patterns);
        self
    }

    /// The routes that take uploads, whose `guard` refuses a multipart request to a path
    /// the CSRF middleware lets through but no upload route matches: the crate matches only
    /// exact paths and prefixes, so a route with an id in it is given to the crate as its
    /// prefix, and the guard narrows that prefix back down to the route. Wrap the guard
    /// just outside [`CsrfProtection::middleware`].
    pub fn upload_routes(&self) -> &UploadRoutes {
        &self.uploads
    }

    /// The middleware for one worker; wrap the whole `App` with it, inside [`csrf_error_page`].
    pub fn middleware(&self) -> CsrfMiddleware {
        let config = CsrfMiddlewareConfig::double_submit_cookie(self.key.as_slice())
            .with_secure(self.secure_cookies)
            // Forms echo the token from the page, so no script ever needs to read the cookie.
            .with_token_cookie_config(CsrfDoubleSubmitCookie {
                http_only: true,
                same_site: SameSite::Strict,
            })
            .with_skip_for(SKIPPED.iter().map(|p| (*p).to_owned()).collect())
            .with_max_body_bytes(MAX_FORM_BYTES)
            .with_multipart(self.uploads.crate_routes());
        CsrfMiddleware::new(config)
    }
}

/// Turns the middleware's refusals into the 403 "this form has expired" page (keeping the
/// fresh cookies it sets); other errors pass unchanged. Wrap it *outside* the middleware.
pub fn csrf_error_page<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler_client(render_refusal)
}

fn render_refusal<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let refusal = res.response().extensions().get::<CsrfError>().copied();
    if !matches!(
        refusal,
        Some(CsrfError::TokenMissing | CsrfError::TokenInvalid | CsrfError::OriginRejected)
    ) {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    // The route pattern, not the path: a path under `/r/` holds the respondent's token. The
    // request span carries the (redacted) path for anyone who needs the page.
    let route = res.request().match_pattern().unwrap_or_default();
    tracing::info!(%route, ?refusal, "form refused: no valid CSRF token");
    let mut page = form_expired_page(res.request());
    for cookie in res.response().headers().get_all(header::SET_COOKIE) {
        page.headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    let (req, _) = res.into_parts();
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, page).map_into_right_body(),
    ))
}

/// This browser's CSRF token, for the hidden [`CSRF_FIELD`] of every form on the page.
///
/// Take it as a handler argument on any route the middleware covers (GET or POST): the
/// middleware has already made sure the browser has the matching cookie.
#[derive(Clone)]
pub struct CsrfToken(String);

impl CsrfToken {
    /// The value for `<input type="hidden" name="csrf_token" value="…">`.
    pub fn value(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for CsrfToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CsrfToken(…)")
    }
}

impl FromRequest for CsrfToken {
    type Error = WebError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = req
            .extensions()
            .get::<actix_csrf_middleware::CsrfToken>()
            .map(|t| CsrfToken(t.0.clone()))
            .ok_or_else(|| {
                WebError::internal(anyhow::anyhow!(
                    "CsrfToken asked for on {}, which the CSRF middleware does not cover",
                    req.match_pattern().unwrap_or_default()
                ))
            });
        ready(token)
    }
}

#[cfg(test)]
#[path = "csrf_tests.rs"]
mod tests;
