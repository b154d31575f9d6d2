//! The span every request is logged in: tracing-actix-web's fields, with link tokens redacted.
//!
//! tracing-actix-web's own `root_span!` records the raw path and query as `http.target`, so
//! `/r/<token>/…` would sit in every line logged during a respondent's request, and in any
//! other layer that reads spans. This builder records the same OpenTelemetry-style fields,
//! but the target (and any error text) passes through [`redact_links`] first. The log
//! formatter redacts whole lines as well; this keeps the span itself clean.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, Version};
use actix_web::{Error, HttpMessage, ResponseError};
use tracing::Span;
use tracing::field::Empty;
use tracing_actix_web::{RequestId, RootSpanBuilder};

use crate::telemetry::redact_links;

/// The [`RootSpanBuilder`] of [`TracingLogger`](tracing_actix_web::TracingLogger).
pub struct RedactedRootSpan;

impl RootSpanBuilder for RedactedRootSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let method = request.method().as_str();
        let route = request.match_pattern().unwrap_or_else(|| "default".into());
        let target = request.uri().path_and_query().map_or("", |p| p.as_str());
        let user_agent = request
            .headers()
            .get("User-Agent")
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        let request_id = request.extensions().get::<RequestId>().copied();
        let info = request.connection_info();
        // The same client address the rate limits and the audit log use: forwarded headers
        // count only from a trusted proxy, so a client cannot write another address here.
        let client = request
            .app_data::<actix_web::web::Data<super::AppState>>()
            .and_then(|state| {
                super::client::client_address(request.request(), &state.settings.trusted_proxies)
            })
            .map(|ip| ip.to_string())
            .unwrap_or_default();
        tracing::info_span!(
            "HTTP request",
            http.method = %method,
            http.route = %route,
            http.flavor = %flavor(request.version()),
            http.scheme = %info.scheme(),
            http.host = %redact_links(info.host()),
            http.client_ip = %client,
            http.user_agent = %redact_links(user_agent),
            http.target = %redact_links(target),
            http.status_code = Empty,
            otel.name = %format!("{method} {route}"),
            otel.kind = "server",
            otel.status_code = Empty,
            request_id = request_id.map(tracing::field::display),
            exception.message = Empty,
            exception.details = Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        match outcome {
            Ok(response) => match response.response().error() {
                Some(error) => record_error(&span, response.status(), error.as_response_error()),
                None => {
                    span.record("http.status_code", response.status().as_u16());
                    span.record("otel.status_code", "OK");
                }
            },
            Err(error) => {
                let error = error.as_response_error();
                record_error(&span, error.status_code(), error);
            }
        }
    }
}

/// The HTTP version as OpenTelemetry writes it (`1.1`, `2.0`).
fn flavor(version: Version) -> &'static str {
    match version {
        Version::HTTP_09 => "0.9",
        Version::HTTP_10 => "1.0",
        Version::HTTP_2 => "2.0",
        Version::HTTP_3 => "3.0",
        _ => "1.1",
    }
}

/// As tracing-actix-web records an error, but the texts may quote the path, so they are
/// redacted too.
fn record_error(span: &Span, status: StatusCode, error: &dyn ResponseError) {
    span.record(
        "exception.message",
        tracing::field::display(redact_links(&error.to_string())),
    );
    span.record(
        "exception.details",
        tracing::field::display(redact_links(&format!("{error:?}"))),
    );
    span.record("http.status_code", status.as_u16());
    let otel = if status.is_client_error() {
        "OK"
    } else {
        "ERROR"
    };
    span.record("otel.status_code", otel);
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;
    use crate::telemetry::testing::Captured;

    #[test]
    fn the_span_itself_records_a_redacted_target() {
        let log = Captured::default();
        // tracing-subscriber's own formatter, not the redacting one: the span must be clean.
        let subscriber = tracing_subscriber::fmt()
            .with_writer(log.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let req = TestRequest::get()
                .uri("/r/SomeLinkTokenThatMustNotBeLogged/s/2?lang=de")
                .insert_header(("User-Agent", "agent"))
                .to_srv_request();
            let span = RedactedRootSpan::on_request_start(&req);
            span.in_scope(|| tracing::info!("inside"));
        });
        let text = log.text();
        assert!(text.contains("http.target=/r/["), "{text}");
        assert!(text.contains("]/s/2?lang=de"), "{text}");
        assert!(!text.contains("SomeLinkToken"), "{text}");
    }
}
