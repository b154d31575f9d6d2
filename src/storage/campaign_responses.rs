//! A campaign's responses as analysts list and open them: each with the organisation,
//! audience and country of whoever gave it, counted and read a page at a time, the answers
//! of a page's responses in one query, and the mails of one invitation. Reads only.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::responses::Response;
use super::schema::{answers, invitations, organisations, outbox, participants, responses};
use super::{DbConn, MultiBackend, StorageError};
use crate::mail::{OutboxKind, OutboxState};
use crate::participants::OrganisationKind;
use crate::questionnaire::{Answer, Answers};
use crate::responses::ResponseFilter;

/// A response with the campaign it belongs to and who gave it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct PlacedResponse {
    pub response: Response,
    pub campaign_id: i64,
    pub organisation: String,
    pub audience: OrganisationKind,
    /// ISO 3166-1 alpha-2 of the organisation.
    pub country: String,
}

/// The columns of a [`PlacedResponse`], for every query here.
type Placed = (
    diesel::dsl::AsSelect<Response, MultiBackend>,
    participants::campaign_id,
    organisations::name,
    participants::audience,
    organisations::country,
);

fn placed_columns() -> Placed {
    (
        Response::as_select(),
        participants::campaign_id,
        organisations::name,
        participants::audience,
        organisations::country,
    )
}

/// Every response of campaign `campaign_id` that passes `filter`, each with whoever gave
/// it, unordered: what [`count_of_campaign`] counts and [`page_of_campaign`] pages.
fn filtered<'a>(campaign_id: i64, filter: &ResponseFilter) -> Filtered<'a> {
    let mut query = responses::table
        .inner_join(
            invitations::table.inner_join(participants::table.inner_join(organisations::table)),
        )
        .filter(participants::campaign_id.eq(campaign_id))
        .into_boxed::<MultiBackend>();
    if let Some(audience) = filter.audience {
        query = query.filter(participants::audience.eq(audience));
    }
    if let Some(country) = &filter.country {
        query = query.filter(organisations::country.eq(country.clone()));
    }
    if let Some(state) = filter.state {
        query = query.filter(responses::state.eq(state));
    }
    query
}

type Filtered<'a> = diesel::dsl::IntoBoxed<
    'a,
    diesel::dsl::Filter<
        diesel::dsl::InnerJoin<
            responses::table,
            diesel::dsl::InnerJoin<
                invitations::table,
                diesel::dsl::InnerJoin<participants::table, organisations::table>,
            >,
        >,
        diesel::dsl::Eq<participants::campaign_id, i64>,
    >,
    MultiBackend,
>;

/// How many responses of campaign `campaign_id` pass `filter`.
pub fn count_of_campaign(
    conn: &mut DbConn,
    campaign_id: i64,
    filter: &ResponseFilter,
) -> Result<u64, StorageError> {
    let n: i64 = filtered(campaign_id, filter).count().get_result(conn)?;
    Ok(n.unsigned_abs())
}

/// The responses of campaign `campaign_id` that pass `filter`, by organisation name then
/// id, `limit` of them after the first `offset`.
pub fn page_of_campaign(
    conn: &mut DbConn,
    campaign_id: i64,
    filter: &ResponseFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<PlacedResponse>, StorageError> {
    Ok(filtered(campaign_id, filter)
        .order((organisations::name, responses::id))
        .select(placed_columns())
        .offset(offset)
        .limit(limit)
        .load(conn)?)
}

/// One response with its campaign and organisation; `None` if there is no such response.
pub fn placed(conn: &mut DbConn, response_id: i64) -> Result<Option<PlacedResponse>, StorageError> {
    Ok(responses::table
        .inner_join(
            invitations::table.inner_join(participants::table.inner_join(organisations::table)),
        )
        .filter(responses::id.eq(response_id))
        .select(placed_columns())
        .first(conn)
        .optional()?)
}

/// The answers of the responses `response_ids` (a page of a list), by response id, in one
/// query.
pub fn answers_of(
    conn: &mut DbConn,
    response_ids: &[i64],
) -> Result<HashMap<i64, Answers>, StorageError> {
    let rows: Vec<(i64, String, String)> = answers::table
        .filter(answers::response_id.eq_any(response_ids))
        .select((answers::response_id, answers::question_id, answers::value))
        .load(conn)?;
    let mut all: HashMap<i64, Answers> = HashMap::new();
    for (response, question, value) in rows {
        let answer: Answer = serde_json::from_str(&value).map_err(|e| {
            StorageError::Corrupt(format!("answer {question} of response {response}: {e}"))
        })?;
        all.entry(response).or_default().insert(question, answer);
    }
    Ok(all)
}

/// A mail of one invitation as its history shows it: never its body, and never the link
/// token a mail not sent yet still holds.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct InvitationMail {
    pub id: i64,
    pub kind: OutboxKind,
    pub state: OutboxState,
    pub attempts: i32,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

/// The mails of invitation `invitation_id`, oldest first.
pub fn invitation_mails(
    conn: &mut DbConn,
    invitation_id: i64,
) -> Result<Vec<InvitationMail>, StorageError> {
    Ok(outbox::table
        .filter(outbox::invitation_id.eq(invitation_id))
        .order(outbox::id)
        .select(InvitationMail::as_select())
        .load(conn)?)
}
