//! SQLite's own floor: one pass over the answers table, touching every column a
//! report reads, timed in this process.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use diesel::prelude::*;

#[derive(QueryableByName)]
struct Totals {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    rows: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    ids: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    text: i64,
}

/// The best of `runs` full scans, with the row count of the last.
pub fn best_scan(db: &Path, runs: usize) -> anyhow::Result<(Duration, i64)> {
    let mut conn = SqliteConnection::establish(&db.to_string_lossy())
        .with_context(|| format!("opening {}", db.display()))?;
    let mut best = Duration::MAX;
    let mut rows = 0;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let totals: Totals = diesel::sql_query(
            "SELECT count(*) AS rows, sum(response_id) AS ids, \
             sum(length(question_id) + length(value)) AS text FROM answers",
        )
        .get_result(&mut conn)
        .context("scanning the answers table")?;
        best = best.min(started.elapsed());
        // Used, so the sums are not just computed but looked at.
        anyhow::ensure!(
            totals.ids > 0 && totals.text > 0,
            "the answers table is empty"
        );
        rows = totals.rows;
    }
    Ok((best, rows))
}
