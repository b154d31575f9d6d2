//! Security headers on every response, including errors and refusals.

use actix_web::http::header;
use actix_web::middleware::DefaultHeaders;

/// Only our own scripts, styles, images and form targets; no framing, no plugins, no `<base>`.
/// There is no `'unsafe-inline'`: templates must not carry `style=""` or inline `<script>`.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; \
    base-uri 'none'; object-src 'none'";

/// The headers every response carries; wrap the whole `App` with it.
///
/// `DefaultHeaders` only adds a header a handler did not set itself. `Cache-Control: no-store`
/// is therefore the default for every page (the `/r/*` pages show personal answers, and the
/// token is in their URL); only responses that set their own `Cache-Control`, like the
/// stylesheet, are cached. Handlers under `/r/` must not set one.
/// `Referrer-Policy: no-referrer` keeps the token out of other sites' logs.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "no-referrer"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::CACHE_CONTROL, "no-store"))
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::HeaderMap;
    use actix_web::test::{TestRequest, call_service, init_service};
    use actix_web::{App, HttpResponse, web};

    use super::*;

    fn value(headers: &HeaderMap, name: header::HeaderName) -> &str {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    #[actix_web::test]
    async fn every_response_gets_the_headers_even_a_404() {
        let app = init_service(
            App::new()
                .wrap(security_headers())
                .route("/page", web::get().to(HttpResponse::Ok)),
        )
        .await;
        for path in ["/page", "/nowhere"] {
            let res = call_service(&app, TestRequest::get().uri(path).to_request()).await;
            let h = res.headers();
            assert_eq!(
                value(h, header::CONTENT_SECURITY_POLICY),
                CONTENT_SECURITY_POLICY
            );
            assert_eq!(value(h, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
            assert_eq!(value(h, header::REFERRER_POLICY), "no-referrer");
            assert_eq!(value(h, header::X_FRAME_OPTIONS), "DENY");
            assert_eq!(value(h, header::CACHE_CONTROL), "no-store");
        }
    }

    #[actix_web::test]
    async fn a_handler_that_sets_its_own_cache_control_keeps_it() {
        let app = init_service(App::new().wrap(security_headers()).route(
            "/asset",
            web::get().to(|| async {
                HttpResponse::Ok()
                    .insert_header((header::CACHE_CONTROL, "public, max-age=60"))
                    .finish()
            }),
        ))
        .await;
        let res = call_service(&app, TestRequest::get().uri("/asset").to_request()).await;
        assert_eq!(
            value(res.headers(), header::CACHE_CONTROL),
            "public, max-age=60"
        );
    }

    #[test]
    fn the_policy_allows_nothing_inline() {
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe"));
        assert!(CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
    }
}
