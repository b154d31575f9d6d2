//! HTTP: routes, handlers and the mapping of errors to responses. The only module that knows HTTP.

mod analysts;
mod auth;
mod campaigns;
pub mod client;
mod error;
mod health;
pub mod i18n;
mod openapi;
mod questionnaires;
mod reports;
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
pub use security::RateLimits;

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

/// Registers every route, the rate-limited ones wrapped in `limits`.
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
    .route("/health", web::get().to(health::health))
    .route(
        static_files::STYLESHEET_PATH,
        web::get().to(static_files::stylesheet),
    )
    .configure(|cfg| survey::routes(cfg, limits))
    .configure(|cfg| analysts::routes(cfg, limits))
    .route(
        "/campaigns/{id}/reports",
        web::get().to(reports::show_reports),
    )
    .route(
        "/campaigns/{id}/reports",
        web::post().to(reports::rebuild_reports),
    )
    .route(
        "/campaigns/{id}/reports/{file}",
        web::get().to(reports::download_file),
    )
    .route(
        "/campaigns/{id}/reports/radars/{response_id}",
        web::get().to(reports::radars::show_radar),
    )
    .service(
        web::scope("/api/v1")
            .route("/openapi.json", web::get().to(openapi::openapi_document))
            .route(
                "/questionnaires",
                web::get().to(questionnaires::list_questionnaires),
            )
            .route(
                "/questionnaires/{id}",
                web::get().to(questionnaires::show_questionnaire),
            )
            .service(
                web::scope("")
                    .wrap(from_fn(auth::require_api_analyst))
                    .configure(api_for_analysts),
            ),
    );
}

/// The API routes that want an analyst's token, registered inside a scope wrapped in
/// [`auth::require_api_analyst`]: the token is checked before anything else runs, body
/// parsing included, so a bad token always gets 401. Any other path under `/api/v1` lands
/// in that scope too, and gets 401 without a valid token.
fn api_for_analysts(cfg: &mut web::ServiceConfig) {
    cfg.route("/campaigns", web::get().to(campaigns::list_campaigns))
        .route("/campaigns", web::post().to(campaigns::create_campaign))
        .route("/campaigns/{id}", web::get().to(campaigns::show_campaign))
        .route(
            "/campaigns/{id}/close",
            web::post().to(campaigns::close_campaign),
        )
        .route(
            "/campaigns/{id}/participants",
            web::get().to(campaigns::list_campaign_participants),
        )
        .route(
            "/campaigns/{id}/participants",
            web::post().to(campaigns::import_participants),
        )
        .route(
            "/campaigns/{id}/invitations",
            web::get().to(campaigns::list_invitations),
        )
        .route(
            "/campaigns/{id}/invitations",
            web::post().to(campaigns::send_invitations),
        )
        .route(
            "/campaigns/{id}/invitations/revoke",
            web::post().to(campaigns::revoke_invitation),
        )
        .route(
            "/campaigns/{id}/reminders",
            web::post().to(campaigns::send_reminders),
        )
        .route(
            "/campaigns/{id}/reports",
            web::get().to(reports::list_reports),
        )
        .route(
            "/campaigns/{id}/reports",
            web::post().to(reports::build_reports),
        )
        .route(
            "/campaigns/{id}/reports/{file}",
            web::get().to(reports::download_report),
        )
        .route(
            "/campaigns/{id}/reports/radars/{response_id}",
            web::get().to(reports::radars::download_radar),
        );
}
