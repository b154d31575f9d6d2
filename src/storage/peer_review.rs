//! Peer review as rows: peer-reviewer accounts, the responses given to them, the reviewed
//! team's consent, and the peer and agreed levels per parameter (every change a new row).
//! The rules (who may be given what, which levels count) are `crate::peer_review`'s.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    analysts, campaigns, peer_assignments, peer_consents, peer_levels, peer_reviewers,
};
use super::{DbConn, StorageError};

/// A peer-reviewer account: the analyst row's id, with the country and organisation it
/// reviews for.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = peer_reviewers)]
pub struct PeerReviewer {
    pub analyst_id: i64,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    pub organisation: String,
    pub created_at: NaiveDateTime,
}

/// A response given to a peer reviewer, with the reviewer's address and country.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct PeerAssignment {
    pub response_id: i64,
    pub analyst_id: i64,
    pub email: String,
    pub country: String,
    pub assigned_by: String,
    pub at: NaiveDateTime,
}

/// The reviewed team's consent.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = peer_consents)]
pub struct PeerConsent {
    pub response_id: i64,
    /// The link (invitation) it was given through.
    pub invitation_id: i64,
    pub at: NaiveDateTime,
    pub withdrawn_at: Option<NaiveDateTime>,
}

/// Which assessment a level belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelKind {
    /// Recorded by a peer reviewer given the response.
    Peer,
    /// Recorded by the campaign's reviewer after the discussion.
    Agreed,
}

impl LevelKind {
    fn as_str(self) -> &'static str {
        match self {
            LevelKind::Peer => "peer",
            LevelKind::Agreed => "agreed",
        }
    }
}

/// One recorded level of one parameter.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = peer_levels)]
pub struct StoredLevel {
    pub id: i64,
    pub response_id: i64,
    pub kind: String,
    pub question_id: String,
    pub level: i32,
    pub justification: String,
    /// The audit name of whoever recorded it.
    pub recorded_by: String,
    pub at: NaiveDateTime,
}

/// A level to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLevel {
    pub question_id: String,
    pub level: i32,
    pub justification: String,
}

#[derive(Insertable)]
#[diesel(table_name = peer_levels)]
struct LevelRow<'a> {
    response_id: i64,
    kind: &'a str,
    question_id: &'a str,
    level: i32,
    justification: &'a str,
    recorded_by: &'a str,
    at: NaiveDateTime,
}

/// Makes the analyst `analyst_id` a peer reviewer for `country` and `organisation`.
pub fn create_peer_reviewer(
    conn: &mut DbConn,
    analyst_id: i64,
    country: &str,
    organisation: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::insert_into(peer_reviewers::table)
        .values((
            peer_reviewers::analyst_id.eq(analyst_id),
            peer_reviewers::country.eq(country),
            peer_reviewers::organisation.eq(organisation),
            peer_reviewers::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The peer-reviewer row of an analyst account; `None` for an ordinary analyst or admin.
pub fn peer_reviewer(
    conn: &mut DbConn,
    analyst_id: i64,
) -> Result<Option<PeerReviewer>, StorageError> {
    Ok(peer_reviewers::table
        .find(analyst_id)
        .select(PeerReviewer::as_select())
        .first(conn)
        .optional()?)
}

/// Every peer reviewer with its address, by address.
pub fn list_peer_reviewers(conn: &mut DbConn) -> Result<Vec<(PeerReviewer, String)>, StorageError> {
    Ok(peer_reviewers::table
        .inner_join(analysts::table)
        .filter(analysts::disabled_at.is_null())
        .order(analysts::email)
        .select((PeerReviewer::as_select(), analysts::email))
        .load(conn)?)
}

/// Gives the response to the peer reviewer; `false` if it was given already.
pub fn assign(
    conn: &mut DbConn,
    response_id: i64,
    analyst_id: i64,
    assigned_by: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    if is_assigned(conn, response_id, analyst_id)? {
        return Ok(false);
    }
    diesel::insert_into(peer_assignments::table)
        .values((
            peer_assignments::response_id.eq(response_id),
            peer_assignments::analyst_id.eq(analyst_id),
            peer_assignments::assigned_by.eq(assigned_by),
            peer_assignments::at.eq(at),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Whether the response was given to the peer reviewer.
pub fn is_assigned(
    conn: &mut DbConn,
    response_id: i64,
    analyst_id: i64,
) -> Result<bool, StorageError> {
    let n: i64 = peer_assignments::table
        .filter(peer_assignments::response_id.eq(response_id))
        .filter(peer_assignments::analyst_id.eq(analyst_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The peer reviewers a response was given to, in the order they were given it.
pub fn assignments_of_response(
    conn: &mut DbConn,
    response_id: i64,
) -> Result<Vec<PeerAssignment>, StorageError> {
    Ok(peer_assignments::table
        .inner_join(peer_reviewers::table.inner_join(analysts::table))
        .filter(peer_assignments::response_id.eq(response_id))
        .order((peer_assignments::at, peer_assignments::analyst_id))
        .select((
            peer_assignments::response_id,
            peer_assignments::analyst_id,
            analysts::email,
            peer_reviewers::country,
            peer_assignments::assigned_by,
            peer_assignments::at,
        ))
        .load(conn)?)
}

/// The ids of the responses given to a peer reviewer, newest first.
pub fn responses_of_peer(conn: &mut DbConn, analyst_id: i64) -> Result<Vec<i64>, StorageError> {
    Ok(peer_assignments::table
        .filter(peer_assignments::analyst_id.eq(analyst_id))
        .order(peer_assignments::at.desc())
        .select(peer_assignments::response_id)
        .load(conn)?)
}

/// Records (or renews, after a withdrawal) the team's consent.
pub fn record_consent(
    conn: &mut DbConn,
    response_id: i64,
    invitation_id: i64,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::delete(peer_consents::table.find(response_id)).execute(conn)?;
    diesel::insert_into(peer_consents::table)
        .values((
            peer_consents::response_id.eq(response_id),
            peer_consents::invitation_id.eq(invitation_id),
            peer_consents::at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks the team's consent withdrawn; `false` if there was none in force.
pub fn withdraw_consent(
    conn: &mut DbConn,
    response_id: i64,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        peer_consents::table
            .find(response_id)
            .filter(peer_consents::withdrawn_at.is_null()),
    )
    .set(peer_consents::withdrawn_at.eq(Some(at)))
    .execute(conn)?;
    Ok(n > 0)
}

/// The consent row of a response, withdrawn or not.
pub fn consent_of(
    conn: &mut DbConn,
    response_id: i64,
) -> Result<Option<PeerConsent>, StorageError> {
    Ok(peer_consents::table
        .find(response_id)
        .select(PeerConsent::as_select())
        .first(conn)
        .optional()?)
}

/// Appends levels of one kind; earlier rows stay as the history.
pub fn record_levels(
    conn: &mut DbConn,
    response_id: i64,
    kind: LevelKind,
    levels: &[NewLevel],
    recorded_by: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    let rows: Vec<LevelRow<'_>> = levels
        .iter()
        .map(|l| LevelRow {
            response_id,
            kind: kind.as_str(),
            question_id: &l.question_id,
            level: l.level,
            justification: &l.justification,
            recorded_by,
            at,
        })
        .collect();
    // One insert per row: the backends' multi-row inserts differ in diesel's MultiBackend.
    for row in rows {
        diesel::insert_into(peer_levels::table)
            .values(&row)
            .execute(conn)?;
    }
    Ok(())
}

/// Every recorded level of one kind, oldest first: the history.
pub fn level_history(
    conn: &mut DbConn,
    response_id: i64,
    kind: LevelKind,
) -> Result<Vec<StoredLevel>, StorageError> {
    Ok(peer_levels::table
        .filter(peer_levels::response_id.eq(response_id))
        .filter(peer_levels::kind.eq(kind.as_str()))
        .order(peer_levels::id)
        .select(StoredLevel::as_select())
        .load(conn)?)
}

/// The level in force per parameter (the latest recorded), by question id.
pub fn current_levels(
    conn: &mut DbConn,
    response_id: i64,
    kind: LevelKind,
) -> Result<BTreeMap<String, StoredLevel>, StorageError> {
    Ok(level_history(conn, response_id, kind)?
        .into_iter()
        .map(|l| (l.question_id.clone(), l))
        .collect())
}

/// The levels in force of one kind for many responses: response id → question id → level.
pub fn current_levels_of(
    conn: &mut DbConn,
    response_ids: &[i64],
    kind: LevelKind,
) -> Result<BTreeMap<i64, BTreeMap<String, i32>>, StorageError> {
    let mut out: BTreeMap<i64, BTreeMap<String, i32>> = BTreeMap::new();
    for chunk in response_ids.chunks(500) {
        let rows: Vec<(i64, String, i32)> = peer_levels::table
            .filter(peer_levels::response_id.eq_any(chunk))
            .filter(peer_levels::kind.eq(kind.as_str()))
            .order(peer_levels::id)
            .select((
                peer_levels::response_id,
                peer_levels::question_id,
                peer_levels::level,
            ))
            .load(conn)?;
        for (response, question, level) in rows {
            out.entry(response).or_default().insert(question, level);
        }
    }
    Ok(out)
}

/// Whether the campaign asks for NIS2-style peer review.
pub fn peer_review_nis2(conn: &mut DbConn, campaign_id: i64) -> Result<bool, StorageError> {
    campaigns::table
        .find(campaign_id)
        .select(campaigns::peer_review_nis2)
        .first(conn)
        .optional()?
        .ok_or_else(|| StorageError::not_found("campaign", campaign_id))
}

/// Sets whether the campaign asks for NIS2-style peer review.
pub fn set_peer_review_nis2(
    conn: &mut DbConn,
    campaign_id: i64,
    nis2: bool,
) -> Result<(), StorageError> {
    diesel::update(campaigns::table.find(campaign_id))
        .set(campaigns::peer_review_nis2.eq(nis2))
        .execute(conn)?;
    Ok(())
}

/// The responses whose team's consent is in force, newest consent first.
pub fn consented_responses(conn: &mut DbConn) -> Result<Vec<i64>, StorageError> {
    Ok(peer_consents::table
        .filter(peer_consents::withdrawn_at.is_null())
        .order(peer_consents::at.desc())
        .select(peer_consents::response_id)
        .load(conn)?)
}
