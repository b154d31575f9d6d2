//! One run of the outbox: [`SMTP_SESSIONS`] threads, each with its own SMTP
//! connection, claiming mails in batches, sending them and recording the
//! batch's outcomes together. A crash after the server's "250 OK" and before
//! that record re-sends at most one batch once the lease runs out.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use chrono::NaiveDateTime;

use super::outbox::{
    CLAIM_BATCH, CLAIM_LEASE, RetryPolicy, SMTP_SESSIONS, SendOutcome, SendProgress, SendReport,
};
use super::{MailError, MailSession, Mailer, SendError};
use crate::storage::outbox::{self as queue, OutboxMail};
use crate::storage::{self, DbConn, DbPool, StorageError};

/// What the sessions of one run share.
pub(super) struct Run<'a> {
    pool: &'a DbPool,
    mailer: &'a Mailer,
    policy: &'a RetryPolicy,
    /// Mails rescheduled in this run come due after it, so none is retried in it.
    started: NaiveDateTime,
    limit: Option<usize>,
    /// Mails the sessions have set out to handle, counted against `limit`.
    taken: AtomicUsize,
    /// Set when a session met a storage problem, so the others stop too.
    stopped: AtomicBool,
    /// On SQLite the sessions take turns at the database. It lets one writer in
    /// at a time and makes the others retry from a busy handler that sleeps
    /// whole milliseconds, far longer than a claim or a record takes; a lock
    /// hands over at once. PostgreSQL locks rows, so its sessions need no turns.
    sqlite_turn: Mutex<()>,
    progress: &'a (dyn Fn(SendProgress) + Sync),
}

impl<'a> Run<'a> {
    pub(super) fn new(
        pool: &'a DbPool,
        mailer: &'a Mailer,
        policy: &'a RetryPolicy,
        limit: Option<usize>,
        progress: &'a (dyn Fn(SendProgress) + Sync),
    ) -> Run<'a> {
        Run {
            pool,
            mailer,
            policy,
            started: storage::now(),
            limit,
            taken: AtomicUsize::new(0),
            stopped: AtomicBool::new(false),
            sqlite_turn: Mutex::new(()),
            progress,
        }
    }

    /// Runs the sessions to the end and adds up what they did.
    pub(super) fn send(&self) -> Result<SendReport, MailError> {
        let reports: Vec<Result<SendReport, MailError>> = std::thread::scope(|scope| {
            let sessions: Vec<_> = (0..SMTP_SESSIONS)
                .map(|_| scope.spawn(|| self.session()))
                .collect();
            sessions
                .into_iter()
                .map(|s| {
                    s.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        let mut total = SendReport::default();
        for report in reports {
            let report = report?;
            total.sent += report.sent;
            total.retried += report.retried;
            total.failed += report.failed;
        }
        Ok(total)
    }

    /// One session: claims a batch, sends and records each mail, and again.
    fn session(&self) -> Result<SendReport, MailError> {
        let mut report = SendReport::default();
        let result = self.send_until_done(&mut report);
        if result.is_err() {
            self.stopped.store(true, Ordering::Relaxed);
        }
        result.map(|()| report)
    }

    fn send_until_done(&self, report: &mut SendReport) -> Result<(), MailError> {
        let mut smtp = self.mailer.session();
        while !self.stopped.load(Ordering::Relaxed) {
            let wanted = self.reserve(CLAIM_BATCH);
            if wanted == 0 {
                break;
            }
            let (started, now) = (self.started, storage::now());
            let batch = self
                .with_db(|conn| queue::claim_due_batch(conn, started, now, CLAIM_LEASE, wanted))?;
            self.taken
                .fetch_sub(wanted - batch.len(), Ordering::Relaxed);
            if batch.is_empty() {
                break;
            }
            let outcomes: Vec<SendOutcome> = batch
                .iter()
                .map(|mail| self.outcome(mail, smtp.send_mail(mail)))
                .collect();
            // One transaction for the batch: on SQLite each commit rewrites the
            // pages it touched, so a commit per mail would cost more than the mail.
            self.with_db(|conn| {
                crate::storage::write_transaction(conn, |conn| record(conn, &batch, &outcomes))
            })?;
            for (mail, outcome) in batch.into_iter().zip(outcomes) {
                match outcome {
                    SendOutcome::Sent => report.sent += 1,
                    SendOutcome::Retrying { .. } => report.retried += 1,
                    SendOutcome::Failed { .. } => report.failed += 1,
                }
                (self.progress)(SendProgress {
                    id: mail.id,
                    recipient: mail.recipient,
                    outcome,
                });
            }
        }
        Ok(())
    }

    /// Takes up to `wanted` mails off what `limit` leaves; 0 when nothing is left.
    fn reserve(&self, wanted: usize) -> usize {
        let Some(limit) = self.limit else {
            self.taken.fetch_add(wanted, Ordering::Relaxed);
            return wanted;
        };
        self.taken
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |taken| {
                (taken < limit).then(|| taken + wanted.min(limit - taken))
            })
            .map_or(0, |taken| wanted.min(limit - taken))
    }

    /// Runs `work` on a pooled connection, in turn with the other sessions on SQLite.
    /// A connection only while talking to the database, never during SMTP.
    fn with_db<T>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, StorageError>,
    ) -> Result<T, MailError> {
        let mut conn = self.pool.get().map_err(StorageError::from)?;
        let _turn = matches!(*conn, DbConn::Sqlite(_)).then(|| {
            self.sqlite_turn
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
        });
        Ok(work(&mut conn)?)
    }

    /// What becomes of a mail the server answered with `result`.
    fn outcome(&self, mail: &OutboxMail, result: Result<(), SendError>) -> SendOutcome {
        let attempts = u32::try_from(mail.attempts).unwrap_or(0);
        match result {
            Ok(()) => {
                tracing::debug!(id = mail.id, to = %mail.recipient, "mail sent");
                SendOutcome::Sent
            }
            Err(error @ SendError::Transient(_)) if attempts < self.policy.max_attempts => {
                let error = error.to_string();
                let next_attempt_at = storage::now()
                    .checked_add_signed(self.policy.delay(attempts))
                    .unwrap_or(NaiveDateTime::MAX);
                tracing::info!(id = mail.id, to = %mail.recipient, attempts, %error, %next_attempt_at, "mail will be retried");
                SendOutcome::Retrying {
                    error,
                    next_attempt_at,
                }
            }
            Err(error) => {
                let error = error.to_string();
                tracing::warn!(id = mail.id, to = %mail.recipient, attempts, %error, "mail failed");
                SendOutcome::Failed { error }
            }
        }
    }
}

impl MailSession<'_> {
    fn send_mail(&mut self, mail: &OutboxMail) -> Result<(), SendError> {
        self.send(
            &mail.recipient,
            &mail.subject,
            &mail.body_text,
            &mail.body_html,
        )
    }
}

/// Stores what became of each mail of a batch.
fn record(
    conn: &mut DbConn,
    batch: &[OutboxMail],
    outcomes: &[SendOutcome],
) -> Result<(), StorageError> {
    let now = storage::now();
    let mut sent = Vec::with_capacity(batch.len());
    for (mail, outcome) in batch.iter().zip(outcomes) {
        match outcome {
            SendOutcome::Sent => sent.push(mail.id),
            SendOutcome::Retrying {
                error,
                next_attempt_at,
            } => queue::mark_retry(conn, mail.id, error, *next_attempt_at)?,
            SendOutcome::Failed { error } => queue::mark_failed(conn, mail.id, error)?,
        }
    }
    queue::mark_all_sent(conn, &sent, now)
}
