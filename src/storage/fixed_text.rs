//! Statements written out by hand so that diesel keeps them prepared.
//!
//! diesel 2.3 prepares anew, on every run, any statement whose text it cannot prove
//! fixed: every `UPDATE`, every upsert with `DO UPDATE`, every `sql_query`, every `IN`
//! list on SQLite and every multi-row insert from a `Vec`. A statement run on every save
//! or every batch of mails is therefore a type of its own here, with a static
//! [`QueryId`](diesel::query_builder::QueryId) (see [`fixed_text_statement`]) and a
//! `walk_ast` that pushes its text with [`with_parameters`]. On PostgreSQL that turns
//! two round trips (prepare, then execute) into one.

use diesel::QueryResult;
use diesel::query_builder::AstPass;

/// Gives a statement type (`Name` or `Name<'_>`) a static query id, so that diesel caches
/// its prepared statement by type, and lets it run with `execute`, `load` and `get_result`.
macro_rules! fixed_text_statement {
    ($name:ident) => {
        impl diesel::query_builder::QueryId for $name {
            type QueryId = $name;
            const HAS_STATIC_QUERY_ID: bool = true;
        }

        impl<Conn> diesel::RunQueryDsl<Conn> for $name {}
    };
    ($name:ident<'_>) => {
        impl diesel::query_builder::QueryId for $name<'_> {
            type QueryId = $name<'static>;
            const HAS_STATIC_QUERY_ID: bool = true;
        }

        impl<Conn> diesel::RunQueryDsl<Conn> for $name<'_> {}
    };
}
pub(crate) use fixed_text_statement;

/// Pushes `sql` with each `$n` in it replaced by parameter `n`, which `bind` pushes: diesel
/// numbers (PostgreSQL) or marks (SQLite) each parameter as it is pushed, so one that
/// occurs twice is bound twice.
pub(crate) fn with_parameters<'b, DB: diesel::backend::Backend>(
    sql: &str,
    out: &mut AstPass<'_, 'b, DB>,
    mut bind: impl FnMut(u32, &mut AstPass<'_, 'b, DB>) -> QueryResult<()>,
) -> QueryResult<()> {
    let mut parts = sql.split('$');
    out.push_sql(parts.next().unwrap_or_default());
    for part in parts {
        let digits = part
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(part.len());
        let n = part[..digits].parse().map_err(|_| no_parameter(0))?;
        bind(n, out)?;
        out.push_sql(&part[digits..]);
    }
    Ok(())
}

/// The error of a statement's text that names a parameter it does not bind.
pub(crate) fn no_parameter(n: u32) -> diesel::result::Error {
    diesel::result::Error::QueryBuilderError(format!("no parameter ${n}").into())
}
