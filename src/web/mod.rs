//! HTTP: routes, handlers and the mapping of errors to responses. The only module that knows HTTP.

mod access;
mod admin;
mod api;
mod auth;
pub mod client;
mod error;
mod evidence_files;
mod health;
pub(crate) mod pages;
mod report_files;
mod request_span;
mod response_reading;
mod review_decision;
pub mod security; // the web security layer (headers, CSRF, rate limits)

use std::sync::Arc;

use actix_web::{HttpRequest, web};

use crate::config::Settings;
use crate::questionnaire::Catalogue;
use crate::storage::{DbConn, DbPool, GroupCommit, PooledConn, StorageError};

pub use error::WebError;
pub use pages::error_pages::error_pages;
pub use pages::i18n;
pub use pages::notice::Notices;
pub use pages::{UPLOAD_ROUTES, upload};
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
    /// Where respondents' saves go to be committed, together on SQLite.
    pub saves: GroupCommit,
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

/// [`with_conn`], keeping the connection for a save that follows on PostgreSQL (see
/// `GroupCommit::run_on`); on SQLite it goes back to the pool at once, as the saves have a
/// writer of their own.
pub async fn with_conn_kept<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&mut DbConn) -> Result<T, WebError> + Send + 'static,
) -> Result<(T, Option<PooledConn>), WebError> {
    let pool = state.pool.clone();
    web::block(move || {
        let mut conn = pool.get().map_err(StorageError::from)?;
        let done = work(&mut conn)?;
        let kept = matches!(*conn, DbConn::Pg(_)).then_some(conn);
        Ok((done, kept))
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
    .configure(|cfg| pages::routes(cfg, limits))
    .service(api::routes());
}
