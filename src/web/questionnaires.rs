//! The loaded questionnaires, as JSON.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::questionnaire::{Audience, Model, Questionnaire};

use super::{AppState, WebError};

/// One line of the questionnaire list.
#[derive(Serialize)]
struct Summary<'a> {
    id: &'a str,
    version: &'a str,
    audience: Audience,
    model: Model,
    languages: &'a [String],
    title: &'a str,
    sections: usize,
    questions: usize,
    tier_tables: Vec<TierTableSummary<'a>>,
}

#[derive(Serialize)]
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
pub async fn list_questionnaires(state: web::Data<AppState>) -> HttpResponse {
    let list: Vec<_> = state.catalogue.iter().map(summary).collect();
    HttpResponse::Ok().json(list)
}

/// `GET /api/v1/questionnaires/{id}`: the whole validated definition.
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
