//! Transactions that write, safe against SQLite's snapshot rule.
//!
//! SQLite starts a plain `BEGIN` as a reader. When such a transaction later writes
//! and another connection has committed in between, SQLite refuses at once with
//! "database is locked" instead of waiting under `busy_timeout`: the reader's
//! snapshot is stale and waiting cannot help. A transaction that asks for the
//! write lock at `BEGIN IMMEDIATE` waits its turn instead. With the outbox worker
//! writing beside respondents, analysts and the demo seeding, every transaction
//! that writes must do that. PostgreSQL needs nothing special.

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::result::Error as DieselError;

use super::DbConn;

/// Runs `work` in one transaction that takes SQLite's write lock at its start;
/// nested inside another transaction it becomes a savepoint, as `transaction` does.
pub fn write_transaction<T, E>(
    conn: &mut DbConn,
    work: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<DieselError>,
{
    let DbConn::Sqlite(sqlite) = conn else {
        return diesel::Connection::transaction(conn, work);
    };
    let outermost = AnsiTransactionManager::transaction_manager_status_mut(sqlite)
        .transaction_depth()
        .map_err(E::from)?
        .is_none();
    if !outermost {
        return diesel::Connection::transaction(conn, work);
    }
    AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    match work(conn) {
        Ok(value) => {
            let DbConn::Sqlite(sqlite) = conn else {
                unreachable!("a connection keeps its backend");
            };
            AnsiTransactionManager::commit_transaction(sqlite)?;
            Ok(value)
        }
        Err(error) => {
            if let DbConn::Sqlite(sqlite) = conn {
                // The work's own error is the one worth reporting.
                let _ = AnsiTransactionManager::rollback_transaction(sqlite);
            }
            Err(error)
        }
    }
}
