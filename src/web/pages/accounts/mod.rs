//! The accounts pages: admins list, add and manage accounts (`/admin/analysts…`), every
//! analyst sees their own account and API tokens (`/account…`), and whoever got a password
//! link sets their password (`/password/{token}`, rate limited like `/r/{token}`).
//!
//! Every change goes through the `accounts` operation the CLI and the API use, which
//! audits it; a non-admin gets the 403 page on every `/admin/` address.

mod admin_detail;
mod admin_list;
mod own;
mod password;
mod reviewer;
mod views;

use actix_web::web;

use crate::web::security::{RateLimits, rate_limited};

/// Registers the accounts pages, one resource per path (a wrong method gets 405).
pub fn routes(cfg: &mut web::ServiceConfig, limits: &RateLimits) {
    cfg.service(
        web::resource("/admin/analysts")
            .get(admin_list::show_accounts)
            .post(admin_list::add_account),
    )
    .service(web::resource("/admin/analysts/{id}").get(admin_detail::show_account))
    .service(web::resource("/admin/analysts/{id}/disable").post(admin_detail::disable_account))
    .service(
        web::resource("/admin/analysts/{id}/password-link").post(admin_detail::send_password_link),
    )
    .service(
        web::resource("/admin/analysts/{id}/may-create-campaigns")
            .post(admin_detail::set_may_create),
    )
    .service(web::resource("/admin/analysts/{id}/campaigns").post(admin_detail::assign_campaign))
    .service(
        web::resource("/admin/analysts/{id}/campaigns/{campaign_id}/unassign")
            .post(admin_detail::unassign_campaign),
    )
    .service(
        web::resource("/admin/analysts/{id}/campaigns/{campaign_id}/reviewer")
            .post(reviewer::set_reviewer),
    )
    .service(
        web::resource("/admin/analysts/{id}/tokens/{token_id}/revoke")
            .post(admin_detail::revoke_token),
    )
    .service(web::resource("/account").get(own::show_own_account))
    .service(web::resource("/account/tokens").post(own::create_token))
    .service(web::resource("/account/tokens/{token_id}/revoke").post(own::revoke_token))
    .service(
        web::scope("/password/{token}")
            .wrap(rate_limited(&limits.password_link))
            .service(
                web::resource("")
                    .get(password::show_password_form)
                    .post(password::set_password),
            ),
    );
}
