//! Report-scale benchmark (DESIGN §10): every report of one campaign with 100,000
//! submitted responses (4.5 million answers), built by the real `liaison report`,
//! against SQLite's own scan of the answers table and against the same aggregates,
//! CSVs and charts done with pandas and matplotlib (`benches/report_scale.py`), all on
//! the same database file in the same run. When `TEST_DATABASE_URL` names a PostgreSQL
//! server, the same rows are copied into a database there (once, then kept) and the report
//! is built from it too, against a binary COPY of the answers; its CSV files must equal the
//! SQLite report's. Also radar charts per second, Liaison against matplotlib.
//!
//! `cargo bench --bench report_scale`. Environment: `REPORT_SCALE_RESPONSES` (default
//! 100000), `REPORT_SCALE_RUNS` (timed runs of each, best kept; default 3),
//! `REPORT_SCALE_RADARS` (radar sample; default 500), `REPORT_SCALE_PYTHON` (default
//! `python3`). The database is cached under the target folder, keyed by size, schema
//! and questionnaire.

#[path = "report_scale/bulk.rs"]
mod bulk;
#[path = "report_scale/child.rs"]
mod child;
#[path = "report_scale/compare.rs"]
mod compare;
#[path = "report_scale/contenders.rs"]
mod contenders;
#[path = "report_scale/dataset.rs"]
mod dataset;
#[path = "report_scale/postgres.rs"]
mod postgres;
#[path = "report_scale/print.rs"]
mod print;
#[path = "report_scale/radars.rs"]
mod radars;
#[path = "report_scale/scan.rs"]
mod scan;
// For the URL of the PostgreSQL copy of the data on the tests' server.
#[allow(dead_code)]
#[path = "../tests/api/test_db.rs"]
mod test_db;

use std::path::Path;

use anyhow::Context;

use contenders::{best_of, liaison_report, pandas_report, python_ready, report_dir};
use print::{line, mib, secs, verdict};

/// Building every report takes at most this many times SQLite's scan of the answers.
const SCAN_TARGET: f64 = 3.0;
/// pandas and matplotlib take at least this many times as long as Liaison.
const BASELINE_TARGET: f64 = 10.0;
/// Liaison's peak memory for the whole report (issue 5: under 1 GiB).
const MEMORY_TARGET: u64 = 1 << 30;
/// On PostgreSQL, building every report takes at most this many times a COPY of the answers.
const COPY_TARGET: f64 = 3.0;

/// What to run, from the environment.
pub struct Options {
    pub responses: usize,
    pub runs: usize,
    pub radars: usize,
    pub python: String,
}

impl Options {
    fn from_env() -> anyhow::Result<Options> {
        Ok(Options {
            responses: number("REPORT_SCALE_RESPONSES", 100_000)?,
            runs: number("REPORT_SCALE_RUNS", 3)?.max(1),
            radars: number("REPORT_SCALE_RADARS", 500)?.max(1),
            python: std::env::var("REPORT_SCALE_PYTHON").unwrap_or_else(|_| "python3".into()),
        })
    }
}

fn number(name: &str, default: usize) -> anyhow::Result<usize> {
    match std::env::var(name) {
        Ok(text) => text
            .trim()
            .replace('_', "")
            .parse()
            .with_context(|| format!("{name}={text:?} is not a whole number")),
        Err(_) => Ok(default),
    }
}

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; there is nothing to filter in this one benchmark.
    let options = Options::from_env()?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let catalogue = root.join("questionnaires");
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report_scale");
    let data = dataset::prepare(options.responses, &work, &catalogue)?;
    println!(
        "report_scale: {} submitted responses, {} answers ({}), campaign {}",
        data.responses,
        data.answers,
        dataset::QUESTIONNAIRE,
        data.campaign_id
    );
    let logs = work.join("logs");
    std::fs::create_dir_all(&logs)?;

    let (scan, rows) = scan::best_scan(&data.path, options.runs)?;
    let rows = usize::try_from(rows)?;
    line("SQLite scan of answers", scan, options.runs, rows, None);

    let liaison = best_of(options.runs, || {
        let file = data.path.as_os_str();
        liaison_report(file, &data, &catalogue, &work.join("liaison"), &logs)
    })?;
    line(
        "liaison report --no-radars",
        liaison.wall,
        options.runs,
        data.answers,
        Some(liaison.peak_rss),
    );

    let baseline = if python_ready(&options.python) {
        let run = best_of(options.runs, || {
            pandas_report(
                &options.python,
                &data,
                &catalogue,
                &work.join("pandas"),
                &logs,
            )
        })?;
        line(
            "pandas + matplotlib",
            run.wall,
            options.runs,
            data.answers,
            Some(run.peak_rss),
        );
        let (rows, gaps) = compare::same_report(
            &report_dir(&work.join("liaison"), &data),
            &report_dir(&work.join("pandas"), &data),
        )
        .context("the pandas baseline did not compute the same report")?;
        println!(
            "  pandas output matches Liaison's: {rows} aggregate rows, {gaps} ranked gap lines"
        );
        // The script's own split of its best run, for where a baseline's time goes.
        if let Some(steps) = run.stdout.lines().last() {
            println!("  pandas steps: {steps}");
        }
        Some(run)
    } else {
        println!(
            "pandas + matplotlib: skipped ({} cannot import pandas and matplotlib; \
             `pip install pandas matplotlib` to compare)",
            options.python
        );
        None
    };

    println!();
    if let Some(baseline) = &baseline {
        let ratio = secs(baseline.wall) / secs(liaison.wall);
        verdict(
            "pandas / Liaison",
            format!("{ratio:.1}x"),
            format!(">= {BASELINE_TARGET}"),
            ratio >= BASELINE_TARGET,
        );
    }
    let ratio = secs(liaison.wall) / secs(scan);
    verdict(
        "Liaison / SQLite scan",
        format!("{ratio:.1}x"),
        format!("<= {SCAN_TARGET}"),
        ratio <= SCAN_TARGET,
    );
    verdict(
        "Liaison peak RSS",
        mib(liaison.peak_rss),
        mib(MEMORY_TARGET),
        liaison.peak_rss < MEMORY_TARGET,
    );

    println!();
    on_postgres(&options, &data, &catalogue, &work, &logs)?;

    println!();
    radars::compare(&options, &data, &catalogue, &work, &logs)
}

/// The same report from the same rows in PostgreSQL, against a COPY of its answers, when
/// `TEST_DATABASE_URL` names a server; the CSV files must equal the SQLite report's.
fn on_postgres(
    options: &Options,
    data: &dataset::Dataset,
    catalogue: &Path,
    work: &Path,
    logs: &Path,
) -> anyhow::Result<()> {
    let Some(server) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        println!("PostgreSQL: skipped (set TEST_DATABASE_URL to a server to compare)");
        return Ok(());
    };
    let url = postgres::prepare(data, &server)?;
    let (copy, bytes) = postgres::best_copy(&url, options.runs)?;
    line(
        "PostgreSQL COPY of answers",
        copy,
        options.runs,
        data.answers,
        None,
    );
    println!("  {} MiB in binary COPY format", bytes >> 20);
    let out = work.join("liaison-postgres");
    let liaison = best_of(options.runs, || {
        liaison_report(std::ffi::OsStr::new(&url), data, catalogue, &out, logs)
    })?;
    line(
        "liaison report on PostgreSQL",
        liaison.wall,
        options.runs,
        data.answers,
        Some(liaison.peak_rss),
    );
    let same = postgres::same_csvs(
        &report_dir(&work.join("liaison"), data),
        &report_dir(&out, data),
    )?;
    println!("  the {same} CSV files equal the SQLite report's, byte for byte");
    let ratio = secs(liaison.wall) / secs(copy);
    verdict(
        "Liaison / PostgreSQL COPY",
        format!("{ratio:.1}x"),
        format!("<= {COPY_TARGET}"),
        ratio <= COPY_TARGET,
    );
    Ok(())
}
