//! The loaded questionnaires, as JSON.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::questionnaire::{Audience, Model, Questionnaire};

use crate::web::error::ErrorBody;
use crate::web::{AppState, WebError};

/// One line of the questionnaire list.
#[derive(Serialize, utoipa::ToSchema)]
struct Summary<'a> {
    id: &'a str,
    version: &'a str,
    audience: Audience,
    model: Model,
    #[schema(value_type = Vec<String>)]
    languages: &'a [String],
    /// The English title.
    title: &'a str,
    sections: usize,
    questions: usize,
    tier_tables: Vec<TierTableSummary<'a>>,
}

/// A tier table the questionnaire places its results in.
#[derive(Serialize, utoipa::ToSchema)]
struct TierTableSummary<'a> {
    id: &'a str,
    source: &'a str,
    version: &'a str,
}

fn summary(q: &Questionnaire) -> Summary<'_> {
    Summary {
        id: q.id(),
        version: q.version(),
        audience: q.audience(),
        model: q.model(),
        languages: q.languages(),
        title: q.title().get("en"),
        sections: q.sections().len(),
        questions: q.questions().count(),
        tier_tables: q
            .tier_tables()
            .iter()
            .map(|t| TierTableSummary {
                id: t.id(),
                source: t.source(),
                version: t.version(),
            })
            .collect(),
    }
}

/// `GET /api/v1/questionnaires`
#[utoipa::path(
    get,
    path = "/api/v1/questionnaires",
    tag = "questionnaires",
    summary = "The loaded questionnaires",
    responses((status = 200, description = "One summary per questionnaire", body = [Summary]))
)]
pub async fn list_questionnaires(state: web::Data<AppState>) -> HttpResponse {
    let list: Vec<_> = state.catalogue.iter().map(summary).collect();
    HttpResponse::Ok().json(list)
}

/// `GET /api/v1/questionnaires/{id}`: the whole validated definition.
#[utoipa::path(
    get,
    path = "/api/v1/questionnaires/{id}",
    tag = "questionnaires",
    summary = "One questionnaire's whole validated definition",
    params(("id" = String, Path, description = "The questionnaire's id")),
    responses(
        (status = 200, description = "The definition: sections, questions, texts in every language, tier tables", body = Object),
        (status = 404, description = "No such questionnaire", body = ErrorBody),
    )
)]
pub async fn show_questionnaire(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let questionnaire = state
        .catalogue
        .get(&id)
        .ok_or_else(|| WebError::NotFound(format!("no questionnaire \"{id}\"")))?;
    Ok(HttpResponse::Ok().json(questionnaire))
}
