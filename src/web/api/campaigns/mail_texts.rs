//! The campaign API for the wording of invitations and reminders: read it, change it,
//! and preview the mail it makes, as the campaign's mail-text page does.

use actix_web::{HttpResponse, web};

use crate::accounts::CampaignRight;
use crate::mail_texts::{self, MailText, MailTextInput, PreviewMail};
use crate::web::access::{ApiCampaign, CampaignSegment};
use crate::web::api::json::ApiJson;
use crate::web::api::refusals::CampaignRefusals;
use crate::web::error::ErrorBody;
use crate::web::{AppState, WebError, with_conn};

/// `GET /api/v1/campaigns/{id}/mail-texts`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/mail-texts",
    tag = "campaigns",
    summary = "The subject and opening paragraph of the invitation and reminder, per language",
    description = "Every kind (`invitation`, `reminder`) in every mail language of the \
        campaign, with the wording its mails use now: the campaign's own (`custom`) or the \
        shipped one, placeholders unfilled.",
    params(CampaignSegment),
    responses(
        (status = 200, description = "The wordings", body = [MailText]),
        CampaignRefusals,
    ),
    security(("api_token" = []))
)]
pub async fn list_mail_texts(
    campaign: ApiCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (catalogue, id) = (state.catalogue.clone(), campaign.id());
    let texts = with_conn(&state, move |conn| {
        Ok(mail_texts::current(conn, &catalogue, id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(texts))
}

/// `PUT /api/v1/campaigns/{id}/mail-texts`
#[utoipa::path(
    put,
    path = "/api/v1/campaigns/{id}/mail-texts",
    tag = "campaigns",
    summary = "Change the wording of invitations and reminders, all or nothing",
    description = "Each wording listed replaces the one of its kind and language; those not \
        listed stay as they are. A wording equal to the shipped one goes back to it. The \
        link, the deadline, the TLP line and what happens to the answers are always added \
        by the mail itself.",
    params(CampaignSegment),
    request_body = [MailTextInput],
    responses(
        (status = 200, description = "Every wording of the campaign, as now saved", body = [MailText]),
        (status = 400, description = "The body is not what this endpoint takes, or a wording is refused (every problem, by field)", body = ErrorBody),
        CampaignRefusals,
    ),
    security(("api_token" = []))
)]
pub async fn save_mail_texts(
    campaign: ApiCampaign,
    state: web::Data<AppState>,
    inputs: ApiJson<Vec<MailTextInput>>,
) -> Result<HttpResponse, WebError> {
    campaign.require(CampaignRight::Manage)?;
    let (catalogue, id, actor) = (state.catalogue.clone(), campaign.id(), campaign.actor());
    let texts = with_conn(&state, move |conn| {
        Ok(mail_texts::save(conn, &catalogue, id, &inputs, &actor)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(texts))
}

/// `POST /api/v1/campaigns/{id}/mail-texts/preview`
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/mail-texts/preview",
    tag = "campaigns",
    summary = "The mail a wording makes, for a sample participant, without saving or sending",
    params(CampaignSegment),
    request_body = MailTextInput,
    responses(
        (status = 200, description = "The mail as it would be sent, the link's token left out", body = PreviewMail),
        (status = 400, description = "The body is not what this endpoint takes, or the wording is refused (every problem, by field)", body = ErrorBody),
        CampaignRefusals,
    ),
    security(("api_token" = []))
)]
pub async fn preview_mail_text(
    campaign: ApiCampaign,
    state: web::Data<AppState>,
    input: ApiJson<MailTextInput>,
) -> Result<HttpResponse, WebError> {
    campaign.require(CampaignRight::Manage)?;
    let (catalogue, id) = (state.catalogue.clone(), campaign.id());
    let base_url = state.settings.base_url.clone();
    let mail = with_conn(&state, move |conn| {
        Ok(mail_texts::preview(
            conn, &catalogue, &base_url, id, &input,
        )?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(mail))
}
