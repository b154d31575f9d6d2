//! A page's changed answers and their history, written by statements whose text is the
//! same for every page and every number of answers.
//!
//! The changes go in as one parameter (arrays on PostgreSQL, a JSON array on SQLite), so
//! each backend parses and plans its statements once per connection and keeps them
//! prepared, where multi-row inserts of a page's length were parsed and planned on every
//! save: on SQLite that, and formatting the save's time once per row, was a third of the
//! writer's work.
//!
//! PostgreSQL takes it all in one statement, one round trip: the statements of a `WITH`
//! all see the same snapshot and run to completion whether or not the main statement
//! reads them; they touch different rows (a question is either removed or written), so
//! nothing is changed twice. SQLite has no writing `WITH`; it runs the removal (when
//! there is one), the upsert and the history as three statements on the same parameter.

use std::marker::PhantomData;

use chrono::NaiveDateTime;
use diesel::pg::{Pg, PgConnection};
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Array, BigInt, Nullable, Text, Timestamp};
use diesel::sqlite::{Sqlite, SqliteConnection};

use super::DbConn;
use super::fixed_text::{fixed_text_statement, no_parameter, with_parameters};
use crate::responses::ActorKind;

mod stamp;

pub(crate) use stamp::stamp;

/// The changed answers as rows of the PostgreSQL statements: `$1`–`$3` are the changed
/// questions, their old and their new values in the order their history rows take (a new
/// value of NULL removes the answer).
macro_rules! pg_changed {
    () => {
        "SELECT question_id, old_value, new_value, ord
    FROM unnest($1::text[], $2::text[], $3::text[])
        WITH ORDINALITY AS c(question_id, old_value, new_value, ord)"
    };
}

/// What the PostgreSQL statements write for `changed`: the removals, the new values and
/// the history rows, each a statement of the `WITH`.
macro_rules! pg_written {
    () => {
        "
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
), history AS (
    INSERT INTO answer_history
        (response_id, question_id, old_value, new_value, actor_kind, actor_id, at)
    SELECT $4, question_id, old_value, new_value, $6, $7, $5 FROM changed ORDER BY ord
)"
    };
}

/// The PostgreSQL statement of [`write`].
const PG_WRITE: &str = concat!(
    "WITH changed AS (\n    ",
    pg_changed!(),
    pg_written!(),
    "\nSELECT count(*) FROM changed"
);

/// [`PG_WRITE`] behind [`stamp`]'s statement with a revision check, in one statement that needs no
/// transaction of its own: `$8` is the state the response must still be in and `$9` the
/// revision it must still be at. The stamp takes the response's row lock before any
/// answer is touched (every other statement reads `changed`, which waits for it); should
/// another save hold the row, the stamp waits, reads the row as that save left it and,
/// the revision having moved on, matches nothing, so nothing at all is written. It
/// answers how many rows it stamped.
const PG_WRITE_IF_UNCHANGED: &str = concat!(
    "WITH stamped AS (
    UPDATE responses SET updated_at = $5, revision = revision + 1
    WHERE id = $4 AND state = $8 AND revision = $9
    RETURNING id
), changed AS (
    ",
    pg_changed!(),
    "
    WHERE EXISTS (SELECT 1 FROM stamped)",
    pg_written!(),
    "\nSELECT count(*) FROM stamped"
);

// On SQLite the changes are one JSON array of `[question id, old value, new value]`, each
// value the stored JSON text as a JSON string, or null. `json_each` walks the array in
// order; its `key` is the position.

/// One changed answer: its question, the stored value and the new one (`None`: removed).
pub(crate) struct Change<'a> {
    pub question_id: &'a str,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
}

/// Writes `changes` to the answers of `response_id` and appends one history row each,
/// stamped `at` and naming the actor.
pub(crate) fn write(
    conn: &mut DbConn,
    response_id: i64,
    changes: &[Change<'_>],
    actor: (ActorKind, Option<i64>),
    at: NaiveDateTime,
) -> QueryResult<()> {
    if changes.is_empty() {
        return Ok(());
    }
    match conn {
        DbConn::Pg(pg) => write_pg(pg, response_id, changes, actor, at),
        DbConn::Sqlite(sqlite) => write_sqlite(sqlite, response_id, changes, actor, at),
    }
}

/// What the response must still be for [`write_if_unchanged`] to write.
pub(crate) struct Unchanged<'a> {
    /// Its state when the answers were read.
    pub state: &'a str,
    /// Its revision when the answers were read.
    pub revision: i64,
}

/// Stamps the response `at` and writes `changes` as [`stamp`] and [`write`] do, but only
/// if it is still as `unchanged` says, so that answers read at that revision are still
/// the stored ones; whether it was. One statement on PostgreSQL, needing no transaction;
/// on SQLite the caller's write transaction holds the stamp and the writes together.
pub(crate) fn write_if_unchanged(
    conn: &mut DbConn,
    response_id: i64,
    unchanged: &Unchanged<'_>,
    changes: &[Change<'_>],
    actor: (ActorKind, Option<i64>),
    at: NaiveDateTime,
) -> QueryResult<bool> {
    match conn {
        DbConn::Pg(pg) => {
            let write = PgWrite::new(response_id, changes, actor, at);
            let stamped: i64 = PgWriteIfUnchanged { write, unchanged }.get_result(pg)?;
            Ok(stamped == 1)
        }
        DbConn::Sqlite(sqlite) => {
            if !stamp::if_unchanged(sqlite, response_id, unchanged, at)? {
                return Ok(false);
            }
            if !changes.is_empty() {
                write_sqlite(sqlite, response_id, changes, actor, at)?;
            }
            Ok(true)
        }
    }
}

fn write_pg(
    conn: &mut PgConnection,
    response_id: i64,
    changes: &[Change<'_>],
    actor: (ActorKind, Option<i64>),
    at: NaiveDateTime,
) -> QueryResult<()> {
    PgWrite::new(response_id, changes, actor, at).execute(conn)?;
    Ok(())
}

fn write_sqlite(
    conn: &mut SqliteConnection,
    response_id: i64,
    changes: &[Change<'_>],
    actor: (ActorKind, Option<i64>),
    at: NaiveDateTime,
) -> QueryResult<()> {
    let rows: Vec<(&str, Option<&str>, Option<&str>)> = changes
        .iter()
        .map(|c| (c.question_id, c.old_value, c.new_value))
        .collect();
    let changes_json = serde_json::to_string(&rows)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let page = SqlitePage {
        response_id,
        at,
        actor_kind: actor.0.as_str(),
        actor_id: actor.1,
        changes: &changes_json,
    };
    if changes.iter().any(|c| c.new_value.is_none()) {
        SqliteWrite::<Remove>::new(&page).execute(conn)?;
    }
    if changes.iter().any(|c| c.new_value.is_some()) {
        SqliteWrite::<Upsert>::new(&page).execute(conn)?;
    }
    SqliteWrite::<History>::new(&page).execute(conn)?;
    Ok(())
}

// diesel keeps a statement prepared only when its type says the text is fixed:
// `sql_query` never is, so each statement here is a type of its own.

/// The PostgreSQL statement with its parameters.
struct PgWrite<'a> {
    ids: Vec<&'a str>,
    old: Vec<Option<&'a str>>,
    new: Vec<Option<&'a str>>,
    response_id: i64,
    at: NaiveDateTime,
    actor_kind: &'a str,
    actor_id: Option<i64>,
}

fixed_text_statement!(PgWrite<'_>);

impl<'a> PgWrite<'a> {
    fn new(
        response_id: i64,
        changes: &[Change<'a>],
        actor: (ActorKind, Option<i64>),
        at: NaiveDateTime,
    ) -> PgWrite<'a> {
        PgWrite {
            ids: changes.iter().map(|c| c.question_id).collect(),
            old: changes.iter().map(|c| c.old_value).collect(),
            new: changes.iter().map(|c| c.new_value).collect(),
            response_id,
            at,
            actor_kind: actor.0.as_str(),
            actor_id: actor.1,
        }
    }

    /// Pushes parameter `n` of [`PG_WRITE`] (which [`PG_WRITE_IF_UNCHANGED`] shares).
    fn parameter<'b>(&'b self, n: u32, out: &mut AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        match n {
            1 => out.push_bind_param::<Array<Text>, _>(&self.ids),
            2 => out.push_bind_param::<Array<Nullable<Text>>, _>(&self.old),
            3 => out.push_bind_param::<Array<Nullable<Text>>, _>(&self.new),
            4 => out.push_bind_param::<BigInt, _>(&self.response_id),
            5 => out.push_bind_param::<Timestamp, _>(&self.at),
            6 => out.push_bind_param::<Text, _>(&self.actor_kind),
            7 => out.push_bind_param::<Nullable<BigInt>, _>(&self.actor_id),
            _ => Err(no_parameter(n)),
        }
    }
}

impl QueryFragment<Pg> for PgWrite<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        with_parameters(PG_WRITE, &mut out, |n, out| self.parameter(n, out))
    }
}

/// The PostgreSQL statement of [`write_if_unchanged`] with its parameters.
struct PgWriteIfUnchanged<'a> {
    write: PgWrite<'a>,
    unchanged: &'a Unchanged<'a>,
}

fixed_text_statement!(PgWriteIfUnchanged<'_>);

impl Query for PgWriteIfUnchanged<'_> {
    type SqlType = BigInt;
}

impl QueryFragment<Pg> for PgWriteIfUnchanged<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        with_parameters(PG_WRITE_IF_UNCHANGED, &mut out, |n, out| match n {
            8 => out.push_bind_param::<Text, _>(self.unchanged.state),
            9 => out.push_bind_param::<BigInt, _>(&self.unchanged.revision),
            n => self.write.parameter(n, out),
        })
    }
}

/// What SQLite's three statements bind.
struct SqlitePage<'a> {
    response_id: i64,
    at: NaiveDateTime,
    actor_kind: &'a str,
    actor_id: Option<i64>,
    /// The JSON array of changes.
    changes: &'a str,
}

/// One of SQLite's statements.
trait SqliteStatement: 'static {
    /// Its text, with `$n` for parameter `n` of [`page_parameter`].
    const SQL: &'static str;
}

/// The parameters of SQLite's statements, by number.
fn page_parameter<'b>(
    page: &'b SqlitePage<'_>,
    n: u32,
    out: &mut AstPass<'_, 'b, Sqlite>,
) -> QueryResult<()> {
    match n {
        1 => out.push_bind_param::<BigInt, _>(&page.response_id),
        2 => out.push_bind_param::<Text, _>(&page.changes),
        3 => out.push_bind_param::<Timestamp, _>(&page.at),
        4 => out.push_bind_param::<Text, _>(&page.actor_kind),
        5 => out.push_bind_param::<Nullable<BigInt>, _>(&page.actor_id),
        _ => Err(no_parameter(n)),
    }
}

/// Removes the answers whose new value is null.
struct Remove;

impl SqliteStatement for Remove {
    const SQL: &'static str = "\
DELETE FROM answers WHERE response_id = $1
  AND question_id IN (SELECT c.value ->> 0 FROM json_each($2) AS c WHERE c.value ->> 2 IS NULL)";
}

/// Writes the others, new or over the stored row. The `WHERE` is needed anyway: without
/// one SQLite's parser would read the `ON` that follows as a join's.
struct Upsert;

impl SqliteStatement for Upsert {
    const SQL: &'static str = "\
INSERT INTO answers (response_id, question_id, value, updated_at)
SELECT $1, c.value ->> 0, c.value ->> 2, $3 FROM json_each($2) AS c
WHERE c.value ->> 2 IS NOT NULL ORDER BY c.key
ON CONFLICT (response_id, question_id)
DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
}

/// One history row per change, in the order given.
struct History;

impl SqliteStatement for History {
    const SQL: &'static str = "\
INSERT INTO answer_history
    (response_id, question_id, old_value, new_value, actor_kind, actor_id, at)
SELECT $1, c.value ->> 0, c.value ->> 1, c.value ->> 2, $4, $5, $3
FROM json_each($2) AS c ORDER BY c.key";
}

/// A SQLite statement with the page it writes.
struct SqliteWrite<'a, S> {
    page: &'a SqlitePage<'a>,
    statement: PhantomData<S>,
}

impl<'a, S: SqliteStatement> SqliteWrite<'a, S> {
    fn new(page: &'a SqlitePage<'a>) -> Self {
        SqliteWrite {
            page,
            statement: PhantomData,
        }
    }
}

impl<S: SqliteStatement> QueryId for SqliteWrite<'_, S> {
    type QueryId = S;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<S: SqliteStatement> QueryFragment<Sqlite> for SqliteWrite<'_, S> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        with_parameters(S::SQL, &mut out, |n, out| page_parameter(self.page, n, out))
    }
}

impl<Conn, S> RunQueryDsl<Conn> for SqliteWrite<'_, S> {}
