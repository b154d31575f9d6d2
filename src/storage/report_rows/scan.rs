//! A campaign's answers read in one plain scan of the answers table, split over the
//! cores, for a campaign that holds most of the database's responses (the common case
//! of a national survey): SQLite then reads the table's pages in order, as its own
//! `count(*)` does, instead of visiting every row through the primary-key index, and
//! each row's fields are read as borrowed bytes (rusqlite's raw row access on the same
//! bundled SQLite) rather than decoded into owned values one by one.
//!
//! The rows come back as the index path returns them: ordered by response id, then
//! question id, answers of responses not listed left out.

use std::path::{Path, PathBuf};
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::prelude::*;
use diesel::sql_types::Text;
use rusqlite::{Connection, OpenFlags};

use super::super::StorageError;
use super::super::schema::responses;
use super::AnswerColumns;
use super::plain::{Merged, Part, Wanted, worth_reading_whole};

/// At most this many threads scan, each with a connection of its own.
const MAX_PARTS: usize = 4;

/// How long a scanning connection waits for a writer's lock (as the pool's connections do).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The database file to scan, when a plain scan is worth it for the responses `ids`
/// (sorted): a file database, outside a transaction (a scan on other connections would
/// not see its writes), whose responses are mostly these.
pub(super) fn worth_scanning(
    conn: &mut SqliteConnection,
    ids: &[i64],
) -> Result<Option<PathBuf>, StorageError> {
    let in_transaction = AnsiTransactionManager::transaction_manager_status_mut(conn)
        .transaction_depth()?
        .is_some();
    if in_transaction || ids.is_empty() {
        return Ok(None);
    }
    let all: i64 = responses::table.count().get_result(conn)?;
    if !worth_reading_whole(ids, all) {
        return Ok(None);
    }
    #[derive(QueryableByName)]
    struct File {
        #[diesel(sql_type = Text)]
        file: String,
    }
    let file: File = diesel::sql_query("SELECT file FROM pragma_database_list WHERE name = 'main'")
        .get_result(conn)?;
    // An in-memory or temporary database has no file another connection could open.
    Ok(Some(PathBuf::from(file.file)).filter(|f| !f.as_os_str().is_empty()))
}

/// Reads the answers of the responses `ids` (sorted by id) from the database file `db`.
pub(super) fn scan_answers(db: &Path, ids: &[i64]) -> Result<AnswerColumns, StorageError> {
    let wanted = Wanted::new(ids);
    let first = open(db)?;
    let (low, high): (Option<i64>, Option<i64>) =
        first.query_row("SELECT min(rowid), max(rowid) FROM answers", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
    let (Some(low), Some(high)) = (low, high) else {
        return Ok(AnswerColumns::default());
    };
    let parts = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_PARTS);
    let ranges = split(low, high, parts);
    let scanned: Vec<Result<Part, StorageError>> = std::thread::scope(|scope| {
        let wanted = &wanted;
        let mut handles = Vec::with_capacity(ranges.len());
        let mut first = Some(first);
        for range in &ranges {
            let conn = first.take();
            handles.push(scope.spawn(move || {
                let conn = match conn {
                    Some(conn) => conn,
                    None => open(db)?,
                };
                scan_part(&conn, *range, wanted)
            }));
        }
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut merged = Merged::default();
    for part in scanned {
        merged.append(part?);
    }
    merged.finish()
}

fn open(db: &Path) -> Result<Connection, StorageError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(db, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// `parts` contiguous rowid ranges covering `low..=high`.
fn split(low: i64, high: i64, parts: usize) -> Vec<(i64, i64)> {
    let span = (high - low) / parts as i64 + 1;
    (0..parts as i64)
        .map(|i| (low + i * span, (low + (i + 1) * span - 1).min(high)))
        .filter(|(from, to)| from <= to)
        .collect()
}

fn scan_part(conn: &Connection, rowids: (i64, i64), wanted: &Wanted) -> Result<Part, StorageError> {
    let mut statement = conn.prepare(
        "SELECT response_id, question_id, value FROM answers WHERE rowid BETWEEN ?1 AND ?2",
    )?;
    let mut rows = statement.query([rowids.0, rowids.1])?;
    let mut part = Part::default();
    while let Some(row) = rows.next()? {
        let response: i64 = row.get(0)?;
        if !wanted.contains(response) {
            continue;
        }
        let question = row.get_ref(1)?.as_bytes().map_err(corrupt)?;
        let value = row.get_ref(2)?.as_bytes().map_err(corrupt)?;
        part.push(response, question, value);
    }
    Ok(part)
}

fn corrupt(e: rusqlite::types::FromSqlError) -> StorageError {
    StorageError::Corrupt(format!("an answer's question id or value: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ranges_cover_every_rowid_once() {
        for (low, high, parts) in [(1, 10, 2), (1, 1, 4), (5, 7, 4), (1, 4_500_000, 2)] {
            let ranges = split(low, high, parts);
            assert_eq!(ranges.first().map(|r| r.0), Some(low));
            assert_eq!(ranges.last().map(|r| r.1), Some(high));
            for pair in ranges.windows(2) {
                assert_eq!(pair[0].1 + 1, pair[1].0);
            }
        }
    }
}
