//! Consents to share a cooperation response with its counterparts (see `crate::disclosure`).

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{gap_consents, invitations, organisations, participants, responses};
use super::{DbConn, StorageError};

/// Records the consent of `response`; giving it twice keeps the first time.
pub fn give(conn: &mut DbConn, response: i64, at: NaiveDateTime) -> Result<bool, StorageError> {
    let row = (
        gap_consents::response_id.eq(response),
        gap_consents::at.eq(at),
    );
    // ON CONFLICT needs the backend's own connection: each has it, the pair does not.
    let added = super::on_backend!(conn, |c| {
        diesel::insert_into(gap_consents::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c)
    })?;
    Ok(added == 1)
}

/// Takes the consent of `response` back; whether there was one.
pub fn withdraw(conn: &mut DbConn, response: i64) -> Result<bool, StorageError> {
    let removed =
        diesel::delete(gap_consents::table.filter(gap_consents::response_id.eq(response)))
            .execute(conn)?;
    Ok(removed == 1)
}

pub fn has(conn: &mut DbConn, response: i64) -> Result<bool, StorageError> {
    let found = gap_consents::table
        .filter(gap_consents::response_id.eq(response))
        .count()
        .get_result::<i64>(conn)?;
    Ok(found > 0)
}

/// The responses of campaign `campaign_id` whose organisations consented.
pub fn of_campaign(conn: &mut DbConn, campaign_id: i64) -> Result<HashSet<i64>, StorageError> {
    let ids: Vec<i64> = gap_consents::table
        .inner_join(responses::table.inner_join(invitations::table.inner_join(participants::table)))
        .filter(participants::campaign_id.eq(campaign_id))
        .select(gap_consents::response_id)
        .load(conn)?;
    Ok(ids.into_iter().collect())
}

/// A consenting counterpart: another audience's handed-in response in the same campaign
/// and country.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Counterpart {
    pub response_id: i64,
    pub organisation: String,
    pub audience: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
}

/// The consenting, handed-in responses of campaign `campaign_id` from organisations of
/// `country` answering for another audience than `audience`.
pub fn counterparts(
    conn: &mut DbConn,
    campaign_id: i64,
    country: &str,
    audience: &str,
) -> Result<Vec<Counterpart>, StorageError> {
    let found = gap_consents::table
        .inner_join(responses::table.inner_join(
            invitations::table.inner_join(participants::table.inner_join(organisations::table)),
        ))
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(organisations::country.eq(country))
        .filter(participants::audience.ne(audience))
        .filter(responses::submitted_at.is_not_null())
        .order(responses::id)
        .select((
            responses::id,
            organisations::name,
            participants::audience,
            responses::questionnaire_id,
            responses::questionnaire_version,
        ))
        .load::<Counterpart>(conn)?;
    Ok(found)
}

/// The country of organisation `organisation_id`.
pub fn country_of(conn: &mut DbConn, organisation_id: i64) -> Result<String, StorageError> {
    Ok(organisations::table
        .find(organisation_id)
        .select(organisations::country)
        .first(conn)?)
}
