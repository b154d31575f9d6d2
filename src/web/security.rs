//! The web security layer: response headers, CSRF protection, the rate limits and the
//! pages that say no without saying why.
//!
//! [`Application::build`](crate::startup::Application::build) wraps the whole app, innermost
//! first: [`CsrfProtection::middleware`], its upload guard ([`CsrfProtection::upload_routes`]),
//! [`route_page_methods`], [`csrf_error_page`], then [`security_headers`], so
//! that every refusal still carries the headers. The [`RateLimits`] wrap the routes they
//! guard (see [`rate_limited`]).

mod csrf;
mod headers;
mod methods;
pub(crate) mod pages;
mod rate_limit;
mod upload_routes;

pub use csrf::{CSRF_FIELD, CsrfProtection, CsrfToken, csrf_error_page};
pub use headers::{CONTENT_SECURITY_POLICY, policy_allowing_style_attributes, security_headers};
pub use methods::{asked_method, route_page_methods};
pub use pages::{browser_language, form_expired_page, not_found_page};
pub use rate_limit::{ClientKey, RateLimit, RateLimits, rate_limited};
pub use upload_routes::UploadRoutes;
