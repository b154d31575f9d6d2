//! The campaign API for the people a campaign reaches: participants, invitations,
//! reminders and revocation.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::invitations::{self, InviteReport, RemindReport, ReminderRules};
use crate::participants::{self, ImportReport, RawParticipant};
use crate::storage::campaigns as stored;
use crate::storage::invitations::campaign_invitations;
use crate::storage::participants::list_participants;
use crate::web::auth::{ApiAnalyst, audit, visible_campaign};
use crate::web::error::ErrorBody;
use crate::web::{AppState, WebError, with_conn};

use super::views::{InvitationView, ParticipantView, RevokedView};
use crate::web::api::json::ApiJson;

/// `GET /api/v1/campaigns/{id}/participants`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/participants",
    tag = "campaigns",
    summary = "The participants of a campaign",
    params(("id" = i64, Path, description = "The campaign's id")),
    responses(
        (status = 200, description = "The participants", body = [ParticipantView]),
        (status = 401, description = "No valid API token", body = ErrorBody),
        (status = 404, description = "No such campaign, or not one the token's analyst may see", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn list_campaign_participants(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let list = with_conn(&state, move |conn| {
        stored::get_campaign(conn, id)?;
        Ok(list_participants(conn, id)?)
    })
    .await?;
    let views: Vec<ParticipantView> = list
        .into_iter()
        .map(|p| ParticipantView {
            id: p.id,
            email: p.email,
            name: p.name,
            audience: p.audience.to_string(),
            language: p.language,
        })
        .collect();
    Ok(HttpResponse::Ok().json(views))
}

/// `POST /api/v1/campaigns/{id}/participants`: a JSON array, checked whole before anything is written.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/participants",
    tag = "campaigns",
    summary = "Import participants, all or nothing",
    params(("id" = i64, Path, description = "The campaign's id")),
    request_body = [RawParticipant],
    responses(
        (status = 200, description = "What the import did", body = ImportReport),
        (status = 400, description = "The body is not what this endpoint takes", body = ErrorBody),
        (status = 401, description = "No valid API token", body = ErrorBody),
        (status = 404, description = "No such campaign, or not one the token's analyst may see", body = ErrorBody),
        (status = 409, description = "The campaign is closed", body = ErrorBody),
        (status = 422, description = "Nothing imported: every problem found, with its row", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn import_participants(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    rows: ApiJson<Vec<RawParticipant>>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let report = with_conn(&state, move |conn| {
        let details = stored::get_campaign(conn, id)?;
        let report = participants::import_json(conn, &details, rows.0)?;
        audit(
            conn,
            &analyst,
            "participants.import",
            &format!("campaign:{id}"),
        )?;
        Ok(report)
    })
    .await?;
    Ok(HttpResponse::Ok().json(report))
}

/// `GET /api/v1/campaigns/{id}/invitations`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/invitations",
    tag = "campaigns",
    summary = "The invitations of a campaign, with their states",
    params(("id" = i64, Path, description = "The campaign's id")),
    responses(
        (status = 200, description = "The invitations", body = [InvitationView]),
        (status = 401, description = "No valid API token", body = ErrorBody),
        (status = 404, description = "No such campaign, or not one the token's analyst may see", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn list_invitations(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let list = with_conn(&state, move |conn| {
        stored::get_campaign(conn, id)?;
        Ok(campaign_invitations(conn, id)?)
    })
    .await?;
    let views: Vec<InvitationView> = list.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(views))
}

/// `POST /api/v1/campaigns/{id}/invitations`: invites everyone not yet invited.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/invitations",
    tag = "campaigns",
    summary = "Invite every participant not yet invited",
    params(("id" = i64, Path, description = "The campaign's id")),
    responses(
        (status = 200, description = "What was queued", body = InviteReport),
        (status = 401, description = "No valid API token", body = ErrorBody),
        (status = 404, description = "No such campaign, or not one the token's analyst may see", body = ErrorBody),
        (status = 409, description = "The campaign is closed", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn send_invitations(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let (catalogue, base_url) = (state.catalogue.clone(), state.settings.base_url.clone());
    let report = with_conn(&state, move |conn| {
        let today = Utc::now().date_naive();
        let report = invitations::invite(conn, &catalogue, &base_url, id, today)?;
        audit(
            conn,
            &analyst,
            "invitations.send",
            &format!("campaign:{id}"),
        )?;
        Ok(report)
    })
    .await?;
    Ok(HttpResponse::Ok().json(report))
}

/// The body of `POST /api/v1/campaigns/{id}/reminders`.
///
/// The numbers are kept as the JSON text sent, so that one too large for any integer
/// type (`1e400`) is refused by `ReminderRules` naming its field, like any other.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReminderRequest {
    /// Fewest days since the invitation or the last reminder, from 0 to 365.
    #[schema(value_type = Option<i64>, default = 7, minimum = 0, maximum = 365)]
    min_days: Option<Box<RawValue>>,
    /// Most reminders one participant gets, from 1 to 20.
    #[schema(value_type = Option<i64>, default = 3, minimum = 1, maximum = 20)]
    max: Option<Box<RawValue>>,
}

impl ReminderRequest {
    /// The checked rules; absent values take the defaults of 7 days and 3 reminders.
    fn rules(&self) -> Result<ReminderRules, WebError> {
        let text = |raw: &Option<Box<RawValue>>, default: &'static str| {
            raw.as_deref().map_or(default, RawValue::get).to_owned()
        };
        ReminderRules::parse(&text(&self.min_days, "7"), &text(&self.max, "3"))
            .map_err(|e| WebError::BadRequest(e.to_string()))
    }
}

/// `POST /api/v1/campaigns/{id}/reminders`
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/reminders",
    tag = "campaigns",
    summary = "Remind invited participants who have not submitted",
    params(("id" = i64, Path, description = "The campaign's id")),
    request_body = ReminderRequest,
    responses(
        (status = 200, description = "What was queued, and why the others got nothing", body = RemindReport),
        (status = 400, description = "The body is not what this endpoint takes, or a limit is out of range (the message names the field)", body = ErrorBody),
        (status = 401, description = "No valid API token", body = ErrorBody),
        (status = 404, description = "No such campaign, or not one the token's analyst may see", body = ErrorBody),
        (status = 409, description = "The campaign is closed", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn send_reminders(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    // Plain JSON: the rules read each number as the text sent, so any number a client
    // writes (3.0, 1e400, 99999999999999999999) gets a message naming its field.
    request: web::Json<ReminderRequest>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let rules = request.rules()?;
    let (catalogue, base_url) = (state.catalogue.clone(), state.settings.base_url.clone());
    let report = with_conn(&state, move |conn| {
        let now = crate::storage::now();
        let report = invitations::remind(conn, &catalogue, &base_url, id, rules, now)?;
        audit(conn, &analyst, "reminders.send", &format!("campaign:{id}"))?;
        Ok(report)
    })
    .await?;
    Ok(HttpResponse::Ok().json(report))
}

/// The body of `POST /api/v1/campaigns/{id}/invitations/revoke`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeRequest {
    /// The participant's address.
    email: String,
}

/// `POST /api/v1/campaigns/{id}/invitations/revoke`
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/invitations/revoke",
    tag = "campaigns",
    summary = "Revoke the invitation of one participant",
    params(("id" = i64, Path, description = "The campaign's id")),
    request_body = RevokeRequest,
    responses(
        (status = 200, description = "The revoked invitation", body = RevokedView),
        (status = 400, description = "The body is not what this endpoint takes", body = ErrorBody),
        (status = 401, description = "No valid API token", body = ErrorBody),
        (status = 404, description = "No such campaign, or no invitation for that address", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn revoke_invitation(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    request: ApiJson<RevokeRequest>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let invitation = with_conn(&state, move |conn| {
        let invitation = invitations::revoke(conn, id, &request.email, crate::storage::now())?;
        let subject = format!("invitation:{}", invitation.id);
        audit(conn, &analyst, "invitation.revoke", &subject)?;
        Ok(invitation)
    })
    .await?;
    Ok(HttpResponse::Ok().json(RevokedView {
        id: invitation.id,
        state: invitation.state.to_string(),
    }))
}
