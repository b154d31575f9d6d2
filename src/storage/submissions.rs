//! When a campaign's responses were submitted, counted for the pages that follow it: the
//! progress chart of the dashboard, the response rate of each campaign in the list, and
//! the submissions a report build does not include yet. "Submitted" is
//! `ResponseState::counts_in_reports`, as in the reports and the progress tables.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::progress::Tally;
use super::schema::{invitations, participants, responses};
use super::{DbConn, StorageError};
use crate::invitations::InvitationState;
use crate::responses::ResponseState;

/// How many of the campaign's responses that count in reports were submitted after `at`:
/// those a report build made at `at` does not rest on.
pub fn submitted_since(
    conn: &mut DbConn,
    campaign_id: i64,
    at: NaiveDateTime,
) -> Result<i64, StorageError> {
    Ok(responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(responses::state.eq_any(ResponseState::counting_in_reports()))
        .filter(responses::submitted_at.gt(at))
        .select(count_star())
        .get_result(conn)?)
}

/// When each submitted response of a live (not revoked) invitation of the campaign was
/// submitted, earliest first: the submissions the progress table counts, over time.
pub fn submission_times(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<NaiveDateTime>, StorageError> {
    let times: Vec<Option<NaiveDateTime>> = responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(invitations::state.ne(InvitationState::Revoked))
        .filter(responses::state.eq_any(ResponseState::counting_in_reports()))
        .order(responses::submitted_at)
        .select(responses::submitted_at)
        .load(conn)?;
    Ok(times.into_iter().flatten().collect())
}

/// Invited and submitted of every campaign that has invitations, by campaign id: what the
/// campaign list needs of [`Tally`] for each one's response rate, in two grouped queries.
pub fn campaign_rates(conn: &mut DbConn) -> Result<Vec<(i64, Tally)>, StorageError> {
    let invited: Vec<(i64, i64)> = invitations::table
        .inner_join(participants::table)
        .filter(invitations::state.ne(InvitationState::Revoked))
        .group_by(participants::campaign_id)
        .select((participants::campaign_id, count_star()))
        .load(conn)?;
    let submitted: Vec<(i64, i64)> = responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(invitations::state.ne(InvitationState::Revoked))
        .filter(responses::state.eq_any(ResponseState::counting_in_reports()))
        .group_by(participants::campaign_id)
        .select((participants::campaign_id, count_star()))
        .load(conn)?;
    Ok(invited
        .into_iter()
        .map(|(campaign, invited)| {
            let submitted = submitted
                .iter()
                .find(|(c, _)| *c == campaign)
                .map_or(0, |(_, n)| *n);
            let tally = Tally {
                invited,
                submitted,
                ..Tally::default()
            };
            (campaign, tally)
        })
        .collect())
}
