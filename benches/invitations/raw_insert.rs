//! The composing baseline: the outbox rows Liaison composed, written again as they are
//! (same columns, same sizes) by multi-row INSERTs in one write transaction on the same
//! database — what the database takes for those rows with nothing else to do.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use liaison::mail::{OutboxKind, OutboxState};
use liaison::storage::outbox::OutboxMail;
use liaison::storage::schema::outbox;
use liaison::storage::{self, DbConn};

/// Rows per INSERT: at 12 values a row, well under SQLite's 32,766 and PostgreSQL's
/// 65,535 bound parameters a statement.
const ROWS_PER_INSERT: usize = 1000;

/// What a copy's Message-ID starts with in place of its first four hex digits: it then
/// differs from every composed one (the column is unique) and has the same length.
const COPY_MARK: &str = "<copy";

#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct Copy<'a> {
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
    message_id: String,
    link_token: Option<&'a str>,
}

/// Inserts a copy of every mail of `mails` and returns how long that took; the copies
/// are deleted again afterwards (not timed), so the outbox holds what it held before.
pub fn time(conn: &mut DbConn, mails: &[OutboxMail]) -> anyhow::Result<Duration> {
    let copies: Vec<Copy<'_>> = mails
        .iter()
        .map(|mail| Copy {
            kind: mail.kind,
            invitation_id: mail.invitation_id,
            recipient: &mail.recipient,
            subject: &mail.subject,
            body_text: &mail.body_text,
            body_html: &mail.body_html,
            state: mail.state,
            attempts: mail.attempts,
            next_attempt_at: mail.next_attempt_at,
            created_at: mail.created_at,
            message_id: format!("{COPY_MARK}{}", &mail.message_id[COPY_MARK.len()..]),
            link_token: mail.link_token.as_deref(),
        })
        .collect();
    let started = Instant::now();
    storage::write_transaction(conn, |conn| {
        for chunk in copies.chunks(ROWS_PER_INSERT) {
            // The two-backend connection has no multi-row INSERT; each backend has.
            let insert = diesel::insert_into(outbox::table).values(chunk);
            match conn {
                DbConn::Pg(pg) => insert.execute(pg)?,
                DbConn::Sqlite(sqlite) => insert.execute(sqlite)?,
            };
        }
        Ok::<_, diesel::result::Error>(())
    })?;
    let took = started.elapsed();
    let deleted = storage::write_transaction(conn, |conn| {
        diesel::delete(outbox::table.filter(outbox::message_id.like(format!("{COPY_MARK}%"))))
            .execute(conn)
    })?;
    anyhow::ensure!(
        deleted == mails.len(),
        "{} rows copied but {deleted} deleted",
        mails.len()
    );
    // PostgreSQL keeps the deleted rows until a vacuum, and the outbox's claims would
    // step over them in its indexes; SQLite removed them already.
    if let DbConn::Pg(pg) = conn {
        diesel::sql_query("VACUUM ANALYZE outbox").execute(pg)?;
    }
    Ok(took)
}
