//! HTTP: routes, handlers and the mapping of errors to responses. The only module that knows HTTP.

mod analysts;
mod api_json;
mod auth;
mod campaigns;
pub mod client;
mod error;
mod error_pages;
mod health;
pub mod i18n;
mod openapi;
mod questionnaires;
mod reports;
mod request_span;
pub mod security; // the web security layer (headers, CSRF, rate limits)
mod static_files;
mod survey;

use std::sync::Arc;

use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, web};

use crate::config::Settings;
use crate::questionnaire::Catalogue;
use crate::storage::{DbConn, DbPool, StorageError};

pub use error::WebError;
pub use error_pages::error_pages;
pub use request_span::RedactedRootSpan;
pub use security::RateLimits;

/// The prefix of the JSON API; every other address is a page.
const API_PREFIX: &str = "/api/";

/// Whether `req` is for the JSON API, judged on the path as the router matched it (percent-
/// encoded letters decoded), so every spelling the router sends to the API is treated so.
fn is_api(req: &HttpRequest) -> bool {
    req.match_info().as_str().starts_with(API_PREFIX)
}

/// What every handler may use, shared by all workers.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub catalogue: Arc<Catalogue>,
    pub settings: Arc<Settings>,
}

/// Runs database work on the blocking pool with a pooled connection.
pub async fn with_conn<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&mut DbConn) -> Result<T, WebError> + Send + 'static,
) -> Result<T, WebError> {
    let pool = state.pool.clone();
    web::block(move || {
        let mut conn = pool.get().map_err(StorageError::from)?;
        work(&mut conn)
    })
    .await
    .map_err(WebError::internal)?
}

/// Registers every route, the rate-limited ones wrapped in `limits`. Each path is one
/// resource holding all its methods, so a wrong method gets 405 with an `Allow` header
/// rather than 404; extractor refusals become [`WebError`]s, and [`error_pages`] gives
/// every error its HTML or JSON form.
pub fn routes(cfg: &mut web::ServiceConfig, limits: &RateLimits) {
    cfg.app_data(
        web::JsonConfig::default().error_handler(|err, _: &HttpRequest| {
            WebError::BadRequest(format!(
                "the request body is not what this endpoint takes: {err}"
            ))
            .into()
        }),
    )
    .app_data(
        web::PathConfig::default().error_handler(|err, _: &HttpRequest| {
            WebError::NotFound(format!("no such resource: {err}")).into()
        }),
    )
    .app_data(
        web::QueryConfig::default().error_handler(|err, _: &HttpRequest| {
            WebError::BadRequest(format!("the address's query is not understood: {err}")).into()
        }),
    )
    .app_data(
        web::FormConfig::default().error_handler(|err, _: &HttpRequest| {
            WebError::BadRequest(format!("the form could not be read: {err}")).into()
        }),
    )
    .service(web::resource("/health").get(health::health))
    .service(web::resource(static_files::STYLESHEET_PATH).get(static_files::stylesheet))
    .configure(|cfg| survey::routes(cfg, limits))
    .configure(|cfg| analysts::routes(cfg, limits))
    .service(
        web::resource("/campaigns/{id}/reports")
            .get(reports::show_reports)
            .post(reports::rebuild_reports),
    )
    .service(web::resource("/campaigns/{id}/reports/{file}").get(reports::download_file))
    .service(
        web::resource("/campaigns/{id}/reports/radars/{response_id}")
            .get(reports::radars::show_radar),
    )
    .service(api_routes());
}

/// The JSON API under `/api/v1`: the public routes, then the ones that want an analyst's
/// token in a scope wrapped in [`auth::require_api_analyst`]. The token is checked there
/// before anything else runs, body parsing included, so a bad token always gets 401. Any
/// other path under `/api/v1` lands in that scope too, and gets 401 without a valid token.
fn api_routes() -> actix_web::Scope {
    web::scope("/api/v1")
        .service(web::resource("/openapi.json").get(openapi::openapi_document))
        .service(web::resource("/questionnaires").get(questionnaires::list_questionnaires))
        .service(web::resource("/questionnaires/{id}").get(questionnaires::show_questionnaire))
        .service(
            web::scope("")
                .wrap(from_fn(auth::require_api_analyst))
                // A documented path asked with another method gets 405 and `Allow`, not 404.
                .default_service(web::to(openapi::unrouted))
                .configure(api_for_analysts),
        )
}

/// The API routes that want an analyst's token.
fn api_for_analysts(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/campaigns")
            .get(campaigns::list_campaigns)
            .post(campaigns::create_campaign),
    )
    .service(web::resource("/campaigns/{id}").get(campaigns::show_campaign))
    .service(web::resource("/campaigns/{id}/close").post(campaigns::close_campaign))
    .service(
        web::resource("/campaigns/{id}/participants")
            .get(campaigns::list_campaign_participants)
            .post(campaigns::import_participants),
    )
    .service(
        web::resource("/campaigns/{id}/invitations")
            .get(campaigns::list_invitations)
            .post(campaigns::send_invitations),
    )
    .service(web::resource("/campaigns/{id}/invitations/revoke").post(campaigns::revoke_invitation))
    .service(web::resource("/campaigns/{id}/reminders").post(campaigns::send_reminders))
    .service(
        web::resource("/campaigns/{id}/reports")
            .get(reports::api::list_reports)
            .post(reports::api::build_reports),
    )
    .service(web::resource("/campaigns/{id}/reports/{file}").get(reports::api::download_report))
    .service(
        web::resource("/campaigns/{id}/reports/radars/{response_id}")
            .get(reports::radars::download_radar),
    );
}
