//! What the accounts pages and the API show of an account: the stored row with its
//! campaigns, whether it has a password or a link to set one, and its live API tokens.

use chrono::NaiveDateTime;

use crate::storage::analysts::{self, AnalystRow};
use crate::storage::{DbConn, StorageError, api_tokens, now, password_links};

use super::{AccountError, has_password};

/// An account as the admin pages list it.
#[derive(Debug, Clone)]
pub struct AccountOverview {
    pub row: AnalystRow,
    /// The ids of the campaigns assigned to it, ascending.
    pub campaigns: Vec<i64>,
    /// The ids of the assigned campaigns whose responses it reviews, ascending.
    pub reviews: Vec<i64>,
    /// Whether a password is set (an account added with a link has none until it is used).
    pub password_set: bool,
    /// When the newest working password link expires, if one is pending.
    pub link_expires_at: Option<NaiveDateTime>,
    /// Unrevoked API tokens.
    pub live_tokens: i64,
}

/// Every account, by e-mail address.
pub fn overviews(conn: &mut DbConn) -> Result<Vec<AccountOverview>, StorageError> {
    let counts = api_tokens::live_counts(conn)?;
    let at = now();
    analysts::list_analysts(conn)?
        .into_iter()
        .map(|row| {
            let live = counts
                .iter()
                .find(|(id, _)| *id == row.id)
                .map_or(0, |(_, n)| *n);
            describe(conn, row, live, at)
        })
        .collect()
}

/// The account with this id.
pub fn overview(conn: &mut DbConn, id: i64) -> Result<AccountOverview, AccountError> {
    let row = super::account(conn, id)?;
    let live = api_tokens::tokens_of(conn, id)?
        .iter()
        .filter(|t| t.revoked_at.is_none())
        .count();
    Ok(describe(
        conn,
        row,
        i64::try_from(live).unwrap_or(i64::MAX),
        now(),
    )?)
}

fn describe(
    conn: &mut DbConn,
    row: AnalystRow,
    live_tokens: i64,
    at: NaiveDateTime,
) -> Result<AccountOverview, StorageError> {
    let link_expires_at = if row.disabled_at.is_none() {
        password_links::live_link_expiry(conn, row.id, at)?
    } else {
        None
    };
    Ok(AccountOverview {
        campaigns: analysts::campaigns_of(conn, row.id)?,
        reviews: analysts::reviewed_campaigns_of(conn, row.id)?,
        password_set: has_password(&row.password_hash),
        link_expires_at,
        live_tokens,
        row,
    })
}
