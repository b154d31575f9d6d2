//! What the benchmarks start from: a fresh database on each backend, settings for it, and a
//! campaign whose participants are imported and invited the way an analyst would.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use chrono::{Days, Utc};
use diesel::prelude::*;
use liaison::audit::Actor;
use liaison::campaigns::{self, CampaignRequest};
use liaison::config::Settings;
use liaison::invitations::{self, InviteReport};
use liaison::participants;
use liaison::questionnaire::Catalogue;
use liaison::storage::DbConn;
use liaison::storage::campaigns::CampaignDetails;
use tempfile::TempDir;

/// The server `TEST_DATABASE_URL` names, when it is set: the benchmarks then run on
/// PostgreSQL too, each in a database of its own.
const POSTGRES_SERVER: &str = "TEST_DATABASE_URL";

/// A database that exists for one measurement and is removed afterwards.
pub struct BenchDb {
    pub url: String,
    /// "SQLite" or "PostgreSQL", for the printed table.
    pub backend: &'static str,
    /// Holds the SQLite file, and the settings' reports folder on either backend.
    dir: TempDir,
    /// For PostgreSQL: the server URL and the database to drop afterwards.
    created: Option<(String, String)>,
}

impl BenchDb {
    /// A new SQLite file in its own temporary folder.
    pub fn sqlite() -> anyhow::Result<BenchDb> {
        let dir = tempfile::tempdir().context("cannot make a temporary folder")?;
        let url = format!("sqlite://{}", dir.path().join("liaison.sqlite").display());
        Ok(BenchDb {
            url,
            backend: "SQLite",
            dir,
            created: None,
        })
    }

    /// A new database on the server `TEST_DATABASE_URL` names, or `None` when it is unset.
    pub fn postgres() -> anyhow::Result<Option<BenchDb>> {
        let Some(server) = std::env::var(POSTGRES_SERVER)
            .ok()
            .filter(|u| !u.is_empty())
        else {
            return Ok(None);
        };
        let name = unique_name();
        let mut admin = PgConnection::establish(&server)
            .with_context(|| format!("{POSTGRES_SERVER} is set but unusable"))?;
        diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
            .execute(&mut admin)
            .with_context(|| format!("cannot create database {name}"))?;
        Ok(Some(BenchDb {
            url: with_database(&server, &name),
            backend: "PostgreSQL",
            dir: tempfile::tempdir().context("cannot make a temporary folder")?,
            created: Some((server, name)),
        }))
    }

    /// SQLite, then PostgreSQL when `TEST_DATABASE_URL` is set.
    pub fn all() -> anyhow::Result<Vec<BenchDb>> {
        let mut all = vec![BenchDb::sqlite()?];
        all.extend(BenchDb::postgres()?);
        Ok(all)
    }

    /// A scratch folder that lives as long as the database.
    pub fn folder(&self) -> &Path {
        self.dir.path()
    }
}

impl fmt::Display for BenchDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.backend)
    }
}

impl Drop for BenchDb {
    fn drop(&mut self) {
        let Some((server, name)) = &self.created else {
            return;
        };
        // FORCE ends the connections a pool may still hold.
        let dropped = PgConnection::establish(server)
            .map_err(|e| e.to_string())
            .and_then(|mut admin| {
                diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .execute(&mut admin)
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = dropped {
            eprintln!("could not drop database {name}: {e}");
        }
    }
}

/// The settings a deployment gets by default (plus any `LIAISON_…` overrides in the
/// environment), pointed at `db` and the shipped questionnaires, listening on a free port.
pub fn settings(db: &BenchDb) -> anyhow::Result<Settings> {
    // A file that does not exist: the defaults, as an installation without one runs.
    let mut settings = Settings::load(&db.folder().join("liaison.toml"))?;
    settings.database_url = db.url.clone();
    settings.host = "127.0.0.1".to_owned();
    settings.port = 0;
    settings.questionnaires_dir = shipped_questionnaires();
    settings.reports_dir = db.folder().to_path_buf();
    // The benchmarks drive the outbox themselves.
    settings.mail_poll_seconds = 0;
    Ok(settings)
}

/// The questionnaires folder of this checkout.
pub fn shipped_questionnaires() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires")
}

/// Creates a campaign of `questionnaire`, open for a year, and imports `participants`
/// CSIRT participants into it, each of their own organisation.
pub fn campaign_with_participants(
    conn: &mut DbConn,
    settings: &Settings,
    catalogue: &Catalogue,
    questionnaire: &str,
    participants: usize,
) -> anyhow::Result<CampaignDetails> {
    let today = Utc::now().date_naive();
    let request = CampaignRequest {
        name: "Benchmark campaign".to_owned(),
        questionnaires: vec![questionnaire.to_owned()],
        closes_on: today
            .checked_add_days(Days::new(365))
            .context("a date a year from now")?,
        tlp: None,
        sender_organisation: None,
    };
    let sender = &settings.organisation;
    let details = campaigns::create(conn, catalogue, &request, sender, today, &Actor::Cli)?;
    let mut csv = String::from("email,name,organisation,type,country,language\n");
    for n in 1..=participants {
        csv.push_str(&format!(
            "desk-{n:05}@team-{n:05}.example.org,Duty Desk {n},CSIRT Team {n:05},csirt,AT,en\n"
        ));
    }
    let report = participants::import_csv(conn, &details, csv.as_bytes(), &Actor::Cli)
        .map_err(|e| anyhow::anyhow!("the generated participant list: {e}"))?;
    if report.added != participants {
        bail!(
            "{participants} participants generated but {} imported",
            report.added
        );
    }
    Ok(details)
}

/// Queues an invitation for every participant of the campaign, as `liaison invite` does.
pub fn invite(
    conn: &mut DbConn,
    settings: &Settings,
    catalogue: &Catalogue,
    campaign: i64,
) -> anyhow::Result<InviteReport> {
    let today = Utc::now().date_naive();
    Ok(invitations::invite(
        conn,
        catalogue,
        &settings.base_url,
        campaign,
        today,
        &Actor::Cli,
    )?)
}

/// A database name no other run or process is using.
fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("liaison_bench_{}_{nanos}_{n}", std::process::id())
}

/// `server` with its database path replaced by `name`.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut url = format!("{}/{name}", &base[..path_start]);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    url
}
