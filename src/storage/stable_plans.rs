//! Stable query plans on every SQLite connection of the process.
//!
//! The bundled SQLite lets the value bound to a parameter shape the plan of some
//! statements: a `LIMIT ?` among them, which diesel writes for every `.first()`. Such a
//! statement is marked to be compiled again on its next run whenever any value is bound
//! to that parameter, so a cached prepared statement was parsed and planned afresh on
//! every use: a lookup by link token cost as much as preparing it new, and a page save
//! re-prepared several statements. The query planner stability guarantee (QPSG) turns
//! that off: a statement keeps the plan it was prepared with. Liaison's queries gain
//! nothing from value-dependent plans (no `LIKE ?` patterns, no STAT4 statistics).
//!
//! diesel does not hand out its raw connection, so the setting is made by an SQLite
//! auto-extension, which SQLite runs on each connection as it opens: diesel's pool and
//! the reports' scan alike, as both use the one bundled library.

use std::ffi::{c_char, c_int};
use std::sync::Once;

use rusqlite::auto_extension::{init_auto_extension, register_auto_extension};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ffi};

/// Makes every SQLite connection opened from now on keep its statements' plans. Called
/// before the first connection is opened; the later calls do nothing.
pub(super) fn on_every_connection() {
    static REGISTERED: Once = Once::new();
    REGISTERED.call_once(|| {
        // SAFETY: `keep_plans` opens no database, closes none, and does not touch the
        // list of auto-extensions.
        if let Err(e) = unsafe { register_auto_extension(keep_plans) } {
            tracing::warn!(error = %e, "SQLite statements may be re-planned on every run");
        }
    });
}

/// The auto-extension: runs on each new connection `db`.
unsafe extern "C" fn keep_plans(
    db: *mut ffi::sqlite3,
    error: *mut *mut c_char,
    _api: *const ffi::sqlite3_api_routines,
) -> c_int {
    // SAFETY: SQLite calls this with a connection that is open and stays open; the
    // `Connection` made from it borrows the handle and does not close it.
    unsafe { init_auto_extension(db, error, enable_qpsg) }
}

fn enable_qpsg(conn: Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use rusqlite::StatementStatus;

    use super::*;

    /// How often a cached `LIMIT ?` statement was compiled again over `runs` runs.
    fn reprepares(conn: &Connection, runs: i64) -> i32 {
        let mut statement = conn
            .prepare("SELECT x FROM t WHERE x >= ?1 ORDER BY x LIMIT ?2")
            .expect("prepare");
        for n in 0..runs {
            let _: Vec<i64> = statement
                .query_map([n, 1], |row| row.get(0))
                .expect("query")
                .collect::<Result<_, _>>()
                .expect("rows");
        }
        statement.get_status(StatementStatus::RePrepare)
    }

    #[test]
    fn a_statement_with_a_bound_limit_is_planned_once_on_a_new_connection() {
        on_every_connection();
        let conn = Connection::open_in_memory().expect("open");
        conn.execute_batch(
            "CREATE TABLE t (x INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3);",
        )
        .expect("table");
        assert_eq!(
            reprepares(&conn, 5),
            0,
            "compiled again on a new bound value"
        );
        assert!(
            conn.db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG)
                .expect("read the setting"),
            "the auto-extension turned the guarantee on"
        );
    }
}
