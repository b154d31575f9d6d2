//! How the campaign API shows campaigns, participants and invitations: never a token.
//!
//! Storage keeps timestamps as UTC without a zone; the API serves them as RFC 3339 with
//! the zone (`…Z`), which is what the OpenAPI `date-time` format promises.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::storage::campaigns::CampaignDetails;
use crate::storage::invitations::InvitationStatus;
use crate::storage::participants::Participant;

/// A campaign as the API shows it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CampaignView {
    id: i64,
    name: String,
    /// open or closed.
    state: String,
    /// CLEAR, GREEN, AMBER or RED.
    tlp: String,
    sender_organisation: String,
    closes_on: chrono::NaiveDate,
    created_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    questionnaires: Vec<QuestionnaireView>,
    /// The campaign's own privacy threshold; null when it follows the configured one.
    privacy_k: Option<i32>,
    /// The language codes offered to respondents; null (campaigns made before languages
    /// were chosen) offers every language of its questionnaires.
    languages: Option<Vec<String>>,
}

/// A questionnaire a campaign sends, and to whom.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct QuestionnaireView {
    audience: String,
    id: String,
    version: String,
}

impl From<CampaignDetails> for CampaignView {
    fn from(d: CampaignDetails) -> Self {
        let c = d.campaign;
        let languages = c
            .offered_languages()
            .map(|l| l.into_iter().map(str::to_owned).collect());
        CampaignView {
            privacy_k: c.privacy_k,
            languages,
            id: c.id,
            name: c.name,
            state: c.state.to_string(),
            tlp: c.tlp.to_string(),
            sender_organisation: c.sender_organisation,
            closes_on: c.closes_on,
            created_at: c.created_at.and_utc(),
            closed_at: c.closed_at.map(|t| t.and_utc()),
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
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct InvitationView {
    id: i64,
    email: String,
    name: String,
    audience: String,
    state: String,
    sent_at: Option<DateTime<Utc>>,
    reminders_sent: i32,
    /// The state of the participant's response, once started.
    response: Option<String>,
}

/// One participant of a campaign as the API shows it.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ParticipantView {
    id: i64,
    email: String,
    name: String,
    audience: String,
    language: Option<String>,
}

impl From<Participant> for ParticipantView {
    fn from(p: Participant) -> Self {
        ParticipantView {
            id: p.id,
            email: p.email,
            name: p.name,
            audience: p.audience.to_string(),
            language: p.language,
        }
    }
}

/// A revoked invitation.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct RevokedView {
    pub(crate) id: i64,
    pub(crate) state: String,
}

impl From<InvitationStatus> for InvitationView {
    fn from(s: InvitationStatus) -> Self {
        InvitationView {
            id: s.invitation.id,
            email: s.participant.email,
            name: s.participant.name,
            audience: s.participant.audience.to_string(),
            state: s.invitation.state.to_string(),
            sent_at: s.invitation.sent_at.map(|t| t.and_utc()),
            reminders_sent: s.invitation.reminders_sent,
            response: s.response.map(|r| r.to_string()),
        }
    }
}
