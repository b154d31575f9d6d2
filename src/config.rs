//! Settings: loaded once from an optional file plus environment overrides, then passed down.

use std::path::{Path, PathBuf};

use serde::Deserialize;

mod trusted_proxies;

pub use trusted_proxies::TrustedProxies;

/// Everything the service and the CLI can be configured with.
///
/// Read from the TOML file given with `--config` (default `liaison.toml`, optional),
/// then overridden by `LIAISON_<FIELD>` environment variables (e.g. `LIAISON_PORT=9000`).
/// `DATABASE_URL` is honoured too, below `LIAISON_DATABASE_URL`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Where answers live: a SQLite file path (`liaison.sqlite`, or `sqlite://path`) for the
    /// embedded default, or `postgres://user@host/db` for PostgreSQL.
    pub database_url: String,
    /// Most database connections kept open at once.
    pub database_pool_size: u32,
    /// Address the web server listens on.
    pub host: String,
    /// Port the web server listens on; 0 picks a free one.
    pub port: u16,
    /// The public address respondents reach, used to build links in mails.
    pub base_url: String,
    /// Folder holding one sub-folder per questionnaire.
    pub questionnaires_dir: PathBuf,
    /// Folder reports are written to, one sub-folder per campaign.
    pub reports_dir: PathBuf,
    /// Smallest number of organisations a published figure may rest on; smaller groups
    /// are suppressed in charts and aggregate tables.
    pub privacy_k: usize,
    /// Log filter in `tracing` syntax, e.g. `info` or `liaison=debug,actix_web=info`.
    pub log: String,
    /// How mail leaves: `smtp://host:port` (plain), `smtp://host:587?tls=required` (STARTTLS
    /// required), `smtp://host?tls=opportunistic` (STARTTLS when offered), `smtps://host:465` (TLS),
    /// with optional `user:password@` before the host; or `file:///folder` to write each
    /// mail to a file instead (local development).
    pub smtp_url: String,
    /// The organisation invitations come from, unless a campaign names another.
    pub organisation: String,
    /// The From header of every mail, e.g. `Liaison <liaison@example.org>`.
    pub mail_from: String,
    /// Attempts per mail before it is marked failed.
    pub mail_max_attempts: u32,
    /// Wait before the first retry, in seconds; it doubles with each attempt.
    pub mail_retry_seconds: u64,
    /// How often the mail worker inside `serve` looks for mail to send, in seconds; 0 runs no worker.
    pub mail_poll_seconds: u64,
    /// The reverse proxies in front of the service: IP addresses or CIDR ranges, as a TOML
    /// list (`["127.0.0.1", "10.0.0.0/8"]`) or one string separated by commas
    /// (`LIAISON_TRUSTED_PROXIES="127.0.0.1, ::1"`). Only a request whose TCP peer is one of
    /// them has its client address read from `Forwarded` / `X-Forwarded-For` (the right-most
    /// hop that is not a trusted proxy); rate limits and the audit log use that address.
    /// Empty (the default): the TCP peer is the client.
    pub trusted_proxies: TrustedProxies,
}

/// Why settings could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("cannot load settings: {0}")]
pub struct SettingsError(#[from] config::ConfigError);

impl Settings {
    /// Loads settings from `file` (if it exists) and the environment.
    pub fn load(file: &Path) -> Result<Settings, SettingsError> {
        let mut builder = config::Config::builder()
            .set_default("database_url", "liaison.sqlite")?
            .set_default("database_pool_size", 8)?
            .set_default("host", "127.0.0.1")?
            .set_default("port", 8080)?
            .set_default("base_url", "http://127.0.0.1:8080")?
            .set_default("questionnaires_dir", "questionnaires")?
            .set_default("reports_dir", "reports")?
            .set_default("privacy_k", 3)?
            .set_default("log", "info")?
            .set_default("smtp_url", "smtp://127.0.0.1:25")?
            .set_default("organisation", "Liaison")?
            .set_default("mail_from", "Liaison <liaison@localhost>")?
            .set_default("mail_max_attempts", 8)?
            .set_default("mail_retry_seconds", 60)?
            .set_default("mail_poll_seconds", 10)?
            .set_default("trusted_proxies", Vec::<String>::new())?
            .add_source(config::File::from(file).required(false));
        if let Ok(url) = std::env::var("DATABASE_URL") {
            builder = builder.set_override("database_url", url)?;
        }
        let settings = builder
            .add_source(config::Environment::with_prefix("LIAISON").try_parsing(true))
            .build()?
            .try_deserialize()?;
        Ok(settings)
    }
}
