//! Claiming the mail a worker sends next: one row at a time, for a lease.
//!
//! A worker claims a mail just before it sends it (and, to save a commit, in the
//! transaction that records the mail before), never a batch ahead: a worker that
//! dies then leaves one mail per SMTP session claimed, of which at most that one
//! may have reached the server already.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::OutboxMail;
use crate::mail::OutboxState;
use crate::storage::schema::outbox;
use crate::storage::{DbConn, StorageError};

/// Claims the mail that has waited longest and is due at `now`, for `lease`,
/// in a transaction of its own. Same as [`claim_due`] with `due_by = now`.
pub fn claim_next(
    conn: &mut DbConn,
    now: NaiveDateTime,
    lease: Duration,
) -> Result<Option<OutboxMail>, StorageError> {
    claim_due(conn, now, now, lease)
}

/// [`claim_next_in`] in a write transaction of its own.
pub fn claim_due(
    conn: &mut DbConn,
    due_by: NaiveDateTime,
    now: NaiveDateTime,
    lease: Duration,
) -> Result<Option<OutboxMail>, StorageError> {
    crate::storage::write_transaction(conn, |conn| claim_next_in(conn, due_by, now, lease))
}

/// Claims the mail that has waited longest: a pending one due by `due_by`, or one
/// whose sender's lease ran out before `now` (that worker presumably died).
///
/// Must run inside a write transaction (`storage::write_transaction`), which it
/// leaves to the caller so a worker can record its last mail and claim its next
/// with one commit. The row becomes `sending` with one more attempt and a lease
/// until `now + lease`; no other caller gets it meanwhile. PostgreSQL locks the
/// row with `FOR UPDATE SKIP LOCKED`, so concurrent workers take different rows
/// without waiting; SQLite's transaction holds the write lock from its start, so
/// claims run one after another. Each query reads one row in order off the
/// (state, next_attempt_at) index.
pub fn claim_next_in(
    conn: &mut DbConn,
    due_by: NaiveDateTime,
    now: NaiveDateTime,
    lease: Duration,
) -> Result<Option<OutboxMail>, StorageError> {
    let oldest = move |state: OutboxState, by: NaiveDateTime| {
        outbox::table
            .filter(outbox::state.eq(state))
            .filter(outbox::next_attempt_at.le(by))
            .order((outbox::next_attempt_at, outbox::id))
            .select((outbox::next_attempt_at, outbox::id))
            .limit(1)
    };
    type Due = (NaiveDateTime, i64);
    let (pending, sending): (Vec<Due>, Vec<Due>) = match conn {
        DbConn::Pg(pg) => (
            oldest(OutboxState::Pending, due_by)
                .for_update()
                .skip_locked()
                .load(pg)?,
            oldest(OutboxState::Sending, now)
                .for_update()
                .skip_locked()
                .load(pg)?,
        ),
        DbConn::Sqlite(sqlite) => (
            oldest(OutboxState::Pending, due_by).load(sqlite)?,
            oldest(OutboxState::Sending, now).load(sqlite)?,
        ),
    };
    let pending = pending.into_iter().map(|due| (due, OutboxState::Pending));
    let sending = sending.into_iter().map(|due| (due, OutboxState::Sending));
    let Some(((was_due, id), state)) = pending.chain(sending).min_by_key(|(due, _)| *due) else {
        return Ok(None);
    };
    let until = now.checked_add_signed(lease).unwrap_or(NaiveDateTime::MAX);
    // The row is locked (PostgreSQL) or the write lock is ours (SQLite), so it
    // cannot have changed since the SELECT; the condition keeps the claim
    // correct should that ever stop being true.
    let updated = diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::state.eq(state))
            .filter(outbox::next_attempt_at.eq(was_due)),
    )
    .set((
        outbox::state.eq(OutboxState::Sending),
        outbox::attempts.eq(outbox::attempts + 1),
        outbox::next_attempt_at.eq(until),
    ))
    .execute(conn)?;
    if updated != 1 {
        return Err(StorageError::Conflict(format!(
            "outbox mail {id} changed while it was being claimed"
        )));
    }
    Ok(Some(super::get(conn, id)?))
}
