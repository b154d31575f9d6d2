//! Analyst accounts and the campaigns each one is assigned to.
//!
//! E-mail addresses are stored lower-cased and trimmed, so `Ana@Example.org` and
//! `ana@example.org` are one account. Passwords arrive here already hashed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{analysts, campaign_analysts, campaigns};
use super::{DbConn, StorageError};
use crate::accounts::Role;

/// A stored analyst account.
#[derive(Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = analysts)]
pub struct AnalystRow {
    pub id: i64,
    /// Lower-cased.
    pub email: String,
    /// An argon2id PHC string.
    pub password_hash: String,
    pub role: Role,
    pub created_at: NaiveDateTime,
    /// Set once the account may no longer log in or use its tokens.
    pub disabled_at: Option<NaiveDateTime>,
    /// Whether an admin allowed this analyst to create campaigns (admins always may).
    pub may_create_campaigns: bool,
}

impl std::fmt::Debug for AnalystRow {
    // The hash stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnalystRow")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("role", &self.role)
            .field("disabled_at", &self.disabled_at)
            .field("may_create_campaigns", &self.may_create_campaigns)
            .finish_non_exhaustive()
    }
}

#[derive(Insertable)]
#[diesel(table_name = analysts)]
struct NewAnalystRow<'a> {
    email: &'a str,
    password_hash: &'a str,
    role: Role,
    created_at: NaiveDateTime,
}

/// The form every stored e-mail address takes.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Creates an account; a second account with the same address is a `Conflict`.
pub fn create_analyst(
    conn: &mut DbConn,
    email: &str,
    password_hash: &str,
    role: Role,
) -> Result<AnalystRow, StorageError> {
    let email = normalise_email(email);
    let inserted = diesel::insert_into(analysts::table)
        .values(&NewAnalystRow {
            email: &email,
            password_hash,
            role,
            created_at: super::now(),
        })
        .execute(conn)
        .map_err(StorageError::from);
    match inserted {
        Err(e) if e.is_unique_violation() => Err(StorageError::Conflict(format!(
            "an analyst with the e-mail address {email} already exists"
        ))),
        Err(e) => Err(e),
        Ok(_) => {
            let id = super::last_insert_id(conn)?;
            get_analyst(conn, id)
        }
    }
}

/// The account with this address (in any case), disabled or not.
pub fn find_by_email(conn: &mut DbConn, email: &str) -> Result<Option<AnalystRow>, StorageError> {
    Ok(analysts::table
        .filter(analysts::email.eq(normalise_email(email)))
        .select(AnalystRow::as_select())
        .first(conn)
        .optional()?)
}

/// The account with this id.
pub fn get_analyst(conn: &mut DbConn, id: i64) -> Result<AnalystRow, StorageError> {
    analysts::table
        .find(id)
        .select(AnalystRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StorageError::not_found("analyst", id))
}

/// Every account, by e-mail address.
pub fn list_analysts(conn: &mut DbConn) -> Result<Vec<AnalystRow>, StorageError> {
    Ok(analysts::table
        .order(analysts::email)
        .select(AnalystRow::as_select())
        .load(conn)?)
}

/// Disables an account (keeping the first time it was disabled) and ends its sessions.
pub fn disable_analyst(conn: &mut DbConn, id: i64) -> Result<AnalystRow, StorageError> {
    use super::schema::sessions;
    crate::storage::write_transaction(conn, |conn| {
        diesel::update(
            analysts::table
                .find(id)
                .filter(analysts::disabled_at.is_null()),
        )
        .set(analysts::disabled_at.eq(Some(super::now())))
        .execute(conn)?;
        diesel::delete(sessions::table.filter(sessions::analyst_id.eq(id))).execute(conn)?;
        get_analyst(conn, id)
    })
}

/// Allows or forbids an analyst to create campaigns; returns the account as it now is.
pub fn set_may_create_campaigns(
    conn: &mut DbConn,
    id: i64,
    allowed: bool,
) -> Result<AnalystRow, StorageError> {
    diesel::update(analysts::table.find(id))
        .set(analysts::may_create_campaigns.eq(allowed))
        .execute(conn)?;
    get_analyst(conn, id)
}

/// Lets an analyst see a campaign; assigning twice changes nothing.
///
/// An unknown campaign or analyst is `NotFound`.
pub fn assign_campaign(
    conn: &mut DbConn,
    analyst_id: i64,
    campaign_id: i64,
) -> Result<(), StorageError> {
    crate::storage::write_transaction(conn, |conn| {
        let exists: i64 = campaigns::table
            .filter(campaigns::id.eq(campaign_id))
            .count()
            .get_result(conn)?;
        if exists == 0 {
            return Err(StorageError::not_found("campaign", campaign_id));
        }
        get_analyst(conn, analyst_id)?;
        let already: i64 = campaign_analysts::table
            .filter(campaign_analysts::campaign_id.eq(campaign_id))
            .filter(campaign_analysts::analyst_id.eq(analyst_id))
            .count()
            .get_result(conn)?;
        if already == 0 {
            diesel::insert_into(campaign_analysts::table)
                .values((
                    campaign_analysts::campaign_id.eq(campaign_id),
                    campaign_analysts::analyst_id.eq(analyst_id),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// Takes a campaign away from an analyst; returns whether it was assigned.
pub fn unassign_campaign(
    conn: &mut DbConn,
    analyst_id: i64,
    campaign_id: i64,
) -> Result<bool, StorageError> {
    let removed = diesel::delete(
        campaign_analysts::table
            .filter(campaign_analysts::campaign_id.eq(campaign_id))
            .filter(campaign_analysts::analyst_id.eq(analyst_id)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}

/// Makes an assigned analyst a reviewer of the campaign's responses, or no longer one;
/// returns whether the analyst is assigned to it (nothing changes when not).
pub fn set_reviewer(
    conn: &mut DbConn,
    analyst_id: i64,
    campaign_id: i64,
    reviewer: bool,
) -> Result<bool, StorageError> {
    let changed = diesel::update(
        campaign_analysts::table
            .filter(campaign_analysts::campaign_id.eq(campaign_id))
            .filter(campaign_analysts::analyst_id.eq(analyst_id)),
    )
    .set(campaign_analysts::reviewer.eq(reviewer))
    .execute(conn)?;
    Ok(changed > 0)
}

/// Whether an analyst is assigned to the campaign with the reviewer role.
pub fn is_reviewer(
    conn: &mut DbConn,
    analyst_id: i64,
    campaign_id: i64,
) -> Result<bool, StorageError> {
    let found: i64 = campaign_analysts::table
        .filter(campaign_analysts::campaign_id.eq(campaign_id))
        .filter(campaign_analysts::analyst_id.eq(analyst_id))
        .filter(campaign_analysts::reviewer.eq(true))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// The ids of the campaigns an analyst reviews, ascending.
pub fn reviewed_campaigns_of(conn: &mut DbConn, analyst_id: i64) -> Result<Vec<i64>, StorageError> {
    Ok(campaign_analysts::table
        .filter(campaign_analysts::analyst_id.eq(analyst_id))
        .filter(campaign_analysts::reviewer.eq(true))
        .order(campaign_analysts::campaign_id)
        .select(campaign_analysts::campaign_id)
        .load(conn)?)
}

/// The ids of the campaigns assigned to an analyst, ascending.
pub fn campaigns_of(conn: &mut DbConn, analyst_id: i64) -> Result<Vec<i64>, StorageError> {
    Ok(campaign_analysts::table
        .filter(campaign_analysts::analyst_id.eq(analyst_id))
        .order(campaign_analysts::campaign_id)
        .select(campaign_analysts::campaign_id)
        .load(conn)?)
}

/// Replaces an analyst's password hash (the demo sets a fresh password at every start).
pub fn set_password_hash(
    conn: &mut DbConn,
    id: i64,
    password_hash: &str,
) -> Result<(), StorageError> {
    diesel::update(analysts::table.find(id))
        .set(analysts::password_hash.eq(password_hash))
        .execute(conn)?;
    Ok(())
}
