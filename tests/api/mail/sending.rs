//! Sending through the test SMTP server: arrival, outages, 4xx and 5xx
//! replies, the last attempt, concurrent workers and the transports.

use std::collections::BTreeSet;

use liaison::mail::OutboxState;
use liaison::storage::{self, outbox};

use super::*;
use crate::smtp::{Received, Reply, TestSmtp, unused_port, url_for};
use crate::test_db::TestDb;

/// A test server answering `reply`, a mailer for it, and an invitation to alex queued.
fn one_mail_answered(db: &TestDb, reply: Reply) -> (DbPool, TestSmtp, Mailer, i64) {
    let pool = db.pool();
    let smtp = TestSmtp::start();
    smtp.set_reply(reply);
    let mailer = mailer(&smtp.url());
    let id = queue(&mut pool.get().unwrap(), "alex@cert.example", &invitation());
    (pool, smtp, mailer, id)
}

#[test]
fn a_queued_mail_arrives_with_its_recipient_subject_and_both_bodies_and_is_marked_sent() {
    for db in TestDb::all() {
        let pool = db.pool();
        let smtp = TestSmtp::start();
        // Umlauts, „quotes“ and the dash go through the header and body encodings.
        let mail = render(
            OutboxKind::Invitation,
            &context("de", "Kooperationserhebung 2027"),
        )
        .expect("rendered");
        let id = queue(&mut pool.get().unwrap(), "alex@cert.example", &mail);

        let report = send(&pool, &mailer(&smtp.url()), &quick_retries(3));

        assert_eq!(
            report,
            SendReport {
                sent: 1,
                retried: 0,
                failed: 0
            },
            "{db}"
        );
        let received = smtp.wait_for(1, WAIT);
        assert_eq!(received[0].recipients, ["alex@cert.example"]);
        assert_eq!(received[0].from, "liaison@example.org");
        let parsed = received[0].parse();
        assert_eq!(parsed.to, "alex@cert.example");
        assert_eq!(
            parsed.subject,
            "Einladung: Kooperationserhebung 2027 — CSIRT maturity"
        );
        assert_eq!(parsed.text.trim_end(), mail.text.trim_end());
        assert_eq!(parsed.html.trim_end(), mail.html.trim_end());
        let sent = row(&pool, id);
        assert_eq!(sent.state, OutboxState::Sent, "{db}");
        assert_eq!(sent.attempts, 1);
        assert!(
            sent.sent_at.is_some_and(|at| at >= sent.created_at),
            "{sent:?}"
        );
        assert_eq!(sent.last_error, None);
    }
}

#[test]
fn with_the_smtp_server_down_a_mail_waits_with_the_error_and_goes_out_once_it_is_back() {
    for db in TestDb::all() {
        let pool = db.pool();
        let port = unused_port();
        let mailer = mailer(&url_for(port));
        let id = queue(&mut pool.get().unwrap(), "alex@cert.example", &invitation());

        let report = send(&pool, &mailer, &quick_retries(3));

        assert_eq!(
            report,
            SendReport {
                sent: 0,
                retried: 1,
                failed: 0
            },
            "{db}"
        );
        let waiting = row(&pool, id);
        assert_eq!(waiting.state, OutboxState::Pending, "{db}");
        assert_eq!(waiting.attempts, 1);
        let error = waiting.last_error.clone().unwrap_or_default();
        assert!(error.starts_with("transient: "), "{error}");
        assert!(error.to_lowercase().contains("refused"), "{error}");
        assert!(waiting.next_attempt_at > waiting.created_at, "{waiting:?}");

        let smtp = TestSmtp::start_on(port);
        let_retry_come_due();
        let report = send(&pool, &mailer, &quick_retries(3));

        assert_eq!(report.sent, 1, "{db}");
        assert_eq!(smtp.wait_for(1, WAIT)[0].recipients, ["alex@cert.example"]);
        assert_eq!(row(&pool, id).state, OutboxState::Sent);
        assert_eq!(row(&pool, id).attempts, 2);
    }
}

#[test]
fn a_451_reply_is_recorded_as_transient_and_the_mail_is_retried_later() {
    for db in TestDb::all() {
        let (pool, smtp, mailer, id) = one_mail_answered(&db, Reply::TryLater);

        let report = send(&pool, &mailer, &quick_retries(3));

        assert_eq!(report.retried, 1, "{db}");
        let waiting = row(&pool, id);
        assert_eq!(waiting.state, OutboxState::Pending);
        assert_eq!(
            waiting.attempts, 1,
            "a run does not retry what it rescheduled"
        );
        assert_eq!(
            waiting.last_error.as_deref(),
            Some("transient: 451 4.3.0 try later")
        );
        assert!(smtp.messages().is_empty());

        smtp.set_reply(Reply::Accept);
        let_retry_come_due();
        assert_eq!(send(&pool, &mailer, &quick_retries(3)).sent, 1, "{db}");
        assert_eq!(smtp.wait_for(1, WAIT).len(), 1);
        assert_eq!(row(&pool, id).state, OutboxState::Sent);
    }
}

#[test]
fn a_550_reply_is_recorded_as_permanent_and_the_mail_fails_at_once() {
    for db in TestDb::all() {
        let pool = db.pool();
        let smtp = TestSmtp::start();
        smtp.set_reply(Reply::NoSuchUser);
        let mailer = mailer(&smtp.url());
        let id = queue(
            &mut pool.get().unwrap(),
            "nobody@cert.example",
            &invitation(),
        );

        let report = send(&pool, &mailer, &quick_retries(3));

        assert_eq!(
            report,
            SendReport {
                sent: 0,
                retried: 0,
                failed: 1
            },
            "{db}"
        );
        let failed = row(&pool, id);
        assert_eq!(failed.state, OutboxState::Failed);
        assert_eq!(failed.attempts, 1);
        assert_eq!(
            failed.last_error.as_deref(),
            Some("permanent: 550 5.1.1 no such user")
        );
        let_retry_come_due();
        assert_eq!(send(&pool, &mailer, &quick_retries(3)).total(), 0, "{db}");
        assert!(smtp.messages().is_empty());
    }
}

#[test]
fn after_the_last_attempt_a_mail_that_keeps_failing_is_failed_and_still_listed() {
    for db in TestDb::all() {
        let (pool, _smtp, mailer, id) = one_mail_answered(&db, Reply::TryLater);

        let mut reports = Vec::new();
        for _ in 0..3 {
            reports.push(send(&pool, &mailer, &quick_retries(3)));
            let_retry_come_due();
        }

        let retried: usize = reports.iter().map(|r| r.retried).sum();
        assert_eq!((retried, reports[2].failed), (2, 1), "{db}: {reports:?}");
        let failed = outbox::list(&mut pool.get().unwrap(), Some(OutboxState::Failed)).unwrap();
        assert_eq!(failed.len(), 1, "{db}");
        assert_eq!(failed[0].id, id);
        assert_eq!(failed[0].attempts, 3);
        assert_eq!(
            failed[0].last_error.as_deref(),
            Some("transient: 451 4.3.0 try later")
        );
        assert_eq!(outbox::counts(&mut pool.get().unwrap()).unwrap().failed, 1);
        assert_eq!(send(&pool, &mailer, &quick_retries(3)).total(), 0);
    }
}

#[test]
fn concurrent_workers_send_every_mail_exactly_once() {
    for db in TestDb::all() {
        db.pool(); // migrates and names the backend in the output
        let pool = storage::connect(&db.url, 8).expect("a bigger pool");
        let smtp = TestSmtp::start();
        let mailer = mailer(&smtp.url());
        let mail = invitation();
        let recipients: Vec<String> = (0..40).map(|i| format!("p{i}@cert.example")).collect();
        for recipient in &recipients {
            queue(&mut pool.get().unwrap(), recipient, &mail);
        }

        let reports: Vec<SendReport> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| send(&pool, &mailer, &quick_retries(3))))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("a worker"))
                .collect()
        });

        let sent: usize = reports.iter().map(|r| r.sent).sum();
        assert_eq!(sent, 40, "{db}: {reports:?}");
        let received = smtp.wait_for(40, WAIT);
        let distinct: BTreeSet<String> =
            received.iter().flat_map(|m| m.recipients.clone()).collect();
        assert_eq!((received.len(), distinct.len()), (40, 40), "{db}");
        let counts = outbox::counts(&mut pool.get().unwrap()).unwrap();
        assert_eq!(
            (counts.sent, counts.pending, counts.sending),
            (40, 0, 0),
            "{db}"
        );
    }
}

#[test]
fn an_address_that_is_not_one_fails_the_mail_without_retrying() {
    let smtp = TestSmtp::start();
    let error = mailer(&smtp.url())
        .send("not an address", "Subject", "text", "<p>html</p>")
        .expect_err("refused");
    assert!(!error.is_transient());
    assert!(
        error
            .to_string()
            .starts_with("permanent: invalid recipient address \"not an address\""),
        "{error}"
    );
}

#[test]
fn a_malformed_smtp_url_gives_one_clear_message() {
    let message = |url: &str| {
        Mailer::from_settings(url, FROM)
            .err()
            .map(|e| e.to_string())
    };

    assert_eq!(
        message("smtp//x").as_deref(),
        Some(
            "smtp_url \"smtp//x\": not a URL; expected smtp://[user:password@]host[:port][?tls=required], \
             smtps://[user:password@]host[:port] or file:///folder"
        )
    );
    let unknown = message("imap://mail.example.org").unwrap_or_default();
    assert!(
        unknown.starts_with("smtp_url \"imap://mail.example.org\": unknown scheme \"imap\""),
        "{unknown}"
    );
    let port = message("smtp://user:hunter2@mail.example.org:70000").unwrap_or_default();
    assert!(
        port.contains("invalid port number") && !port.contains("hunter2"),
        "{port}"
    );

    let from = Mailer::from_settings("smtp://127.0.0.1", "not an address")
        .err()
        .map(|e| e.to_string());
    assert!(
        from.is_some_and(|m| m.starts_with("mail_from \"not an address\": not a mail address"))
    );
}

#[test]
fn the_file_transport_writes_each_mail_to_a_file() {
    let folder = tempfile::tempdir().unwrap();
    let mailer = mailer(&format!("file://{}", folder.path().display()));
    let mail = invitation();

    mailer
        .send("alex@cert.example", &mail.subject, &mail.text, &mail.html)
        .unwrap();

    let files: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let raw = std::fs::read(&files[0]).unwrap();
    let parsed = Received {
        from: String::new(),
        recipients: Vec::new(),
        data: raw,
    }
    .parse();
    assert_eq!(parsed.subject, mail.subject);
    assert_eq!(parsed.to, "alex@cert.example");
}

#[test]
fn a_mail_the_server_kept_without_confirming_goes_out_again_with_the_same_message_id() {
    for db in TestDb::all() {
        let (pool, smtp, mailer, id) = one_mail_answered(&db, Reply::KeepButTryLater);

        assert_eq!(send(&pool, &mailer, &quick_retries(3)).retried, 1, "{db}");
        smtp.set_reply(Reply::Accept);
        let_retry_come_due();
        assert_eq!(send(&pool, &mailer, &quick_retries(3)).sent, 1, "{db}");

        let stored = row(&pool, id).message_id;
        assert!(stored.starts_with('<') && stored.ends_with('>'), "{stored}");
        let ids: Vec<String> = smtp
            .wait_for(2, WAIT)
            .iter()
            .map(Received::message_id)
            .collect();
        assert_eq!(ids, [stored.clone(), stored], "{db}");
    }
}

#[test]
fn a_run_never_holds_more_than_a_batch_per_smtp_session() {
    use std::num::NonZeroUsize;
    use std::sync::atomic::{AtomicI64, Ordering};

    use liaison::mail::outbox::CLAIM_BATCH;

    const SESSIONS: usize = 2;

    for db in TestDb::all() {
        db.pool(); // migrates and names the backend in the output
        let pool = storage::connect(&db.url, 8).expect("a bigger pool");
        let smtp = TestSmtp::start();
        let mail = invitation();
        for i in 0..3 * SESSIONS * CLAIM_BATCH {
            queue(
                &mut pool.get().unwrap(),
                &format!("p{i}@cert.example"),
                &mail,
            );
        }
        // Counted after each mail is recorded, while the other sessions send:
        // what a crash at that moment would leave claimed.
        let most_held = AtomicI64::new(0);
        let mailer = mailer(&smtp.url()).with_sessions(NonZeroUsize::new(SESSIONS).unwrap());
        let report = send_pending(&pool, &mailer, &quick_retries(3), None, &|_| {
            let held = outbox::counts(&mut pool.get().unwrap()).unwrap().sending;
            most_held.fetch_max(held, Ordering::Relaxed);
        })
        .expect("a run");

        assert_eq!(report.sent, 3 * SESSIONS * CLAIM_BATCH, "{db}");
        let most_held = most_held.load(Ordering::Relaxed);
        assert!(
            (1..=(SESSIONS * CLAIM_BATCH) as i64).contains(&most_held),
            "{db}: {most_held} mails claimed at once"
        );
    }
}
