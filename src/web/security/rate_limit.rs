//! The rate limits, per client address, by `actix-governor`: one limiter type, wrapped on
//! the routes it guards (the `POST /login` route, the respondent `/r/{token}` scope and the
//! password-link `/password/{token}` scope).
//!
//! Wrapping the route rather than the app means the limiter runs for every request the
//! router hands to that route, however its path was spelled (percent-encoded letters and
//! all); nothing compares path strings.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;
use std::time::Duration;

use actix_governor::governor::NotUntil;
use actix_governor::governor::clock::{Clock, DefaultClock, QuantaInstant};
use actix_governor::governor::middleware::NoOpMiddleware;
use actix_governor::{
    Governor, GovernorConfig, GovernorConfigBuilder, KeyExtractor, SimpleKeyExtractionError,
};
use actix_web::dev::ServiceRequest;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, HttpResponseBuilder};

use crate::config::TrustedProxies;
use crate::web::client::client_address;

/// Login attempts one address may make at once.
pub const LOGIN_BURST: u32 = 5;

/// After a burst, one more login attempt every this long.
pub const LOGIN_REFILL: Duration = Duration::from_secs(10);

/// Respondent page requests one address may send at once.
pub const RESPONDENT_BURST: u32 = 60;

/// After a burst, one more respondent request every this long (two a second).
pub const RESPONDENT_REFILL: Duration = Duration::from_millis(500);

/// Requests to password-link pages one address may send at once: setting a password runs
/// argon2, so fewer than a respondent's.
pub const PASSWORD_LINK_BURST: u32 = 20;

/// After a burst, one more password-link request every this long.
pub const PASSWORD_LINK_REFILL: Duration = Duration::from_secs(1);

/// One rate limit: wrap [`RateLimit::middleware`] on each route or scope it guards.
pub type RateLimit = GovernorConfig<ClientKey, NoOpMiddleware>;

/// Every rate limit of the service. Make it once per server, outside `HttpServer::new`, so
/// that all workers count together.
#[derive(Clone)]
pub struct RateLimits {
    /// `POST /login`: a burst of [`LOGIN_BURST`], then one every [`LOGIN_REFILL`].
    pub login: RateLimit,
    /// Everything under `/r/{token}`: a burst of [`RESPONDENT_BURST`], then one every
    /// [`RESPONDENT_REFILL`].
    pub respondent: RateLimit,
    /// Everything under `/password/{token}`: a burst of [`PASSWORD_LINK_BURST`], then one
    /// every [`PASSWORD_LINK_REFILL`].
    pub password_link: RateLimit,
}

impl RateLimits {
    /// Fresh limits, keyed by the client address behind any of `trusted` proxies.
    pub fn new(trusted: &TrustedProxies) -> RateLimits {
        let trusted = Arc::new(trusted.clone());
        RateLimits {
            login: limit(
                ClientKey::new(&trusted, Refusal::Login),
                LOGIN_REFILL,
                LOGIN_BURST,
            ),
            respondent: limit(
                ClientKey::new(&trusted, Refusal::Respondent),
                RESPONDENT_REFILL,
                RESPONDENT_BURST,
            ),
            password_link: limit(
                ClientKey::new(&trusted, Refusal::PasswordLink),
                PASSWORD_LINK_REFILL,
                PASSWORD_LINK_BURST,
            ),
        }
    }
}

fn limit(key: ClientKey, period: Duration, burst: u32) -> RateLimit {
    GovernorConfigBuilder::default()
        .key_extractor(key)
        .period(period)
        .burst_size(burst)
        .finish()
        // Only a zero period or burst make `finish` fail; both are non-zero constants.
        .unwrap_or_else(|| unreachable!("the rate limit constants are non-zero"))
}

/// The middleware for one route or scope; every worker's copy shares the count.
pub fn rate_limited(limit: &RateLimit) -> Governor<ClientKey, NoOpMiddleware> {
    Governor::new(limit)
}

/// What a refusal says.
#[derive(Clone, Copy, Debug)]
pub enum Refusal {
    Login,
    Respondent,
    PasswordLink,
}

/// The key: the client address ([`client_address`]), IPv6 by /56 prefix as providers hand
/// them out, so that one subscriber cannot walk through its own addresses.
#[derive(Clone, Debug)]
pub struct ClientKey {
    trusted: Arc<TrustedProxies>,
    refusal: Refusal,
}

impl ClientKey {
    fn new(trusted: &Arc<TrustedProxies>, refusal: Refusal) -> ClientKey {
        ClientKey {
            trusted: trusted.clone(),
            refusal,
        }
    }
}

impl KeyExtractor for ClientKey {
    type Key = IpAddr;
    type KeyExtractionError = SimpleKeyExtractionError<&'static str>;

    fn extract(&self, req: &ServiceRequest) -> Result<Self::Key, Self::KeyExtractionError> {
        // No peer address only happens off a real socket (tests); such callers share one key.
        let ip = client_address(req.request(), &self.trusted)
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        Ok(per_subscriber(ip))
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
        let text = match self.refusal {
            Refusal::Login => {
                format!("Too many login attempts: please wait {wait} s and try again.\n")
            }
            Refusal::PasswordLink => {
                format!("Too many requests: please wait {wait} s and try again.\n")
            }
            Refusal::Respondent => format!(
                "Too many requests: please wait {wait} s and try again.\n\
                 Zu viele Anfragen: bitte {wait} s warten und erneut versuchen.\n"
            ),
        };
        response.content_type(ContentType::plaintext()).body(text)
    }
}

fn per_subscriber(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from_bits(v6.to_bits() & !((1u128 << 72) - 1))),
    }
}

#[cfg(test)]
#[path = "rate_limit_tests.rs"]
mod tests;
