//! `StorageError`: everything the storage layer can report to its callers.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// What went wrong in the storage layer.
///
/// Messages name the database (with any password hidden) and the row involved,
/// so a log line is enough to act on. `web::WebError` decides which of these a
/// user may see.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The database URL names no backend this binary speaks.
    #[error("unsupported database URL {url:?}: {reason}")]
    UnsupportedUrl { url: String, reason: String },

    /// A pool needs at least one connection.
    #[error("the database pool size must be at least 1")]
    EmptyPool,

    /// The database could not be opened or reached.
    #[error("cannot open database at {location}: {reason}")]
    Open { location: String, reason: String },

    /// The embedded migrations could not be applied.
    #[error("migration failed: {0}")]
    Migration(String),

    /// A row that the caller named does not exist.
    #[error("{what} {id} not found")]
    NotFound { what: &'static str, id: String },

    /// The write contradicts what is already stored.
    #[error("conflict: {0}")]
    Conflict(String),

    /// A stored value cannot be read back (e.g. a snapshot that is not valid JSON).
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),

    /// Any other database error.
    #[error("database error: {0}")]
    Diesel(#[from] DieselError),

    /// An error of the reports' plain scan of the answers table (see `report_rows`).
    #[error("database error: {0}")]
    Scan(#[from] rusqlite::Error),

    /// A write ran but its transaction did not commit (see `group_commit`).
    #[error("the write was not committed: {0}")]
    NotCommitted(String),

    /// No connection could be taken from the pool.
    #[error("database pool error: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
}

impl StorageError {
    /// A `NotFound` for the row `what` with key `id`.
    pub fn not_found(what: &'static str, id: impl ToString) -> Self {
        Self::NotFound {
            what,
            id: id.to_string(),
        }
    }

    /// Whether the database refused the write because of a unique constraint.
    pub fn is_unique_violation(&self) -> bool {
        self.database_error_kind() == Some(DatabaseErrorKind::UniqueViolation)
    }

    /// Whether the database refused the write because of a foreign key.
    pub fn is_foreign_key_violation(&self) -> bool {
        self.database_error_kind() == Some(DatabaseErrorKind::ForeignKeyViolation)
    }

    fn database_error_kind(&self) -> Option<DatabaseErrorKind> {
        match self {
            Self::Diesel(DieselError::DatabaseError(kind, _)) => Some(*kind),
            _ => None,
        }
    }
}
