//! The commands timed against each other, each a child process writing a whole report
//! into a fresh folder: the real `liaison report` and the pandas baseline.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use super::child::{self, Run};
use super::dataset::Dataset;

/// The best wall time of `runs` runs, with the highest peak memory seen.
pub fn best_of(runs: usize, mut once: impl FnMut() -> anyhow::Result<Run>) -> anyhow::Result<Run> {
    let mut best: Option<Run> = None;
    for _ in 0..runs {
        let run = once()?;
        best = Some(match best {
            Some(b) if b.wall <= run.wall => Run {
                peak_rss: b.peak_rss.max(run.peak_rss),
                ..b
            },
            Some(b) => Run {
                peak_rss: b.peak_rss.max(run.peak_rss),
                ..run
            },
            None => run,
        });
    }
    best.context("no run")
}

/// One `liaison report` of `data`'s campaign, from the database at `database` (a file
/// path or a PostgreSQL URL holding the same rows), into a fresh `out`.
pub fn liaison_report(
    database: &std::ffi::OsStr,
    data: &Dataset,
    catalogue: &Path,
    out: &Path,
    logs: &Path,
) -> anyhow::Result<Run> {
    fresh(out)?;
    let mut command = Command::new(env!("CARGO_BIN_EXE_liaison"));
    command
        // No liaison.toml of the caller's: the settings come from these variables alone.
        .current_dir(out)
        .env("LIAISON_DATABASE_URL", database)
        .env("LIAISON_QUESTIONNAIRES_DIR", catalogue)
        .env("LIAISON_LOG", "warn")
        .arg("report")
        .arg("--campaign")
        .arg(data.campaign_id.to_string())
        .arg("--out")
        .arg(out)
        .arg("--no-radars");
    let run = child::run(command, logs, "liaison")?;
    expect_files(&report_dir(out, data), "liaison report")?;
    Ok(run)
}

/// One run of the pandas baseline into a fresh `out`.
pub fn pandas_report(
    python: &str,
    data: &Dataset,
    catalogue: &Path,
    out: &Path,
    logs: &Path,
) -> anyhow::Result<Run> {
    fresh(out)?;
    let mut command = Command::new(python);
    command
        .arg(script())
        .arg("report")
        .args(common_args(data, catalogue))
        .arg("--out")
        .arg(out);
    let run = child::run(command, logs, "pandas")?;
    expect_files(&report_dir(out, data), "the pandas baseline")?;
    Ok(run)
}

pub fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/report_scale.py")
}

pub fn common_args(data: &Dataset, catalogue: &Path) -> Vec<std::ffi::OsString> {
    vec![
        "--db".into(),
        data.path.clone().into(),
        "--campaign".into(),
        data.campaign_id.to_string().into(),
        "--questionnaires".into(),
        catalogue.into(),
    ]
}

/// Whether `python` can import what the baseline needs.
pub fn python_ready(python: &str) -> bool {
    Command::new(python)
        .args(["-c", "import pandas, matplotlib"])
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn report_dir(out: &Path, data: &Dataset) -> PathBuf {
    out.join(data.campaign_id.to_string())
}

/// Every file a report has, so a run that silently wrote less does not look fast; the
/// trend and peer-gap files are made only for campaigns that have them, which this one does not.
fn expect_files(dir: &Path, who: &str) -> anyhow::Result<()> {
    let always = liaison::reports::REPORT_FILES
        .into_iter()
        .filter(|name| !liaison::reports::is_optional(name));
    for name in always {
        let path = dir.join(name);
        if !path.is_file() {
            bail!("{who} did not write {}", path.display());
        }
    }
    Ok(())
}

pub fn fresh(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("emptying {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}
