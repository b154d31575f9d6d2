//! Security headers on every response, including errors and refusals.

use std::collections::BTreeSet;

use actix_web::http::header;
use actix_web::middleware::DefaultHeaders;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

/// Only our own scripts, styles, images and form targets; no framing, no plugins, no `<base>`.
/// There is no `'unsafe-inline'`: templates must not carry `style=""` or inline `<script>`.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; \
    base-uri 'none'; object-src 'none'";

/// The site's policy with exactly the `style` attributes of `html` allowed, by hash.
///
/// For a page that shows a rendered mail in a sandboxed `srcdoc` frame: such a frame
/// inherits the page's policy, and a mail's HTML part must style itself inline, as mail
/// programs ignore stylesheets. Only those attribute values are let through
/// (`'unsafe-hashes'` covers attributes, not `<style>` elements or scripts).
pub fn policy_allowing_style_attributes(html: &str) -> String {
    let hashes: BTreeSet<String> = style_attributes(html)
        .map(|value| {
            let digest = Sha256::digest(decode_entities(value).as_bytes());
            format!("'sha256-{}'", STANDARD.encode(digest))
        })
        .collect();
    if hashes.is_empty() {
        return CONTENT_SECURITY_POLICY.to_owned();
    }
    let allowed = hashes.into_iter().collect::<Vec<_>>().join(" ");
    CONTENT_SECURITY_POLICY.replace(
        "style-src 'self';",
        &format!("style-src 'self' 'unsafe-hashes' {allowed};"),
    )
}

/// The values of the double-quoted `style` attributes in `html`, as written.
fn style_attributes(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices(" style=\"")
        .filter_map(move |(at, found)| {
            let rest = &html[at + found.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
}

/// An attribute value as the browser reads it: character references decoded.
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after.find(';').and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

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

    #[test]
    fn a_mail_preview_allows_its_own_style_attributes_and_nothing_more() {
        let html = "<body style=\"margin:0\"><p style=\"font-family:&#39;Courier New&#39;\">\
                    <span style=\"margin:0\">x</span></p></body>";
        let policy = policy_allowing_style_attributes(html);
        let hash = |v: &str| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(v)));
        assert_eq!(
            policy,
            CONTENT_SECURITY_POLICY.replace(
                "style-src 'self';",
                &format!(
                    "style-src 'self' 'unsafe-hashes' {};",
                    // Sorted, each value once, hashed as the browser decodes it.
                    {
                        let mut h = [hash("margin:0"), hash("font-family:'Courier New'")];
                        h.sort();
                        h.join(" ")
                    }
                )
            )
        );
        assert!(policy.contains("script-src 'self';"));
        assert_eq!(
            policy_allowing_style_attributes("<p>plain</p>"),
            CONTENT_SECURITY_POLICY
        );
    }

    #[test]
    fn character_references_are_decoded_and_stray_ampersands_kept() {
        assert_eq!(
            decode_entities("a&amp;b&#60;&#x3e;&quot;&apos;"),
            "a&b<>\"'"
        );
        assert_eq!(
            decode_entities("fish & chips &nope; &#xZZ;"),
            "fish & chips &nope; &#xZZ;"
        );
    }
}
