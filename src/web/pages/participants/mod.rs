//! The participants page of a campaign: the list with its filters (anyone who may read the
//! campaign's rows), and the forms that upload a CSV list, add one participant by hand and
//! revoke an invitation (those who manage it; in [`changes`]). The page is drawn in
//! [`page`]; the sample list is served from here.

mod add_form;
mod changes;
mod page;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::accounts::CampaignRight;
use crate::participants::ParticipantFilter;
use crate::web::access::PageCampaign;
use crate::web::auth::CurrentAnalyst;
use crate::web::pages::notice::Flash;
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError};

use page::{Outcome, render};

/// The upload form's route; the CSRF middleware lets multipart forms through to it alone.
pub const UPLOAD_ROUTE: &str = "/campaigns/{id}/participants/upload";

/// Where the sample list is served.
const SAMPLE_PATH: &str = "/participants-sample.csv";

/// The sample list users start from: the file the README and the CLI point to.
const SAMPLE: &str = include_str!("../../../../assets/participants-sample.csv");

/// Registers the page, its forms and the sample list.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource(SAMPLE_PATH).get(sample_list))
        .service(web::resource("/campaigns/{id}/participants").get(show_participants))
        .service(web::resource(UPLOAD_ROUTE).post(changes::upload_participants))
        .service(web::resource("/campaigns/{id}/participants/add").post(changes::add_participant))
        .service(
            web::resource("/campaigns/{id}/participants/{participant}/revoke")
                .post(changes::revoke_participant),
        );
}

/// The filter form's fields, as the query gives them.
#[derive(Deserialize)]
pub struct FilterQuery {
    audience: Option<String>,
    country: Option<String>,
    state: Option<String>,
}

/// `GET /campaigns/{id}/participants`: the participants that pass the filters.
pub async fn show_participants(
    access: PageCampaign,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    query: web::Query<FilterQuery>,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    access.require(CampaignRight::ReadRows)?;
    let q = query.into_inner();
    let filter = ParticipantFilter::parse(
        q.audience.as_deref(),
        q.country.as_deref(),
        q.state.as_deref(),
    )
    .map_err(|problem| WebError::BadRequest(problem.to_string()))?;
    let outcome = Outcome::Notice(flash.notice().cloned());
    Ok(flash.shown(render(&state, &access, &csrf, filter, outcome).await?))
}

/// `GET /participants-sample.csv`: the sample list, as a download.
pub async fn sample_list(_: CurrentAnalyst) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"participants-sample.csv\"",
        ))
        .body(SAMPLE)
}
