//! Saving a page of answers against the app's own health endpoint (DESIGN §10): the real
//! app on a free loopback port with a fresh database, the same number of connections for
//! both, and the ratio of their throughputs. The target is a ratio of at least 0.5.
//!
//! `cargo bench --bench page_save [-- --seconds 10 --warmup 3 --connections 32
//! --respondents 1000 --section 4]`. Runs on SQLite, and on PostgreSQL too when
//! `TEST_DATABASE_URL` names a server (a fresh database is made and dropped).

#[path = "page_save/load.rs"]
mod load;
#[path = "page_save/respondents.rs"]
mod respondents;
mod seeding;

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use liaison::startup::{Application, open_storage};

use load::{Tally, Target};
use respondents::Respondent;
use seeding::BenchDb;

/// The questionnaire whose page is saved; its sections are SIM3's four categories.
const QUESTIONNAIRE: &str = "csirt-maturity";

/// The throughput a save must reach, as a share of the health endpoint's.
const TARGET: f64 = 0.5;

struct Options {
    seconds: u64,
    warmup: u64,
    connections: usize,
    respondents: usize,
    section: usize,
}

impl Options {
    fn parse() -> anyhow::Result<Options> {
        let mut options = Options {
            seconds: 10,
            warmup: 3,
            connections: 32,
            respondents: 1000,
            // Processes: the largest page, 17 questions.
            section: 4,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let mut value = |name: &str| -> anyhow::Result<u64> {
                let given = args
                    .next()
                    .with_context(|| format!("{name} needs a number"))?;
                let n: u64 = given
                    .parse()
                    .with_context(|| format!("{name} {given:?}: not a whole number"))?;
                if n == 0 {
                    bail!("{name} must be at least 1");
                }
                Ok(n)
            };
            match arg.as_str() {
                // cargo bench passes it to every benchmark binary.
                "--bench" => {}
                "--seconds" => options.seconds = value("--seconds")?,
                "--warmup" => options.warmup = value("--warmup")?,
                "--connections" => options.connections = usize::try_from(value("--connections")?)?,
                "--respondents" => options.respondents = usize::try_from(value("--respondents")?)?,
                "--section" => options.section = usize::try_from(value("--section")?)?,
                other => bail!(
                    "unknown argument {other:?}; expected --seconds, --warmup, --connections, \
                     --respondents or --section, each with a number"
                ),
            }
        }
        if options.respondents < options.connections {
            bail!("--respondents must be at least --connections");
        }
        Ok(options)
    }
}

/// One backend's measurement.
struct Row {
    backend: &'static str,
    health: Tally,
    save: Tally,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("page_save: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let options = Options::parse()?;
    let runtime = tokio::runtime::Runtime::new()?;
    let mut rows = Vec::new();
    for db in BenchDb::all()? {
        let row = runtime
            .block_on(measure(&db, &options))
            .with_context(|| format!("on {db}"))?;
        rows.push(row);
    }
    print_rows(&options, &rows);
    Ok(())
}

async fn measure(db: &BenchDb, options: &Options) -> anyhow::Result<Row> {
    let settings = seeding::settings(db)?;
    eprintln!(
        "{db}: inviting {} respondents (database pool of {})…",
        options.respondents, settings.database_pool_size
    );
    let tokens = {
        let (pool, catalogue) = open_storage(&settings)?;
        let mut conn = pool.get()?;
        let campaign = seeding::campaign_with_participants(
            &mut conn,
            &settings,
            &catalogue,
            QUESTIONNAIRE,
            options.respondents,
        )?;
        seeding::invite(&mut conn, &settings, &catalogue, campaign.campaign.id)?;
        respondents::link_tokens(&mut conn)?
    };
    let app = Application::build(&settings)?;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());

    eprintln!("{db}: each respondent opens section {}…", options.section);
    let savers = open_respondents(&base, &tokens, options).await?;
    let health = (0..options.connections)
        .map(|_| {
            Ok(Target::Health {
                client: respondents::browser(None)?,
                url: format!("{base}/health"),
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;

    eprintln!("{db}: GET /health…");
    let health = timed(health, options).await?;
    eprintln!("{db}: saving section {}…", options.section);
    let save = timed(savers, options).await?;
    Ok(Row {
        backend: db.backend,
        health,
        save,
    })
}

/// One target per connection, each with its share of the respondents.
async fn open_respondents(
    base: &str,
    tokens: &[String],
    options: &Options,
) -> anyhow::Result<Vec<Target>> {
    let tasks: Vec<_> = (0..options.connections)
        .map(|connection| {
            let mine: Vec<(usize, String)> = tokens
                .iter()
                .enumerate()
                .skip(connection)
                .step_by(options.connections)
                .map(|(n, token)| (n, token.clone()))
                .collect();
            let (base, section) = (base.to_owned(), options.section);
            tokio::spawn(async move {
                let mut respondents = Vec::with_capacity(mine.len());
                for (n, token) in mine {
                    let address = respondents::address(n)?;
                    respondents.push(Respondent::open(&base, &token, section, address).await?);
                }
                anyhow::Ok(respondents)
            })
        })
        .collect();
    let mut targets = Vec::with_capacity(tasks.len());
    for task in tasks {
        targets.push(Target::Saves {
            respondents: task.await??,
            next: 0,
        });
    }
    if let Some(Target::Saves { respondents, .. }) = targets.first() {
        eprintln!("  a saved page holds {} answers", respondents[0].answers());
    }
    Ok(targets)
}

/// Warms up, then measures; any request not answered as expected fails the benchmark,
/// since the rate would then not be the rate of what it names.
async fn timed(targets: Vec<Target>, options: &Options) -> anyhow::Result<Tally> {
    let (targets, warmup) = load::run(targets, Duration::from_secs(options.warmup)).await?;
    check(&warmup)?;
    let (_targets, tally) = load::run(targets, Duration::from_secs(options.seconds)).await?;
    check(&tally)?;
    Ok(tally)
}

fn check(tally: &Tally) -> anyhow::Result<()> {
    match &tally.first_failure {
        None => Ok(()),
        Some(first) => bail!(
            "{} of {} requests failed; the first: {first}",
            tally.failed,
            tally.failed + tally.answered
        ),
    }
}

fn print_rows(options: &Options, rows: &[Row]) {
    println!();
    println!(
        "page_save: {} connections, {} respondents each at their own address, section {} of {QUESTIONNAIRE}, \
         {} s warm-up then {} s per measurement",
        options.connections, options.respondents, options.section, options.warmup, options.seconds
    );
    println!(
        "{:<12} {:>16} {:>16} {:>14}   target",
        "backend", "GET /health", "save a page", "save / health"
    );
    for row in rows {
        let ratio = row.save.rate() / row.health.rate();
        let verdict = if ratio >= TARGET { "met" } else { "missed" };
        println!(
            "{:<12} {:>10.0} req/s {:>10.0} req/s {:>14.2}   >= {TARGET:.2} {verdict}",
            row.backend,
            row.health.rate(),
            row.save.rate(),
            ratio
        );
    }
}
