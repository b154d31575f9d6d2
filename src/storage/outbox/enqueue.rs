//! Queueing mails: one with its change's transaction, or many at once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::NewOutboxMail;
use crate::mail::{OutboxKind, OutboxState};
use crate::storage::schema::outbox;
use crate::storage::{DbConn, StorageError};

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
    message_id: &'a str,
    link_token: Option<&'a str>,
}

/// Queues a mail, due now, and returns its id.
///
/// It opens no transaction of its own: callers run it inside the transaction
/// that makes the change the mail reports.
pub fn enqueue(conn: &mut DbConn, mail: &NewOutboxMail<'_>) -> Result<i64, StorageError> {
    let now = crate::storage::now();
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
            message_id: mail.message_id,
            link_token: mail.link_token,
        })
        .execute(conn)?;
    Ok(crate::storage::last_insert_id(conn)?)
}

/// Rows per multi-row INSERT: at 12 values a row, under SQLite's 32,766 and
/// PostgreSQL's 65,535 bound parameters a statement.
const ROWS_PER_INSERT: usize = 1000;

/// Queues several mails, due now, with multi-row INSERTs (see `storage::execute_batch`):
/// [`enqueue`] for each, in far fewer statements. Opens no transaction of its own either.
pub fn enqueue_all(conn: &mut DbConn, mails: &[NewOutboxMail<'_>]) -> Result<(), StorageError> {
    let now = crate::storage::now();
    for chunk in mails.chunks(ROWS_PER_INSERT) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|mail| {
                (
                    (
                        outbox::kind.eq(mail.kind),
                        outbox::invitation_id.eq(mail.invitation_id),
                        outbox::recipient.eq(mail.recipient),
                        outbox::subject.eq(mail.subject),
                        outbox::body_text.eq(mail.body_text),
                        outbox::body_html.eq(mail.body_html),
                    ),
                    (
                        outbox::state.eq(OutboxState::Pending),
                        outbox::attempts.eq(0),
                        outbox::next_attempt_at.eq(now),
                        outbox::created_at.eq(now),
                        outbox::message_id.eq(mail.message_id),
                        outbox::link_token.eq(mail.link_token),
                    ),
                )
            })
            .collect();
        let insert = diesel::insert_into(outbox::table).values(rows);
        crate::storage::execute_batch!(conn, insert)?;
    }
    Ok(())
}
