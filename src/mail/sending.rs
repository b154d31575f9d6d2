//! One run of the outbox: `mail_smtp_sessions` threads, each with its own SMTP
//! connection, each claiming the [`CLAIM_BATCH`] mails it sends next. A session
//! records a batch's outcomes and claims its next batch in one transaction, so
//! a batch costs one commit, and a session never holds more than its batch: a
//! crash after the server's "250 OK" and before that record re-sends at most
//! one batch per session once the lease runs out, with the same Message-IDs.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use chrono::NaiveDateTime;

use super::outbox::{
    CLAIM_BATCH, CLAIM_LEASE, RetryPolicy, SEND_DEADLINE, SendOutcome, SendProgress, SendReport,
};
use super::{MailError, MailSession, Mailer, Outgoing, SendError};
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
            let sessions: Vec<_> = (0..self.mailer.sessions().get())
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

    /// One session: claims a batch, sends it, records it and claims the next.
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
        let mut claimed =
            self.with_db(|conn| crate::storage::write_transaction(conn, |conn| self.claim(conn)))?;
        while !claimed.is_empty() {
            let (handled, untried) = self.send_batch(&mut smtp, claimed);
            claimed = self.with_db(|conn| {
                crate::storage::write_transaction(conn, |conn| {
                    record(conn, &handled)?;
                    queue::release_in(conn, &untried, storage::now())?;
                    self.claim(conn)
                })
            })?;
            self.taken.fetch_sub(untried.len(), Ordering::Relaxed);
            for (mail, outcome) in handled {
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

    /// Sends the claimed mails in order and returns their outcomes, and the
    /// mails it did not try: all that follow once the run is stopped, or once
    /// a mail's lease has less left than a send may take (a slow server), since
    /// another worker may take it when the lease ends.
    fn send_batch(
        &self,
        smtp: &mut MailSession<'_>,
        claimed: Vec<OutboxMail>,
    ) -> (Vec<(OutboxMail, SendOutcome)>, Vec<OutboxMail>) {
        let (lacking, sendable): (Vec<OutboxMail>, Vec<OutboxMail>) =
            claimed.into_iter().partition(OutboxMail::lacks_its_token);
        let mut handled: Vec<(OutboxMail, SendOutcome)> = lacking
            .into_iter()
            .map(|mail| {
                let error = SendError::Permanent(
                    "the mail's link token is no longer kept (it was sent or given up on before)"
                        .to_owned(),
                );
                let outcome = self.outcome(&mail, Err(error));
                (mail, outcome)
            })
            .collect();
        // The bodies as sent: each with its link's token in place.
        let bodies: Vec<(String, String)> = sendable
            .iter()
            .map(|mail| (mail.text_to_send(), mail.html_to_send()))
            .collect();
        let outgoing: Vec<Outgoing<'_>> = sendable
            .iter()
            .zip(&bodies)
            .map(|(mail, (text, html))| Outgoing {
                message_id: Some(&mail.message_id),
                to: &mail.recipient,
                subject: &mail.subject,
                text,
                html,
            })
            .collect();
        let results = smtp.send_all(&outgoing, &mut |index| {
            !self.stopped.load(Ordering::Relaxed)
                && lease_covers_a_send(&sendable[index], storage::now())
        });
        drop(outgoing);
        let mut mails = sendable.into_iter();
        for result in results {
            let Some(mail) = mails.next() else { break };
            let outcome = self.outcome(&mail, result);
            handled.push((mail, outcome));
        }
        (handled, mails.collect())
    }

    /// Claims the mails this session sends next, if the run goes on and some are due.
    fn claim(&self, conn: &mut DbConn) -> Result<Vec<OutboxMail>, StorageError> {
        let wanted = if self.stopped.load(Ordering::Relaxed) {
            0
        } else {
            self.reserve(CLAIM_BATCH)
        };
        if wanted == 0 {
            return Ok(Vec::new());
        }
        let claimed = queue::claim_in(conn, self.started, storage::now(), CLAIM_LEASE, wanted);
        let kept = claimed.as_ref().map_or(0, Vec::len);
        self.taken.fetch_sub(wanted - kept, Ordering::Relaxed);
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

/// Whether `mail`'s lease, claimed before, still lasts a whole send from `now`.
fn lease_covers_a_send(mail: &OutboxMail, now: NaiveDateTime) -> bool {
    now.checked_add_signed(SEND_DEADLINE)
        .is_some_and(|done| done <= mail.next_attempt_at)
}

/// Stores what became of the mails of a batch, in the caller's write transaction. A
/// mail no longer stored (erased with its campaign while it was out) needs no record.
fn record(conn: &mut DbConn, handled: &[(OutboxMail, SendOutcome)]) -> Result<(), StorageError> {
    let sent: Vec<i64> = handled
        .iter()
        .filter(|(_, outcome)| *outcome == SendOutcome::Sent)
        .map(|(mail, _)| mail.id)
        .collect();
    queue::mark_all_sent_in(conn, &sent, storage::now())?;
    for (mail, outcome) in handled {
        let recorded = match outcome {
            SendOutcome::Sent => continue,
            SendOutcome::Retrying {
                error,
                next_attempt_at,
            } => queue::mark_retry(conn, mail.id, error, *next_attempt_at),
            SendOutcome::Failed { error } => queue::mark_failed(conn, mail.id, error),
        };
        match recorded {
            Err(StorageError::NotFound { .. }) => {}
            other => other?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::{OutboxKind, OutboxState};

    fn claimed_until(lease_end: NaiveDateTime) -> OutboxMail {
        OutboxMail {
            id: 1,
            kind: OutboxKind::Invitation,
            invitation_id: None,
            recipient: "alex@cert.example".to_owned(),
            subject: String::new(),
            body_text: String::new(),
            body_html: String::new(),
            state: OutboxState::Sending,
            attempts: 1,
            next_attempt_at: lease_end,
            last_error: None,
            created_at: lease_end,
            sent_at: None,
            message_id: "<1@liaison.invalid>".to_owned(),
            link_token: None,
        }
    }

    #[test]
    fn a_mail_is_sent_only_while_its_lease_outlasts_a_whole_send() {
        let claimed = storage::now();
        let mail = claimed_until(claimed + CLAIM_LEASE);
        assert!(lease_covers_a_send(&mail, claimed));
        assert!(lease_covers_a_send(
            &mail,
            claimed + CLAIM_LEASE - SEND_DEADLINE
        ));
        let late = claimed + CLAIM_LEASE - SEND_DEADLINE + chrono::Duration::seconds(1);
        assert!(!lease_covers_a_send(&mail, late));
    }
}
