//! The rate limit on `POST /login`, per client address: a burst of [`BURST`] attempts, then
//! one every [`REFILL_SECONDS`] seconds. Same shape as the respondent limit in
//! `web::security`: one governor wraps the whole app and counts only this route.

use std::net::{IpAddr, Ipv4Addr};

use actix_governor::governor::NotUntil;
use actix_governor::governor::clock::{Clock, DefaultClock, QuantaInstant};
use actix_governor::governor::middleware::NoOpMiddleware;
use actix_governor::{
    GovernorConfig, GovernorConfigBuilder, KeyExtractor, SimpleKeyExtractionError,
};
use actix_web::dev::ServiceRequest;
use actix_web::http::Method;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, HttpResponseBuilder};

/// Login attempts one address may make at once.
pub const BURST: u32 = 5;

/// After a burst, one more attempt every this many seconds.
pub const REFILL_SECONDS: u64 = 10;

/// The limiter configuration: make it once per server, outside `HttpServer::new`, and give
/// every worker `actix_governor::Governor::new(&config)`, so that all workers count together.
pub type LoginRateLimit = GovernorConfig<LoginKey, NoOpMiddleware>;

/// A fresh limiter for `POST /login`; beyond it, 429 with a short text and `Retry-After`.
pub fn login_rate_limit() -> LoginRateLimit {
    GovernorConfigBuilder::default()
        .key_extractor(LoginKey)
        .seconds_per_request(REFILL_SECONDS)
        .burst_size(BURST)
        .methods(vec![Method::POST])
        .finish()
        // Only a zero period or burst make `finish` fail; both are non-zero constants.
        .unwrap_or_else(|| unreachable!("the rate limit constants are non-zero"))
}

/// The key: the TCP peer's address for `POST /login`, `None` (never limited) otherwise.
#[derive(Clone, Copy, Debug)]
pub struct LoginKey;

impl KeyExtractor for LoginKey {
    type Key = Option<IpAddr>;
    type KeyExtractionError = SimpleKeyExtractionError<&'static str>;

    fn extract(&self, req: &ServiceRequest) -> Result<Self::Key, Self::KeyExtractionError> {
        if req.path() != "/login" {
            return Ok(None);
        }
        let ip = req
            .peer_addr()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |peer| peer.ip());
        Ok(Some(ip))
    }

    fn exceed_rate_limit_response(
        &self,
        negative: &NotUntil<QuantaInstant>,
        mut response: HttpResponseBuilder,
    ) -> HttpResponse {
        let wait = negative
            .wait_time_from(DefaultClock::default().now())
            .as_secs()
            .max(1);
        response
            .content_type(ContentType::plaintext())
            .body(format!(
                "Too many login attempts: please wait {wait} s and try again.\n"
            ))
    }

    fn whitelisted_keys(&self) -> Vec<Self::Key> {
        vec![None]
    }
}

#[cfg(test)]
mod tests {
    use actix_governor::Governor;
    use actix_web::http::StatusCode;
    use actix_web::test::{TestRequest, call_service, init_service};
    use actix_web::{App, HttpResponse, web};

    use super::*;

    #[actix_web::test]
    async fn login_posts_are_limited_after_a_burst_and_the_form_is_not() {
        let config = login_rate_limit();
        let app = init_service(
            App::new()
                .wrap(Governor::new(&config))
                .route("/login", web::get().to(HttpResponse::Ok))
                .route("/login", web::post().to(HttpResponse::Ok)),
        )
        .await;
        let mut statuses = Vec::new();
        for _ in 0..(BURST + 2) {
            let req = TestRequest::post().uri("/login").to_request();
            statuses.push(call_service(&app, req).await.status());
        }
        assert!(
            statuses[..BURST as usize]
                .iter()
                .all(|s| *s == StatusCode::OK)
        );
        assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
        let res = call_service(&app, TestRequest::get().uri("/login").to_request()).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
}
