//! What the benchmarks start from: a fresh database on each backend, settings for it, and a
//! campaign whose participants are imported and invited the way an analyst would.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{Days, Utc};
use liaison::audit::Actor;
use liaison::campaigns::{self, CampaignRequest};
use liaison::config::Settings;
use liaison::invitations::{self, InviteReport};
use liaison::participants;
use liaison::questionnaire::Catalogue;
use liaison::storage::campaigns::CampaignDetails;
use liaison::storage::{Backend, DbConn};
use tempfile::TempDir;

// The tests' fresh databases: a SQLite file, and a PostgreSQL database of its own when
// `TEST_DATABASE_URL` names a server, dropped afterwards. The benchmarks need no pool from
// it, only the databases.
#[allow(dead_code)]
#[path = "../../tests/api/test_db.rs"]
mod test_db;

use test_db::TestDb;

/// A database that exists for one measurement and is removed afterwards.
pub struct BenchDb {
    pub url: String,
    /// "SQLite" or "PostgreSQL", for the printed table.
    pub backend: &'static str,
    /// The settings' reports folder and other scratch files, on either backend.
    dir: TempDir,
    /// Removes the SQLite file or drops the PostgreSQL database when the bench is done.
    _db: TestDb,
}

impl BenchDb {
    /// SQLite, then PostgreSQL when `TEST_DATABASE_URL` is set (a set but unusable URL
    /// stops the run rather than measure one backend in silence).
    pub fn all() -> anyhow::Result<Vec<BenchDb>> {
        TestDb::all().into_iter().map(BenchDb::on).collect()
    }

    fn on(db: TestDb) -> anyhow::Result<BenchDb> {
        Ok(BenchDb {
            url: db.url.clone(),
            backend: match db.backend {
                Backend::Sqlite => "SQLite",
                Backend::Postgres => "PostgreSQL",
            },
            dir: tempfile::tempdir().context("cannot make a temporary folder")?,
            _db: db,
        })
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
        privacy_k: None,
        languages: None,
        retention_days: None,
        follows: None,
        review_required: false,
        peer_review_nis2: false,
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
