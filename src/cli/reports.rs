//! `liaison report`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Settings;
use crate::reports::{CHART_FILES, build_campaign_reports};
use crate::startup::open_storage;
use crate::storage::StorageError;
use crate::storage::campaigns::get_campaign;

pub fn run(settings: &Settings, campaign: i64, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (pool, catalogue) = open_storage(settings)?;
    let mut conn = pool
        .get()
        .map_err(StorageError::from)
        .context("cannot reach the database")?;
    let details = get_campaign(&mut conn, campaign)?;
    let out = out.unwrap_or_else(|| settings.reports_dir.clone());
    // Scoring, the three tables, each chart and the recommendations: one step each.
    let bar = ProgressBar::new(3 + CHART_FILES.len() as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    let files = build_campaign_reports(
        &mut conn,
        &catalogue,
        &details,
        settings.privacy_k,
        &out,
        &|step| {
            bar.set_message(step.to_owned());
            bar.inc(1);
        },
    )?;
    bar.finish_and_clear();
    println!("campaign {campaign}: {} file(s) written", files.len());
    for file in files {
        println!("  {}", file.display());
    }
    Ok(ExitCode::SUCCESS)
}
