//! The outbox: mails waiting to be sent, claimed by one worker at a time.
//!
//! A mail is written here in the same transaction as the change it reports
//! (an invitation, a reminder, a submission), so it cannot be lost or sent for
//! a change that was rolled back. Workers take rows with [`claim_next`] (or
//! [`claim_next_in`] inside their own transaction), which hands each row to one
//! worker only, for a lease; a worker that dies leaves its row to be taken again
//! once the lease runs out. Delivery is therefore at least once: a crash between
//! the SMTP server's "250 OK" and [`mark_sent`] sends that mail again, with the
//! same Message-ID (stored on the row at queueing), so a receiver can drop the copy.
//!
//! Link tokens: the stored bodies never hold one. They hold
//! [`LINK_TOKEN_PLACEHOLDER`] where the token goes, and the token waits in its own
//! column, `link_token`, only while the mail may still be sent: the statement that
//! marks the mail sent or failed clears it. [`OutboxMail::text_to_send`] puts it
//! back into the body at send time. Why not avoid storing the token at all:
//! - making it at send time would give a re-sent copy (after a crash) another link
//!   than the copy a receiver keeps by Message-ID, and a receipt must carry the
//!   link the respondent already uses;
//! - deriving it from a server key would let anyone with that key and a copy of
//!   the database open every link ever sent, and a lost or changed key would
//!   break every mail still queued.
//!
//! So a copy of the database holds working tokens only for mails not sent yet,
//! which nobody has received either, and none once they have gone out.

mod claim;
mod enqueue;
mod held;
mod pg_batch;
mod record;

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::schema::outbox;
use super::{DbConn, StorageError};
use crate::mail::OutboxKind;
use crate::mail::OutboxState;

pub use claim::{claim_due, claim_in, claim_next, claim_next_in, release_in};
pub use enqueue::{enqueue, enqueue_all};
pub use held::{OutboxHeld, held};
pub use record::{mark_all_sent, mark_all_sent_in, mark_failed, mark_retry, mark_sent};

/// What the stored bodies hold where the link's token goes. Only characters that
/// survive HTML escaping and need none in a URL, so the text and HTML bodies hold
/// it alike. A value that contains it (a campaign called `{{link_token}}`) only
/// repeats the recipient's own token in the recipient's own mail.
pub const LINK_TOKEN_PLACEHOLDER: &str = "{{link_token}}";

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
    /// The plain-text body, with [`LINK_TOKEN_PLACEHOLDER`] for the link's token.
    pub body_text: String,
    /// The HTML body, with [`LINK_TOKEN_PLACEHOLDER`] for the link's token.
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
    /// The Message-ID header of every attempt, angle brackets included.
    pub message_id: String,
    /// The token the bodies' link needs, while the mail may still be sent.
    pub link_token: Option<String>,
}

impl OutboxMail {
    /// The plain-text body as it is sent, the link's token in place.
    pub fn text_to_send(&self) -> String {
        self.with_token(&self.body_text)
    }

    /// The HTML body as it is sent, the link's token in place.
    pub fn html_to_send(&self) -> String {
        self.with_token(&self.body_html)
    }

    /// Whether a body still needs a token this row no longer has (it was sent or
    /// given up on before): sending it would send a link that leads nowhere.
    pub fn lacks_its_token(&self) -> bool {
        self.link_token.is_none()
            && (self.body_text.contains(LINK_TOKEN_PLACEHOLDER)
                || self.body_html.contains(LINK_TOKEN_PLACEHOLDER))
    }

    fn with_token(&self, body: &str) -> String {
        match &self.link_token {
            Some(token) => body.replace(LINK_TOKEN_PLACEHOLDER, token),
            None => body.to_owned(),
        }
    }
}

/// A mail to queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewOutboxMail<'a> {
    pub kind: OutboxKind,
    pub invitation_id: Option<i64>,
    pub recipient: &'a str,
    pub subject: &'a str,
    /// With [`LINK_TOKEN_PLACEHOLDER`] where `link_token` goes.
    pub body_text: &'a str,
    /// With [`LINK_TOKEN_PLACEHOLDER`] where `link_token` goes.
    pub body_html: &'a str,
    /// Unique, e.g. from `mail::new_message_id`.
    pub message_id: &'a str,
    pub link_token: Option<&'a str>,
}

/// How many mails are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
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
