//! Saving a page of answers against the durable-write limit of the same stack (DESIGN §10):
//! the real app on a free loopback port with a fresh database, and, on the same app and
//! pool under the same middleware, a route the benchmark adds that writes one row in one
//! write transaction and answers 303 (see `page_save/baseline.rs`). The same respondents,
//! over the same number of connections, post their page's form to each. The targets: a
//! save's throughput at least 0.5 of the one-row write's, and its p99 latency under 25 ms.
//! `GET /health`, HTTP alone, is printed beside them. At the end every acknowledged save
//! and write is looked for in the database.
//!
//! `cargo bench --bench page_save [-- --seconds 10 --warmup 3 --connections 64
//! --respondents 1000 --section 4]`. Runs on SQLite, and on PostgreSQL too when
//! `TEST_DATABASE_URL` names a server (a fresh database is made and dropped).

#[path = "page_save/baseline.rs"]
mod baseline;
#[path = "page_save/load.rs"]
mod load;
#[path = "page_save/respondents.rs"]
mod respondents;
mod seeding;
#[path = "page_save/stored.rs"]
mod stored;

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use liaison::startup::{Application, open_storage};

use load::{Action, Tally, Target};
use respondents::{Invited, Respondent};
use seeding::BenchDb;
use stored::Stored;

/// The questionnaire whose page is saved; its sections are SIM3's four categories.
const QUESTIONNAIRE: &str = "csirt-maturity";

/// The throughput a save must reach, as a share of the one-row write's.
const TARGET: f64 = 0.5;

/// The p99 latency of a save must stay under this, in ms.
const P99_TARGET_MS: f64 = 25.0;

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
            connections: 64,
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
    write: Tally,
    /// Writes of as many rows as a save writes.
    rows_write: Tally,
    rows: usize,
    save: Tally,
    stored: Stored,
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
    let invited = {
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
        baseline::create_table(&mut conn)?;
        respondents::invited(&mut conn)?
    };
    let app = Application::build_with_routes(&settings, baseline::routes)?;
    let pool = app.pool().clone();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());

    eprintln!("{db}: each respondent opens section {}…", options.section);
    let respondents = open_respondents(&base, &invited, options).await?;
    let health = (0..options.connections)
        .map(|_| {
            Ok(Target::Health {
                client: respondents::browser(None)?,
                url: format!("{base}/health"),
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;

    eprintln!("{db}: GET /health…");
    let (_, health) = timed(health, options).await?;
    eprintln!("{db}: POST {} (one row)…", baseline::ROUTE);
    let writers = respondents.into_iter().map(|t| t.doing(Action::Write));
    let (respondents, write) = timed(writers.collect(), options).await?;
    let rows = match respondents.first() {
        Some(Target::Respondents { respondents, .. }) => respondents[0].rows_per_save(),
        _ => 0,
    };
    eprintln!("{db}: POST {} ({rows} rows)…", baseline::ROWS_ROUTE);
    let writers = respondents.into_iter().map(|t| t.doing(Action::WriteRows));
    let (respondents, rows_write) = timed(writers.collect(), options).await?;
    eprintln!("{db}: saving section {}…", options.section);
    let savers = respondents.into_iter().map(|t| t.doing(Action::Save));
    let (respondents, save) = timed(savers.collect(), options).await?;

    eprintln!("{db}: looking for every acknowledged save and write in the database…");
    let all: Vec<&Respondent> = respondents
        .iter()
        .flat_map(|target| match target {
            Target::Respondents { respondents, .. } => respondents.iter().collect(),
            Target::Health { .. } => Vec::new(),
        })
        .collect();
    let stored = tokio::task::block_in_place(|| stored::check(&mut *pool.get()?, &all))?;
    Ok(Row {
        backend: db.backend,
        health,
        write,
        rows_write,
        rows,
        save,
        stored,
    })
}

/// One target per connection, each with its share of the respondents.
async fn open_respondents(
    base: &str,
    invited: &[Invited],
    options: &Options,
) -> anyhow::Result<Vec<Target>> {
    let tasks: Vec<_> = (0..options.connections)
        .map(|connection| {
            let mine: Vec<(usize, Invited)> = invited
                .iter()
                .enumerate()
                .skip(connection)
                .step_by(options.connections)
                .map(|(n, i)| {
                    let (email, token) = (i.email.clone(), i.token.clone());
                    (n, Invited { email, token })
                })
                .collect();
            let (base, section) = (base.to_owned(), options.section);
            tokio::spawn(async move {
                let mut respondents = Vec::with_capacity(mine.len());
                for (n, invited) in mine {
                    let address = respondents::address(n)?;
                    respondents.push(Respondent::open(&base, &invited, section, address).await?);
                }
                anyhow::Ok(respondents)
            })
        })
        .collect();
    let mut targets = Vec::with_capacity(tasks.len());
    for task in tasks {
        targets.push(Target::Respondents {
            respondents: task.await??,
            next: 0,
            action: Action::Save,
        });
    }
    if let Some(Target::Respondents { respondents, .. }) = targets.first() {
        eprintln!("  a saved page holds {} answers", respondents[0].answers());
    }
    Ok(targets)
}

/// Warms up, then measures; any request not answered as expected fails the benchmark,
/// since the rate would then not be the rate of what it names.
async fn timed(targets: Vec<Target>, options: &Options) -> anyhow::Result<(Vec<Target>, Tally)> {
    let (targets, warmup) = load::run(targets, Duration::from_secs(options.warmup)).await?;
    check(&warmup)?;
    let (targets, tally) = load::run(targets, Duration::from_secs(options.seconds)).await?;
    check(&tally)?;
    Ok((targets, tally))
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
        "page_save: {} connections, {} respondents each at their own address, section {} of \
         {QUESTIONNAIRE} with every answer changed on each save, {} s warm-up then {} s per \
         measurement",
        options.connections, options.respondents, options.section, options.warmup, options.seconds
    );
    println!(
        "{:<11} {:>12} {:>12} {:>12} {:>13} {:>9} {:>9}   targets",
        "backend",
        "GET /health",
        "1-row write",
        "save a page",
        "save / write",
        "save p50",
        "save p99"
    );
    for row in rows {
        let ratio = row.save.rate() / row.write.rate();
        let p99 = row.save.percentile_ms(0.99);
        let verdict = |met: bool| if met { "met" } else { "missed" };
        println!(
            "{:<11} {:>8.0} r/s {:>8.0} r/s {:>8.0} r/s {:>13.2} {:>6.1} ms {:>6.1} ms   \
             ratio >= {TARGET:.2} {}, p99 < {P99_TARGET_MS:.0} ms {}",
            row.backend,
            row.health.rate(),
            row.write.rate(),
            row.save.rate(),
            ratio,
            row.save.percentile_ms(0.5),
            p99,
            verdict(ratio >= TARGET),
            verdict(p99 < P99_TARGET_MS),
        );
        println!(
            "{:<11} 1-row write p50 {:.1} ms, p99 {:.1} ms; save / health {:.3}; stored: all \
             {} saves and {} writes acknowledged",
            "",
            row.write.percentile_ms(0.5),
            row.write.percentile_ms(0.99),
            row.save.rate() / row.health.rate(),
            row.stored.saves,
            row.stored.writes,
        );
        println!(
            "{:<11} {}-row write (a save's answers and history rows, in one INSERT) {:.0} r/s, \
             p99 {:.1} ms; save / {}-row write {:.2}",
            "",
            row.rows,
            row.rows_write.rate(),
            row.rows_write.percentile_ms(0.99),
            row.rows,
            row.save.rate() / row.rows_write.rate(),
        );
    }
}
