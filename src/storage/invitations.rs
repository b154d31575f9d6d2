//! Invitations: one per participant, holding only the hash of the participant's link token.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::campaigns::{Campaign, CampaignQuestionnaire};
use super::participants::Participant;
use super::responses::Response;
use super::schema::{
    campaign_questionnaires, campaigns, invitations, organisations, participants, responses,
};
use super::{DbConn, StorageError};
use crate::invitations::InvitationState;
use crate::responses::ResponseState;

mod batch;

pub use batch::{create_invitations, mark_invitations_sent, uninvited_with_organisations};

/// A stored invitation.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = invitations)]
pub struct Invitation {
    pub id: i64,
    pub participant_id: i64,
    /// SHA-256 of the link token, hex; the token itself is never stored.
    pub token_hash: String,
    pub state: InvitationState,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub opened_at: Option<NaiveDateTime>,
    pub last_reminded_at: Option<NaiveDateTime>,
    pub reminders_sent: i32,
    pub revoked_at: Option<NaiveDateTime>,
}

/// An invitation with its participant and, once started, the state of its response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationStatus {
    pub invitation: Invitation,
    pub participant: Participant,
    pub response: Option<ResponseState>,
}

#[derive(Insertable)]
#[diesel(table_name = invitations)]
struct InvitationRow<'a> {
    participant_id: i64,
    token_hash: &'a str,
    state: InvitationState,
    created_at: NaiveDateTime,
    reminders_sent: i32,
}

/// Creates the invitation of a participant; a second one for the same participant is a `Conflict`.
pub fn create_invitation(
    conn: &mut DbConn,
    participant_id: i64,
    token_hash: &str,
) -> Result<Invitation, StorageError> {
    let row = InvitationRow {
        participant_id,
        token_hash,
        state: InvitationState::Pending,
        created_at: super::now(),
        reminders_sent: 0,
    };
    let inserted = diesel::insert_into(invitations::table)
        .values(&row)
        .execute(conn)
        .map_err(StorageError::from);
    match inserted {
        Err(e) if e.is_unique_violation() => {
            return Err(StorageError::Conflict(format!(
                "participant {participant_id} is already invited"
            )));
        }
        other => other?,
    };
    let id = super::last_insert_id(conn)?;
    get_invitation(conn, id)
}

pub fn get_invitation(conn: &mut DbConn, id: i64) -> Result<Invitation, StorageError> {
    invitations::table
        .find(id)
        .select(Invitation::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StorageError::not_found("invitation", id))
}

/// The invitation whose token hashes to `token_hash`, whatever its state.
pub fn find_by_token_hash(
    conn: &mut DbConn,
    token_hash: &str,
) -> Result<Option<Invitation>, StorageError> {
    Ok(invitations::table
        .filter(invitations::token_hash.eq(token_hash))
        .select(Invitation::as_select())
        .first(conn)
        .optional()?)
}

/// What a link token leads to, whatever the state of the link or its campaign.
#[derive(Debug, Clone)]
pub struct Link {
    pub invitation: Invitation,
    pub participant: Participant,
    pub campaign: Campaign,
    /// The campaign's questionnaire for each audience, by audience.
    pub questionnaires: Vec<CampaignQuestionnaire>,
    /// The name of the participant's organisation.
    pub organisation: String,
    /// The invitation's response, once started.
    pub response: Option<Response>,
}

/// The invitation whose token hashes to `token_hash`, with its participant, campaign and
/// the campaign's questionnaires, organisation name and response, in one query (a row
/// per questionnaire): callers decide whether the link works, and a page shows what it
/// opens, without asking the database again. Every respondent page starts here.
pub fn find_link(conn: &mut DbConn, token_hash: &str) -> Result<Option<Link>, StorageError> {
    type Row = (
        Invitation,
        Participant,
        Campaign,
        Option<CampaignQuestionnaire>,
        String,
        Option<Response>,
    );
    // Written out in each arm: `as_select` takes the backend's type from its use.
    let rows = super::on_backend!(conn, |c| {
        invitations::table
            .inner_join(
                participants::table
                    .inner_join(campaigns::table.left_join(campaign_questionnaires::table))
                    .inner_join(organisations::table),
            )
            .left_join(responses::table)
            .filter(invitations::token_hash.eq(token_hash))
            .order(campaign_questionnaires::audience)
            .select((
                Invitation::as_select(),
                Participant::as_select(),
                Campaign::as_select(),
                Option::<CampaignQuestionnaire>::as_select(),
                organisations::name,
                Option::<Response>::as_select(),
            ))
            .load::<Row>(c)
    })?;
    let mut rows = rows.into_iter();
    let Some((invitation, participant, campaign, first, organisation, response)) = rows.next()
    else {
        return Ok(None);
    };
    let questionnaires = first
        .into_iter()
        .chain(rows.filter_map(|row| row.3))
        .collect();
    Ok(Some(Link {
        invitation,
        participant,
        campaign,
        questionnaires,
        organisation,
        response,
    }))
}

/// Participants of a campaign who have no invitation yet, in the order they were added.
pub fn uninvited_participants(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<Participant>, StorageError> {
    Ok(participants::table
        .left_join(invitations::table)
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(invitations::id.is_null())
        .order(participants::id)
        .select(Participant::as_select())
        .load(conn)?)
}

/// Every invitation of a campaign with its participant and response state.
pub fn campaign_invitations(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<InvitationStatus>, StorageError> {
    let rows: Vec<(Invitation, Participant, Option<ResponseState>)> = invitations::table
        .inner_join(participants::table)
        .left_join(responses::table)
        .filter(participants::campaign_id.eq(campaign_id))
        .order(invitations::id)
        .select((
            Invitation::as_select(),
            Participant::as_select(),
            responses::state.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(invitation, participant, response)| InvitationStatus {
            invitation,
            participant,
            response,
        })
        .collect())
}

/// Records a reminder: a fresh token replaces the old one, so only the newest link works.
pub fn record_reminder(
    conn: &mut DbConn,
    id: i64,
    token_hash: &str,
    now: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(invitations::table.find(id))
        .set((
            invitations::token_hash.eq(token_hash),
            invitations::last_reminded_at.eq(Some(now)),
            invitations::reminders_sent.eq(invitations::reminders_sent + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// Withdraws an invitation; its link stops working at once.
pub fn revoke_invitation(
    conn: &mut DbConn,
    id: i64,
    now: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(invitations::table.find(id))
        .set((
            invitations::state.eq(InvitationState::Revoked),
            invitations::revoked_at.eq(Some(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks a pending invitation sent, when its mail left the outbox.
pub fn mark_invitation_sent(
    conn: &mut DbConn,
    id: i64,
    now: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(
        invitations::table
            .find(id)
            .filter(invitations::state.eq(InvitationState::Pending)),
    )
    .set((
        invitations::state.eq(InvitationState::Sent),
        invitations::sent_at.eq(Some(now)),
    ))
    .execute(conn)?;
    Ok(())
}

/// Records the first time a link was opened.
pub fn mark_opened(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> Result<(), StorageError> {
    diesel::update(
        invitations::table
            .find(id)
            .filter(invitations::opened_at.is_null()),
    )
    .set(invitations::opened_at.eq(Some(now)))
    .execute(conn)?;
    Ok(())
}

/// Gives an invitation a new token; the old link stops working. For the demo, whose
/// link is printed afresh at every start because only hashes are kept.
pub fn replace_token(conn: &mut DbConn, id: i64, token_hash: &str) -> Result<(), StorageError> {
    diesel::update(invitations::table.find(id))
        .set(invitations::token_hash.eq(token_hash))
        .execute(conn)?;
    Ok(())
}
