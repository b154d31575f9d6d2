//! The analyst's pages: login, logout, the list of their campaigns and each one's dashboard.
//!
//! Pages use the session cookie ([`CurrentAnalyst`](super::auth::CurrentAnalyst)); every
//! form carries the CSRF field; `POST /login` is rate limited per client address.

mod dashboard;
mod pages;
mod rate_limit;

use actix_web::web;

pub use rate_limit::{LoginKey, LoginRateLimit, login_rate_limit};

/// Registers the analyst pages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/login", web::get().to(pages::show_login))
        .route("/login", web::post().to(pages::log_in))
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
