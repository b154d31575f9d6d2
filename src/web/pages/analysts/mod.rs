//! The analyst's pages: login, logout, the list of their campaigns, creating one, and each
//! one's dashboard.
//!
//! Pages use the session cookie ([`CurrentAnalyst`](crate::web::auth::CurrentAnalyst)); every
//! form carries the CSRF field; `POST /login` is rate limited per client address.

mod create;
mod dashboard;
mod pages;

use actix_web::web;

use crate::web::security::{RateLimits, rate_limited};

/// Registers the analyst pages, one resource per path (a wrong method gets 405);
/// `POST /login` counts against `limits.login`.
pub fn routes(cfg: &mut web::ServiceConfig, limits: &RateLimits) {
    cfg.service(
        web::resource("/login").get(pages::show_login).route(
            web::post()
                .to(pages::log_in)
                .wrap(rate_limited(&limits.login)),
        ),
    )
    .service(web::resource("/logout").post(pages::log_out))
    .service(web::resource("/campaigns").get(pages::list_campaigns))
    // Before `/campaigns/{id}`, which would take "new" for an id.
    .service(
        web::resource("/campaigns/new")
            .get(create::show_new_campaign)
            .post(create::create_campaign),
    )
    .service(web::resource("/campaigns/{id}").get(dashboard::show_dashboard))
    .service(web::resource("/campaigns/{id}/invite").post(dashboard::invite_participants))
    .service(web::resource("/campaigns/{id}/remind").post(dashboard::remind_participants))
    .service(web::resource("/campaigns/{id}/close").post(dashboard::close_campaign));
}
