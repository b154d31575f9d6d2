//! `liaison report`

use std::cell::Cell;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use crate::audit::Actor;
use crate::config::Settings;
use crate::reports::{CHART_FILES, Progress, RADAR_FOLDER, ReportOptions, build_campaign_reports};
use crate::startup::open_storage;
use crate::storage::StorageError;
use crate::storage::campaigns::get_campaign;

pub fn run(
    settings: &Settings,
    campaign: i64,
    out: Option<PathBuf>,
    radars: bool,
) -> anyhow::Result<ExitCode> {
    let (pool, catalogue) = open_storage(settings)?;
    let mut conn = pool
        .get()
        .map_err(StorageError::from)
        .context("cannot reach the database")?;
    let details = get_campaign(&mut conn, campaign)?;
    let out = out.unwrap_or_else(|| settings.reports_dir.clone());
    let options = ReportOptions {
        radars,
        ..ReportOptions::new(settings.privacy_k)
    };
    // Scoring, the tables, each chart, the recommendations and the trend: one step each;
    // then one step per radar, counted in once the build knows how many there are.
    let bar = ProgressBar::new(5 + CHART_FILES.len() as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    let radars_drawn = Cell::new(None::<usize>);
    let files = build_campaign_reports(
        &mut conn,
        &catalogue,
        &details,
        options,
        &out,
        &|progress| match progress {
            Progress::Step(step) => {
                bar.set_message(step.to_owned());
                bar.inc(1);
            }
            Progress::Radars { drawn, total } => {
                let before = radars_drawn.replace(Some(drawn)).unwrap_or_else(|| {
                    bar.inc_length(total as u64);
                    0
                });
                bar.set_message(format!("{RADAR_FOLDER}/ {drawn} of {total}"));
                bar.inc(drawn.saturating_sub(before) as u64);
            }
        },
        &Actor::Cli,
    )?;
    bar.finish_and_clear();
    let radar_dir = out.join(campaign.to_string()).join(RADAR_FOLDER);
    let (radar_files, files): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|f| f.starts_with(&radar_dir));
    println!("campaign {campaign}: {} file(s) written", files.len());
    for file in files {
        println!("  {}", file.display());
    }
    // The index is written beside the radars.
    let drawn = radar_files.len().saturating_sub(1);
    if radars {
        println!("  {}: {drawn} radar(s)", radar_dir.display());
    }
    Ok(ExitCode::SUCCESS)
}
