//! The outbox: mails waiting to be sent, claimed by one worker at a time.
//!
//! A mail is written here in the same transaction as the change it reports
//! (an invitation, a reminder, a submission), so it cannot be lost or sent for
//! a change that was rolled back. Workers take rows with [`claim_due_batch`], which
//! hands each row to one worker only, for a lease; a worker that dies leaves
//! its row to be taken again once the lease runs out. Delivery is therefore at
//! least once: a crash between the SMTP server's "250 OK" and [`mark_sent`]
//! sends that mail again (the mail worker records a batch at a time).

use chrono::{Duration, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::enums::{OutboxKind, OutboxState};
use super::schema::outbox;
use super::{DbConn, StorageError};

/// A stored mail.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = outbox)]
pub struct OutboxMail {
    pub id: i64,
    pub kind: OutboxKind,
    /// The invitation the mail belongs to, if any (cleared if it is deleted).
    pub invitation_id: Option<i64>,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub state: OutboxState,
    /// Attempts started so far, including one in progress.
    pub attempts: i32,
    /// When a pending mail is due; for a mail being sent, when its lease ends.
    pub next_attempt_at: NaiveDateTime,
    /// Why the last attempt failed, e.g. "transient: 451 4.3.0 try later".
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// A mail to queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewOutboxMail<'a> {
    pub kind: OutboxKind,
    pub invitation_id: Option<i64>,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct OutboxRow<'a> {
    kind: OutboxKind,
    invitation_id: Option<i64>,
    recipient: &'a str,
    subject: &'a str,
    body_text: &'a str,
    body_html: &'a str,
    state: OutboxState,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    created_at: NaiveDateTime,
}

/// How many mails are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
}

/// Queues a mail, due now, and returns its id.
///
/// It opens no transaction of its own: callers run it inside the transaction
/// that makes the change the mail reports.
pub fn enqueue(conn: &mut DbConn, mail: &NewOutboxMail<'_>) -> Result<i64, StorageError> {
    let now = super::now();
    diesel::insert_into(outbox::table)
        .values(&OutboxRow {
            kind: mail.kind,
            invitation_id: mail.invitation_id,
            recipient: mail.recipient,
            subject: mail.subject,
            body_text: mail.body_text,
            body_html: mail.body_html,
            state: OutboxState::Pending,
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
        })
        .execute(conn)?;
    Ok(super::last_insert_id(conn)?)
}

/// Claims the mail that has waited longest and is due at `now`, for `lease`.
///
/// Same as [`claim_due`] with `due_by = now`.
pub fn claim_next(
    conn: &mut DbConn,
    now: NaiveDateTime,
    lease: Duration,
) -> Result<Option<OutboxMail>, StorageError> {
    claim_due(conn, now, now, lease)
}

/// Claims one mail for the caller: [`claim_due_batch`] for one.
pub fn claim_due(
    conn: &mut DbConn,
    due_by: NaiveDateTime,
    now: NaiveDateTime,
    lease: Duration,
) -> Result<Option<OutboxMail>, StorageError> {
    Ok(claim_due_batch(conn, due_by, now, lease, 1)?
        .into_iter()
        .next())
}

/// Claims up to `count` mails for the caller, those that have waited longest
/// first: pending ones due by `due_by`, and ones whose sender's lease ran out
/// before `now` (that worker presumably died).
///
/// The rows become `sending` with one more attempt and a lease until
/// `now + lease`; no other caller gets them meanwhile. PostgreSQL locks the
/// rows with `FOR UPDATE SKIP LOCKED`, so concurrent workers take different
/// rows without waiting; SQLite takes its write lock before reading, so claims
/// run one after another. A worker passes the time its run started as
/// `due_by`, so a mail it reschedules is not retried within the same run.
pub fn claim_due_batch(
    conn: &mut DbConn,
    due_by: NaiveDateTime,
    now: NaiveDateTime,
    lease: Duration,
    count: usize,
) -> Result<Vec<OutboxMail>, StorageError> {
    let limit = i64::try_from(count).unwrap_or(i64::MAX);
    // One query per state, each read in order off the (state, next_attempt_at)
    // index: a single query with OR sorts every due row for each claim, which
    // with thousands queued costs more than sending the mail.
    let oldest = move |state: OutboxState, by: NaiveDateTime| {
        outbox::table
            .filter(outbox::state.eq(state))
            .filter(outbox::next_attempt_at.le(by))
            .order((outbox::next_attempt_at, outbox::id))
            .select((outbox::next_attempt_at, outbox::id))
            .limit(limit)
    };
    let claimable = outbox::state
        .eq(OutboxState::Pending)
        .and(outbox::next_attempt_at.le(due_by))
        .or(outbox::state
            .eq(OutboxState::Sending)
            .and(outbox::next_attempt_at.le(now)));
    let claim = diesel::update(outbox::table).set((
        outbox::state.eq(OutboxState::Sending),
        outbox::attempts.eq(outbox::attempts + 1),
        outbox::next_attempt_at.eq(now + lease),
    ));

    let claimed: Vec<i64> = match conn {
        DbConn::Pg(pg) => pg.transaction(|pg| {
            let mut due: Vec<(NaiveDateTime, i64)> = oldest(OutboxState::Pending, due_by)
                .for_update()
                .skip_locked()
                .load(pg)?;
            due.extend(
                oldest(OutboxState::Sending, now)
                    .for_update()
                    .skip_locked()
                    .load::<(NaiveDateTime, i64)>(pg)?,
            );
            let ids = first_ids(due, count);
            claim.filter(outbox::id.eq_any(&ids)).execute(pg)?;
            Ok::<_, diesel::result::Error>(ids)
        })?,
        DbConn::Sqlite(sqlite) => sqlite.immediate_transaction(|sqlite| {
            let mut due: Vec<(NaiveDateTime, i64)> =
                oldest(OutboxState::Pending, due_by).load(sqlite)?;
            due.extend(oldest(OutboxState::Sending, now).load::<(NaiveDateTime, i64)>(sqlite)?);
            let ids = first_ids(due, count);
            // The write lock is ours, so the rows cannot have changed since the
            // SELECTs; repeating the condition costs little and keeps the
            // claim correct should that ever stop being true.
            let updated = claim
                .filter(outbox::id.eq_any(&ids).and(claimable))
                .execute(sqlite)?;
            if updated != ids.len() {
                return Err(diesel::result::Error::RollbackTransaction);
            }
            Ok(ids)
        })?,
    };
    if claimed.is_empty() {
        return Ok(Vec::new());
    }
    let mut mails: Vec<OutboxMail> = outbox::table
        .filter(outbox::id.eq_any(&claimed))
        .select(OutboxMail::as_select())
        .load(conn)?;
    mails.sort_by_key(|m| claimed.iter().position(|id| *id == m.id));
    Ok(mails)
}

/// The ids of the `count` rows that have waited longest.
fn first_ids(mut due: Vec<(NaiveDateTime, i64)>, count: usize) -> Vec<i64> {
    due.sort_unstable();
    due.into_iter().take(count).map(|(_, id)| id).collect()
}

/// Marks a mail as accepted by the server at `now`.
pub fn mark_sent(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> Result<(), StorageError> {
    crate::storage::write_transaction(conn, |conn| {
        let updated = diesel::update(outbox::table.find(id))
            .set((outbox::state.eq(OutboxState::Sent), outbox::sent_at.eq(now)))
            .execute(conn)?;
        found(updated, id)?;
        // The invitation counts as sent once its first mail has left.
        let (kind, invitation_id) = outbox::table
            .find(id)
            .select((outbox::kind, outbox::invitation_id))
            .first::<(OutboxKind, Option<i64>)>(conn)?;
        if let (OutboxKind::Invitation, Some(invitation)) = (kind, invitation_id) {
            super::invitations::mark_invitation_sent(conn, invitation, now)?;
        }
        Ok(())
    })
}

/// Marks every mail of `ids` as accepted by the server at `now`, as
/// [`mark_sent`] does one: a worker records a batch with a few statements.
pub fn mark_all_sent(
    conn: &mut DbConn,
    ids: &[i64],
    now: NaiveDateTime,
) -> Result<(), StorageError> {
    if ids.is_empty() {
        return Ok(());
    }
    crate::storage::write_transaction(conn, |conn| {
        let updated = diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
            .set((outbox::state.eq(OutboxState::Sent), outbox::sent_at.eq(now)))
            .execute(conn)?;
        if updated != ids.len() {
            let found: Vec<i64> = outbox::table
                .filter(outbox::id.eq_any(ids))
                .select(outbox::id)
                .load(conn)?;
            let missing = ids.iter().find(|id| !found.contains(id)).copied();
            return Err(StorageError::not_found(
                "outbox mail",
                missing.unwrap_or(ids[0]),
            ));
        }
        let invitations: Vec<Option<i64>> = outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::kind.eq(OutboxKind::Invitation))
            .select(outbox::invitation_id)
            .load(conn)?;
        for invitation in invitations.into_iter().flatten() {
            super::invitations::mark_invitation_sent(conn, invitation, now)?;
        }
        Ok(())
    })
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
        ))
        .execute(conn)?;
    found(updated, id)
}

/// The mail with this id.
pub fn get(conn: &mut DbConn, id: i64) -> Result<OutboxMail, StorageError> {
    outbox::table
        .find(id)
        .select(OutboxMail::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StorageError::not_found("outbox mail", id))
}

/// The mails in `state` (all of them for `None`), oldest first.
pub fn list(
    conn: &mut DbConn,
    state: Option<OutboxState>,
) -> Result<Vec<OutboxMail>, StorageError> {
    let mut query = outbox::table
        .select(OutboxMail::as_select())
        .order(outbox::id)
        .into_boxed();
    if let Some(state) = state {
        query = query.filter(outbox::state.eq(state));
    }
    Ok(query.load(conn)?)
}

/// How many mails are in each state.
pub fn counts(conn: &mut DbConn) -> Result<OutboxCounts, StorageError> {
    let rows: Vec<(OutboxState, i64)> = outbox::table
        .group_by(outbox::state)
        .select((outbox::state, count_star()))
        .load(conn)?;
    let mut counts = OutboxCounts::default();
    for (state, n) in rows {
        match state {
            OutboxState::Pending => counts.pending = n,
            OutboxState::Sending => counts.sending = n,
            OutboxState::Sent => counts.sent = n,
            OutboxState::Failed => counts.failed = n,
        }
    }
    Ok(counts)
}

/// How many pending mails are due at `now`, e.g. to size a progress bar.
pub fn due_count(conn: &mut DbConn, now: NaiveDateTime) -> Result<i64, StorageError> {
    Ok(outbox::table
        .filter(outbox::state.eq(OutboxState::Pending))
        .filter(outbox::next_attempt_at.le(now))
        .select(count_star())
        .first(conn)?)
}

fn found(updated: usize, id: i64) -> Result<(), StorageError> {
    match updated {
        0 => Err(StorageError::not_found("outbox mail", id)),
        _ => Ok(()),
    }
}
