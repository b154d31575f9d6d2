//! The same dataset on PostgreSQL: copied once from the SQLite file into a database of
//! its own (kept between runs and named after the file's fingerprint, so a second run
//! starts at once), `liaison report` against it, and as the baseline PostgreSQL's own
//! floor for reading those rows: a binary `COPY` of the answers' columns to nowhere,
//! through one connection.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use diesel::pg::CopyFormat;
use diesel::prelude::*;
use diesel::sql_types::Text;
use liaison::storage::schema::answers;
use rusqlite::types::ValueRef;

use super::dataset::Dataset;
use super::test_db::with_database;

/// Set on the database once every table is in, so a run cut short is loaded again.
const COMPLETE: &str = "liaison report_scale: complete";

/// The URL of a database on `server` that holds `data`, loading it first when missing.
pub fn prepare(data: &Dataset, server: &str) -> anyhow::Result<String> {
    let stem = data
        .path
        .file_stem()
        .context("the dataset file has no name")?
        .to_string_lossy()
        .replace('-', "_");
    let name = format!("liaison_bench_{stem}");
    let url = with_database(server, &name);
    let mut admin = PgConnection::establish(server)
        .with_context(|| "TEST_DATABASE_URL is set but the server cannot be reached")?;
    if is_complete(&mut admin, &name)? {
        println!("data: reusing PostgreSQL database {name}");
        return Ok(url);
    }
    let started = Instant::now();
    for stale in bench_databases(&mut admin)? {
        diesel::sql_query(format!("DROP DATABASE \"{stale}\"")).execute(&mut admin)?;
    }
    diesel::sql_query(format!("CREATE DATABASE \"{name}\"")).execute(&mut admin)?;
    // Migrated by the product itself, so the tables are the ones a deployment has.
    drop(liaison::storage::connect(&url, 1).map_err(|e| anyhow::anyhow!("{e}"))?);
    let sqlite = rusqlite::Connection::open(&data.path)
        .with_context(|| format!("opening {}", data.path.display()))?;
    let mut pg = PgConnection::establish(&url)?;
    for table in tables(&sqlite)? {
        copy_table(&sqlite, &table, &url)?;
        restart_ids(&mut pg, &table)?;
    }
    diesel::sql_query("ANALYZE").execute(&mut pg)?;
    diesel::sql_query(format!("COMMENT ON DATABASE \"{name}\" IS '{COMPLETE}'"))
        .execute(&mut admin)?;
    println!(
        "data: copied into PostgreSQL database {name} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(url)
}

/// The best of `runs` binary COPYs of the answers' columns, with the bytes of the last.
/// Each runs on a connection of its own, opened before the clock starts: diesel does not
/// collect a raw COPY's closing result, which leaves its connection unable to run another
/// statement.
pub fn best_copy(url: &str, runs: usize) -> anyhow::Result<(Duration, u64)> {
    let mut best = Duration::MAX;
    let mut bytes = 0;
    for _ in 0..runs.max(1) {
        let mut conn = PgConnection::establish(url)?;
        let started = Instant::now();
        let mut stream =
            diesel::copy_to((answers::response_id, answers::question_id, answers::value))
                .with_format(CopyFormat::Binary)
                .load_raw(&mut conn)?;
        bytes = std::io::copy(&mut stream, &mut std::io::sink())?;
        drop(stream);
        best = best.min(started.elapsed());
    }
    ensure!(bytes > 0, "the COPY of the answers read nothing");
    Ok((best, bytes))
}

/// Every CSV file of the SQLite report is in the PostgreSQL one, byte for byte but for
/// the time of the build that the heading line names.
pub fn same_csvs(sqlite: &Path, postgres: &Path) -> anyhow::Result<usize> {
    let mut compared = 0;
    for entry in std::fs::read_dir(sqlite)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let name = path.file_name().context("a file without a name")?;
        let other = postgres.join(name);
        let ours = std::fs::read_to_string(&path)?;
        let theirs = std::fs::read_to_string(&other)
            .with_context(|| format!("reading {}", other.display()))?;
        if without_build_time(&ours) != without_build_time(&theirs) {
            bail!(
                "{} differs between the SQLite and the PostgreSQL report",
                name.to_string_lossy()
            );
        }
        compared += 1;
    }
    ensure!(compared > 0, "the reports have no CSV files to compare");
    Ok(compared)
}

/// `csv` with the time in its heading line ("… — generated 2026-12-06T22:01:44Z — …")
/// left out.
fn without_build_time(csv: &str) -> String {
    let (first, rest) = csv.split_once('\n').unwrap_or((csv, ""));
    let first = match first.split_once("generated ") {
        Some((before, after)) if first.starts_with('#') => {
            let after = after.split_once(' ').map_or("", |(_, tail)| tail);
            format!("{before}generated {after}")
        }
        _ => first.to_owned(),
    };
    format!("{first}\n{rest}")
}

fn is_complete(admin: &mut PgConnection, name: &str) -> anyhow::Result<bool> {
    #[derive(QueryableByName)]
    struct Note {
        #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
        note: Option<String>,
    }
    let notes: Vec<Note> = diesel::sql_query(
        "SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1",
    )
    .bind::<Text, _>(name)
    .load(admin)?;
    Ok(notes
        .first()
        .is_some_and(|n| n.note.as_deref() == Some(COMPLETE)))
}

/// This benchmark's databases of earlier sizes or data, dropped before a new one is made.
fn bench_databases(admin: &mut PgConnection) -> anyhow::Result<Vec<String>> {
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        datname: String,
    }
    let names: Vec<Name> = diesel::sql_query(
        "SELECT datname FROM pg_database WHERE datname LIKE 'liaison\\_bench\\_answers\\_%'",
    )
    .load(admin)?;
    Ok(names.into_iter().map(|n| n.datname).collect())
}

/// The SQLite file's own tables that hold rows, in the order the migrations made them
/// (parents before the tables that refer to them).
fn tables(sqlite: &rusqlite::Connection) -> anyhow::Result<Vec<String>> {
    let mut statement = sqlite.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' \
         ESCAPE '\\' AND name <> '__diesel_schema_migrations' ORDER BY rowid",
    )?;
    let names: Vec<String> = statement
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let mut with_rows = Vec::new();
    for name in names {
        let any: bool = sqlite.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM \"{name}\")"),
            [],
            |r| r.get(0),
        )?;
        if any {
            with_rows.push(name);
        }
    }
    Ok(with_rows)
}

/// Streams one table into PostgreSQL as CSV through `psql`'s `\copy`, which takes a
/// table named at run time (diesel's COPY FROM wants one known at compile time).
fn copy_table(sqlite: &rusqlite::Connection, table: &str, url: &str) -> anyhow::Result<()> {
    let mut statement = sqlite.prepare(&format!("SELECT * FROM \"{table}\""))?;
    let columns: Vec<String> = statement
        .column_names()
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect();
    let command = format!(
        "\\copy \"{table}\" ({}) FROM STDIN WITH (FORMAT csv)",
        columns.join(", ")
    );
    let mut psql = Command::new("psql")
        .args([url, "-q", "-v", "ON_ERROR_STOP=1", "-c", &command])
        // Rows go in whatever order the file has them; the data is whole once all are in.
        .env("PGOPTIONS", "-c session_replication_role=replica")
        .stdin(Stdio::piped())
        .spawn()
        .context("starting psql, which loads the benchmark's data into PostgreSQL")?;
    {
        let mut out = BufWriter::new(psql.stdin.take().context("psql's standard input")?);
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            for i in 0..columns.len() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                write_csv_value(&mut out, row.get_ref(i)?)?;
            }
            out.write_all(b"\n")?;
        }
        out.flush()?;
    }
    let status = psql.wait()?;
    ensure!(
        status.success(),
        "psql could not load table {table}: {status}"
    );
    Ok(())
}

/// One SQLite value as PostgreSQL's CSV input reads it: NULL as nothing, text always
/// quoted (so an empty text stays a text), bytes as bytea's hex form.
fn write_csv_value(out: &mut impl Write, value: ValueRef<'_>) -> std::io::Result<()> {
    match value {
        ValueRef::Null => Ok(()),
        ValueRef::Integer(i) => write!(out, "{i}"),
        ValueRef::Real(f) => write!(out, "{f}"),
        ValueRef::Text(t) => {
            out.write_all(b"\"")?;
            for &b in t {
                if b == b'"' {
                    out.write_all(b"\"")?;
                }
                out.write_all(&[b])?;
            }
            out.write_all(b"\"")
        }
        ValueRef::Blob(bytes) => {
            out.write_all(b"\\x")?;
            for b in bytes {
                write!(out, "{b:02x}")?;
            }
            Ok(())
        }
    }
}

/// Moves a table's id sequence past the copied ids, so that rows the report writes
/// (its audit entry, say) get new ones.
fn restart_ids(pg: &mut PgConnection, table: &str) -> anyhow::Result<()> {
    #[derive(QueryableByName)]
    struct Column {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let has_id: Column = diesel::sql_query(
        "SELECT count(*) AS n FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id'",
    )
    .bind::<Text, _>(table)
    .get_result(pg)?;
    if has_id.n == 1 {
        diesel::sql_query(format!(
            "SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), \
             (SELECT max(id) FROM \"{table}\"))"
        ))
        .execute(pg)?;
    }
    Ok(())
}
