//! Claiming the mails a worker sends next, a few rows at a time, for a lease.
//!
//! A worker claims a small batch just before it sends it (and, to save a
//! commit, in the transaction that records the batch before), never the whole
//! queue: a worker that dies then leaves at most one batch per SMTP session
//! claimed, of which at most those mails may have reached the server already.

use std::collections::HashMap;

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

/// [`claim_in`] of one mail.
pub fn claim_next_in(
    conn: &mut DbConn,
    due_by: NaiveDateTime,
    now: NaiveDateTime,
    lease: Duration,
) -> Result<Option<OutboxMail>, StorageError> {
    Ok(claim_in(conn, due_by, now, lease, 1)?.pop())
}

/// Claims up to `count` mails, those that have waited longest first: pending
/// ones due by `due_by`, and ones whose sender's lease ran out before `now`
/// (that worker presumably died).
///
/// Must run inside a write transaction (`storage::write_transaction`), which it
/// leaves to the caller so a worker can record its last mails and claim its
/// next with one commit. The rows become `sending` with one more attempt and a
/// lease until `now + lease` (their `next_attempt_at`); no other caller gets
/// them meanwhile. PostgreSQL locks the rows with `FOR UPDATE SKIP LOCKED`, so
/// concurrent workers take different rows without waiting; SQLite's transaction
/// holds the write lock from its start, so claims run one after another. Each
/// query reads rows in order off the (state, next_attempt_at) index. On PostgreSQL it is
/// one statement (see `pg_batch::claim`).
pub fn claim_in(
    conn: &mut DbConn,
    due_by: NaiveDateTime,
    now: NaiveDateTime,
    lease: Duration,
    count: usize,
) -> Result<Vec<OutboxMail>, StorageError> {
    let limit = i64::try_from(count).unwrap_or(i64::MAX);
    let until = now.checked_add_signed(lease).unwrap_or(NaiveDateTime::MAX);
    let sqlite = match conn {
        DbConn::Pg(pg) => return Ok(super::pg_batch::claim(pg, due_by, now, until, limit)?),
        DbConn::Sqlite(sqlite) => sqlite,
    };
    let oldest = move |state: OutboxState, by: NaiveDateTime| {
        outbox::table
            .filter(outbox::state.eq(state))
            .filter(outbox::next_attempt_at.le(by))
            .order((outbox::next_attempt_at, outbox::id))
            .select((outbox::next_attempt_at, outbox::id))
            .limit(limit)
    };
    type Due = (NaiveDateTime, i64);
    let pending: Vec<Due> = oldest(OutboxState::Pending, due_by).load(sqlite)?;
    let sending: Vec<Due> = oldest(OutboxState::Sending, now).load(sqlite)?;
    let mut due: Vec<(Due, OutboxState)> = pending
        .into_iter()
        .map(|due| (due, OutboxState::Pending))
        .chain(sending.into_iter().map(|due| (due, OutboxState::Sending)))
        .collect();
    due.sort_unstable_by_key(|(due, _)| *due);
    due.truncate(count);
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let order: HashMap<i64, usize> = due
        .iter()
        .enumerate()
        .map(|(n, ((_, id), _))| (*id, n))
        .collect();
    let ids: Vec<i64> = order.keys().copied().collect();
    let mut mails = claim_each(conn, &due, until, &ids)?;
    mails.sort_unstable_by_key(|mail| order.get(&mail.id).copied());
    Ok(mails)
}

/// Claims the `due` rows on SQLite, one statement each, and reads them back.
fn claim_each(
    conn: &mut DbConn,
    due: &[((NaiveDateTime, i64), OutboxState)],
    until: NaiveDateTime,
    ids: &[i64],
) -> Result<Vec<OutboxMail>, StorageError> {
    for ((was_due, id), state) in due {
        // The write lock is ours, so they cannot have changed since the SELECT; the
        // conditions keep the claim correct should that ever stop being true. One row a
        // statement: with a list of ids beside the state, SQLite's planner would walk
        // the whole (state, next_attempt_at) index of pending mails instead.
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
    }
    Ok(outbox::table
        .filter(outbox::id.eq_any(ids))
        .select(OutboxMail::as_select())
        .load(conn)?)
}

/// Hands back mails a worker claimed and did not try after all (its run was
/// stopped, or too little of their lease was left for a send): pending again,
/// due at `now`, without the attempt their claim counted.
///
/// Runs inside the caller's write transaction. A mail is released only while
/// the claim that returned it holds it (same state and lease end): one whose
/// lease ran out and that another worker claimed since is left to that worker.
pub fn release_in(
    conn: &mut DbConn,
    mails: &[OutboxMail],
    now: NaiveDateTime,
) -> Result<(), StorageError> {
    for mail in mails {
        diesel::update(
            outbox::table
                .find(mail.id)
                .filter(outbox::state.eq(OutboxState::Sending))
                .filter(outbox::next_attempt_at.eq(mail.next_attempt_at)),
        )
        .set((
            outbox::state.eq(OutboxState::Pending),
            outbox::attempts.eq(outbox::attempts - 1),
            outbox::next_attempt_at.eq(now),
        ))
        .execute(conn)?;
    }
    Ok(())
}
