//! The comments reviewers and respondents exchange on a response's answers, as rows:
//! appended, never changed, except their bodies, which retention erases (see the
//! migration `review`). Which comments a state change needs, and who may write them, is
//! `crate::responses`'s.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{invitations, participants, response_events, responses, review_comments};
use super::{DbConn, StorageError};
use crate::responses::{ActorKind, ResponseState};

/// A stored comment.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = review_comments)]
pub struct StoredComment {
    pub id: i64,
    pub response_id: i64,
    pub question_id: String,
    pub author_kind: ActorKind,
    pub author_id: Option<i64>,
    /// `None` once retention erased it.
    pub body: Option<String>,
    /// Whether the reviewer asked for this answer to change.
    pub please_change: bool,
    /// The `response_events` row of the decision it was sent with; `None` for a reply.
    pub event_id: Option<i64>,
    /// The reviewer's comment a respondent's reply answers.
    pub reply_to: Option<i64>,
    pub at: NaiveDateTime,
}

/// A comment to append.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = review_comments)]
pub(crate) struct NewComment<'a> {
    pub response_id: i64,
    pub question_id: &'a str,
    pub author_kind: ActorKind,
    pub author_id: Option<i64>,
    pub body: Option<&'a str>,
    pub please_change: bool,
    pub event_id: Option<i64>,
    pub reply_to: Option<i64>,
    pub at: NaiveDateTime,
}

/// Appends one comment in the caller's transaction; its id.
pub(crate) fn append(conn: &mut DbConn, comment: &NewComment<'_>) -> Result<i64, StorageError> {
    diesel::insert_into(review_comments::table)
        .values(comment)
        .execute(conn)?;
    Ok(super::last_insert_id(conn)?)
}

/// Every comment on a response, oldest first.
pub fn of_response(
    conn: &mut DbConn,
    response_id: i64,
) -> Result<Vec<StoredComment>, StorageError> {
    Ok(review_comments::table
        .filter(review_comments::response_id.eq(response_id))
        .order(review_comments::id)
        .select(StoredComment::as_select())
        .load(conn)?)
}

/// The reviewer's comments sent with the response's latest change request, oldest first;
/// empty when changes were never requested.
pub fn of_latest_request(
    conn: &mut DbConn,
    response_id: i64,
) -> Result<Vec<StoredComment>, StorageError> {
    let latest: Option<i64> = response_events::table
        .filter(response_events::response_id.eq(response_id))
        .filter(response_events::to_state.eq(ResponseState::ChangesRequested))
        .order(response_events::id.desc())
        .select(response_events::id)
        .first(conn)
        .optional()?;
    let Some(event) = latest else {
        return Ok(Vec::new());
    };
    Ok(review_comments::table
        .filter(review_comments::event_id.eq(event))
        .order(review_comments::id)
        .select(StoredComment::as_select())
        .load(conn)?)
}

/// The questions the response's latest change request flagged "please change".
pub fn flagged_questions(
    conn: &mut DbConn,
    response_id: i64,
) -> Result<BTreeSet<String>, StorageError> {
    Ok(of_latest_request(conn, response_id)?
        .into_iter()
        .filter(|c| c.please_change)
        .map(|c| c.question_id)
        .collect())
}

/// Erases the bodies of every comment on the campaign's responses (retention), keeping
/// who wrote them and when; how many were erased.
pub fn erase_bodies_of_campaign(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<usize, StorageError> {
    let of_campaign = responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .select(responses::id);
    Ok(diesel::update(
        review_comments::table
            .filter(review_comments::response_id.eq_any(of_campaign))
            .filter(review_comments::body.is_not_null()),
    )
    .set(review_comments::body.eq(None::<String>))
    .execute(conn)?)
}

/// The campaign a response belongs to, and whether that campaign requires review.
pub fn review_rule_of(conn: &mut DbConn, response_id: i64) -> Result<(i64, bool), StorageError> {
    use super::schema::campaigns;
    responses::table
        .find(response_id)
        .inner_join(invitations::table.inner_join(participants::table.inner_join(campaigns::table)))
        .select((campaigns::id, campaigns::review_required))
        .first(conn)
        .optional()?
        .ok_or_else(|| StorageError::not_found("response", response_id))
}
