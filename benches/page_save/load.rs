//! Closed-loop load: a fixed number of connections, each sending its next request as
//! soon as the last one is answered, for a fixed time.

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
    /// A save by each of these respondents in turn.
    Saves {
        respondents: Vec<Respondent>,
        next: usize,
    },
}

impl Target {
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
            Target::Saves { respondents, next } => {
                let respondent = &respondents[*next % respondents.len()];
                *next += 1;
                respondent.save().await
            }
        }
    }
}

/// Requests answered as expected, and what went wrong with the others.
#[derive(Debug, Default)]
pub struct Tally {
    pub answered: u64,
    pub failed: u64,
    pub first_failure: Option<String>,
    /// From the first request sent to the last one answered.
    pub elapsed: Duration,
}

impl Tally {
    /// Requests answered per second.
    pub fn rate(&self) -> f64 {
        self.answered as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
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
                    match target.once().await {
                        Ok(()) => tally.answered += 1,
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
        if total.first_failure.is_none() {
            total.first_failure = tally.first_failure;
        }
    }
    total.elapsed = started.elapsed();
    Ok((targets, total))
}
