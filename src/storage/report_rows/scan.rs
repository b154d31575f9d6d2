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
use super::interned::Interner;

/// Below this share of all responses, the index path reads less than a scan would.
const SCAN_SHARE: f64 = 0.5;

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
    let (Some(first), Some(last)) = (ids.first(), ids.last()) else {
        return Ok(None);
    };
    // The membership bitmap spans the ids; a sparse campaign in a huge table takes the index.
    if in_transaction || last - first > i64::from(u32::MAX) {
        return Ok(None);
    }
    let all: i64 = responses::table.count().get_result(conn)?;
    if (ids.len() as f64) < SCAN_SHARE * all as f64 {
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

/// Which response ids count: one bit per id between the first and the last.
struct Wanted {
    first: i64,
    bits: Vec<u64>,
}

impl Wanted {
    fn new(ids: &[i64]) -> Self {
        let first = ids.first().copied().unwrap_or(0);
        let last = ids.last().copied().unwrap_or(-1);
        let span = usize::try_from(last - first + 1).unwrap_or(0);
        let mut bits = vec![0u64; span.div_ceil(64)];
        for id in ids {
            let at = (id - first) as usize;
            bits[at / 64] |= 1 << (at % 64);
        }
        Wanted { first, bits }
    }

    fn contains(&self, id: i64) -> bool {
        usize::try_from(id.wrapping_sub(self.first))
            .ok()
            .and_then(|at| {
                self.bits
                    .get(at / 64)
                    .map(|word| word >> (at % 64) & 1 == 1)
            })
            .unwrap_or(false)
    }
}

/// What one thread read: its rows with texts interned on its own.
#[derive(Default)]
struct Part {
    response_ids: Vec<i64>,
    question_ids: Vec<u32>,
    values: Vec<u32>,
    questions: Interner,
    value_texts: Interner,
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
        part.response_ids.push(response);
        part.question_ids.push(part.questions.intern(question));
        part.values.push(part.value_texts.intern(value));
    }
    Ok(part)
}

fn corrupt(e: rusqlite::types::FromSqlError) -> StorageError {
    StorageError::Corrupt(format!("an answer's question id or value: {e}"))
}

/// The parts joined in rowid order, their texts interned once more across parts.
#[derive(Default)]
struct Merged {
    columns: AnswerColumns,
    questions: Interner,
    values: Interner,
}

impl Merged {
    fn append(&mut self, part: Part) {
        let questions: Vec<u32> = part
            .questions
            .texts()
            .iter()
            .map(|t| self.questions.intern(t))
            .collect();
        let values: Vec<u32> = part
            .value_texts
            .texts()
            .iter()
            .map(|t| self.values.intern(t))
            .collect();
        let c = &mut self.columns;
        c.response_ids.extend(part.response_ids);
        c.question_ids
            .extend(part.question_ids.iter().map(|&q| questions[q as usize]));
        c.values
            .extend(part.values.iter().map(|&v| values[v as usize]));
    }

    /// The columns in (response id, question id) order, which rows stored in that order
    /// (as a response's answers mostly are) already have.
    fn finish(self) -> Result<AnswerColumns, StorageError> {
        let mut columns = self.columns;
        columns.question_texts = self.questions.into_texts("question id")?;
        columns.value_texts = self.values.into_texts("value")?;
        let mut by_text: Vec<u32> = (0..columns.question_texts.len() as u32).collect();
        by_text.sort_unstable_by(|a, b| {
            columns.question_texts[*a as usize].cmp(&columns.question_texts[*b as usize])
        });
        let mut rank = vec![0u32; by_text.len()];
        for (r, q) in by_text.into_iter().enumerate() {
            rank[q as usize] = r as u32;
        }
        let key = |i: usize| {
            (
                columns.response_ids[i],
                rank[columns.question_ids[i] as usize],
            )
        };
        if (1..columns.len()).all(|i| key(i - 1) < key(i)) {
            return Ok(columns);
        }
        let mut order: Vec<u32> = (0..columns.len() as u32).collect();
        order.sort_unstable_by_key(|&i| key(i as usize));
        Ok(AnswerColumns {
            response_ids: order
                .iter()
                .map(|&i| columns.response_ids[i as usize])
                .collect(),
            question_ids: order
                .iter()
                .map(|&i| columns.question_ids[i as usize])
                .collect(),
            values: order.iter().map(|&i| columns.values[i as usize]).collect(),
            question_texts: columns.question_texts,
            value_texts: columns.value_texts,
        })
    }
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

    #[test]
    fn only_the_listed_responses_are_wanted() {
        let wanted = Wanted::new(&[3, 4, 70, 200]);
        let found: Vec<i64> = (-5..300).filter(|&id| wanted.contains(id)).collect();
        assert_eq!(found, vec![3, 4, 70, 200]);
        assert!(!Wanted::new(&[]).contains(0));
    }

    #[test]
    fn rows_stored_out_of_order_come_back_by_response_then_question() {
        let mut merged = Merged::default();
        let mut part = Part::default();
        for (response, question, value) in [(2, "O-2", "a"), (1, "O-10", "b"), (2, "O-1", "a")] {
            part.response_ids.push(response);
            part.question_ids
                .push(part.questions.intern(question.as_bytes()));
            part.values.push(part.value_texts.intern(value.as_bytes()));
        }
        merged.append(part);
        let columns = merged.finish().expect("UTF-8");
        let rows: Vec<(i64, &str, &str)> = (0..columns.len())
            .map(|i| {
                (
                    columns.response_ids[i],
                    columns.question_texts[columns.question_ids[i] as usize].as_str(),
                    columns.value_texts[columns.values[i] as usize].as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![(1, "O-10", "b"), (2, "O-1", "a"), (2, "O-2", "a")]
        );
    }
}
