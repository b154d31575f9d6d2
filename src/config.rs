//! Settings: loaded once from an optional file plus environment overrides, then passed down.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use serde::Deserialize;

mod trusted_proxies;

pub use trusted_proxies::TrustedProxies;

/// Everything the service and the CLI can be configured with.
///
/// Read from the TOML file given with `--config` (default `liaison.toml`, optional),
/// then overridden by `LIAISON_<FIELD>` environment variables (e.g. `LIAISON_PORT=9000`).
/// `DATABASE_URL` is honoured too, below `LIAISON_DATABASE_URL`. A variable or file key
/// naming no setting is refused with its name.
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
    /// The public address respondents reach, used to build links in mails. Unless set, it is
    /// `http://<host>:<port>` of the port in effect, however that port was given.
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
    /// SMTP connections one run of the outbox keeps open at once, each sending its own
    /// mails (at least 1). More hide the wait for the server's replies; a relay limits
    /// how many one client may open (Postfix: 50).
    pub mail_smtp_sessions: NonZeroUsize,
    /// How often the retention worker inside `serve` erases the personal data of campaigns
    /// whose retention period has ended, in seconds (it also runs at start); 0 runs no worker.
    pub retention_interval_seconds: u64,
    /// The reverse proxies in front of the service: IP addresses or CIDR ranges, as a TOML
    /// list (`["127.0.0.1", "10.0.0.0/8"]`) or one string separated by commas
    /// (`LIAISON_TRUSTED_PROXIES="127.0.0.1, ::1"`). Only a request whose TCP peer is one of
    /// them has its client address read from `Forwarded` / `X-Forwarded-For` (the right-most
    /// hop that is not a trusted proxy); rate limits and the audit log use that address.
    /// Empty (the default): the TCP peer is the client.
    pub trusted_proxies: TrustedProxies,
    /// The largest evidence file a respondent may attach to an answer, in bytes
    /// (default 10 MiB).
    pub evidence_max_file_bytes: u64,
    /// The most bytes all evidence files of one response may take together (default 50 MiB).
    pub evidence_max_response_bytes: u64,
}

/// Every setting with its default, by key. `base_url` has none of its own: unless set, it
/// is derived from the effective host and port (see [`Settings::load_with_port`]).
const DEFAULTS: [(&str, &str); 19] = [
    ("database_url", "liaison.sqlite"),
    ("database_pool_size", "8"),
    ("host", "127.0.0.1"),
    ("port", "8080"),
    ("questionnaires_dir", "questionnaires"),
    ("reports_dir", "reports"),
    ("privacy_k", "3"),
    ("log", "info"),
    ("smtp_url", "smtp://127.0.0.1:25"),
    ("organisation", "Liaison"),
    ("mail_from", "Liaison <liaison@localhost>"),
    ("mail_max_attempts", "8"),
    ("mail_retry_seconds", "60"),
    ("mail_poll_seconds", "10"),
    ("mail_smtp_sessions", "4"),
    ("retention_interval_seconds", "3600"),
    ("trusted_proxies", ""),
    ("evidence_max_file_bytes", "10485760"),
    ("evidence_max_response_bytes", "52428800"),
];

/// The setting whose default follows the host and port.
const BASE_URL: &str = "base_url";

/// The prefix of the environment variables that override settings (`LIAISON_PORT` …).
pub const ENV_PREFIX: &str = "LIAISON_";

/// Why settings could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// A `LIAISON_…` variable that names no setting: most likely a typo, which would
    /// otherwise leave the setting meant at its default.
    #[error("unknown setting {variable} in the environment (known: {known})")]
    UnknownVariable { variable: String, known: String },
    /// A key of the settings file that names no setting.
    #[error("unknown setting `{key}` in {file} (known: {known})")]
    UnknownKey {
        key: String,
        file: String,
        known: String,
    },
    // Not a `source`: the message already carries the cause, and a chain would print it twice.
    #[error("cannot load settings: {0}")]
    Invalid(config::ConfigError),
}

impl From<config::ConfigError> for SettingsError {
    fn from(error: config::ConfigError) -> Self {
        SettingsError::Invalid(error)
    }
}

impl Settings {
    /// Loads settings from `file` (if it exists) and the environment.
    pub fn load(file: &Path) -> Result<Settings, SettingsError> {
        Settings::load_with_port(file, None)
    }

    /// Loads settings from `file` (if it exists) and the environment, with `port` (from the
    /// command line) above both. Unless `base_url` is set, it is `http://<host>:<port>` of
    /// the effective host and port, however the port was given: links in mails and demo
    /// output must reach this server.
    pub fn load_with_port(file: &Path, port: Option<u16>) -> Result<Settings, SettingsError> {
        let environment = environment()?;
        let file_keys = file_keys(file)?;
        let mut builder = config::Config::builder();
        for (key, value) in DEFAULTS {
            builder = builder.set_default(key, value)?;
        }
        builder = builder.add_source(config::File::from(file).required(false));
        if let Ok(url) = std::env::var("DATABASE_URL") {
            builder = builder.set_override("database_url", url)?;
        }
        builder = builder.add_source(
            config::Environment::with_prefix(ENV_PREFIX.trim_end_matches('_'))
                .try_parsing(true)
                .source(Some(environment.clone())),
        );
        if let Some(port) = port {
            builder = builder.set_override("port", port)?;
        }
        let explicit_base_url = file_keys.iter().any(|k| k == BASE_URL)
            || environment.keys().any(|v| setting_of(v) == BASE_URL);
        let config = builder.build()?;
        if explicit_base_url {
            return Ok(config.try_deserialize()?);
        }
        let host: String = config.get("host")?;
        let port: u16 = config.get("port")?;
        Ok(config::Config::builder()
            .add_source(config)
            .set_override(BASE_URL, local_base_url(&host, port))?
            .build()?
            .try_deserialize()?)
    }
}

/// The names of every setting, for messages.
fn known_settings() -> impl Iterator<Item = &'static str> {
    DEFAULTS
        .iter()
        .map(|(key, _)| *key)
        .chain(std::iter::once(BASE_URL))
}

/// The setting a `LIAISON_…` variable names, as the `config` crate reads it.
fn setting_of(variable: &str) -> String {
    variable[ENV_PREFIX.len()..].to_lowercase()
}

/// The `LIAISON_…` variables of the environment; one naming no setting is refused.
fn environment() -> Result<config::Map<String, String>, SettingsError> {
    let mut found = config::Map::new();
    for (variable, value) in std::env::vars_os() {
        let Some(variable) = variable.to_str() else {
            continue;
        };
        // The `config` crate matches the prefix in any case, so this check does too.
        let prefixed = variable
            .get(..ENV_PREFIX.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(ENV_PREFIX));
        if !prefixed {
            continue;
        }
        if !known_settings().any(|k| k == setting_of(variable)) {
            return Err(SettingsError::UnknownVariable {
                variable: variable.to_owned(),
                known: known_settings()
                    .map(|k| format!("{ENV_PREFIX}{}", k.to_uppercase()))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        let value = value.into_string().map_err(|_| {
            SettingsError::Invalid(config::ConfigError::Message(format!(
                "{variable} is not valid UTF-8"
            )))
        })?;
        found.insert(variable.to_owned(), value);
    }
    Ok(found)
}

/// The keys of the settings file (none when it does not exist); one naming no setting is refused.
fn file_keys(file: &Path) -> Result<Vec<String>, SettingsError> {
    use config::Source;
    let keys: Vec<String> = config::File::from(file)
        .required(false)
        .collect()?
        .into_keys()
        .collect();
    if let Some(key) = keys.iter().find(|k| !known_settings().any(|s| s == *k)) {
        return Err(SettingsError::UnknownKey {
            key: key.clone(),
            file: file.display().to_string(),
            known: known_settings().collect::<Vec<_>>().join(", "),
        });
    }
    Ok(keys)
}

/// `http://host:port` for a server on `host`; one listening on every address is reached
/// on the loopback address.
fn local_base_url(host: &str, port: u16) -> String {
    let host = match host.parse::<std::net::IpAddr>() {
        Ok(ip) if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_owned(),
        Ok(ip) if ip.is_unspecified() => "[::1]".to_owned(),
        Ok(std::net::IpAddr::V6(ip)) => format!("[{ip}]"),
        _ => host.to_owned(),
    };
    format!("http://{host}:{port}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_name_every_setting_but_the_base_url_and_nothing_else() {
        // `deny_unknown_fields` refuses a default naming no field; a field without a
        // default is missing: so the table and the struct list the same settings.
        let mut builder = config::Config::builder()
            .set_override(BASE_URL, "http://x")
            .expect("the defaults load");
        for (key, value) in DEFAULTS {
            builder = builder.set_default(key, value).expect("the defaults load");
        }
        let settings: Settings = builder
            .build()
            .expect("the defaults build")
            .try_deserialize()
            .expect("the defaults load");
        assert_eq!(settings.port, 8080);
    }

    #[test]
    fn the_derived_base_url_reaches_the_server_on_its_port() {
        assert_eq!(local_base_url("127.0.0.1", 9000), "http://127.0.0.1:9000");
        assert_eq!(local_base_url("0.0.0.0", 9000), "http://127.0.0.1:9000");
        assert_eq!(local_base_url("::", 9000), "http://[::1]:9000");
        assert_eq!(local_base_url("::1", 80), "http://[::1]:80");
        assert_eq!(
            local_base_url("survey.example.org", 80),
            "http://survey.example.org:80"
        );
    }
}
