//! Delegations: sections of a response handed by its contact to a colleague, each with
//! the hash of the colleague's link token. The functions decide nothing: who may delegate
//! what, and when a link works, is `crate::delegations`'s.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{answer_history, delegations, invitations, participants, responses};
use super::{DbConn, StorageError};
use crate::responses::ActorKind;

/// A stored delegation.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = delegations)]
pub struct Delegation {
    pub id: i64,
    /// The contact's invitation, whose response the sections belong to.
    pub invitation_id: i64,
    /// The colleague's address; `None` once retention erased it.
    pub email: Option<String>,
    /// The colleague's name as the contact typed it; `None` if none was given or erased.
    pub name: Option<String>,
    /// The delegated sections' ids, a JSON array.
    pub sections: String,
    /// SHA-256 of the colleague's link token, hex; the token itself is never stored.
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub done_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    /// The language the colleague chose for their pages; `None` follows the response's.
    pub language: Option<String>,
}

impl Delegation {
    /// Whether the colleague's link still opens the sections: not done, taken back or
    /// closed by the contact's submit.
    pub fn is_open(&self) -> bool {
        self.done_at.is_none() && self.revoked_at.is_none() && self.closed_at.is_none()
    }

    /// The delegated sections' ids; none for a value that is not a JSON list of ids.
    pub fn section_ids(&self) -> Vec<String> {
        serde_json::from_str(&self.sections).unwrap_or_default()
    }
}

/// A delegation to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = delegations)]
pub struct NewDelegation<'a> {
    pub invitation_id: i64,
    pub email: &'a str,
    pub name: Option<&'a str>,
    /// A JSON array of section ids.
    pub sections: &'a str,
    pub token_hash: &'a str,
    pub created_at: NaiveDateTime,
}

/// Stores a delegation and returns it.
pub fn create(conn: &mut DbConn, new: &NewDelegation<'_>) -> Result<Delegation, StorageError> {
    diesel::insert_into(delegations::table)
        .values(new)
        .execute(conn)?;
    let id = super::last_insert_id(conn)?;
    get(conn, id)
}

/// The delegation with this id.
pub fn get(conn: &mut DbConn, id: i64) -> Result<Delegation, StorageError> {
    delegations::table
        .find(id)
        .select(Delegation::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StorageError::not_found("delegation", id))
}

/// The delegation whose token hashes to `token_hash`, whatever its state.
pub fn find_by_token_hash(
    conn: &mut DbConn,
    token_hash: &str,
) -> Result<Option<Delegation>, StorageError> {
    Ok(delegations::table
        .filter(delegations::token_hash.eq(token_hash))
        .select(Delegation::as_select())
        .first(conn)
        .optional()?)
}

/// Every delegation of an invitation, oldest first.
pub fn list_for_invitation(
    conn: &mut DbConn,
    invitation_id: i64,
) -> Result<Vec<Delegation>, StorageError> {
    Ok(delegations::table
        .filter(delegations::invitation_id.eq(invitation_id))
        .order(delegations::id)
        .select(Delegation::as_select())
        .load(conn)?)
}

/// The delegations with these ids (for naming them in a history).
pub fn get_many(conn: &mut DbConn, ids: &[i64]) -> Result<Vec<Delegation>, StorageError> {
    Ok(delegations::table
        .filter(delegations::id.eq_any(ids))
        .select(Delegation::as_select())
        .load(conn)?)
}

/// Locks the contact's invitation row until the transaction ends, so that two
/// delegations of one response are checked one after the other: PostgreSQL's row lock
/// (SQLite's write transaction already holds the whole database). A non-key column is
/// written, so rows that merely refer to the invitation are not held up.
pub fn lock_invitation(conn: &mut DbConn, invitation_id: i64) -> Result<(), StorageError> {
    diesel::update(invitations::table.find(invitation_id))
        .set(invitations::state.eq(invitations::state))
        .execute(conn)?;
    Ok(())
}

/// Locks delegation `id` until the transaction ends if it is open, so that taking it back,
/// finishing or closing it waits for a save through its link (PostgreSQL; SQLite's write
/// transaction holds the whole database). Whether it is open.
pub fn lock_open(conn: &mut DbConn, id: i64) -> Result<bool, StorageError> {
    let locked = diesel::update(delegations::table.find(id))
        .filter(delegations::done_at.is_null())
        .filter(delegations::revoked_at.is_null())
        .filter(delegations::closed_at.is_null())
        .set(delegations::done_at.eq(delegations::done_at))
        .execute(conn)?;
    Ok(locked == 1)
}

/// Keeps the language the colleague of delegation `id` chose for their pages.
pub fn set_language(conn: &mut DbConn, id: i64, language: &str) -> Result<(), StorageError> {
    diesel::update(delegations::table.find(id))
        .set(delegations::language.eq(Some(language)))
        .execute(conn)?;
    Ok(())
}

/// Takes back open delegation `id` of `invitation_id` at `at`; whether it was open.
pub fn revoke(
    conn: &mut DbConn,
    invitation_id: i64,
    id: i64,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    end_open(conn, invitation_id, id, Ending::TakenBack, at)
}

/// Marks open delegation `id` of `invitation_id` done at `at`; whether it was open.
pub fn mark_done(
    conn: &mut DbConn,
    invitation_id: i64,
    id: i64,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    end_open(conn, invitation_id, id, Ending::Done, at)
}

/// How an open delegation ends by one person's act.
enum Ending {
    TakenBack,
    Done,
}

/// Ends delegation `id` of `invitation_id` at `at` if it is still open; whether it was.
fn end_open(
    conn: &mut DbConn,
    invitation_id: i64,
    id: i64,
    ending: Ending,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let open = delegations::table
        .filter(delegations::id.eq(id))
        .filter(delegations::invitation_id.eq(invitation_id))
        .filter(delegations::done_at.is_null())
        .filter(delegations::revoked_at.is_null())
        .filter(delegations::closed_at.is_null());
    let changed = match ending {
        Ending::TakenBack => diesel::update(open)
            .set(delegations::revoked_at.eq(Some(at)))
            .execute(conn)?,
        Ending::Done => diesel::update(open)
            .set(delegations::done_at.eq(Some(at)))
            .execute(conn)?,
    };
    Ok(changed == 1)
}

/// Closes every open delegation of `invitation_id` at `at` (the response was submitted);
/// how many.
pub fn close_open(
    conn: &mut DbConn,
    invitation_id: i64,
    at: NaiveDateTime,
) -> Result<usize, StorageError> {
    Ok(diesel::update(delegations::table)
        .filter(delegations::invitation_id.eq(invitation_id))
        .filter(delegations::done_at.is_null())
        .filter(delegations::revoked_at.is_null())
        .filter(delegations::closed_at.is_null())
        .set(delegations::closed_at.eq(Some(at)))
        .execute(conn)?)
}

/// Erases the colleagues' addresses and names in every delegation of the campaign;
/// how many delegations still held one.
pub fn erase_people(conn: &mut DbConn, campaign_id: i64) -> Result<usize, StorageError> {
    let of_campaign = invitations::table
        .inner_join(participants::table)
        .filter(participants::campaign_id.eq(campaign_id))
        .select(invitations::id);
    Ok(diesel::update(delegations::table)
        .filter(delegations::invitation_id.eq_any(of_campaign))
        .filter(
            delegations::email
                .is_not_null()
                .or(delegations::name.is_not_null()),
        )
        .set((
            delegations::email.eq(None::<String>),
            delegations::name.eq(None::<String>),
        ))
        .execute(conn)?)
}

/// The delegations of `invitation_id` whose colleague saved at least one answer.
pub fn answered(conn: &mut DbConn, invitation_id: i64) -> Result<Vec<i64>, StorageError> {
    let ids: Vec<Option<i64>> = answer_history::table
        .inner_join(responses::table)
        .filter(responses::invitation_id.eq(invitation_id))
        .filter(answer_history::actor_kind.eq(ActorKind::Delegate))
        .select(answer_history::actor_id)
        .distinct()
        .load(conn)?;
    Ok(ids.into_iter().flatten().collect())
}
