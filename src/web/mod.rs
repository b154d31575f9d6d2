//! HTTP: routes, handlers and the mapping of errors to responses. The only module that knows HTTP.

mod analysts;
mod api_json;
mod auth;
mod campaigns;
mod error;
mod health;
pub mod i18n;
mod openapi;
mod questionnaires;
mod reports;
pub mod security; // the web security layer (headers, CSRF, rate limit)
mod static_files;
mod survey;

use std::sync::Arc;

use actix_web::{HttpRequest, web};

use crate::config::Settings;
use crate::questionnaire::Catalogue;
use crate::storage::{DbConn, DbPool, StorageError};

pub use analysts::{LoginKey, LoginRateLimit, login_rate_limit};
pub use error::WebError;

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

/// Registers every route.
pub fn routes(cfg: &mut web::ServiceConfig) {
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
    .configure(survey::routes)
    .configure(analysts::routes)
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
            // A documented path asked with another method gets 405 and `Allow`, not 404.
            .default_service(web::to(openapi::unrouted))
            .route("/openapi.json", web::get().to(openapi::openapi_document))
            .route(
                "/questionnaires",
                web::get().to(questionnaires::list_questionnaires),
            )
            .route(
                "/questionnaires/{id}",
                web::get().to(questionnaires::show_questionnaire),
            )
            .route("/campaigns", web::get().to(campaigns::list_campaigns))
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
            ),
    );
}
