//! PostgreSQL's statements for a batch of mails, each one round trip of fixed text.
//!
//! A sending session records a batch and claims its next in one transaction. Written
//! with diesel's builder that took five statements, three of them `UPDATE`s that diesel
//! prepares anew each time (two round trips each); here it is two statements that stay
//! prepared, each a single round trip.

use chrono::NaiveDateTime;
use diesel::pg::{Pg, PgConnection};
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment};
use diesel::sql_types::{Array, BigInt, Text, Timestamp};

use super::OutboxMail;
use crate::invitations::InvitationState;
use crate::mail::{OutboxKind, OutboxState};
use crate::storage::fixed_text::{fixed_text_statement, no_parameter, with_parameters};

/// Marks the mails `ids` sent at `at`, clears their link tokens, marks the invitations
/// of the invitation mails among them sent (those still pending), and returns how many
/// mails it marked. The statements of a `WITH` all run, read or not.
pub(super) fn mark_sent(
    conn: &mut PgConnection,
    ids: &[i64],
    at: NaiveDateTime,
) -> QueryResult<usize> {
    let marked: i64 = MarkSent { ids, at }.get_result(conn)?;
    Ok(usize::try_from(marked).unwrap_or(0))
}

struct MarkSent<'a> {
    ids: &'a [i64],
    at: NaiveDateTime,
}

impl MarkSent<'_> {
    const SQL: &'static str = "\
WITH marked AS (
    UPDATE outbox SET state = $2, sent_at = $3, link_token = NULL
    WHERE id = ANY($1)
    RETURNING kind, invitation_id
), invited AS (
    UPDATE invitations SET state = $4, sent_at = $3
    WHERE state = $5 AND id IN (SELECT invitation_id FROM marked WHERE kind = $6)
)
SELECT count(*) FROM marked";
}

fixed_text_statement!(MarkSent<'_>);

impl Query for MarkSent<'_> {
    type SqlType = BigInt;
}

impl QueryFragment<Pg> for MarkSent<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        with_parameters(Self::SQL, &mut out, |n, out| match n {
            1 => out.push_bind_param::<Array<BigInt>, _>(self.ids),
            2 => out.push_bind_param::<Text, _>(OutboxState::Sent.as_str()),
            3 => out.push_bind_param::<Timestamp, _>(&self.at),
            4 => out.push_bind_param::<Text, _>(InvitationState::Sent.as_str()),
            5 => out.push_bind_param::<Text, _>(InvitationState::Pending.as_str()),
            6 => out.push_bind_param::<Text, _>(OutboxKind::Invitation.as_str()),
            _ => Err(no_parameter(n)),
        })
    }
}

/// Claims up to `count` mails, those waiting longest first, as `claim::claim_in`
/// describes, and returns them in that order. Each candidate list locks its rows with
/// `SKIP LOCKED`, so concurrent sessions take different rows without waiting; the rows
/// locked beyond the `count` chosen stay locked, unchanged, until the commit.
pub(super) fn claim(
    conn: &mut PgConnection,
    due_by: NaiveDateTime,
    now: NaiveDateTime,
    until: NaiveDateTime,
    count: i64,
) -> QueryResult<Vec<OutboxMail>> {
    Claim {
        due_by,
        now,
        until,
        count,
    }
    .load(conn)
}

struct Claim {
    due_by: NaiveDateTime,
    now: NaiveDateTime,
    until: NaiveDateTime,
    count: i64,
}

impl Claim {
    /// The columns come back in the order of `OutboxMail`'s fields.
    const SQL: &'static str = "\
WITH pending AS (
    SELECT id, next_attempt_at FROM outbox
    WHERE state = $1 AND next_attempt_at <= $2
    ORDER BY next_attempt_at, id LIMIT $3
    FOR UPDATE SKIP LOCKED
), expired AS (
    SELECT id, next_attempt_at FROM outbox
    WHERE state = $4 AND next_attempt_at <= $5
    ORDER BY next_attempt_at, id LIMIT $3
    FOR UPDATE SKIP LOCKED
), chosen AS (
    SELECT id, next_attempt_at AS due FROM pending
    UNION ALL
    SELECT id, next_attempt_at FROM expired
    ORDER BY due, id LIMIT $3
), claimed AS (
    UPDATE outbox SET state = $4, attempts = outbox.attempts + 1, next_attempt_at = $6
    FROM chosen WHERE outbox.id = chosen.id
    RETURNING outbox.*, chosen.due
)
SELECT id, kind, invitation_id, recipient, subject, body_text, body_html, state, attempts,
    next_attempt_at, last_error, created_at, sent_at, message_id, link_token
FROM claimed ORDER BY due, id";
}

fixed_text_statement!(Claim);

impl Query for Claim {
    type SqlType = diesel::dsl::SqlTypeOf<diesel::dsl::AsSelect<OutboxMail, Pg>>;
}

impl QueryFragment<Pg> for Claim {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        with_parameters(Self::SQL, &mut out, |n, out| match n {
            1 => out.push_bind_param::<Text, _>(OutboxState::Pending.as_str()),
            2 => out.push_bind_param::<Timestamp, _>(&self.due_by),
            3 => out.push_bind_param::<BigInt, _>(&self.count),
            4 => out.push_bind_param::<Text, _>(OutboxState::Sending.as_str()),
            5 => out.push_bind_param::<Timestamp, _>(&self.now),
            6 => out.push_bind_param::<Timestamp, _>(&self.until),
            _ => Err(no_parameter(n)),
        })
    }
}
