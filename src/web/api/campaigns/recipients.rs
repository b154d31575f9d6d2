//! The campaign API for the people a campaign reaches: participants, invitations,
//! reminders and revocation.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::accounts::CampaignRight;
use crate::invitations::{self, InviteReport, RemindReport, ReminderRules};
use crate::participants::{self, ImportReport, RawParticipant};
use crate::storage::campaigns as stored;
use crate::storage::invitations::campaign_invitations;
use crate::storage::{DbConn, StorageError};
use crate::web::access::{ApiCampaign, CampaignSegment};
use crate::web::api::json::ApiJson;
use crate::web::api::refusals::{CampaignRefusals, NoToken};
use crate::web::error::ErrorBody;
use crate::web::{AppState, WebError, with_conn};

use super::views::{InvitationView, RevokedView};

/// `POST /api/v1/campaigns/{id}/participants`: a JSON array, checked whole before anything is written.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/participants",
    tag = "campaigns",
    summary = "Import participants, all or nothing",
    params(CampaignSegment),
    request_body = [RawParticipant],
    responses(
        (status = 200, description = "What the import did", body = ImportReport),
        (status = 400, description = "The body is not what this endpoint takes", body = ErrorBody),
        CampaignRefusals,
        (status = 409, description = "The campaign is closed", body = ErrorBody),
        (status = 422, description = "Nothing imported: every problem found, with its row", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn import_participants(
    campaign: ApiCampaign,
    state: web::Data<AppState>,
    rows: ApiJson<Vec<RawParticipant>>,
) -> Result<HttpResponse, WebError> {
    campaign.require(CampaignRight::Manage)?;
    let (id, actor) = (campaign.id().get(), campaign.actor());
    let report = with_conn(&state, move |conn| {
        let details = stored::get_campaign(conn, id)?;
        Ok(participants::import_json(conn, &details, rows.0, &actor)?)
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
    params(CampaignSegment),
    responses(
        (status = 200, description = "The invitations", body = [InvitationView]),
        CampaignRefusals,
    ),
    security(("api_token" = []))
)]
pub async fn list_invitations(
    campaign: ApiCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    list_of::<_, InvitationView>(&campaign, &state, campaign_invitations).await
}

/// Answers with the rows `load` reads for the campaign, one view each. The campaign is
/// loaded first: the access check lets an admin ask for any id, and one that does not
/// exist gets 404 rather than an empty list.
async fn list_of<Row, View>(
    campaign: &ApiCampaign,
    state: &AppState,
    load: fn(&mut DbConn, i64) -> Result<Vec<Row>, StorageError>,
) -> Result<HttpResponse, WebError>
where
    Row: Send + 'static,
    View: From<Row> + Serialize,
{
    let id = campaign.id().get();
    let rows = with_conn(state, move |conn| {
        stored::get_campaign(conn, id)?;
        Ok(load(conn, id)?)
    })
    .await?;
    let views: Vec<View> = rows.into_iter().map(View::from).collect();
    Ok(HttpResponse::Ok().json(views))
}

/// `POST /api/v1/campaigns/{id}/invitations`: invites everyone not yet invited.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/invitations",
    tag = "campaigns",
    summary = "Invite every participant not yet invited",
    params(CampaignSegment),
    responses(
        (status = 200, description = "What was queued", body = InviteReport),
        CampaignRefusals,
        (status = 409, description = "The campaign is closed", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn send_invitations(
    campaign: ApiCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    campaign.require(CampaignRight::Manage)?;
    let (id, actor) = (campaign.id().get(), campaign.actor());
    let (catalogue, base_url) = (state.catalogue.clone(), state.settings.base_url.clone());
    let report = with_conn(&state, move |conn| {
        let today = Utc::now().date_naive();
        Ok(invitations::invite(
            conn, &catalogue, &base_url, id, today, &actor,
        )?)
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
        let text = |raw: &Option<Box<RawValue>>, default: String| {
            raw.as_deref().map_or(default, |v| v.get().to_owned())
        };
        let defaults = ReminderRules::DEFAULT;
        ReminderRules::parse(
            &text(&self.min_days, defaults.min_days().to_string()),
            &text(&self.max, defaults.max().to_string()),
        )
        .map_err(|e| WebError::BadRequest(e.to_string()))
    }
}

/// `POST /api/v1/campaigns/{id}/reminders`
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/reminders",
    tag = "campaigns",
    summary = "Remind invited participants who have not submitted",
    params(CampaignSegment),
    request_body = ReminderRequest,
    responses(
        (status = 200, description = "What was queued, and why the others got nothing", body = RemindReport),
        (status = 400, description = "The body is not what this endpoint takes, or a limit is out of range (the message names the field)", body = ErrorBody),
        CampaignRefusals,
        (status = 409, description = "The campaign is closed", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn send_reminders(
    campaign: ApiCampaign,
    state: web::Data<AppState>,
    // Plain JSON: the rules read each number as the text sent, so any number a client
    // writes (3.0, 1e400, 99999999999999999999) gets a message naming its field.
    request: web::Json<ReminderRequest>,
) -> Result<HttpResponse, WebError> {
    campaign.require(CampaignRight::Manage)?;
    let (id, actor) = (campaign.id().get(), campaign.actor());
    let rules = request.rules()?;
    let (catalogue, base_url) = (state.catalogue.clone(), state.settings.base_url.clone());
    let report = with_conn(&state, move |conn| {
        let now = crate::storage::now();
        Ok(invitations::remind(
            conn, &catalogue, &base_url, id, rules, now, &actor,
        )?)
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
    params(CampaignSegment),
    request_body = RevokeRequest,
    responses(
        (status = 200, description = "The revoked invitation", body = RevokedView),
        (status = 400, description = "The body is not what this endpoint takes", body = ErrorBody),
        NoToken,
        (status = 404, description = "No such campaign, or no invitation for that address", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn revoke_invitation(
    campaign: ApiCampaign,
    state: web::Data<AppState>,
    request: ApiJson<RevokeRequest>,
) -> Result<HttpResponse, WebError> {
    campaign.require(CampaignRight::Manage)?;
    let (id, actor) = (campaign.id().get(), campaign.actor());
    let invitation = with_conn(&state, move |conn| {
        let now = crate::storage::now();
        Ok(invitations::revoke(conn, id, &request.email, now, &actor)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(RevokedView {
        id: invitation.id,
        state: invitation.state.to_string(),
    }))
}
