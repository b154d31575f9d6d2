//! One run of the outbox: [`SMTP_SESSIONS`] threads, each with its own SMTP
//! connection, each claiming the one mail it sends next. A session records a
//! mail's outcome and claims its next mail in one transaction, so a mail costs
//! one commit, and a session never holds more than the mail in flight: a crash
//! after the server's "250 OK" and before that record re-sends at most one mail
//! per session once the lease runs out, with the same Message-ID.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use chrono::NaiveDateTime;

use super::outbox::{
    CLAIM_LEASE, RetryPolicy, SMTP_SESSIONS, SendOutcome, SendProgress, SendReport,
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

    /// One session: claims a mail, sends it, records it and claims the next.
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
        let mut next =
            self.with_db(|conn| crate::storage::write_transaction(conn, |conn| self.claim(conn)))?;
        while let Some(mail) = next {
            let outcome = self.outcome(&mail, send_mail(&mut smtp, &mail));
            next = self.with_db(|conn| {
                crate::storage::write_transaction(conn, |conn| {
                    record(conn, &mail, &outcome)?;
                    self.claim(conn)
                })
            })?;
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
        Ok(())
    }

    /// Claims the mail this session sends next, if the run goes on and one is due.
    fn claim(&self, conn: &mut DbConn) -> Result<Option<OutboxMail>, StorageError> {
        if self.stopped.load(Ordering::Relaxed) || self.reserve(1) == 0 {
            return Ok(None);
        }
        let claimed = queue::claim_next_in(conn, self.started, storage::now(), CLAIM_LEASE);
        if !matches!(claimed, Ok(Some(_))) {
            self.taken.fetch_sub(1, Ordering::Relaxed);
        }
        claimed
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
                tracing::debug!(id = mail.id, message_id = %mail.message_id, to = %mail.recipient, "mail sent");
                SendOutcome::Sent
            }
            Err(error @ SendError::Transient(_)) if attempts < self.policy.max_attempts => {
                let error = error.to_string();
                let next_attempt_at = storage::now()
                    .checked_add_signed(self.policy.delay(attempts))
                    .unwrap_or(NaiveDateTime::MAX);
                tracing::info!(id = mail.id, message_id = %mail.message_id, to = %mail.recipient, attempts, %error, %next_attempt_at, "mail will be retried");
                SendOutcome::Retrying {
                    error,
                    next_attempt_at,
                }
            }
            Err(error) => {
                let error = error.to_string();
                tracing::warn!(id = mail.id, message_id = %mail.message_id, to = %mail.recipient, attempts, %error, "mail failed");
                SendOutcome::Failed { error }
            }
        }
    }
}

/// Sends `mail` as stored, its link's token put back in and its own Message-ID.
fn send_mail(smtp: &mut MailSession<'_>, mail: &OutboxMail) -> Result<(), SendError> {
    if mail.lacks_its_token() {
        return Err(SendError::Permanent(
            "the mail's link token is no longer kept (it was sent or given up on before)"
                .to_owned(),
        ));
    }
    smtp.send_with_id(
        Some(&mail.message_id),
        &mail.recipient,
        &mail.subject,
        &mail.text_to_send(),
        &mail.html_to_send(),
    )
}

/// Stores what became of `mail`.
fn record(conn: &mut DbConn, mail: &OutboxMail, outcome: &SendOutcome) -> Result<(), StorageError> {
    match outcome {
        SendOutcome::Sent => queue::mark_sent(conn, mail.id, storage::now()),
        SendOutcome::Retrying {
            error,
            next_attempt_at,
        } => queue::mark_retry(conn, mail.id, error, *next_attempt_at),
        SendOutcome::Failed { error } => queue::mark_failed(conn, mail.id, error),
    }
}
