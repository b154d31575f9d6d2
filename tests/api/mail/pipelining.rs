//! Sending to a server that offers PIPELINING: a mail's content leaves with the next
//! mail's commands, and every mail still arrives once, as stored, with its outcome
//! recorded; a refusal in the middle of a batch touches that mail alone.

use std::collections::BTreeMap;

use liaison::mail::OutboxState;
use liaison::storage::outbox;

use super::*;
use crate::smtp::{Reply, TestSmtp};
use crate::test_db::TestDb;

const MAILS: usize = 40;

/// `MAILS` invitations queued, to p0@ … p39@cert.example, with their ids.
fn queued(pool: &DbPool) -> Vec<i64> {
    let mail = invitation();
    (0..MAILS)
        .map(|i| {
            queue(
                &mut pool.get().unwrap(),
                &format!("p{i}@cert.example"),
                &mail,
            )
        })
        .collect()
}

#[test]
fn a_pipelining_server_gets_every_mail_once_with_its_message_id_in_pipelined_writes() {
    for db in TestDb::all() {
        let pool = db.pool();
        let smtp = TestSmtp::start_pipelining();
        let ids = queued(&pool);

        let report = send(&pool, &mailer(&smtp.url()), &quick_retries(3));

        assert_eq!(
            (report.sent, report.retried, report.failed),
            (MAILS, 0, 0),
            "{db}"
        );
        assert!(smtp.pipelined_writes() > 0, "{db}: nothing was pipelined");
        let mut arrived: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for message in smtp.wait_for(MAILS, WAIT) {
            arrived
                .entry(message.recipients.join(","))
                .or_default()
                .push(message.message_id());
        }
        for id in ids {
            let stored = row(&pool, id);
            assert_eq!(stored.state, OutboxState::Sent, "{db}");
            assert_eq!(
                arrived.get(&stored.recipient),
                Some(&vec![stored.message_id.clone()]),
                "{db}: {} arrived once with its Message-ID",
                stored.recipient
            );
        }
        assert_eq!(arrived.len(), MAILS, "{db}");
    }
}

#[test]
fn a_recipient_refused_in_a_pipelined_batch_fails_alone_and_the_others_arrive_once() {
    for db in TestDb::all() {
        let pool = db.pool();
        let smtp = TestSmtp::start_pipelining();
        smtp.set_reply(Reply::NoSuchUserLike("p7@"));
        queued(&pool);

        let report = send(&pool, &mailer(&smtp.url()), &quick_retries(3));

        assert_eq!(
            (report.sent, report.retried, report.failed),
            (MAILS - 1, 0, 1),
            "{db}"
        );
        let messages = smtp.wait_for(MAILS - 1, WAIT);
        std::thread::sleep(StdDuration::from_millis(200));
        assert_eq!(smtp.messages().len(), MAILS - 1, "{db}: none twice");
        let recipients: std::collections::BTreeSet<String> =
            messages.iter().map(|m| m.recipients.join(",")).collect();
        assert_eq!(recipients.len(), MAILS - 1, "{db}");
        assert!(!recipients.contains("p7@cert.example"), "{db}");
        let failed = outbox::list(&mut pool.get().unwrap(), Some(OutboxState::Failed)).unwrap();
        assert_eq!(failed.len(), 1, "{db}");
        assert_eq!(failed[0].recipient, "p7@cert.example");
        assert!(
            failed[0]
                .last_error
                .as_deref()
                .is_some_and(|e| e.starts_with("permanent: 550")),
            "{:?}",
            failed[0].last_error
        );
    }
}

#[test]
fn mails_a_pipelining_server_kept_without_confirming_go_out_again_with_the_same_id() {
    for db in TestDb::all() {
        let pool = db.pool();
        let smtp = TestSmtp::start_pipelining();
        smtp.set_reply(Reply::KeepButTryLater);
        let ids = queued(&pool);

        // Each content is kept and answered 421 with a hang-up: the next mail's
        // commands, sent with it, die with the connection and that mail is tried
        // again on a new one.
        let first = send(&pool, &mailer(&smtp.url()), &quick_retries(3));
        assert_eq!(
            (first.sent, first.retried, first.failed),
            (0, MAILS, 0),
            "{db}"
        );
        smtp.set_reply(Reply::Accept);
        let_retry_come_due();
        let second = send(&pool, &mailer(&smtp.url()), &quick_retries(3));
        assert_eq!(second.sent, MAILS, "{db}");

        let mut copies: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for message in smtp.wait_for(2 * MAILS, WAIT) {
            copies
                .entry(message.recipients.join(","))
                .or_default()
                .push(message.message_id());
        }
        for id in ids {
            let stored = row(&pool, id);
            let id = stored.message_id.clone();
            assert_eq!(
                copies.get(&stored.recipient),
                Some(&vec![id.clone(), id]),
                "{db}"
            );
        }
    }
}
