//! The stylesheet, compiled into the binary and served at `/static/liaison.css`.

use std::sync::LazyLock;

use actix_web::http::header::{self, ContentType};
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

/// The one stylesheet every page links.
const STYLESHEET: &str = include_str!("../../../assets/static/liaison.css");

/// The path the stylesheet is served at.
pub const STYLESHEET_PATH: &str = "/static/liaison.css";

/// A short content hash, so that a changed stylesheet gets a new URL.
static VERSION: LazyLock<String> = LazyLock::new(|| {
    Sha256::digest(STYLESHEET.as_bytes())
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect()
});

static HREF: LazyLock<String> = LazyLock::new(|| format!("{STYLESHEET_PATH}?v={}", *VERSION));

/// The URL to put in `<link rel="stylesheet" href="…">`: the path plus `?v=<content hash>`.
/// Browsers may keep that URL for a year; the bare path is only cached for an hour.
pub fn stylesheet_href() -> &'static str {
    HREF.as_str()
}

/// `GET /static/liaison.css`.
pub async fn stylesheet(req: HttpRequest) -> HttpResponse {
    let versioned = req.query_string() == format!("v={}", *VERSION);
    let cache = if versioned {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    HttpResponse::Ok()
        .content_type(ContentType(actix_web::mime::TEXT_CSS_UTF_8))
        .insert_header((header::CACHE_CONTROL, cache))
        .body(STYLESHEET)
}

#[cfg(test)]
mod tests {
    use actix_web::body::to_bytes;
    use actix_web::test::TestRequest;

    use super::*;

    fn header_of(res: &HttpResponse, name: header::HeaderName) -> String {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    #[actix_web::test]
    async fn the_versioned_url_is_cached_for_a_year_the_bare_one_for_an_hour() {
        let href = stylesheet_href();
        assert!(href.starts_with("/static/liaison.css?v="));
        let query = href.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let req = TestRequest::get().uri(href).to_http_request();
        assert_eq!(req.query_string(), query);
        let res = stylesheet(req).await;
        assert_eq!(
            header_of(&res, header::CONTENT_TYPE),
            "text/css; charset=utf-8"
        );
        assert!(header_of(&res, header::CACHE_CONTROL).contains("max-age=31536000"));
        let body = to_bytes(res.into_body()).await.unwrap_or_default();
        assert_eq!(body.as_ref(), STYLESHEET.as_bytes());

        let res = stylesheet(TestRequest::get().uri(STYLESHEET_PATH).to_http_request()).await;
        assert_eq!(
            header_of(&res, header::CACHE_CONTROL),
            "public, max-age=3600"
        );
    }

    #[test]
    fn the_stylesheet_loads_nothing_from_elsewhere() {
        for banned in ["url(", "@import", "http:", "https:", "expression("] {
            assert!(!STYLESHEET.contains(banned), "{banned}");
        }
    }

    /// A rule left open (as a merge once left `.notice-stale`) is no syntax error to a
    /// browser that reads nested CSS: every rule after it silently applies only inside it.
    /// Each section's heading comment therefore starts at the top level.
    #[test]
    fn every_section_of_the_stylesheet_starts_outside_any_rule() {
        let mut depth = 0_i32;
        for (n, line) in STYLESHEET.lines().enumerate() {
            if line.starts_with("/* ----") {
                assert_eq!(depth, 0, "line {}: {line} is inside an open rule", n + 1);
            }
            depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        }
        assert_eq!(depth, 0, "the stylesheet ends inside an open rule");
    }
}
