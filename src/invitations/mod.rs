//! Invitations and reminders: a link token per participant and a mail in the outbox,
//! written together in one transaction.

mod batch;
mod compose;
pub mod review_mails;
mod rules;
mod token;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::campaigns::{self, CampaignError};
use crate::ids::{CampaignId, InvitationId};
use crate::mail::MailError;
use crate::mail::OutboxKind;
use crate::questionnaire::Catalogue;
use crate::storage::campaigns::CampaignDetails;
use crate::storage::invitations::{self as stored, Invitation};
use crate::storage::participants::{self, Participant};
use crate::storage::{DbConn, StorageError};

pub use batch::{INVITE_BATCH, Prepared};
pub use compose::{Composer, MailLink, Recipient};
pub use review_mails::{queue_accepted, queue_changes_requested, queue_resubmitted};
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
/// Each invitation and its mail are written in one transaction, a few hundred
/// participants to a transaction ([`INVITE_BATCH`]); the whole, once done, is audited
/// as sent by `actor`.
///
/// Every participant's audience is checked first, so a list the campaign cannot write
/// to fails before anything is written.
pub fn invite(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    base_url: &str,
    campaign_id: i64,
    today: NaiveDate,
    actor: &Actor,
) -> Result<InviteReport, InvitationError> {
    let details = campaigns::open_campaign(conn, campaign_id, today)?;
    let composer = Composer::new(conn, catalogue, &details)?;
    let all =
        usize::try_from(participants::count_participants(conn, campaign_id)?).unwrap_or(usize::MAX);
    let uninvited = stored::uninvited_with_organisations(conn, campaign_id)?;
    for (participant, _) in &uninvited {
        composer.questionnaire_for(participant.audience)?;
    }
    for participants in uninvited.chunks(INVITE_BATCH) {
        let prepared = participants
            .iter()
            .map(|(participant, organisation)| {
                composer.prepare_invitation(participant, organisation, base_url)
            })
            .collect::<Result<Vec<_>, _>>()?;
        crate::storage::write_transaction(conn, |conn| batch::write_invitations(conn, &prepared))?;
    }
    let report = InviteReport {
        queued: uninvited.len(),
        already_invited: all.saturating_sub(uninvited.len()),
    };
    let detail = format!("{} queued", report.queued);
    let subject = AuditSubject::Campaign(CampaignId(campaign_id));
    audit::record(
        conn,
        actor,
        AuditAction::InvitationsSend,
        &subject,
        Some(&detail),
    )?;
    Ok(report)
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
/// The whole, once done, is audited as sent by `actor`.
pub fn remind(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    base_url: &str,
    campaign_id: i64,
    rules: ReminderRules,
    now: NaiveDateTime,
    actor: &Actor,
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
            _ if status.response.is_some_and(|s| !s.can_be_reminded()) => &mut report.submitted,
            _ if invitation.state == InvitationState::Pending => &mut report.not_sent_yet,
            _ if invitation.reminders_sent >= rules.max() => &mut report.limit_reached,
            _ if (now - last).num_days() < rules.min_days() => &mut report.too_recent,
            _ => {
                crate::storage::write_transaction(conn, |conn| {
                    let token = Token::generate();
                    stored::record_reminder(conn, invitation.id, &token.hash(), now)?;
                    let link = MailLink {
                        base_url,
                        token: token.as_str(),
                        page: "",
                    };
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
    let detail = format!(
        "{} queued (at least {} days, at most {})",
        report.queued,
        rules.min_days(),
        rules.max()
    );
    let subject = AuditSubject::Campaign(CampaignId(campaign_id));
    audit::record(
        conn,
        actor,
        AuditAction::RemindersSend,
        &subject,
        Some(&detail),
    )?;
    Ok(report)
}

/// Withdraws the invitation of `email` in a campaign; its link stops working at once. The
/// change is audited as done by `actor`, in the same transaction.
pub fn revoke(
    conn: &mut DbConn,
    campaign_id: i64,
    email: &str,
    now: NaiveDateTime,
    actor: &Actor,
) -> Result<Invitation, InvitationError> {
    let status = stored::campaign_invitations(conn, campaign_id)?
        .into_iter()
        .find(|s| s.participant.email.eq_ignore_ascii_case(email.trim()))
        .ok_or_else(|| {
            InvitationError::NotFound(format!(
                "no invitation for {email} in campaign {campaign_id}"
            ))
        })?;
    let id = status.invitation.id;
    crate::storage::write_transaction(conn, |conn| {
        stored::revoke_invitation(conn, id, now)?;
        let subject = AuditSubject::Invitation(InvitationId(id));
        audit::record(conn, actor, AuditAction::InvitationRevoke, &subject, None)?;
        Ok(stored::get_invitation(conn, id)?)
    })
}

/// What a working link opens.
#[derive(Debug, Clone)]
pub struct OpenInvitation {
    pub invitation: Invitation,
    pub participant: Participant,
    pub campaign: CampaignDetails,
    /// The name of the organisation the participant answers for.
    pub organisation: String,
    /// The invitation's response as it was read with the link, once started.
    pub response: Option<crate::storage::responses::Response>,
}

/// The invitation a token opens, or `None` when the token is unknown, revoked or its
/// campaign has closed; callers must not tell these apart to the visitor.
///
/// Nor may the time taken tell them apart. Every refusal runs exactly one query, the same
/// one (invitation, participant, campaign, organisation and response joined by token
/// hash), and decides in memory;
/// the caller then answers with the same 404 page. Only a working link reads on (its
/// questionnaires). Looking the rows up one by one, as before, stopped an unknown token
/// after one query but ran four for a closed campaign's link, which let a stranger time a
/// guessed link to learn that it had once been real. The one remaining difference, whether
/// the index finds a row and two primary keys are read with it, costs microseconds.
pub fn open(
    conn: &mut DbConn,
    token: &str,
    today: NaiveDate,
) -> Result<Option<OpenInvitation>, StorageError> {
    let link = stored::find_link(conn, &hash_token(token))?;
    let Some(link) = link.filter(|link| works(link, today)) else {
        return Ok(None);
    };
    Ok(Some(OpenInvitation {
        invitation: link.invitation,
        participant: link.participant,
        campaign: CampaignDetails {
            campaign: link.campaign,
            questionnaires: link.questionnaires,
        },
        organisation: link.organisation,
        response: link.response,
    }))
}

/// What invitation `invitation_id` opens, by the same rules as [`open`]: for a colleague's
/// link, which opens the contact's response only while the contact's own link works.
pub fn open_by_id(
    conn: &mut DbConn,
    invitation_id: i64,
    today: NaiveDate,
) -> Result<Option<OpenInvitation>, StorageError> {
    let hash = stored::get_invitation(conn, invitation_id)?.token_hash;
    let link = stored::find_link(conn, &hash)?;
    let Some(link) = link.filter(|link| works(link, today)) else {
        return Ok(None);
    };
    Ok(Some(OpenInvitation {
        invitation: link.invitation,
        participant: link.participant,
        campaign: CampaignDetails {
            campaign: link.campaign,
            questionnaires: link.questionnaires,
        },
        organisation: link.organisation,
        response: link.response,
    }))
}

/// Whether a link still opens its response: not revoked, and its campaign takes answers.
fn works(link: &stored::Link, today: NaiveDate) -> bool {
    link.invitation.state != InvitationState::Revoked
        && campaigns::takes_answers(&link.campaign, today)
}

crate::words::word_enum!(
    /// Where an invitation stands.
    InvitationState, "invitation state", {
        /// Created; its mail waits in the outbox.
        Pending => "pending",
        /// Its mail went out.
        Sent => "sent",
        /// Withdrawn; its link no longer opens anything.
        Revoked => "revoked",
    }
);
