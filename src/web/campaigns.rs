//! The campaign API: campaigns, their participants, invitations and reminders.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::campaigns::{self, CampaignRequest};
use crate::invitations::{self, ReminderRules};
use crate::participants::{self, RawParticipant};
use crate::storage::analysts::assign_campaign;
use crate::storage::campaigns::{self as stored, CampaignDetails};
use crate::storage::invitations::{InvitationStatus, campaign_invitations};
use crate::storage::participants::list_participants;

use super::auth::{ApiAnalyst, audit, visible_campaign};
use super::{AppState, WebError, with_conn};

/// A campaign as the API shows it.
#[derive(Serialize)]
pub struct CampaignView {
    id: i64,
    name: String,
    state: String,
    tlp: String,
    sender_organisation: String,
    closes_on: chrono::NaiveDate,
    created_at: chrono::NaiveDateTime,
    closed_at: Option<chrono::NaiveDateTime>,
    questionnaires: Vec<QuestionnaireView>,
}

#[derive(Serialize)]
struct QuestionnaireView {
    audience: String,
    id: String,
    version: String,
}

impl From<CampaignDetails> for CampaignView {
    fn from(d: CampaignDetails) -> Self {
        let c = d.campaign;
        CampaignView {
            id: c.id,
            name: c.name,
            state: c.state.to_string(),
            tlp: c.tlp.to_string(),
            sender_organisation: c.sender_organisation,
            closes_on: c.closes_on,
            created_at: c.created_at,
            closed_at: c.closed_at,
            questionnaires: d
                .questionnaires
                .into_iter()
                .map(|q| QuestionnaireView {
                    audience: q.audience.to_string(),
                    id: q.questionnaire_id,
                    version: q.questionnaire_version,
                })
                .collect(),
        }
    }
}

/// One invitation as the API shows it; never the token.
#[derive(Serialize)]
struct InvitationView {
    id: i64,
    email: String,
    name: String,
    audience: String,
    state: String,
    sent_at: Option<chrono::NaiveDateTime>,
    reminders_sent: i32,
    response: Option<String>,
}

impl From<InvitationStatus> for InvitationView {
    fn from(s: InvitationStatus) -> Self {
        InvitationView {
            id: s.invitation.id,
            email: s.participant.email,
            name: s.participant.name,
            audience: s.participant.audience.to_string(),
            state: s.invitation.state.to_string(),
            sent_at: s.invitation.sent_at,
            reminders_sent: s.invitation.reminders_sent,
            response: s.response.map(|r| r.to_string()),
        }
    }
}

/// `GET /api/v1/campaigns`
pub async fn list_campaigns(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let all = with_conn(&state, |conn| Ok(stored::list_campaigns(conn)?)).await?;
    let views: Vec<CampaignView> = all
        .into_iter()
        .filter(|d| analyst.can_see_campaign(d.campaign.id))
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(views))
}

/// `POST /api/v1/campaigns`
///
/// The new campaign is assigned to its creator, so an analyst can go on working with it.
pub async fn create_campaign(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    request: web::Json<CampaignRequest>,
) -> Result<HttpResponse, WebError> {
    let catalogue = state.catalogue.clone();
    let sender = state.settings.organisation.clone();
    let details = with_conn(&state, move |conn| {
        let today = Utc::now().date_naive();
        let details = campaigns::create(conn, &catalogue, &request, &sender, today)?;
        let id = details.campaign.id;
        assign_campaign(conn, analyst.id(), id)?;
        audit(conn, &analyst, "campaign.create", &format!("campaign:{id}"))?;
        Ok(details)
    })
    .await?;
    Ok(HttpResponse::Created().json(CampaignView::from(details)))
}

/// `GET /api/v1/campaigns/{id}`
pub async fn show_campaign(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let details = with_conn(&state, move |conn| Ok(stored::get_campaign(conn, id)?)).await?;
    Ok(HttpResponse::Ok().json(CampaignView::from(details)))
}

/// `POST /api/v1/campaigns/{id}/close`
pub async fn close_campaign(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let details = with_conn(&state, move |conn| {
        let details = stored::close_campaign(conn, id)?;
        audit(conn, &analyst, "campaign.close", &format!("campaign:{id}"))?;
        Ok(details)
    })
    .await?;
    Ok(HttpResponse::Ok().json(CampaignView::from(details)))
}

/// `GET /api/v1/campaigns/{id}/participants`
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
    let views: Vec<serde_json::Value> = list
        .into_iter()
        .map(|p| {
            serde_json::json!({
                "id": p.id, "email": p.email, "name": p.name,
                "audience": p.audience.to_string(), "language": p.language,
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(views))
}

/// `POST /api/v1/campaigns/{id}/participants`: a JSON array, checked whole before anything is written.
pub async fn import_participants(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    rows: web::Json<Vec<RawParticipant>>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let report = with_conn(&state, move |conn| {
        let details = stored::get_campaign(conn, id)?;
        let report = participants::import_json(conn, &details, rows.into_inner())?;
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
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderRequest {
    #[serde(default = "seven")]
    min_days: i64,
    #[serde(default = "three")]
    max: i32,
}

fn seven() -> i64 {
    7
}

fn three() -> i32 {
    3
}

/// `POST /api/v1/campaigns/{id}/reminders`
pub async fn send_reminders(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    request: web::Json<ReminderRequest>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let (catalogue, base_url) = (state.catalogue.clone(), state.settings.base_url.clone());
    let rules = ReminderRules {
        min_days: request.min_days,
        max: request.max,
    };
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
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevokeRequest {
    email: String,
}

/// `POST /api/v1/campaigns/{id}/invitations/revoke`
pub async fn revoke_invitation(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    request: web::Json<RevokeRequest>,
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
    Ok(HttpResponse::Ok()
        .json(serde_json::json!({ "id": invitation.id, "state": invitation.state.to_string() })))
}
