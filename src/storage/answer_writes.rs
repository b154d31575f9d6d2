//! A page's changed answers and their history written as one statement on PostgreSQL.
//!
//! The changes go in as arrays, so the statement's text is the same for every page and
//! every number of answers: PostgreSQL parses and plans it once per connection and keeps
//! it prepared, where two multi-row inserts of a page's length were parsed and planned on
//! every save. One statement is also one round trip where the deletion, the upsert and the
//! history took three. The statements of a `WITH` all see the same snapshot and run to
//! completion whether or not the main statement reads them; they touch different rows
//! (a question is either removed or written), so nothing is changed twice.

use chrono::NaiveDateTime;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Nullable, Text, Timestamp};

use crate::responses::ActorKind;

/// The statement; `$1`–`$3` are the changed questions, their old and their new values in
/// the order their history rows take (a new value of NULL removes the answer).
const WRITE: &str = "\
WITH changed AS (
    SELECT question_id, old_value, new_value, ord
    FROM unnest($1::text[], $2::text[], $3::text[])
        WITH ORDINALITY AS c(question_id, old_value, new_value, ord)
), removed AS (
    DELETE FROM answers
    WHERE response_id = $4
      AND question_id IN (SELECT question_id FROM changed WHERE new_value IS NULL)
), written AS (
    INSERT INTO answers (response_id, question_id, value, updated_at)
    SELECT $4, question_id, new_value, $5 FROM changed WHERE new_value IS NOT NULL
    ORDER BY ord
    ON CONFLICT (response_id, question_id)
    DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
)
INSERT INTO answer_history
    (response_id, question_id, old_value, new_value, actor_kind, actor_id, at)
SELECT $4, question_id, old_value, new_value, $6, $7, $5 FROM changed ORDER BY ord";

/// One changed answer: its question, the stored value and the new one (`None`: removed).
pub(crate) struct Change<'a> {
    pub question_id: &'a str,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
}

/// Writes `changes` to the answers of `response_id` and appends one history row each,
/// stamped `at` and naming the actor.
pub(crate) fn write(
    conn: &mut PgConnection,
    response_id: i64,
    changes: &[Change<'_>],
    actor: (ActorKind, Option<i64>),
    at: NaiveDateTime,
) -> QueryResult<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = changes.iter().map(|c| c.question_id).collect();
    let old: Vec<Option<&str>> = changes.iter().map(|c| c.old_value).collect();
    let new: Vec<Option<&str>> = changes.iter().map(|c| c.new_value).collect();
    diesel::sql_query(WRITE)
        .bind::<Array<Text>, _>(ids)
        .bind::<Array<Nullable<Text>>, _>(old)
        .bind::<Array<Nullable<Text>>, _>(new)
        .bind::<BigInt, _>(response_id)
        .bind::<Timestamp, _>(at)
        .bind::<Text, _>(actor.0.as_str())
        .bind::<Nullable<BigInt>, _>(actor.1)
        .execute(conn)?;
    Ok(())
}
