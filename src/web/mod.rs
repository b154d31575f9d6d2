//! HTTP: routes, handlers and the mapping of errors to responses. The only module that knows HTTP.

mod error;
mod health;
mod questionnaires;

use std::sync::Arc;

use actix_web::web;

use crate::questionnaire::Catalogue;
use crate::storage::DbPool;

pub use error::WebError;

/// What every handler may use, shared by all workers.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub catalogue: Arc<Catalogue>,
}

/// Registers every route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/health", web::get().to(health::health)).service(
        web::scope("/api/v1")
            .route(
                "/questionnaires",
                web::get().to(questionnaires::list_questionnaires),
            )
            .route(
                "/questionnaires/{id}",
                web::get().to(questionnaires::show_questionnaire),
            ),
    );
}
