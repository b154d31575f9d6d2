//! Closed-loop load: a fixed number of connections, each sending its next request as
//! soon as the last one is answered, for a fixed time; the throughput and the latency of
//! each request answered.

use std::time::Duration;

use tokio::time::Instant;

use super::respondents::Respondent;

/// What one connection sends.
pub enum Target {
    /// `GET /health` over one client of its own.
    Health {
        client: reqwest::Client,
        url: String,
    },
    /// A request by each of these respondents in turn.
    Respondents {
        respondents: Vec<Respondent>,
        next: usize,
        action: Action,
    },
}

/// What a respondent sends.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    /// Their page, saved.
    Save,
    /// Their page's form to the benchmark's one-row write route.
    Write,
    /// Their page's form to the benchmark's route writing as many rows as a save.
    WriteRows,
}

impl Target {
    /// The same connection, sending `action` from now on.
    pub fn doing(self, action: Action) -> Target {
        match self {
            Target::Respondents {
                respondents, next, ..
            } => Target::Respondents {
                respondents,
                next,
                action,
            },
            health => health,
        }
    }

    async fn once(&mut self) -> Result<(), String> {
        match self {
            Target::Health { client, url } => {
                let response = client
                    .get(url.as_str())
                    .send()
                    .await
                    .map_err(|e| format!("GET {url}: {e}"))?;
                let status = response.status();
                response.bytes().await.map_err(|e| e.to_string())?;
                match status.as_u16() {
                    200 => Ok(()),
                    _ => Err(format!("GET {url} answered {status}")),
                }
            }
            Target::Respondents {
                respondents,
                next,
                action,
            } => {
                let count = respondents.len();
                let respondent = &mut respondents[*next % count];
                *next += 1;
                match action {
                    Action::Save => respondent.save().await,
                    Action::Write => respondent.write().await,
                    Action::WriteRows => respondent.write_rows().await,
                }
            }
        }
    }
}

/// Requests answered as expected, how long each took, and what went wrong with the others.
#[derive(Debug, Default)]
pub struct Tally {
    pub answered: u64,
    pub failed: u64,
    pub first_failure: Option<String>,
    /// From the first request sent to the last one answered.
    pub elapsed: Duration,
    /// Of every request answered as expected, sorted.
    latencies: Vec<Duration>,
}

impl Tally {
    /// Requests answered per second.
    pub fn rate(&self) -> f64 {
        self.answered as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }

    /// The latency `share` (0 to 1) of the answered requests stayed within, in ms.
    pub fn percentile_ms(&self, share: f64) -> f64 {
        let Some(last) = self.latencies.len().checked_sub(1) else {
            return f64::NAN;
        };
        // The nearest rank: the smallest latency at least `share` of them do not exceed.
        let rank = ((share * self.latencies.len() as f64).ceil() as usize).clamp(1, last + 1);
        self.latencies[rank - 1].as_secs_f64() * 1000.0
    }
}

/// Keeps every target busy for `duration` and hands the targets back for the next run.
pub async fn run(targets: Vec<Target>, duration: Duration) -> anyhow::Result<(Vec<Target>, Tally)> {
    let started = Instant::now();
    let deadline = started + duration;
    let tasks: Vec<_> = targets
        .into_iter()
        .map(|mut target| {
            tokio::spawn(async move {
                let mut tally = Tally::default();
                while Instant::now() < deadline {
                    let sent = Instant::now();
                    match target.once().await {
                        Ok(()) => {
                            tally.answered += 1;
                            tally.latencies.push(sent.elapsed());
                        }
                        Err(failure) => {
                            tally.failed += 1;
                            tally.first_failure.get_or_insert(failure);
                        }
                    }
                }
                (target, tally)
            })
        })
        .collect();
    let mut targets = Vec::with_capacity(tasks.len());
    let mut total = Tally::default();
    for task in tasks {
        let (target, tally) = task.await?;
        targets.push(target);
        total.answered += tally.answered;
        total.failed += tally.failed;
        total.latencies.extend(tally.latencies);
        if total.first_failure.is_none() {
            total.first_failure = tally.first_failure;
        }
    }
    total.elapsed = started.elapsed();
    total.latencies.sort_unstable();
    Ok((targets, total))
}
