//! The campaign API: campaigns themselves here; participants, invitations and
//! reminders in `recipients`; the wording of their mails in `mail_texts`.

mod mail_texts;
mod recipients;
mod views;

use actix_web::{HttpResponse, web};
use chrono::Utc;

use crate::accounts::CampaignRight;
use crate::campaigns::{self, CampaignRequest};
use crate::storage::campaigns as stored;
use crate::web::access::{ApiCampaign, CampaignSegment};
use crate::web::api::json::ApiJson;
use crate::web::api::refusals::{CampaignRefusals, NoToken};
use crate::web::auth::ApiAnalyst;
use crate::web::error::ErrorBody;
use crate::web::{AppState, WebError, with_conn};

pub use mail_texts::*;
pub use recipients::*;
pub use views::CampaignView;

/// `GET /api/v1/campaigns`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns",
    tag = "campaigns",
    summary = "The campaigns the token's analyst may see",
    responses(
        (status = 200, description = "The campaigns", body = [CampaignView]),
        NoToken,
    ),
    security(("api_token" = []))
)]
pub async fn list_campaigns(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let all = with_conn(&state, |conn| Ok(stored::list_campaigns(conn)?)).await?;
    let views: Vec<CampaignView> = all
        .into_iter()
        .filter(|d| analyst.rights_on(d.campaign.id.into()).is_some())
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(views))
}

/// `POST /api/v1/campaigns`
///
/// Admins and the analysts an admin allowed to create campaigns may; the new campaign is
/// assigned to its creator, so an analyst can go on working with it.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns",
    tag = "campaigns",
    summary = "Create a campaign, assigned to its creator",
    description = "Admins, and analysts an admin has allowed to (`liaison analyst allow-create`), may create campaigns.",
    request_body = CampaignRequest,
    responses(
        (status = 201, description = "The new campaign", body = CampaignView),
        (status = 400, description = "Not a valid campaign, or an unknown questionnaire", body = ErrorBody),
        NoToken,
        (status = 403, description = "The token's analyst may not create campaigns", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn create_campaign(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    request: ApiJson<CampaignRequest>,
) -> Result<HttpResponse, WebError> {
    let catalogue = state.catalogue.clone();
    let sender = state.settings.organisation.clone();
    let details = with_conn(&state, move |conn| {
        let today = Utc::now().date_naive();
        Ok(campaigns::create_as(
            conn, &catalogue, &request, &sender, today, &analyst,
        )?)
    })
    .await?;
    Ok(HttpResponse::Created().json(CampaignView::from(details)))
}

/// `GET /api/v1/campaigns/{id}`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}",
    tag = "campaigns",
    summary = "One campaign",
    params(CampaignSegment),
    responses(
        (status = 200, description = "The campaign", body = CampaignView),
        CampaignRefusals,
    ),
    security(("api_token" = []))
)]
pub async fn show_campaign(
    campaign: ApiCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let id = campaign.id().get();
    let details = with_conn(&state, move |conn| Ok(stored::get_campaign(conn, id)?)).await?;
    Ok(HttpResponse::Ok().json(CampaignView::from(details)))
}

/// `POST /api/v1/campaigns/{id}/close`
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/close",
    tag = "campaigns",
    summary = "Close a campaign",
    params(CampaignSegment),
    responses(
        (status = 200, description = "The closed campaign", body = CampaignView),
        CampaignRefusals,
        (status = 409, description = "The campaign is already closed", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn close_campaign(
    campaign: ApiCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    campaign.require(CampaignRight::Manage)?;
    let (id, actor) = (campaign.id(), campaign.actor());
    let details = with_conn(&state, move |conn| Ok(campaigns::close(conn, id, &actor)?)).await?;
    Ok(HttpResponse::Ok().json(CampaignView::from(details)))
}
