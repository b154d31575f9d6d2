//! The retention worker inside `serve`: a [`super::run`] at start, then one every interval.

use std::sync::Arc;
use std::time::Duration;

use crate::audit::Actor;
use crate::questionnaire::Catalogue;
use crate::storage::{DbPool, StorageError};

use super::ReportsDir;

/// Runs retention now and then every `every`, on tokio's blocking threads (diesel blocks),
/// for as long as the runtime lives, as the actor `system`, and rebuilds the reports of
/// what it erased. It logs each campaign it erased by id with the counts, never a person.
/// Must be called within a tokio runtime.
pub fn spawn_worker(
    pool: DbPool,
    catalogue: Arc<Catalogue>,
    reports: ReportsDir,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    // tokio's interval panics on a zero period.
    let every = every.max(Duration::from_millis(1));
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let (pool, catalogue, reports) = (pool.clone(), catalogue.clone(), reports.clone());
            let run = tokio::task::spawn_blocking(move || {
                let mut conn = pool.get().map_err(StorageError::from)?;
                let now = crate::storage::now();
                let actor = Actor::System;
                let erased = super::run(&mut conn, &catalogue, now, &actor, super::Mode::Erase)?;
                if let Err(error) =
                    super::rebuild_reports(&mut conn, &catalogue, &erased, &reports, &actor)
                {
                    tracing::error!(%error, "retention could not rebuild the erased campaigns' reports");
                }
                Ok::<_, StorageError>(erased)
            });
            match run.await {
                Ok(Ok(erased)) => {
                    for e in erased {
                        tracing::info!(
                            campaign = e.campaign,
                            participants = e.participants,
                            links = e.links,
                            mails = e.mails,
                            answers = e.answers,
                            audit_entries = e.audit_entries,
                            "retention erased a campaign's personal data"
                        );
                    }
                }
                Ok(Err(error)) => tracing::error!(%error, "retention run stopped"),
                Err(error) => tracing::error!(%error, "retention run panicked"),
            }
        }
    })
}
