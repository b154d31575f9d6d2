//! Reading a database URL: which backend it names, and what to hand to that backend.

use std::path::{Path, PathBuf};

use super::StorageError;

/// Where the database lives, decided by the URL scheme alone.
///
/// We choose ourselves instead of letting `DbConn::establish` try each backend
/// in turn: SQLite accepts any string as a file name, so a mistyped PostgreSQL
/// URL would silently become a new SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Location {
    /// `postgres://…` or `postgresql://…`, passed to libpq unchanged.
    Postgres { url: String },
    /// A SQLite file: `uri` is the `file:` URI SQLite opens, `path` the file it names.
    Sqlite { uri: String, path: PathBuf },
}

impl Location {
    /// Reads `database_url`: `postgres://`/`postgresql://` for PostgreSQL;
    /// `sqlite://path`, a `file:` URI or a plain path for SQLite.
    pub(crate) fn parse(database_url: &str) -> Result<Self, StorageError> {
        let unsupported = |reason: &str| StorageError::UnsupportedUrl {
            url: redact(database_url),
            reason: reason.to_owned(),
        };
        if database_url.trim().is_empty() {
            return Err(unsupported("it is empty"));
        }
        if database_url == ":memory:" {
            return Err(unsupported(
                "an in-memory database is not shared between pooled connections; use a file",
            ));
        }
        if let Some(rest) = database_url.strip_prefix("file:") {
            return Ok(Self::Sqlite {
                uri: database_url.to_owned(),
                path: PathBuf::from(uri_path(rest)),
            });
        }
        if let Some((scheme, rest)) = database_url.split_once("://") {
            return match scheme.to_ascii_lowercase().as_str() {
                "postgres" | "postgresql" => Ok(Self::Postgres {
                    url: database_url.to_owned(),
                }),
                // Same mapping as diesel's own: `sqlite://x` is the URI `file:x`.
                "sqlite" if !rest.is_empty() => Ok(Self::Sqlite {
                    uri: format!("file:{rest}"),
                    path: PathBuf::from(before_query(rest)),
                }),
                "sqlite" => Err(unsupported("no file path follows sqlite://")),
                _ => Err(unsupported(
                    "use postgres://, postgresql://, sqlite://, a file: URI or a file path",
                )),
            };
        }
        Ok(Self::Sqlite {
            uri: format!("file:{}", escape_uri_path(database_url)),
            path: PathBuf::from(database_url),
        })
    }

    /// The string the backend's `establish` receives.
    ///
    /// For SQLite it always starts with `file:`, which libpq can never read as a
    /// connection string, so `DbConn::establish` (PostgreSQL first) falls through
    /// to SQLite without touching the network.
    pub(crate) fn connection_string(&self) -> &str {
        match self {
            Self::Postgres { url } => url,
            Self::Sqlite { uri, .. } => uri,
        }
    }

    /// How to name this database in messages: the file path, or the URL with
    /// its password hidden.
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Postgres { url } => redact(url),
            Self::Sqlite { path, .. } => path.display().to_string(),
        }
    }

    /// The folder the SQLite file goes in, when the path names one.
    pub(crate) fn sqlite_folder(&self) -> Option<&Path> {
        match self {
            Self::Sqlite { path, .. } => path.parent().filter(|p| !p.as_os_str().is_empty()),
            Self::Postgres { .. } => None,
        }
    }
}

fn before_query(s: &str) -> &str {
    s.split(['?', '#']).next().unwrap_or(s)
}

/// The path of a `file:` URI body: `///abs` or `//host/abs` lose the authority.
fn uri_path(rest: &str) -> &str {
    let rest = before_query(rest);
    match rest.strip_prefix("//") {
        Some(with_authority) => with_authority
            .find('/')
            .map_or("", |slash| &with_authority[slash..]),
        None => rest,
    }
}

/// Escapes the characters that a SQLite `file:` URI would otherwise read as syntax.
fn escape_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            _ => out.push(c),
        }
    }
    out
}

/// Hides a password in a URL, both `user:secret@host` and `?password=secret`.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _secret)) => format!("{user}:***@{host}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(uri: &str, path: &str) -> Location {
        Location::Sqlite {
            uri: uri.to_owned(),
            path: PathBuf::from(path),
        }
    }

    #[test]
    fn postgres_urls_choose_postgresql() {
        for url in [
            "postgres://u@h/db",
            "postgresql://u@h/db",
            "POSTGRES://u@h/db",
        ] {
            assert!(
                matches!(Location::parse(url), Ok(Location::Postgres { .. })),
                "{url}"
            );
        }
    }

    #[test]
    fn sqlite_urls_file_uris_and_plain_paths_choose_sqlite() {
        let cases = [
            ("sqlite://data/l.db", sqlite("file:data/l.db", "data/l.db")),
            ("sqlite:///var/l.db", sqlite("file:/var/l.db", "/var/l.db")),
            (
                "file:/var/l.db?mode=rwc",
                sqlite("file:/var/l.db?mode=rwc", "/var/l.db"),
            ),
            ("file:///var/l.db", sqlite("file:///var/l.db", "/var/l.db")),
            ("liaison.db", sqlite("file:liaison.db", "liaison.db")),
            (
                "/tmp/a?b#c%d.db",
                sqlite("file:/tmp/a%3Fb%23c%25d.db", "/tmp/a?b#c%d.db"),
            ),
        ];
        for (url, expected) in cases {
            assert_eq!(Location::parse(url).ok(), Some(expected), "{url}");
        }
    }

    #[test]
    fn unknown_schemes_and_empty_urls_are_refused() {
        for url in ["mysql://u@h/db", "", "  ", "sqlite://", ":memory:"] {
            assert!(
                matches!(
                    Location::parse(url),
                    Err(StorageError::UnsupportedUrl { .. })
                ),
                "{url:?}"
            );
        }
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://u:s3cret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(
            redact("postgres://h/db?user=u&password=s3cret&sslmode=require"),
            "postgres://h/db?user=u&password=***&sslmode=require"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }

    #[test]
    fn the_sqlite_folder_is_known_when_the_path_names_one() {
        let location = Location::parse("sqlite://data/l.db").ok();
        assert_eq!(
            location.as_ref().and_then(Location::sqlite_folder),
            Some(Path::new("data"))
        );
        let location = Location::parse("l.db").ok();
        assert_eq!(location.as_ref().and_then(Location::sqlite_folder), None);
    }
}
