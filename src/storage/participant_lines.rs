//! A campaign's participants as its list shows them: each with its organisation and where
//! its invitation and its response stand, read in one query.

use diesel::prelude::*;

use super::participants::Participant;
use super::schema::{invitations, organisations, participants, responses};
use super::{DbConn, StorageError};
use crate::invitations::InvitationState;
use crate::responses::ResponseState;

/// One participant with its organisation, invitation and response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantLine {
    pub participant: Participant,
    /// The organisation's name.
    pub organisation: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    /// `None` until the participant is invited.
    pub invitation: Option<InvitationState>,
    /// `None` until the link is opened and the response started.
    pub response: Option<ResponseState>,
}

/// A line as the query reads it: participant, organisation name and country, invitation
/// state, response state.
type Row = (
    Participant,
    String,
    String,
    Option<InvitationState>,
    Option<ResponseState>,
);

/// Every participant of a campaign, in the order they were added.
pub fn participant_lines(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<ParticipantLine>, StorageError> {
    let rows: Vec<Row> = participants::table
        .inner_join(organisations::table)
        .left_join(invitations::table.left_join(responses::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .order(participants::id)
        .select((
            Participant::as_select(),
            organisations::name,
            organisations::country,
            invitations::state.nullable(),
            responses::state.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(participant, organisation, country, invitation, response)| ParticipantLine {
                participant,
                organisation,
                country,
                invitation,
                response,
            },
        )
        .collect())
}
