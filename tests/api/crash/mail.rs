//! The mail worker of `serve` killed while it sends invitations to a real SMTP server on
//! loopback: after a restart every mail arrives, none is lost or left stuck; a mail may
//! arrive twice only if it was in the hands of the killed worker.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use liaison::mail::OutboxState;
use liaison::storage::outbox;
use liaison::storage::schema::outbox as outbox_table;

use super::{Server, base_env, seed_invited};
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;

/// Invitations queued before the server starts.
const MAILS: usize = 60;
/// How long all of them may take to arrive after the restart.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(60);

#[tokio::test]
async fn no_mail_is_lost_or_stuck_when_the_server_is_killed_while_sending() {
    for db in TestDb::all() {
        mail_survives_a_kill(db).await;
    }
}

async fn mail_survives_a_kill(db: TestDb) {
    let dir = tempfile::tempdir().expect("a folder");
    let smtp = TestSmtp::start();
    let mut env = base_env(&db, dir.path());
    let links = seed_invited(&db, &env, dir.path(), MAILS);
    env.retain(|(k, _)| !matches!(*k, "LIAISON_SMTP_URL" | "LIAISON_MAIL_POLL_SECONDS"));
    env.push(("LIAISON_SMTP_URL", smtp.url()));
    env.push(("LIAISON_MAIL_POLL_SECONDS", "1".to_owned()));

    let server = Server::start(&env, dir.path());
    wait_until(DELIVERY_TIMEOUT, || !smtp.messages().is_empty());
    server.kill();
    let before = smtp.messages().len();
    let mut conn = db.conn();
    let in_hand: Vec<String> = crate::mail::claims_after_a_kill(&mut conn)
        .into_iter()
        .map(|m| m.recipient)
        .collect();
    eprintln!(
        "killed after {before} of {MAILS} mails arrived, {} claimed",
        in_hand.len()
    );
    // The killed worker's claims would be taken again when their lease runs out (minutes);
    // the test moves that moment to now instead of waiting.
    let past = chrono::Utc::now().naive_utc() - chrono::Duration::hours(1);
    diesel::update(outbox_table::table.filter(outbox_table::state.eq(OutboxState::Sending)))
        .set(outbox_table::next_attempt_at.eq(past))
        .execute(&mut conn)
        .expect("the leases end");

    let _server = Server::start(&env, dir.path());
    let expected: Vec<&String> = links.iter().map(|(email, _)| email).collect();
    wait_until(DELIVERY_TIMEOUT, || {
        let arrived = arrivals(&smtp);
        expected.iter().all(|e| arrived.contains_key(*e))
    });
    wait_until(DELIVERY_TIMEOUT, || {
        outbox::list(&mut conn, None)
            .expect("the outbox")
            .iter()
            .all(|m| m.state == OutboxState::Sent)
    });
    let arrived = arrivals(&smtp);
    let twice: Vec<(&String, &usize)> = arrived.iter().filter(|(_, n)| **n > 1).collect();
    eprintln!("{} mail(s) arrived more than once: {twice:?}", twice.len());
    for (email, n) in &twice {
        assert!(
            in_hand.contains(email),
            "{email} arrived {n} times but was not in the killed worker's hands"
        );
    }
    assert_eq!(arrived.len(), MAILS, "{arrived:?}");
}

/// Recipient → how many messages reached them.
fn arrivals(smtp: &TestSmtp) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for message in smtp.messages() {
        for recipient in message.recipients {
            *counts.entry(recipient).or_insert(0) += 1;
        }
    }
    counts
}

/// Polls `done` until it holds; fails the test after `timeout`.
fn wait_until(timeout: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !done() {
        assert!(Instant::now() < deadline, "not done within {timeout:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
