//! How the campaign API shows campaigns, participants and invitations: never a token.
//!
//! Storage keeps timestamps as UTC without a zone; the API serves them as RFC 3339 with
//! the zone (`…Z`), which is what the OpenAPI `date-time` format promises.

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

use crate::participants::ParticipantStage;
use crate::storage::campaigns::CampaignDetails;
use crate::storage::invitations::InvitationStatus;
use crate::storage::participant_lines::ParticipantLine;

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
    /// Days after the campaign closes that its participants' personal data is kept.
    retention_days: i32,
    /// When its personal data is erased: `retention_days` after it closes, that is after
    /// the earlier of `closed_at` and the end of `closes_on` (UTC). While it is open, the
    /// time if it runs to its deadline; closing it earlier brings it forward. Null for a
    /// deadline so far ahead that the time falls after the year 9999.
    erase_due_at: Option<DateTime<Utc>>,
    /// When its personal data was erased; null until then.
    erased_at: Option<DateTime<Utc>>,
    /// The id of the campaign this one is the next round of; null for a first round.
    follows: Option<i64>,
    /// Whether a reviewer must accept each response before it counts in reports.
    review_required: bool,
    /// Whether its peer reviews follow NIS2: peers from at least two other countries.
    peer_review_nis2: bool,
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
        let closed = crate::retention::closing(c.closed_at, c.closes_on);
        CampaignView {
            retention_days: c.retention_days,
            erase_due_at: Some(crate::retention::erase_at(closed, c.retention_days))
                .filter(|at| at.year() <= 9999)
                .map(|at| at.and_utc()),
            erased_at: c.erased_at.map(|t| t.and_utc()),
            privacy_k: c.privacy_k,
            follows: c.follows_id,
            review_required: c.review_required,
            peer_review_nis2: c.peer_review_nis2,
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
    /// The organisation's name.
    organisation: String,
    /// ISO 3166-1 alpha-2 code of the organisation's country.
    country: String,
    /// pending, sent or revoked; absent until the participant is invited.
    invitation: Option<String>,
    /// The state of the participant's response, once started.
    response: Option<String>,
    /// Where the participant stands, in one word: not_invited, invited, in_progress,
    /// submitted or revoked (what the `state` filter picks).
    state: String,
}

impl From<ParticipantLine> for ParticipantView {
    fn from(line: ParticipantLine) -> Self {
        let state = ParticipantStage::of(&line).to_string();
        let p = line.participant;
        ParticipantView {
            id: p.id,
            email: p.email,
            name: p.name,
            audience: p.audience.to_string(),
            language: p.language,
            organisation: line.organisation,
            country: line.country,
            invitation: line.invitation.map(|i| i.to_string()),
            response: line.response.map(|r| r.to_string()),
            state,
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
