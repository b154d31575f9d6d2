//! The analyst's pages: login, logout, the list of their campaigns and each one's dashboard.
//!
//! Pages use the session cookie ([`CurrentAnalyst`](super::auth::CurrentAnalyst)); every
//! form carries the CSRF field; `POST /login` is rate limited per client address.

mod dashboard;
mod pages;
mod rate_limit;

use actix_web::web;

pub use rate_limit::{LoginKey, LoginRateLimit, login_rate_limit};

/// Registers the analyst pages, one resource per path (a wrong method gets 405).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/login")
            .get(pages::show_login)
            .post(pages::log_in),
    )
    .service(web::resource("/logout").post(pages::log_out))
    .service(web::resource("/campaigns").get(pages::list_campaigns))
    .service(web::resource("/campaigns/{id}").get(dashboard::show_dashboard))
    .service(web::resource("/campaigns/{id}/invite").post(dashboard::invite_participants))
    .service(web::resource("/campaigns/{id}/remind").post(dashboard::remind_participants))
    .service(web::resource("/campaigns/{id}/close").post(dashboard::close_campaign));
}
