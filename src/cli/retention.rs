//! `liaison retention run [--dry-run]`

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use crate::audit::Actor;
use crate::config::Settings;
use crate::retention::{self, Mode, ReportsDir};
use crate::startup::open_storage;

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Erase the personal data of every campaign whose retention period has ended, and
    /// print per campaign what was erased.
    Run {
        /// Only print what would be erased; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

pub fn run(settings: &Settings, command: RetentionCommand) -> anyhow::Result<ExitCode> {
    let RetentionCommand::Run { dry_run } = command;
    let (pool, catalogue) = open_storage(settings)?;
    let mut conn = pool.get().context("cannot reach the database")?;
    let mode = if dry_run { Mode::DryRun } else { Mode::Erase };
    let now = crate::storage::now();
    let erased = retention::run(&mut conn, &catalogue, now, &Actor::Cli, mode)?;
    if erased.is_empty() {
        println!("no campaign's retention period has ended: nothing to erase");
    }
    let verb = if dry_run { "would erase" } else { "erased" };
    for e in &erased {
        println!("campaign {} ({}): {verb} {e}", e.campaign, e.name);
    }
    if dry_run {
        if !erased.is_empty() {
            println!("nothing was changed (dry run)");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let reports = ReportsDir {
        dir: settings.reports_dir.clone(),
        privacy_k: settings.privacy_k,
    };
    for id in retention::rebuild_reports(&mut conn, &catalogue, &erased, &reports, &Actor::Cli)? {
        println!("campaign {id}: reports built again without what was erased");
    }
    Ok(ExitCode::SUCCESS)
}
