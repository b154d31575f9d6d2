//! The outbox: mails waiting to be sent, claimed by one worker at a time.
//!
//! A mail is written here in the same transaction as the change it reports
//! (an invitation, a reminder, a submission), so it cannot be lost or sent for
//! a change that was rolled back. Workers take rows with [`claim_next`], which
//! hands each row to one worker only, for a lease; a worker that dies leaves
//! its row to be taken again once the lease runs out. Delivery is therefore at
//! least once: a crash between the SMTP server's "250 OK" and [`mark_sent`]
//! sends that mail again.

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

/// Claims one mail for the caller: a pending one due by `due_by`, or one whose
/// sender's lease ran out before `now` (that worker presumably died).
///
/// The row becomes `sending` with one more attempt and a lease until
/// `now + lease`; no other caller gets it meanwhile. PostgreSQL locks the row
/// with `FOR UPDATE SKIP LOCKED`, so concurrent workers take different rows
/// without waiting; SQLite takes its write lock before reading, so claims run
/// one after another. A worker passes the time its run started as `due_by`, so
/// a mail it reschedules is not retried within the same run.
pub fn claim_due(
    conn: &mut DbConn,
    due_by: NaiveDateTime,
    now: NaiveDateTime,
    lease: Duration,
) -> Result<Option<OutboxMail>, StorageError> {
    let claimable = outbox::state
        .eq(OutboxState::Pending)
        .and(outbox::next_attempt_at.le(due_by))
        .or(outbox::state
            .eq(OutboxState::Sending)
            .and(outbox::next_attempt_at.le(now)));
    let oldest = outbox::table
        .filter(claimable)
        .order((outbox::next_attempt_at, outbox::id))
        .select(outbox::id);
    let claim = diesel::update(outbox::table).set((
        outbox::state.eq(OutboxState::Sending),
        outbox::attempts.eq(outbox::attempts + 1),
        outbox::next_attempt_at.eq(now + lease),
    ));

    let claimed: Option<i64> = match conn {
        DbConn::Pg(pg) => pg.transaction(|pg| {
            let Some(id) = oldest
                .for_update()
                .skip_locked()
                .first::<i64>(pg)
                .optional()?
            else {
                return Ok::<_, diesel::result::Error>(None);
            };
            claim.filter(outbox::id.eq(id)).execute(pg)?;
            Ok(Some(id))
        })?,
        DbConn::Sqlite(sqlite) => sqlite.immediate_transaction(|sqlite| {
            let Some(id) = oldest.first::<i64>(sqlite).optional()? else {
                return Ok::<_, diesel::result::Error>(None);
            };
            // The write lock is ours, so the row cannot have changed since the
            // SELECT; repeating the condition costs nothing and keeps the
            // claim correct should that ever stop being true.
            let updated = claim
                .filter(outbox::id.eq(id).and(claimable))
                .execute(sqlite)?;
            Ok((updated == 1).then_some(id))
        })?,
    };
    claimed.map(|id| get(conn, id)).transpose()
}

/// Marks a mail as accepted by the server at `now`.
pub fn mark_sent(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> Result<(), StorageError> {
    conn.transaction(|conn| {
        let updated = diesel::update(outbox::table.find(id))
            .set((outbox::state.eq(OutboxState::Sent), outbox::sent_at.eq(now)))
            .execute(conn)?;
        found(updated, id)?;
        // The invitation counts as sent once its first mail has left.
        let mail = get(conn, id)?;
        if let (OutboxKind::Invitation, Some(invitation)) = (mail.kind, mail.invitation_id) {
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
