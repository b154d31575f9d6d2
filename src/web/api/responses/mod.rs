//! A campaign's responses in the JSON API: the list with the page's filters, a page at a
//! time, and one response opened (audited as the page's opening is), for admins and
//! assigned analysts.

mod views;

use actix_web::{HttpResponse, web};

use crate::web::access::{ApiCampaign, CampaignSegment};
use crate::web::api::refusals::{CampaignRefusals, NoToken};
use crate::web::error::ErrorBody;
use crate::web::response_reading::{self as reading, ListQuery, ResponseSegment};
use crate::web::{AppState, WebError};

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
    Ok(HttpResponse::Ok().json(ResponseDetail::from(&opened)))
}
