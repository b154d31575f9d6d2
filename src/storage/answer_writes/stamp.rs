//! The stamp of a response whose answers are written: its time, and its revision raised,
//! under the response's row lock, and only while it is in the state the writer expects.
//! Written out here because diesel keeps no `UPDATE` prepared.

use chrono::NaiveDateTime;
use diesel::backend::Backend;
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment};
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, HasSqlType, Text, Timestamp};
use diesel::sqlite::{Sqlite, SqliteConnection};

use super::Unchanged;
use crate::storage::DbConn;
use crate::storage::fixed_text::{fixed_text_statement, no_parameter, with_parameters};

/// Stamps the response `at` and raises its revision, if it is still in `expected`: the
/// revision it now has, `None` if it was not in `expected`.
pub(crate) fn stamp(
    conn: &mut DbConn,
    response_id: i64,
    expected: &str,
    at: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    let stamp = Stamp {
        at,
        response_id,
        expected,
    };
    let revisions: Vec<i64> = match conn {
        DbConn::Pg(pg) => stamp.load(pg)?,
        DbConn::Sqlite(sqlite) => stamp.load(sqlite)?,
    };
    Ok(revisions.first().copied())
}

/// [`stamp`] on SQLite only while the response is also still at `unchanged`'s revision:
/// whether it was stamped. (PostgreSQL's stamp of that kind is part of the statement that
/// writes the answers.)
pub(super) fn if_unchanged(
    conn: &mut SqliteConnection,
    response_id: i64,
    unchanged: &Unchanged<'_>,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let stamp = StampIfUnchanged {
        stamp: Stamp {
            at,
            response_id,
            expected: unchanged.state,
        },
        revision: unchanged.revision,
    };
    Ok(stamp.execute(conn)? == 1)
}

/// The statement of [`stamp`].
struct Stamp<'a> {
    at: NaiveDateTime,
    response_id: i64,
    expected: &'a str,
}

impl Stamp<'_> {
    const SQL: &'static str = "\
UPDATE responses SET updated_at = $1, revision = revision + 1 WHERE id = $2 AND state = $3
RETURNING revision";

    /// Pushes parameter `n` of [`Stamp::SQL`] (which [`StampIfUnchanged`] shares).
    fn parameter<'b, DB>(&'b self, n: u32, out: &mut AstPass<'_, 'b, DB>) -> QueryResult<()>
    where
        DB: Backend + HasSqlType<Timestamp> + HasSqlType<BigInt> + HasSqlType<Text>,
        NaiveDateTime: ToSql<Timestamp, DB>,
        i64: ToSql<BigInt, DB>,
        str: ToSql<Text, DB>,
    {
        match n {
            1 => out.push_bind_param::<Timestamp, _>(&self.at),
            2 => out.push_bind_param::<BigInt, _>(&self.response_id),
            3 => out.push_bind_param::<Text, _>(self.expected),
            _ => Err(no_parameter(n)),
        }
    }
}

fixed_text_statement!(Stamp<'_>);

impl Query for Stamp<'_> {
    type SqlType = BigInt;
}

impl QueryFragment<Pg> for Stamp<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        with_parameters(Self::SQL, &mut out, |n, out| self.parameter(n, out))
    }
}

impl QueryFragment<Sqlite> for Stamp<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        with_parameters(Self::SQL, &mut out, |n, out| self.parameter(n, out))
    }
}

/// [`Stamp`] with a check of the revision, for SQLite's [`if_unchanged`].
struct StampIfUnchanged<'a> {
    stamp: Stamp<'a>,
    revision: i64,
}

impl StampIfUnchanged<'_> {
    const SQL: &'static str = "\
UPDATE responses SET updated_at = $1, revision = revision + 1
WHERE id = $2 AND state = $3 AND revision = $4";
}

fixed_text_statement!(StampIfUnchanged<'_>);

impl QueryFragment<Sqlite> for StampIfUnchanged<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        with_parameters(Self::SQL, &mut out, |n, out| match n {
            4 => out.push_bind_param::<BigInt, _>(&self.revision),
            n => self.stamp.parameter(n, out),
        })
    }
}
