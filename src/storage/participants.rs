//! Participants: the people a campaign invites, each on behalf of an organisation.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::participants;
use super::{DbConn, StorageError};
use crate::participants::OrganisationKind;

/// A stored participant.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = participants)]
pub struct Participant {
    pub id: i64,
    pub campaign_id: i64,
    pub organisation_id: i64,
    pub email: String,
    pub name: String,
    /// Which of the campaign's questionnaires this participant answers.
    pub audience: OrganisationKind,
    /// The preferred language, when known; otherwise the questionnaire's first.
    pub language: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A participant to add to a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewParticipant<'a> {
    pub campaign_id: i64,
    pub organisation_id: i64,
    pub email: &'a str,
    pub name: &'a str,
    pub audience: OrganisationKind,
    pub language: Option<&'a str>,
}

#[derive(Insertable)]
#[diesel(table_name = participants)]
struct ParticipantRow<'a> {
    campaign_id: i64,
    organisation_id: i64,
    email: &'a str,
    name: &'a str,
    audience: OrganisationKind,
    language: Option<&'a str>,
    created_at: NaiveDateTime,
}

/// Adds a participant to a campaign.
///
/// An e-mail address already in the campaign is a `Conflict`; an unknown
/// campaign or organisation is refused by the database's foreign keys.
pub fn add_participant(
    conn: &mut DbConn,
    new: &NewParticipant<'_>,
) -> Result<Participant, StorageError> {
    crate::storage::write_transaction(conn, |conn| {
        let inserted = diesel::insert_into(participants::table)
            .values(&ParticipantRow {
                campaign_id: new.campaign_id,
                organisation_id: new.organisation_id,
                email: new.email,
                name: new.name,
                audience: new.audience,
                language: new.language,
                created_at: super::now(),
            })
            .execute(conn)
            .map_err(StorageError::from);
        match inserted {
            Err(e) if e.is_unique_violation() => {
                return Err(StorageError::Conflict(format!(
                    "{} is already a participant of campaign {}",
                    new.email, new.campaign_id
                )));
            }
            other => other?,
        };
        let id = super::last_insert_id(conn)?;
        get_participant(conn, id)
    })
}

/// The participant with this id.
pub fn get_participant(conn: &mut DbConn, id: i64) -> Result<Participant, StorageError> {
    participants::table
        .find(id)
        .select(Participant::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StorageError::not_found("participant", id))
}

/// The participants of a campaign, in the order they were added.
pub fn list_participants(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<Participant>, StorageError> {
    Ok(participants::table
        .filter(participants::campaign_id.eq(campaign_id))
        .order(participants::id)
        .select(Participant::as_select())
        .load(conn)?)
}

/// The e-mail addresses of a campaign's participants, as stored.
pub fn participant_emails(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<String>, StorageError> {
    Ok(participants::table
        .filter(participants::campaign_id.eq(campaign_id))
        .select(participants::email)
        .load(conn)?)
}

/// How many participants a campaign has.
pub fn count_participants(conn: &mut DbConn, campaign_id: i64) -> Result<i64, StorageError> {
    Ok(participants::table
        .filter(participants::campaign_id.eq(campaign_id))
        .count()
        .get_result(conn)?)
}
