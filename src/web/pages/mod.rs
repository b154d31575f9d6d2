//! The HTML pages: the respondent's survey, the analyst's login, campaign list, dashboard,
//! invitation and reminder text, participants, reports and responses, the accounts pages
//! (admins' and one's own, and choosing a password from a mailed link), the stylesheet, and
//! the error pages every request's errors are turned into.

mod accounts;
mod analysts;
pub(crate) mod error_pages;
mod form_errors;
pub mod i18n;
mod layout;
mod mail_text;
pub(crate) mod notice;
mod participants;
pub(crate) mod peer;
mod reports;
mod responses;
pub(super) mod static_files;
pub(crate) mod survey;
pub mod upload;

/// The routes that take multipart forms (see `security::CsrfProtection::accepting_uploads_at`).
pub const UPLOAD_ROUTES: [&str; 2] = [participants::UPLOAD_ROUTE, survey::EVIDENCE_UPLOAD_ROUTE];

use actix_web::web;

use super::security::RateLimits;

/// Registers every page, the rate-limited ones wrapped in `limits`.
pub(super) fn routes(cfg: &mut web::ServiceConfig, limits: &RateLimits) {
    cfg.service(web::resource(static_files::STYLESHEET_PATH).get(static_files::stylesheet))
        .configure(|cfg| survey::routes(cfg, limits))
        .configure(|cfg| analysts::routes(cfg, limits))
        .configure(|cfg| accounts::routes(cfg, limits))
        .configure(responses::routes)
        .configure(participants::routes)
        .configure(peer::routes)
        .service(
            web::resource("/campaigns/{id}/reports")
                .get(reports::show_reports)
                .post(reports::rebuild_reports),
        )
        .service(
            web::resource("/campaigns/{id}/mail-text")
                .get(mail_text::show_mail_text)
                .post(mail_text::post_mail_text),
        )
        // Before `{file}`, which would take these names for report files it does not know.
        .service(
            web::resource("/campaigns/{id}/reports/archive.zip").get(reports::download_archive),
        )
        .service(
            web::resource("/campaigns/{id}/reports/workbook.xlsx").get(reports::download_workbook),
        )
        .service(web::resource("/campaigns/{id}/reports/{file}").get(reports::download_file))
        .service(web::resource("/campaigns/{id}/reports/charts/{file}").get(reports::show_chart))
        .service(
            web::resource("/campaigns/{id}/reports/radars/{response_id}").get(reports::show_radar),
        );
}
