//! The analyst's pages: login, logout, the list of their campaigns and each one's dashboard.
//!
//! Pages use the session cookie ([`CurrentAnalyst`](super::auth::CurrentAnalyst)); every
//! form carries the CSRF field; `POST /login` is rate limited per client address.

mod dashboard;
mod pages;

use actix_web::web;

use super::security::{RateLimits, rate_limited};

/// Registers the analyst pages; `POST /login` counts against `limits.login`.
pub fn routes(cfg: &mut web::ServiceConfig, limits: &RateLimits) {
    cfg.route("/login", web::get().to(pages::show_login))
        .route(
            "/login",
            web::post()
                .to(pages::log_in)
                .wrap(rate_limited(&limits.login)),
        )
        .route("/logout", web::post().to(pages::log_out))
        .route("/campaigns", web::get().to(pages::list_campaigns))
        .route("/campaigns/{id}", web::get().to(dashboard::show_dashboard))
        .route(
            "/campaigns/{id}/invite",
            web::post().to(dashboard::invite_participants),
        )
        .route(
            "/campaigns/{id}/remind",
            web::post().to(dashboard::remind_participants),
        )
        .route(
            "/campaigns/{id}/close",
            web::post().to(dashboard::close_campaign),
        );
}
