//! Opening the database: choose the backend, migrate once, then pool connections.

use diesel::connection::SimpleConnection;
use diesel::migration::MigrationVersion;
use diesel::prelude::*;
use diesel::r2d2::{self, ConnectionManager, CustomizeConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::location::Location;
use super::{DbConn, StorageError};

/// A pool of connections to one database.
pub type DbPool = r2d2::Pool<ConnectionManager<DbConn>>;

/// A connection taken from a [`DbPool`], returned to it when dropped.
pub type PooledConn = r2d2::PooledConnection<ConnectionManager<DbConn>>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Serialises migrations between instances that start together on one
/// PostgreSQL (the key is arbitrary but fixed: "liaison" in ASCII).
const MIGRATION_LOCK_KEY: i64 = 0x006c_6961_6973_6f6e;

/// Set on every SQLite connection. `busy_timeout` comes first because switching
/// to WAL itself needs the write lock. WAL lets readers run beside the writer;
/// `synchronous = NORMAL` is durable enough with WAL and much faster;
/// SQLite leaves foreign keys off unless asked, per connection. A statement that writes
/// many rows (a page's answers in one INSERT) keeps the prior images of the pages it
/// changes in a statement journal, so that a failed constraint undoes it alone; that
/// journal spills to a temporary file past 64 KiB unless temporary files live in memory,
/// and writing it was a tenth of a page save's work.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 5000;
PRAGMA foreign_keys = ON;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA temp_store = MEMORY;";

/// Opens the database named by `database_url`, applies any pending migrations of
/// its backend and returns a pool of `pool_size` connections.
///
/// `postgres://` and `postgresql://` URLs choose PostgreSQL; `sqlite://path`, a
/// `file:` URI or a plain path choose SQLite, creating the file if it is missing
/// (its folder must exist).
pub fn connect(database_url: &str, pool_size: u32) -> Result<DbPool, StorageError> {
    if pool_size == 0 {
        return Err(StorageError::EmptyPool);
    }
    let location = Location::parse(database_url)?;
    super::stable_plans::on_every_connection();
    // One direct connection first: it fails fast with the backend's own message,
    // where the pool would retry until its timeout and then say less.
    let mut conn = open(&location)?;
    run_migrations(&mut conn)?;
    drop(conn);

    r2d2::Pool::builder()
        .max_size(pool_size)
        .connection_customizer(Box::new(SqlitePragmas))
        .build(ConnectionManager::new(location.connection_string()))
        .map_err(|e| StorageError::Open {
            location: location.describe(),
            reason: e.to_string(),
        })
}

/// For SQLite, a pool of exactly one connection to the database at `database_url`, apart
/// from the shared pool and already migrated by it: for a writer that keeps its
/// connection (see `group_commit`) without taking one of the pool's. `None` for
/// PostgreSQL.
pub(super) fn sqlite_writer(database_url: &str) -> Result<Option<DbPool>, StorageError> {
    let location = Location::parse(database_url)?;
    if !matches!(location, Location::Sqlite { .. }) {
        return Ok(None);
    }
    r2d2::Pool::builder()
        .max_size(1)
        .connection_customizer(Box::new(SqlitePragmas))
        .build(ConnectionManager::new(location.connection_string()))
        .map(Some)
        .map_err(|e| StorageError::Open {
            location: location.describe(),
            reason: e.to_string(),
        })
}

fn open(location: &Location) -> Result<DbConn, StorageError> {
    let fail = |reason: String| StorageError::Open {
        location: location.describe(),
        reason,
    };
    if let Some(folder) = location.sqlite_folder()
        && !folder.is_dir()
    {
        return Err(fail(format!("folder {} does not exist", folder.display())));
    }
    let conn = match location {
        Location::Postgres { url } => PgConnection::establish(url).map(DbConn::Pg),
        Location::Sqlite { uri, .. } => SqliteConnection::establish(uri).map(DbConn::Sqlite),
    };
    let mut conn = conn.map_err(|e| fail(e.to_string()))?;
    apply_sqlite_pragmas(&mut conn).map_err(|e| fail(e.to_string()))?;
    Ok(conn)
}

/// Runs the pending migrations of the connection's backend in one transaction,
/// so two instances starting at once cannot both apply the same migration.
fn run_migrations(conn: &mut DbConn) -> Result<(), StorageError> {
    match conn {
        DbConn::Pg(pg) => pg.transaction(|pg| {
            diesel::sql_query(format!(
                "SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})"
            ))
            .execute(pg)?;
            migrated(pg.run_pending_migrations(POSTGRES_MIGRATIONS))
        }),
        // IMMEDIATE takes the write lock before reading which migrations ran.
        DbConn::Sqlite(sqlite) => sqlite.immediate_transaction(|sqlite| {
            migrated(sqlite.run_pending_migrations(SQLITE_MIGRATIONS))
        }),
    }
}

fn migrated(
    result: Result<Vec<MigrationVersion<'_>>, Box<dyn std::error::Error + Send + Sync>>,
) -> Result<(), StorageError> {
    result
        .map(|_versions| ())
        .map_err(|e| StorageError::Migration(e.to_string()))
}

fn apply_sqlite_pragmas(conn: &mut DbConn) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(sqlite) => sqlite.batch_execute(SQLITE_PRAGMAS),
        DbConn::Pg(_) => Ok(()),
    }
}

/// Applies [`SQLITE_PRAGMAS`] to each new pooled connection; PostgreSQL needs none.
#[derive(Debug, Clone, Copy)]
struct SqlitePragmas;

impl CustomizeConnection<DbConn, r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        apply_sqlite_pragmas(conn).map_err(r2d2::Error::QueryError)
    }
}
