//! Invitations and reminders: a link token per participant and a mail in the outbox,
//! written together in one transaction.

mod compose;
mod rules;
mod token;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::campaigns::{self, CampaignError};
use crate::mail::MailError;
use crate::questionnaire::Catalogue;
use crate::storage::campaigns::CampaignDetails;
use crate::storage::enums::OutboxKind;
use crate::storage::invitations::{self as stored, Invitation};
use crate::storage::participants::{self, Participant};
use crate::storage::{DbConn, InvitationState, ResponseState, StorageError};

pub use compose::Composer;
pub use rules::{MAX_REMINDERS_RANGE, MIN_DAYS_RANGE, ReminderRules, RuleError};
pub use token::{Token, hash_token, link};

/// Why invitations could not be written.
#[derive(Debug, thiserror::Error)]
pub enum InvitationError {
    #[error(transparent)]
    Campaign(#[from] CampaignError),
    #[error("{0}")]
    NotFound(String),
    #[error("cannot write the mail: {0}")]
    Mail(#[from] MailError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<diesel::result::Error> for InvitationError {
    fn from(e: diesel::result::Error) -> Self {
        InvitationError::Storage(e.into())
    }
}

/// What `invite` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct InviteReport {
    /// Invitations queued now.
    pub queued: usize,
    /// Participants who already had an invitation.
    pub already_invited: usize,
}

/// Queues an invitation for every participant of the campaign not yet invited.
/// Each invitation and its mail are written in one transaction.
pub fn invite(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    base_url: &str,
    campaign_id: i64,
    today: NaiveDate,
) -> Result<InviteReport, InvitationError> {
    let details = campaigns::open_campaign(conn, campaign_id, today)?;
    let composer = Composer::new(conn, catalogue, &details)?;
    let all = participants::list_participants(conn, campaign_id)?.len();
    let uninvited = stored::uninvited_participants(conn, campaign_id)?;
    for participant in &uninvited {
        crate::storage::write_transaction(conn, |conn| {
            let token = Token::generate();
            let invitation = stored::create_invitation(conn, participant.id, &token.hash())?;
            let link = link(base_url, &token);
            composer.queue(
                conn,
                OutboxKind::Invitation,
                &invitation,
                participant,
                &link,
            )
        })?;
    }
    Ok(InviteReport {
        queued: uninvited.len(),
        already_invited: all - uninvited.len(),
    })
}

/// What `remind` did, and why the others got nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RemindReport {
    /// Reminders queued now.
    pub queued: usize,
    /// Participants who have already submitted.
    pub submitted: usize,
    /// Participants who have had the most reminders allowed.
    pub limit_reached: usize,
    /// Participants mailed fewer than `min_days` days ago.
    pub too_recent: usize,
    /// Invitations whose first mail has not gone out yet.
    pub not_sent_yet: usize,
    /// Revoked invitations.
    pub revoked: usize,
}

/// Queues a reminder for every invited participant who has not submitted, within the rules.
/// A reminder carries a fresh link; the earlier one stops working, since only hashes are kept.
pub fn remind(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    base_url: &str,
    campaign_id: i64,
    rules: ReminderRules,
    now: NaiveDateTime,
) -> Result<RemindReport, InvitationError> {
    let details = campaigns::open_campaign(conn, campaign_id, now.date())?;
    let composer = Composer::new(conn, catalogue, &details)?;
    let mut report = RemindReport::default();
    for status in stored::campaign_invitations(conn, campaign_id)? {
        let invitation = &status.invitation;
        let last = invitation
            .last_reminded_at
            .or(invitation.sent_at)
            .unwrap_or(invitation.created_at);
        let counter = match () {
            _ if invitation.state == InvitationState::Revoked => &mut report.revoked,
            _ if status.response == Some(ResponseState::Submitted) => &mut report.submitted,
            _ if invitation.state == InvitationState::Pending => &mut report.not_sent_yet,
            _ if invitation.reminders_sent >= rules.max() => &mut report.limit_reached,
            _ if (now - last).num_days() < rules.min_days() => &mut report.too_recent,
            _ => {
                crate::storage::write_transaction(conn, |conn| {
                    let token = Token::generate();
                    stored::record_reminder(conn, invitation.id, &token.hash(), now)?;
                    let link = link(base_url, &token);
                    composer.queue(
                        conn,
                        OutboxKind::Reminder,
                        invitation,
                        &status.participant,
                        &link,
                    )
                })?;
                &mut report.queued
            }
        };
        *counter += 1;
    }
    Ok(report)
}

/// Withdraws the invitation of `email` in a campaign; its link stops working at once.
pub fn revoke(
    conn: &mut DbConn,
    campaign_id: i64,
    email: &str,
    now: NaiveDateTime,
) -> Result<Invitation, InvitationError> {
    let status = stored::campaign_invitations(conn, campaign_id)?
        .into_iter()
        .find(|s| s.participant.email.eq_ignore_ascii_case(email.trim()))
        .ok_or_else(|| {
            InvitationError::NotFound(format!(
                "no invitation for {email} in campaign {campaign_id}"
            ))
        })?;
    stored::revoke_invitation(conn, status.invitation.id, now)?;
    Ok(stored::get_invitation(conn, status.invitation.id)?)
}

/// What a working link opens.
#[derive(Debug, Clone)]
pub struct OpenInvitation {
    pub invitation: Invitation,
    pub participant: Participant,
    pub campaign: CampaignDetails,
}

/// The invitation a token opens, or `None` when the token is unknown, revoked or its
/// campaign has closed; callers must not tell these apart to the visitor.
pub fn open(
    conn: &mut DbConn,
    token: &str,
    today: NaiveDate,
) -> Result<Option<OpenInvitation>, StorageError> {
    let Some(invitation) = stored::find_by_token_hash(conn, &hash_token(token))? else {
        return Ok(None);
    };
    if invitation.state == InvitationState::Revoked {
        return Ok(None);
    }
    let participant = participants::get_participant(conn, invitation.participant_id)?;
    match campaigns::open_campaign(conn, participant.campaign_id, today) {
        Ok(campaign) => Ok(Some(OpenInvitation {
            invitation,
            participant,
            campaign,
        })),
        Err(CampaignError::Closed(_)) => Ok(None),
        Err(CampaignError::Storage(e)) => Err(e),
        Err(other) => Err(StorageError::Conflict(other.to_string())),
    }
}
