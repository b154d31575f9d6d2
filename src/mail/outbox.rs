//! The outbox worker: claims queued mails, sends them and records the outcome,
//! retrying transient failures with exponential backoff.
//!
//! Any number of workers may run against one database (several `serve`
//! instances, a CLI run beside them): claims hand each mail to one of them.
//!
//! What a crash costs: each SMTP session claims [`CLAIM_BATCH`] mails at a
//! time and records them together, so a worker killed mid-run leaves at most
//! `mail_smtp_sessions` × [`CLAIM_BATCH`] mails claimed. Of those, only ones the
//! server had accepted before the kill go out twice (after [`CLAIM_LEASE`]),
//! with the Message-ID of the first copy; the others are sent once the lease ends.

use std::num::NonZeroUsize;

use chrono::{Duration, NaiveDateTime};
use indicatif::{ProgressBar, ProgressStyle};

use super::{MailError, Mailer};
use crate::config::Settings;
use crate::storage::DbPool;
use crate::storage::outbox::OutboxHeld;

pub use crate::storage::outbox::due_count;

/// The longest one mail's SMTP exchange may take, connecting included; a
/// slower one fails transiently and is retried later.
pub const SEND_DEADLINE: Duration = Duration::seconds(SEND_DEADLINE_SECONDS as i64);

/// [`SEND_DEADLINE`] in seconds.
pub const SEND_DEADLINE_SECONDS: u64 = 60;

/// How long a claimed mail is the claimer's alone: twice the longest a send may
/// take, so that only a worker that died (or stalled on its database for a
/// minute) loses its mail to another, and a mail a dead worker held is sent
/// again two minutes later at most.
pub const CLAIM_LEASE: Duration = Duration::seconds(2 * SEND_DEADLINE_SECONDS as i64);

/// The `mail_smtp_sessions` setting's default: SMTP sessions one run keeps open
/// at once, each sending its own mails. One session spends most of its time
/// waiting for the server's replies or for its turn at the database; a few hide
/// those waits, and stay far below what relays allow one client (Postfix: 50
/// connections).
pub const DEFAULT_SMTP_SESSIONS: NonZeroUsize = NonZeroUsize::new(4).expect("not zero");

/// Mails one SMTP session claims in one transaction, sends, and then records in
/// the transaction that claims its next ones. A commit costs a disk flush on
/// PostgreSQL (milliseconds) and a WAL append on SQLite, where the sessions also
/// take turns; spread over this many mails it no longer bounds the rate. It is
/// also the most mails of one session a crash can leave claimed, and the most
/// it can make go out twice.
pub const CLAIM_BATCH: usize = 16;

/// The longest wait between two attempts.
pub const MAX_RETRY_DELAY: Duration = Duration::hours(6);

/// How often and how patiently a mail is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts before a mail that keeps failing transiently is marked failed.
    pub max_attempts: u32,
    /// The wait after the first failure; it doubles after each further one.
    pub first_retry: Duration,
}

impl RetryPolicy {
    /// The policy of `mail_max_attempts` and `mail_retry_seconds`.
    pub fn from_settings(settings: &Settings) -> RetryPolicy {
        let seconds = i64::try_from(settings.mail_retry_seconds).unwrap_or(i64::MAX);
        RetryPolicy {
            max_attempts: settings.mail_max_attempts,
            first_retry: Duration::try_seconds(seconds).unwrap_or(MAX_RETRY_DELAY),
        }
    }

    /// The wait after `attempts` failed attempts: `first_retry * 2^(attempts - 1)`,
    /// at most [`MAX_RETRY_DELAY`].
    pub fn delay(&self, attempts: u32) -> Duration {
        // 2^30 times any useful first_retry is far past the cap already.
        let doublings = attempts.saturating_sub(1).min(30);
        self.first_retry
            .checked_mul(1 << doublings)
            .map_or(MAX_RETRY_DELAY, |delay| delay.min(MAX_RETRY_DELAY))
    }
}

/// What became of the mails one run handled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    /// Failed transiently and wait for another attempt.
    pub retried: usize,
    /// Given up on.
    pub failed: usize,
}

impl SendReport {
    /// Every mail handled.
    pub fn total(&self) -> usize {
        self.sent + self.retried + self.failed
    }
}

/// What happened to one mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    Sent,
    /// Failed transiently; tried again from `next_attempt_at`.
    Retrying {
        error: String,
        next_attempt_at: NaiveDateTime,
    },
    Failed {
        error: String,
    },
}

/// Reported after each mail, e.g. to advance a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendProgress {
    /// The outbox row.
    pub id: i64,
    pub recipient: String,
    pub outcome: SendOutcome,
}

/// Sends the mails that are due over the mailer's
/// [`sessions`](Mailer::sessions) at once, until none is left or `limit` mails
/// were handled, calling `progress` for each once its outcome is recorded.
///
/// A mail that fails transiently is rescheduled by `policy` and not tried
/// again in this run; one that fails permanently, or transiently for the last
/// allowed time, is marked failed. Only storage problems end the run early;
/// the mails each session has in hand then stay claimed until their lease runs out.
pub fn send_pending(
    pool: &DbPool,
    mailer: &Mailer,
    policy: &RetryPolicy,
    limit: Option<usize>,
    progress: &(dyn Fn(SendProgress) + Sync),
) -> Result<SendReport, MailError> {
    super::sending::Run::new(pool, mailer, policy, limit, progress).send()
}

/// Runs [`send_pending`] now and then every `every`, on tokio's blocking
/// threads (diesel and lettre block), for as long as the runtime lives.
///
/// Must be called within a tokio runtime (e.g. actix's). Abort the handle to
/// stop after the current run; a send it interrupts is retried after
/// [`CLAIM_LEASE`].
pub fn spawn_worker(
    pool: DbPool,
    mailer: Mailer,
    policy: RetryPolicy,
    every: std::time::Duration,
) -> tokio::task::JoinHandle<()> {
    // tokio's interval panics on a zero period.
    let every = every.max(std::time::Duration::from_millis(1));
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        // A long run delays the next one instead of triggering a burst after it.
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let (pool, mailer) = (pool.clone(), mailer.clone());
            let run = tokio::task::spawn_blocking(move || {
                send_pending(&pool, &mailer, &policy, None, &|_| {})
            });
            match run.await {
                Ok(Ok(report)) if report.total() > 0 => tracing::info!(
                    sent = report.sent,
                    retried = report.retried,
                    failed = report.failed,
                    "mail worker run finished"
                ),
                Ok(Ok(_)) => {}
                Ok(Err(error)) => tracing::error!(%error, "mail worker run stopped"),
                Err(error) => tracing::error!(%error, "mail worker run panicked"),
            }
        }
    })
}

/// A progress bar for sending `total` mails (from [`due_count`]); it draws on
/// stderr and only when that is a terminal.
pub fn progress_bar(total: u64) -> ProgressBar {
    let bar = ProgressBar::new(total);
    // The template is fixed, so this only fails if it is edited wrongly; the
    // default style is a fine fallback.
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40.cyan/blue} {pos}/{len} mails, {per_sec}, {eta} left {msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// What a worker cannot send at `now` because it is not its turn, one line each:
/// mails another worker (or one that stopped) holds by a lease, and mails
/// waiting for a retry, with the times they come free.
pub fn held_lines(held: &OutboxHeld, now: NaiveDateTime) -> Vec<String> {
    let mut lines = Vec::new();
    if let (1.., Some(until)) = (held.held, held.held_until) {
        lines.push(format!(
            "{} held by a lease (until {}): being sent by another worker, or sent from then on if it stopped",
            held.held,
            clock(until, now)
        ));
    }
    if let (1.., Some(next)) = (held.retrying, held.next_retry_at) {
        lines.push(format!(
            "{} waiting for a retry (the first at {})",
            held.retrying,
            clock(next, now)
        ));
    }
    lines
}

/// `HH:MM UTC`, with the date in front when it is not `now`'s.
fn clock(at: NaiveDateTime, now: NaiveDateTime) -> String {
    if at.date() == now.date() {
        format!("{} UTC", at.format("%H:%M"))
    } else {
        format!("{} UTC", at.format("%Y-%m-%d %H:%M"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_from_the_first_retry_up_to_six_hours() {
        let policy = RetryPolicy {
            max_attempts: 50,
            first_retry: Duration::seconds(60),
        };
        assert_eq!(policy.delay(1), Duration::seconds(60));
        assert_eq!(policy.delay(2), Duration::seconds(120));
        assert_eq!(policy.delay(4), Duration::seconds(480));
        assert_eq!(policy.delay(9), Duration::seconds(60 * 256));
        assert_eq!(policy.delay(10), MAX_RETRY_DELAY);
        assert_eq!(policy.delay(u32::MAX), MAX_RETRY_DELAY);
        assert_eq!(policy.delay(0), Duration::seconds(60));
    }

    #[test]
    fn a_huge_first_retry_is_capped_too() {
        let policy = RetryPolicy {
            max_attempts: 3,
            first_retry: Duration::days(3650),
        };
        assert_eq!(policy.delay(3), MAX_RETRY_DELAY);
    }

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2027, 3, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 7))
            .unwrap()
    }

    #[test]
    fn held_and_retrying_mails_are_told_with_the_times_they_come_free() {
        let held = OutboxHeld {
            held: 3,
            held_until: Some(at(1, 14, 5)),
            retrying: 2,
            next_retry_at: Some(at(2, 9, 30)),
        };
        assert_eq!(
            held_lines(&held, at(1, 14, 3)),
            [
                "3 held by a lease (until 14:05 UTC): being sent by another worker, or sent from then on if it stopped",
                "2 waiting for a retry (the first at 2027-03-02 09:30 UTC)",
            ]
        );
        assert!(held_lines(&OutboxHeld::default(), at(1, 0, 0)).is_empty());
    }
}
