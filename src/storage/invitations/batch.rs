//! Invitations for many participants at once: the list still to invite with their
//! organisations, and multi-row writes of a batch's invitations and of their sending.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::invitations::InvitationState;
use crate::storage::participants::Participant;
use crate::storage::schema::{invitations, organisations, participants};
use crate::storage::{DbConn, StorageError};

/// [`uninvited_participants`](super::uninvited_participants), each with the name of the organisation they answer for.
pub fn uninvited_with_organisations(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<(Participant, String)>, StorageError> {
    Ok(participants::table
        .left_join(invitations::table)
        .inner_join(organisations::table)
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(invitations::id.is_null())
        .order(participants::id)
        .select((Participant::as_select(), organisations::name))
        .load(conn)?)
}

/// Rows per multi-row INSERT: at 5 values a row, far under SQLite's 32,766 and
/// PostgreSQL's 65,535 bound parameters a statement.
const ROWS_PER_INSERT: usize = 1000;

/// Creates the invitations of several participants at once, each given as its
/// participant and token hash, and returns their ids in the same order. A participant
/// already invited makes it a `Conflict`, and the caller's transaction then writes none.
pub fn create_invitations(
    conn: &mut DbConn,
    new: &[(i64, String)],
) -> Result<Vec<i64>, StorageError> {
    let now = crate::storage::now();
    for chunk in new.chunks(ROWS_PER_INSERT) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(participant_id, token_hash)| {
                (
                    invitations::participant_id.eq(*participant_id),
                    invitations::token_hash.eq(token_hash.as_str()),
                    invitations::state.eq(InvitationState::Pending),
                    invitations::created_at.eq(now),
                    invitations::reminders_sent.eq(0),
                )
            })
            .collect();
        let insert = diesel::insert_into(invitations::table).values(rows);
        match crate::storage::execute_batch!(conn, insert).map_err(StorageError::from) {
            Err(e) if e.is_unique_violation() => {
                return Err(StorageError::Conflict(
                    "a participant of the list is already invited".to_owned(),
                ));
            }
            other => other?,
        };
    }
    let mut ids = HashMap::with_capacity(new.len());
    for chunk in new.chunks(ROWS_PER_INSERT) {
        let participants: Vec<i64> = chunk.iter().map(|(participant, _)| *participant).collect();
        let found: Vec<(i64, i64)> = invitations::table
            .filter(invitations::participant_id.eq_any(&participants))
            .select((invitations::participant_id, invitations::id))
            .load(conn)?;
        ids.extend(found);
    }
    new.iter()
        .map(|(participant, _)| {
            ids.get(participant)
                .copied()
                .ok_or_else(|| StorageError::not_found("invitation of participant", participant))
        })
        .collect()
}

/// [`mark_invitation_sent`](super::mark_invitation_sent) for every invitation of `ids`, in one statement.
pub fn mark_invitations_sent(
    conn: &mut DbConn,
    ids: &[i64],
    now: NaiveDateTime,
) -> Result<(), StorageError> {
    if ids.is_empty() {
        return Ok(());
    }
    diesel::update(
        invitations::table
            .filter(invitations::id.eq_any(ids))
            .filter(invitations::state.eq(InvitationState::Pending)),
    )
    .set((
        invitations::state.eq(InvitationState::Sent),
        invitations::sent_at.eq(Some(now)),
    ))
    .execute(conn)?;
    Ok(())
}
