//! Fresh databases for tests: a SQLite file always, and a PostgreSQL database
//! when `TEST_DATABASE_URL` names a server (CI sets it), so the same test code
//! runs on both backends.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, PooledConnection};
use liaison::storage::{self, Backend, DbConn, DbPool};
use tempfile::TempDir;

/// A database that exists for one test and is removed afterwards.
pub struct TestDb {
    /// The URL to hand to `storage::connect`.
    pub url: String,
    pub backend: Backend,
    /// Keeps the SQLite file's folder alive; removed on drop.
    _dir: Option<TempDir>,
    /// For PostgreSQL: the server URL and the database to drop afterwards.
    created: Option<(String, String)>,
}

impl TestDb {
    /// A new SQLite file in its own temporary folder.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("liaison.sqlite");
        TestDb {
            url: format!("sqlite://{}", path.display()),
            backend: Backend::Sqlite,
            _dir: Some(dir),
            created: None,
        }
    }

    /// A new, uniquely named database on the server named by `TEST_DATABASE_URL`,
    /// or `None` when it is not set. A set but unusable URL fails the test: a
    /// silently skipped backend would look green.
    pub fn postgres() -> Option<TestDb> {
        let server = std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())?;
        let name = unique_name();
        let mut admin = PgConnection::establish(&server)
            .unwrap_or_else(|e| panic!("TEST_DATABASE_URL is set but unusable: {e}"));
        diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
            .execute(&mut admin)
            .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
        Some(TestDb {
            url: with_database(&server, &name),
            backend: Backend::Postgres,
            _dir: None,
            created: Some((server, name)),
        })
    }

    /// SQLite, plus PostgreSQL when `TEST_DATABASE_URL` is set.
    pub fn all() -> Vec<TestDb> {
        std::iter::once(TestDb::sqlite())
            .chain(TestDb::postgres())
            .collect()
    }

    /// A migrated pool on this database.
    pub fn pool(&self) -> DbPool {
        // Captured output names the backend when a test fails.
        eprintln!("testing on {self}");
        storage::connect(&self.url, 2).unwrap_or_else(|e| panic!("connect to {self}: {e}"))
    }

    /// One connection from a new migrated pool (it keeps the pool alive).
    pub fn conn(&self) -> PooledConnection<ConnectionManager<DbConn>> {
        self.pool()
            .get()
            .unwrap_or_else(|e| panic!("connection to {self}: {e}"))
    }
}

impl fmt::Display for TestDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.created {
            Some((_, name)) => write!(f, "PostgreSQL database {name}"),
            None => write!(f, "SQLite {}", self.url),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((server, name)) = &self.created else {
            return;
        };
        // FORCE ends the connections pools of this test may still hold.
        let dropped = PgConnection::establish(server)
            .map_err(|e| e.to_string())
            .and_then(|mut admin| {
                diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .execute(&mut admin)
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = dropped {
            eprintln!("could not drop test database {name}: {e}");
        }
    }
}

/// A database name no other test, run or process is using.
fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("liaison_test_{}_{nanos}_{n}", std::process::id())
}

/// `server` with its database path replaced by `name`.
pub fn with_database(server: &str, name: &str) -> String {
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
