//! Mail: rendering, the outbox and the worker sending through a real SMTP
//! server on loopback (`crate::smtp`). Tests that store mails run on every
//! backend `TestDb` offers.

mod batches;
mod composing;
mod crash;
mod outbox;
mod pipelining;
mod rendering;
mod sending;
mod tokens;
mod two_servers;

use std::time::Duration as StdDuration;

use chrono::{Duration, NaiveDate};
use liaison::campaigns::Tlp;
use liaison::mail::OutboxKind;
use liaison::mail::{
    MailContext, Mailer, RenderedMail, RetryPolicy, SendReport, render, send_pending,
};
use liaison::storage::outbox::{self as queue_table, NewOutboxMail, OutboxMail};
use liaison::storage::{DbConn, DbPool};

pub const FROM: &str = "Liaison <liaison@example.org>";
pub const WAIT: StdDuration = StdDuration::from_secs(10);

pub fn context<'a>(language: &'a str, campaign_name: &'a str) -> MailContext<'a> {
    MailContext {
        language,
        recipient_name: "Alex Example",
        organisation: "CERT-Example",
        campaign_name,
        sender_organisation: "European Cooperation Office",
        closes_on: NaiveDate::from_ymd_opt(2027, 6, 30).expect("a date"),
        tlp: Tlp::Amber,
        link: "https://liaison.example.org/r/Zm9vYmFy",
        questionnaire_title: "CSIRT maturity",
        minutes: Some(25),
    }
}

pub fn invitation() -> RenderedMail {
    render(
        OutboxKind::Invitation,
        &context("en", "Cooperation survey 2027"),
    )
    .expect("rendered")
}

pub fn queue(conn: &mut DbConn, recipient: &str, mail: &RenderedMail) -> i64 {
    queue_table::enqueue(
        conn,
        &NewOutboxMail {
            kind: OutboxKind::Invitation,
            invitation_id: None,
            recipient,
            subject: &mail.subject,
            body_text: &mail.text,
            body_html: &mail.html,
            message_id: &liaison::mail::new_message_id("https://liaison.example.org"),
            link_token: None,
        },
    )
    .expect("queued")
}

pub fn mailer(url: &str) -> Mailer {
    Mailer::from_settings(url, FROM).expect("a mailer")
}

/// Retries soon enough for a test to wait for them.
pub fn quick_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        first_retry: Duration::milliseconds(50),
    }
}

pub fn send(pool: &DbPool, mailer: &Mailer, policy: &RetryPolicy) -> SendReport {
    send_pending(pool, mailer, policy, None, &|_| {}).expect("a worker run")
}

pub fn row(pool: &DbPool, id: i64) -> OutboxMail {
    queue_table::get(&mut pool.get().expect("a connection"), id).expect("the row")
}

/// The mails a killed worker left claimed. A COMMIT that reached PostgreSQL before the
/// kill still completes after it, a moment later: the list is read until it stays the same.
pub fn claims_after_a_kill(conn: &mut DbConn) -> Vec<OutboxMail> {
    let claimed = |conn: &mut DbConn| {
        queue_table::list(conn, Some(liaison::mail::OutboxState::Sending)).expect("the outbox")
    };
    let mut last = claimed(conn);
    loop {
        std::thread::sleep(StdDuration::from_millis(300));
        let now = claimed(conn);
        if now == last {
            return now;
        }
        last = now;
    }
}

/// Waits out `quick_retries`' backoff.
pub fn let_retry_come_due() {
    std::thread::sleep(StdDuration::from_millis(150));
}
