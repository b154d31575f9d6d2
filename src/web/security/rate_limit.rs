//! The rate limit on respondent links (`/r/*`), per client address, by `actix-governor`.
//!
//! The limiter wraps the whole app but only counts paths under [`LIMITED`]: its key is
//! `None` for every other path, and `None` is never limited. That way startup wraps once and
//! the route table needs no changes.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use actix_governor::governor::NotUntil;
use actix_governor::governor::clock::{Clock, DefaultClock, QuantaInstant};
use actix_governor::governor::middleware::NoOpMiddleware;
use actix_governor::{
    GovernorConfig, GovernorConfigBuilder, KeyExtractor, SimpleKeyExtractionError,
};
use actix_web::dev::ServiceRequest;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, HttpResponseBuilder};

/// The path prefixes that are rate limited.
const LIMITED: [&str; 1] = ["/r/"];

/// Requests one address may send at once before it has to wait.
const BURST: u32 = 60;

/// After a burst, one more request every this many milliseconds (two a second).
const REFILL_MILLIS: u64 = 500;

/// The limiter configuration: make it once per server, outside `HttpServer::new`, and give
/// every worker `actix_governor::Governor::new(&config)`, so that all workers count together.
pub type RespondentRateLimit = GovernorConfig<RespondentKey, NoOpMiddleware>;

/// A fresh limiter for `/r/*`: a burst of 60 requests per client address, then 2 a second;
/// beyond that, 429 with a short text and `Retry-After`.
pub fn respondent_rate_limit() -> RespondentRateLimit {
    GovernorConfigBuilder::default()
        .key_extractor(RespondentKey)
        .milliseconds_per_request(REFILL_MILLIS)
        .burst_size(BURST)
        .finish()
        // Only a zero period or burst make `finish` fail; both are non-zero constants.
        .unwrap_or_else(|| unreachable!("the rate limit constants are non-zero"))
}

/// The rate-limiting key: the peer address (IPv6 by /56 prefix, as providers hand out) for
/// limited paths, `None` for the rest.
///
/// The peer is the TCP peer, not `X-Forwarded-For`: behind a reverse proxy every respondent
/// shares the proxy's budget. Trusting forwarded headers would need a setting naming the
/// proxy, which there is not yet.
#[derive(Clone, Copy, Debug)]
pub struct RespondentKey;

impl KeyExtractor for RespondentKey {
    type Key = Option<IpAddr>;
    type KeyExtractionError = SimpleKeyExtractionError<&'static str>;

    fn extract(&self, req: &ServiceRequest) -> Result<Self::Key, Self::KeyExtractionError> {
        let path = req.path();
        if !LIMITED.iter().any(|prefix| path.starts_with(prefix)) {
            return Ok(None);
        }
        // No peer address only happens off a real socket (tests); such callers share one key.
        let ip = req
            .peer_addr()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |peer| peer.ip());
        Ok(Some(per_subscriber(ip)))
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
                "Too many requests: please wait {wait} s and try again.\n\
             Zu viele Anfragen: bitte {wait} s warten und erneut versuchen.\n"
            ))
    }

    fn whitelisted_keys(&self) -> Vec<Self::Key> {
        vec![None]
    }
}

fn per_subscriber(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from_bits(v6.to_bits() & !((1u128 << 72) - 1))),
        },
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
    async fn respondent_links_are_limited_after_a_burst_and_nothing_else_is() {
        let config = respondent_rate_limit();
        let app = init_service(
            App::new()
                .wrap(Governor::new(&config))
                .route("/r/{token}", web::get().to(HttpResponse::Ok))
                .route("/health", web::get().to(HttpResponse::Ok)),
        )
        .await;
        let peer = "192.0.2.7:4000".parse().ok();
        let mut statuses = Vec::new();
        for _ in 0..(BURST + 20) {
            let mut req = TestRequest::get().uri("/r/some-token");
            if let Some(peer) = peer {
                req = req.peer_addr(peer);
            }
            statuses.push(call_service(&app, req.to_request()).await.status());
        }
        assert!(
            statuses[..BURST as usize]
                .iter()
                .all(|s| *s == StatusCode::OK)
        );
        assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));

        for _ in 0..(BURST + 20) {
            let res = call_service(&app, TestRequest::get().uri("/health").to_request()).await;
            assert_eq!(res.status(), StatusCode::OK);
        }
    }

    #[test]
    fn ipv6_addresses_share_a_slash_56() {
        let a: IpAddr = "2001:db8:aa:bb01::1".parse().expect("an address literal");
        let b: IpAddr = "2001:db8:aa:bbff::2".parse().expect("an address literal");
        let c: IpAddr = "2001:db8:aa:cc00::1".parse().expect("an address literal");
        assert_eq!(per_subscriber(a), per_subscriber(b));
        assert_ne!(per_subscriber(a), per_subscriber(c));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().expect("an address literal");
        assert_eq!(
            per_subscriber(mapped),
            IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))
        );
    }
}
