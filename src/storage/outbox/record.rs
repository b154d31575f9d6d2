//! Recording what became of sent mails: accepted, to be retried, or given up on.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::mail::{OutboxKind, OutboxState};
use crate::storage::schema::outbox;
use crate::storage::{DbConn, StorageError};

/// Marks a mail as accepted by the server at `now`.
pub fn mark_sent(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> Result<(), StorageError> {
    crate::storage::write_transaction(conn, |conn| {
        let updated = diesel::update(outbox::table.find(id))
            .set((
                outbox::state.eq(OutboxState::Sent),
                outbox::sent_at.eq(now),
                // Sent: the recipient has the link now, and no table keeps it.
                outbox::link_token.eq(None::<String>),
            ))
            .execute(conn)?;
        found(updated, id)?;
        // The invitation counts as sent once its first mail has left.
        let (kind, invitation_id) = outbox::table
            .find(id)
            .select((outbox::kind, outbox::invitation_id))
            .first::<(OutboxKind, Option<i64>)>(conn)?;
        if let (OutboxKind::Invitation, Some(invitation)) = (kind, invitation_id) {
            crate::storage::invitations::mark_invitation_sent(conn, invitation, now)?;
        }
        Ok(())
    })
}

/// Marks every mail of `ids` as accepted by the server at `now`, as
/// [`mark_sent`] does one, with a few statements for them all (a worker records
/// a batch at once), and returns how many it marked.
///
/// A mail that is no longer stored (erased with its campaign's personal data
/// while it was out) needs no record and is skipped, so that it cannot keep the
/// others of its batch from being recorded.
pub fn mark_all_sent(
    conn: &mut DbConn,
    ids: &[i64],
    now: NaiveDateTime,
) -> Result<usize, StorageError> {
    crate::storage::write_transaction(conn, |conn| mark_all_sent_in(conn, ids, now))
}

/// [`mark_all_sent`] in the caller's write transaction, for a worker that records a
/// batch and claims the next in one (a savepoint of its own would cost PostgreSQL two
/// more round trips a batch). An error leaves writes behind: the caller rolls back.
pub fn mark_all_sent_in(
    conn: &mut DbConn,
    ids: &[i64],
    now: NaiveDateTime,
) -> Result<usize, StorageError> {
    if ids.is_empty() {
        return Ok(0);
    }
    let sqlite = match conn {
        DbConn::Pg(pg) => return Ok(super::pg_batch::mark_sent(pg, ids, now)?),
        DbConn::Sqlite(sqlite) => sqlite,
    };
    diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
        .set((
            outbox::state.eq(OutboxState::Sent),
            outbox::sent_at.eq(now),
            // Sent: the recipient has the link now, and no table keeps it.
            outbox::link_token.eq(None::<String>),
        ))
        .execute(sqlite)?;
    let marked: Vec<(OutboxKind, Option<i64>)> = outbox::table
        .filter(outbox::id.eq_any(ids))
        .select((outbox::kind, outbox::invitation_id))
        .load(sqlite)?;
    // The invitations count as sent once their first mail has left.
    let invitations: Vec<i64> = marked
        .iter()
        .filter(|(kind, _)| *kind == OutboxKind::Invitation)
        .filter_map(|(_, invitation)| *invitation)
        .collect();
    crate::storage::invitations::mark_invitations_sent(conn, &invitations, now)?;
    Ok(marked.len())
}

/// Puts a mail back to wait until `next_attempt_at`, recording why it failed.
pub fn mark_retry(
    conn: &mut DbConn,
    id: i64,
    error: &str,
    next_attempt_at: NaiveDateTime,
) -> Result<(), StorageError> {
    let updated = diesel::update(outbox::table.find(id))
        .set((
            outbox::state.eq(OutboxState::Pending),
            outbox::last_error.eq(error),
            outbox::next_attempt_at.eq(next_attempt_at),
        ))
        .execute(conn)?;
    found(updated, id)
}

/// Gives up on a mail, recording why; it stays in the table to be seen.
pub fn mark_failed(conn: &mut DbConn, id: i64, error: &str) -> Result<(), StorageError> {
    let updated = diesel::update(outbox::table.find(id))
        .set((
            outbox::state.eq(OutboxState::Failed),
            outbox::last_error.eq(error),
            // Given up on: no one will get this link, so no table keeps it.
            outbox::link_token.eq(None::<String>),
        ))
        .execute(conn)?;
    found(updated, id)
}

fn found(updated: usize, id: i64) -> Result<(), StorageError> {
    match updated {
        0 => Err(StorageError::not_found("outbox mail", id)),
        _ => Ok(()),
    }
}
