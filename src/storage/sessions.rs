//! Analyst sessions: the cookie holds a random token, the `id` column its SHA-256.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::analysts::AnalystRow;
use super::schema::{analysts, sessions};
use super::secrets::{hash_secret, new_secret};
use super::{DbConn, StorageError};

/// How long a session lasts from login.
pub const SESSION_LIFETIME: Duration = Duration::hours(12);

/// A new session's cookie value (given out once) and when it expires.
pub struct NewSession {
    /// The plain token for the cookie; the database holds only its hash.
    pub token: String,
    pub expires_at: NaiveDateTime,
}

impl std::fmt::Debug for NewSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSession")
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// Starts a session for an analyst, lasting [`SESSION_LIFETIME`] from `now`.
pub fn create_session(
    conn: &mut DbConn,
    analyst_id: i64,
    now: NaiveDateTime,
) -> Result<NewSession, StorageError> {
    let (token, hash) = new_secret();
    let expires_at = now + SESSION_LIFETIME;
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(&hash),
            sessions::analyst_id.eq(analyst_id),
            sessions::created_at.eq(now),
            sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(NewSession { token, expires_at })
}

/// The enabled analyst whose unexpired session `token` is, if any.
pub fn find_session_analyst(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> Result<Option<AnalystRow>, StorageError> {
    Ok(sessions::table
        .inner_join(analysts::table)
        .filter(sessions::id.eq(hash_secret(token)))
        .filter(sessions::expires_at.gt(now))
        .filter(analysts::disabled_at.is_null())
        .select(AnalystRow::as_select())
        .first(conn)
        .optional()?)
}

/// Ends the session `token` is; returns whether there was one.
pub fn delete_session(conn: &mut DbConn, token: &str) -> Result<bool, StorageError> {
    let removed = diesel::delete(sessions::table.find(hash_secret(token))).execute(conn)?;
    Ok(removed > 0)
}

/// Removes every session expired at `now`; returns how many.
pub fn delete_expired_sessions(
    conn: &mut DbConn,
    now: NaiveDateTime,
) -> Result<usize, StorageError> {
    Ok(diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(conn)?)
}

/// Ends every session of an analyst; returns how many.
pub fn delete_sessions_of(conn: &mut DbConn, analyst_id: i64) -> Result<usize, StorageError> {
    Ok(
        diesel::delete(sessions::table.filter(sessions::analyst_id.eq(analyst_id)))
            .execute(conn)?,
    )
}
