//! Storage: one diesel connection type for SQLite and PostgreSQL, the pool,
//! the embedded migrations, the schema and one module of plain functions per
//! table group.
//!
//! Everything here is synchronous; async callers go through `web::block` or
//! `spawn_blocking`. Functions take `&mut DbConn` so a caller can run several of
//! them in one transaction.

mod answer_writes;
mod checkpoint;
mod error;
mod fixed_text;
mod group_commit;
mod location;
mod pool;
mod secrets;
mod stable_plans;
mod write_transaction;

pub mod analysts;
pub mod answer_history;
pub mod api_tokens;
pub mod audit;
pub mod campaign_responses;
pub mod campaigns;
pub mod delegations;
mod enums;
pub mod evidence;
pub mod gap_consents;
pub mod invitations;
pub mod mail_texts;
pub mod organisation_responses;
pub mod organisations;
pub mod outbox;
pub mod participant_lines;
pub mod participants;
pub mod password_links;
pub mod peer_review;
pub mod progress;
pub mod questionnaires;
pub mod report_rows;
pub mod response_events;
pub mod responses;
pub mod retention;
pub mod review_comments;
pub mod schema;
pub mod sessions;
pub mod signing_keys;
pub mod submissions;

/// Evaluates `$body` with `$c` bound to the backend's own connection. Through the
/// two-backend connection diesel can key its statement cache only by SQL text, so it
/// writes a query's SQL out again on every run; on the backend's own connection a query
/// of a fixed shape is found by its type. For the queries every page and save runs.
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::storage::DbConn::Pg($c) => $body,
            $crate::storage::DbConn::Sqlite($c) => $body,
        }
    };
}
pub(crate) use on_backend;

/// Executes `query`, a multi-row INSERT, on the connection's own backend: the two-backend
/// connection cannot express one, each backend can. Give the rows as tuples of column
/// values (`(col.eq(..), ..)`), not as a derived `Insertable`: diesel sends a batch of
/// derived rows to SQLite one INSERT per row inside a savepoint, since a derived `Option`
/// field may stand for the column's default, which SQLite's VALUES cannot say.
macro_rules! execute_batch {
    ($conn:expr, $query:expr) => {
        $crate::storage::on_backend!($conn, |c| $query.execute(c))
    };
}
pub(crate) use execute_batch;

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;

pub use error::StorageError;
pub use group_commit::GroupCommit;
pub use pool::{DbPool, PooledConn, connect};
pub use write_transaction::write_transaction;

/// A connection to either backend; which one is fixed by the database URL.
///
/// PostgreSQL comes first: `establish` tries the variants in order and SQLite
/// would accept any string as a file name (see `connect`, which chooses by
/// scheme itself).
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    /// A PostgreSQL connection (`postgres://…`).
    Pg(PgConnection),
    /// A SQLite connection (a file).
    Sqlite(SqliteConnection),
}

/// The database product behind a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, embedded.
    Sqlite,
    /// PostgreSQL, over the network.
    Postgres,
}

/// Which backend `conn` talks to, for the rare query that must differ.
pub fn backend(conn: &DbConn) -> Backend {
    match conn {
        DbConn::Pg(_) => Backend::Postgres,
        DbConn::Sqlite(_) => Backend::Sqlite,
    }
}

/// The current UTC time, cut to microseconds: PostgreSQL keeps no more, so a
/// row reads back exactly as written on both backends.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

diesel::define_sql_function! {
    /// PostgreSQL: the value the last sequence handed out in this session.
    fn lastval() -> BigInt;
}

diesel::define_sql_function! {
    /// SQLite: the rowid of the last row this connection inserted.
    fn last_insert_rowid() -> BigInt;
}

/// The id the last `INSERT` on this connection gave its row.
///
/// Both functions are per session, so other writers cannot interfere. We use
/// them because the multi-backend cannot express `RETURNING` (the SQLite backend
/// is built without it) and multi-row inserts.
pub(crate) fn last_insert_id(conn: &mut DbConn) -> QueryResult<i64> {
    match conn {
        DbConn::Pg(pg) => diesel::select(lastval()).get_result(pg),
        DbConn::Sqlite(sqlite) => diesel::select(last_insert_rowid()).get_result(sqlite),
    }
}
