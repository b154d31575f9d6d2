//! Sending invitations to a local SMTP server against what the same server accepts from a
//! plain SMTP load generator (DESIGN §10): Postfix's `smtp-sink` as the server and its
//! `smtp-source` as the generator, sending the same mail over as many parallel sessions as
//! Liaison's outbox uses. Composing the invitations and sending them are timed apart.
//!
//! `cargo bench --bench invitations [-- --mails 10000]`. Runs on SQLite, and on PostgreSQL
//! too when `TEST_DATABASE_URL` names a server (a fresh database is made and dropped).

#[path = "invitations/postfix_tools.rs"]
mod postfix_tools;
#[path = "invitations/sample.rs"]
mod sample;
mod seeding;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use liaison::config::Settings;
use liaison::mail::outbox::SMTP_SESSIONS;
use liaison::mail::{Mailer, RetryPolicy, send_pending};
use liaison::startup::open_storage;
use liaison::storage::{DbPool, outbox};

use postfix_tools::{Sink, Tools};
use seeding::BenchDb;

/// The questionnaire the campaign sends.
const QUESTIONNAIRE: &str = "csirt-maturity";

/// The generator's rate varies from run to run on a busy machine; its best run
/// is what the server can take.
const GENERATOR_RUNS: usize = 3;

/// "Close to" the generator, read as at least this share of its rate.
const TARGET: f64 = 0.8;

/// One backend's measurement.
struct Row {
    backend: &'static str,
    mails: usize,
    bytes: usize,
    compose: Duration,
    send: Duration,
    generator: Duration,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("invitations: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let mails = parse_mails()?;
    let tools = Tools::find()?;
    let sink = tools.start_sink()?;
    let mut rows = Vec::new();
    for db in BenchDb::all()? {
        let row = measure(&db, &tools, &sink, mails).with_context(|| format!("on {db}"))?;
        rows.push(row);
    }
    print_rows(&rows);
    Ok(())
}

/// `--mails N` (default 10,000); cargo bench's own `--bench` is ignored.
fn parse_mails() -> anyhow::Result<usize> {
    let mut mails = 10_000;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => {}
            "--mails" => {
                let given = args.next().context("--mails needs a number")?;
                mails =
                    given.parse().ok().filter(|n| *n > 0).with_context(|| {
                        format!("--mails {given:?}: not a whole number above 0")
                    })?;
            }
            other => bail!("unknown argument {other:?}; expected --mails N"),
        }
    }
    Ok(mails)
}

fn measure(db: &BenchDb, tools: &Tools, sink: &Sink, mails: usize) -> anyhow::Result<Row> {
    let mut settings = seeding::settings(db)?;
    settings.smtp_url = sink.smtp_url();
    let (pool, catalogue) = open_storage(&settings)?;
    let mut conn = pool.get()?;
    eprintln!("{db}: importing {mails} participants…");
    let campaign = seeding::campaign_with_participants(
        &mut conn,
        &settings,
        &catalogue,
        QUESTIONNAIRE,
        mails,
    )?;

    eprintln!("{db}: composing the invitations…");
    let started = Instant::now();
    let invited = seeding::invite(&mut conn, &settings, &catalogue, campaign.campaign.id)?;
    let compose = started.elapsed();
    if invited.queued != mails {
        bail!(
            "{mails} participants but {} invitations queued",
            invited.queued
        );
    }
    let first = outbox::list(&mut conn, None)?
        .into_iter()
        .next()
        .context("the outbox is empty")?;
    let message = db.folder().join("invitation.eml");
    let bytes = sample::write(&first, &settings.mail_from, &message)?;
    drop(conn);

    eprintln!(
        "{db}: smtp-source sends {mails} such mails over {SMTP_SESSIONS} session(s), {GENERATOR_RUNS} times…"
    );
    let generator = best_generator_run(tools, sink, &message, mails)?;
    eprintln!("{db}: the outbox sends them…");
    let send = send_outbox(&pool, &settings, mails)?;
    Ok(Row {
        backend: db.backend,
        mails,
        bytes,
        compose,
        send,
        generator,
    })
}

fn best_generator_run(
    tools: &Tools,
    sink: &Sink,
    message: &std::path::Path,
    mails: usize,
) -> anyhow::Result<Duration> {
    let mut best = Duration::MAX;
    for _ in 0..GENERATOR_RUNS {
        best = best.min(tools.send(sink, message, mails, SMTP_SESSIONS)?);
    }
    Ok(best)
}

/// Sends what the outbox holds, as `liaison mail send-pending` does, and checks
/// that every mail was accepted.
fn send_outbox(pool: &DbPool, settings: &Settings, mails: usize) -> anyhow::Result<Duration> {
    let mailer = Mailer::from_settings(&settings.smtp_url, &settings.mail_from)?;
    let policy = RetryPolicy::from_settings(settings);
    let started = Instant::now();
    let report = send_pending(pool, &mailer, &policy, None, &|_| {})?;
    let send = started.elapsed();
    let counts = outbox::counts(&mut *pool.get()?)?;
    if report.sent != mails || usize::try_from(counts.sent)? != mails {
        bail!(
            "{mails} mails queued but {} reported sent and {} marked sent ({} retried, {} failed)",
            report.sent,
            counts.sent,
            report.retried,
            report.failed
        );
    }
    Ok(send)
}

fn rate(mails: usize, took: Duration) -> f64 {
    mails as f64 / took.as_secs_f64().max(f64::EPSILON)
}

fn print_rows(rows: &[Row]) {
    println!();
    if let Some(row) = rows.first() {
        println!(
            "invitations: {} mails of {} bytes to smtp-sink on loopback, {SMTP_SESSIONS} SMTP sessions in parallel \
             (smtp-source: best of {GENERATOR_RUNS} runs)",
            row.mails, row.bytes
        );
    }
    println!(
        "{:<12} {:>14} {:>14} {:>14} {:>15}   target",
        "backend", "compose", "send", "smtp-source", "send / source"
    );
    for row in rows {
        let send = rate(row.mails, row.send);
        let generator = rate(row.mails, row.generator);
        let ratio = send / generator;
        let verdict = if ratio >= TARGET { "met" } else { "missed" };
        println!(
            "{:<12} {:>7.0} mail/s {:>7.0} mail/s {:>7.0} mail/s {:>15.2}   >= {TARGET:.2} {verdict}",
            row.backend,
            rate(row.mails, row.compose),
            send,
            generator,
            ratio
        );
    }
}
