//! One-time links to set an account's password. The token is a fresh secret handed out
//! once (into the outbox, beside its mail); the table keeps only its SHA-256.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::analysts::AnalystRow;
use super::schema::{analysts, password_links};
use super::secrets::{hash_secret, new_secret};
use super::{DbConn, StorageError};

/// A stored link (its hash, never its token).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = password_links)]
pub struct PasswordLink {
    pub id: i64,
    pub analyst_id: i64,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    /// Set once used or voided.
    pub used_at: Option<NaiveDateTime>,
}

/// A link just made: the stored row and its token, which goes into the mail only.
pub struct NewPasswordLink {
    pub row: PasswordLink,
    pub token: String,
}

impl std::fmt::Debug for NewPasswordLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewPasswordLink")
            .field("row", &self.row)
            .finish_non_exhaustive()
    }
}

/// Makes a link for an analyst, working from `now` for `lifetime`.
pub fn create(
    conn: &mut DbConn,
    analyst_id: i64,
    now: NaiveDateTime,
    lifetime: Duration,
) -> Result<NewPasswordLink, StorageError> {
    let (token, hash) = new_secret();
    diesel::insert_into(password_links::table)
        .values((
            password_links::analyst_id.eq(analyst_id),
            password_links::token_hash.eq(&hash),
            password_links::created_at.eq(now),
            password_links::expires_at.eq(now + lifetime),
        ))
        .execute(conn)?;
    let id = super::last_insert_id(conn)?;
    let row = password_links::table
        .find(id)
        .select(PasswordLink::as_select())
        .first(conn)?;
    Ok(NewPasswordLink { row, token })
}

/// The link `token` is, with its account, if it still works at `now`: unused, unexpired,
/// and the account not disabled. One query, whatever makes a link not work.
pub fn find_usable(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> Result<Option<(PasswordLink, AnalystRow)>, StorageError> {
    Ok(password_links::table
        .inner_join(analysts::table)
        .filter(password_links::token_hash.eq(hash_secret(token)))
        .filter(password_links::used_at.is_null())
        .filter(password_links::expires_at.gt(now))
        .filter(analysts::disabled_at.is_null())
        .select((PasswordLink::as_select(), AnalystRow::as_select()))
        .first(conn)
        .optional()?)
}

/// Marks a link used at `now`; false when it already was (another request used it first).
pub fn mark_used(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> Result<bool, StorageError> {
    let changed = diesel::update(
        password_links::table
            .find(id)
            .filter(password_links::used_at.is_null()),
    )
    .set(password_links::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(changed > 0)
}

/// Voids every unused link of an analyst but `keep` (if any); returns how many.
pub fn void_others(
    conn: &mut DbConn,
    analyst_id: i64,
    keep: Option<i64>,
    now: NaiveDateTime,
) -> Result<usize, StorageError> {
    Ok(diesel::update(
        password_links::table
            .filter(password_links::analyst_id.eq(analyst_id))
            .filter(password_links::used_at.is_null())
            .filter(password_links::id.ne(keep.unwrap_or(-1))),
    )
    .set(password_links::used_at.eq(Some(now)))
    .execute(conn)?)
}

/// When the newest working link of an analyst expires, if there is one at `now`.
pub fn live_link_expiry(
    conn: &mut DbConn,
    analyst_id: i64,
    now: NaiveDateTime,
) -> Result<Option<NaiveDateTime>, StorageError> {
    Ok(password_links::table
        .filter(password_links::analyst_id.eq(analyst_id))
        .filter(password_links::used_at.is_null())
        .filter(password_links::expires_at.gt(now))
        .order(password_links::expires_at.desc())
        .select(password_links::expires_at)
        .first(conn)
        .optional()?)
}
