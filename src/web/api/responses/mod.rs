//! A campaign's responses in the JSON API: the list with the page's filters, a page at a
//! time, one response opened (audited as the page's opening is) and its evidence files
//! (each download audited), for admins and assigned analysts.

mod review;
mod views;

use actix_web::{HttpResponse, web};

use crate::web::access::{ApiCampaign, CampaignSegment};
use crate::web::api::refusals::{CampaignRefusals, NoToken};
use crate::web::error::ErrorBody;
use crate::web::response_reading::{self as reading, EvidenceSegment, ListQuery, ResponseSegment};
use crate::web::{AppState, WebError, with_conn};

pub use review::*;
pub use views::{ResponseDetail, ResponseList};

/// `GET /api/v1/campaigns/{id}/responses`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/responses",
    tag = "responses",
    summary = "The responses of a campaign, drafts included, each with its scores, a page at a time",
    description = "Each names its organisation, so only admins and analysts assigned to the \
        campaign see them. Filters left out or empty let every value through. The list \
        comes a page at a time (`page`, `per_page`), with the number of responses that \
        pass the filters in `total`; a page past the last is answered 200 with no \
        responses, so a client may read pages until one comes back empty.",
    params(CampaignSegment, ListQuery),
    responses(
        (status = 200, description = "One page of the responses, by organisation", body = ResponseList),
        (status = 400, description = "A filter, the page or its size is not understood (the message names it)", body = ErrorBody),
        CampaignRefusals,
    ),
    security(("api_token" = []))
)]
pub async fn list_responses(
    access: ApiCampaign,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let asked = query.read().map_err(WebError::Fields)?;
    let listed = reading::list(&state, &access, Some(asked)).await?;
    let page = listed
        .responses
        .ok_or_else(|| WebError::internal(anyhow::anyhow!("a list read without its page")))?;
    Ok(HttpResponse::Ok().json(ResponseList::from(&page)))
}

/// `GET /api/v1/campaigns/{id}/responses/{response_id}`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/responses/{response_id}",
    tag = "responses",
    summary = "One response: its answers, scores, gaps, history, the changes to its answers and the mails of its invitation",
    description = "Opening a response is recorded in the audit log (`response.open`). The \
        response itself does not change. `answer_history` lists every change to an \
        answer, oldest first, with the answers before and after and who made it; once the \
        campaign's retention has passed, who is dropped (`actor` null, `by` \"—\") and the \
        values of personal questions read \"(erased)\".",
    params(CampaignSegment,
        ("response_id" = i64, Path, description = "A response of the campaign")),
    responses(
        (status = 200, description = "The response", body = ResponseDetail),
        NoToken,
        (status = 404, description = "No such campaign or response, or not one the token's analyst may see", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn show_response(
    access: ApiCampaign,
    state: web::Data<AppState>,
    path: web::Path<ResponseSegment>,
) -> Result<HttpResponse, WebError> {
    let (_, opened) = reading::open(&state, &access, path.response_id).await?;
    let (q, answers) = (opened.questionnaire.clone(), opened.view.answers.clone());
    let response = path.response_id.get();
    let peer = with_conn(&state, move |conn| {
        Ok(crate::web::api::peer_review::peer_review_view(
            conn, &q, &answers, response,
        )?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(ResponseDetail::from(&opened).with_peer_review(peer)))
}

/// `GET /api/v1/campaigns/{id}/responses/{response_id}/evidence/{file_id}`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/responses/{response_id}/evidence/{file_id}",
    tag = "responses",
    summary = "Download one evidence file of a response, as an attachment",
    description = "Every download is recorded in the audit log (`evidence.download`). The \
        file comes with the type found in its content, `Content-Disposition: attachment` and \
        `X-Content-Type-Options: nosniff`.",
    params(CampaignSegment,
        ("response_id" = i64, Path, description = "A response of the campaign"),
        ("file_id" = i64, Path, description = "One of its evidence files, as the response lists them")),
    responses(
        (status = 200, description = "The file", content(
            ("application/pdf"), ("image/png"), ("image/jpeg"),
            ("application/vnd.oasis.opendocument.text"),
            ("application/vnd.oasis.opendocument.spreadsheet"),
            ("application/vnd.oasis.opendocument.presentation"),
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            ("text/plain"))),
        NoToken,
        (status = 404, description = "No such campaign, response or file, or not one the token's analyst may see", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn download_evidence(
    access: ApiCampaign,
    state: web::Data<AppState>,
    path: web::Path<EvidenceSegment>,
) -> Result<HttpResponse, WebError> {
    let file = reading::evidence_file(&state, &access, path.response_id, path.file_id).await?;
    Ok(crate::web::evidence_files::attachment(file))
}
