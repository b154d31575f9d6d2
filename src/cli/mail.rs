//! `liaison mail …`

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use crate::config::Settings;
use crate::mail::outbox::{due_count, held_lines, progress_bar};
use crate::mail::{Mailer, RetryPolicy, SendOutcome, send_pending};
use crate::storage::outbox;
use crate::storage::{self, StorageError};

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Send every mail that is due, with retries left to later runs.
    SendPending {
        /// Send at most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
}

pub fn run(settings: &Settings, command: MailCommand) -> anyhow::Result<ExitCode> {
    let MailCommand::SendPending { limit } = command;
    let mailer = Mailer::configured(settings)?;
    let pool = storage::connect(&settings.database_url, settings.database_pool_size)?;
    let due = {
        let mut conn = pool
            .get()
            .map_err(StorageError::from)
            .context("cannot reach the database")?;
        due_count(&mut conn, storage::now())?
    };
    let total = limit.map_or(due, |l| due.min(i64::try_from(l).unwrap_or(i64::MAX)));
    let bar = progress_bar(u64::try_from(total).unwrap_or(0));
    let policy = RetryPolicy::from_settings(settings);
    let report = send_pending(&pool, &mailer, &policy, limit, &|progress| {
        match &progress.outcome {
            SendOutcome::Sent => {}
            SendOutcome::Retrying {
                error,
                next_attempt_at,
            } => bar.suspend(|| {
                eprintln!(
                    "{}: {error}; next attempt {next_attempt_at}",
                    progress.recipient
                )
            }),
            SendOutcome::Failed { error } => {
                bar.suspend(|| eprintln!("{}: failed: {error}", progress.recipient))
            }
        }
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    println!(
        "{} sent, {} to be retried, {} failed",
        report.sent, report.retried, report.failed
    );
    let mut conn = pool
        .get()
        .map_err(StorageError::from)
        .context("cannot reach the database")?;
    let now = storage::now();
    for line in held_lines(&outbox::held(&mut conn, now)?, now) {
        println!("{line}");
    }
    Ok(if report.retried + report.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
