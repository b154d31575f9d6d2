//! API tokens: each belongs to one analyst and carries their permissions. The plain token
//! is returned once, at creation; the database keeps only its SHA-256.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::analysts::AnalystRow;
use super::schema::{analysts, api_tokens};
use super::secrets::{hash_secret, new_secret};
use super::{DbConn, StorageError};

/// A stored API token (its hash, never the token).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: i64,
    pub analyst_id: i64,
    /// What the owner called it, e.g. "reporting script".
    pub name: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// A token just created: the stored row and the plain token, shown this once.
pub struct IssuedToken {
    pub row: ApiToken,
    pub token: String,
}

impl std::fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedToken")
            .field("row", &self.row)
            .finish_non_exhaustive()
    }
}

/// Creates a token for an analyst.
pub fn create_api_token(
    conn: &mut DbConn,
    analyst_id: i64,
    name: &str,
) -> Result<IssuedToken, StorageError> {
    let (token, hash) = new_secret();
    diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::analyst_id.eq(analyst_id),
            api_tokens::name.eq(name),
            api_tokens::token_hash.eq(&hash),
            api_tokens::created_at.eq(super::now()),
        ))
        .execute(conn)?;
    let id = super::last_insert_id(conn)?;
    let row = api_tokens::table
        .find(id)
        .select(ApiToken::as_select())
        .first(conn)?;
    Ok(IssuedToken { row, token })
}

/// The unrevoked token `token` is, with its enabled owner.
pub fn find_valid_token(
    conn: &mut DbConn,
    token: &str,
) -> Result<Option<(ApiToken, AnalystRow)>, StorageError> {
    Ok(api_tokens::table
        .inner_join(analysts::table)
        .filter(api_tokens::token_hash.eq(hash_secret(token)))
        .filter(api_tokens::revoked_at.is_null())
        .filter(analysts::disabled_at.is_null())
        .select((ApiToken::as_select(), AnalystRow::as_select()))
        .first(conn)
        .optional()?)
}

/// Notes that a token was just used.
pub fn touch_api_token(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> Result<(), StorageError> {
    diesel::update(api_tokens::table.find(id))
        .set(api_tokens::last_used_at.eq(Some(now)))
        .execute(conn)?;
    Ok(())
}

/// Revokes a token for good; returns whether it was still valid.
pub fn revoke_api_token(conn: &mut DbConn, id: i64) -> Result<bool, StorageError> {
    let changed = diesel::update(
        api_tokens::table
            .find(id)
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(super::now())))
    .execute(conn)?;
    Ok(changed > 0)
}

/// An analyst's tokens, oldest first.
pub fn tokens_of(conn: &mut DbConn, analyst_id: i64) -> Result<Vec<ApiToken>, StorageError> {
    Ok(api_tokens::table
        .filter(api_tokens::analyst_id.eq(analyst_id))
        .order(api_tokens::id)
        .select(ApiToken::as_select())
        .load(conn)?)
}

/// How many unrevoked tokens each analyst has (analysts without one are left out).
pub fn live_counts(conn: &mut DbConn) -> Result<Vec<(i64, i64)>, StorageError> {
    Ok(api_tokens::table
        .filter(api_tokens::revoked_at.is_null())
        .group_by(api_tokens::analyst_id)
        .select((api_tokens::analyst_id, diesel::dsl::count_star()))
        .load(conn)?)
}

/// The token with this id, if it is the analyst's.
pub fn token_of(
    conn: &mut DbConn,
    analyst_id: i64,
    token_id: i64,
) -> Result<Option<ApiToken>, StorageError> {
    Ok(api_tokens::table
        .find(token_id)
        .filter(api_tokens::analyst_id.eq(analyst_id))
        .select(ApiToken::as_select())
        .first(conn)
        .optional()?)
}
