//! When a campaign's responses were submitted, counted for the pages that follow it: the
//! progress chart of the dashboard, the response rate of each campaign in the list, and
//! the submissions a report build does not include yet. "Submitted" is
//! `ResponseState::counts_in_reports_of` the campaign (accepted only when it requires
//! review), as in the reports and the progress tables.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::progress::Tally;
use super::schema::{campaigns, invitations, participants, responses};
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
    let counting = super::campaigns::counting_states(conn, campaign_id)?;
    Ok(responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(responses::state.eq_any(&counting))
        .filter(responses::submitted_at.gt(at))
        .select(count_star())
        .get_result(conn)?)
}

/// How many of a campaign's responses its reports rest on, and how many handed-in ones
/// they leave out because they are not accepted yet (a campaign that requires review).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportBasis {
    pub review_required: bool,
    /// Responses that count: submitted ones, or accepted ones under review.
    pub counted: i64,
    /// Under review: handed in but not accepted (awaiting a decision or sent back).
    pub not_yet_accepted: i64,
}

impl ReportBasis {
    /// The sentence reports and their pages say it in, e.g. "Rests on 12 accepted
    /// responses; 3 submitted and awaiting review are not counted."
    pub fn sentence(&self) -> String {
        let plural = |n: i64, one: &str, many: &str| {
            if n == 1 {
                one.to_owned()
            } else {
                many.to_owned()
            }
        };
        if !self.review_required {
            return format!(
                "Rests on {} submitted {}.",
                self.counted,
                plural(self.counted, "response", "responses")
            );
        }
        format!(
            "Rests on {} accepted {}; {} submitted and awaiting review {} not counted.",
            self.counted,
            plural(self.counted, "response", "responses"),
            self.not_yet_accepted,
            plural(self.not_yet_accepted, "is", "are")
        )
    }
}

/// What the campaign's reports rest on now, in one grouped query.
pub fn report_basis(conn: &mut DbConn, campaign_id: i64) -> Result<ReportBasis, StorageError> {
    let review_required = super::campaigns::review_required(conn, campaign_id)?;
    let by_state: Vec<(ResponseState, i64)> = responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .group_by(responses::state)
        .select((responses::state, count_star()))
        .load(conn)?;
    let mut basis = ReportBasis {
        review_required,
        ..ReportBasis::default()
    };
    for (state, n) in by_state {
        if state.counts_in_reports_of(review_required) {
            basis.counted += n;
        } else if review_required && state.was_submitted() {
            basis.not_yet_accepted += n;
        }
    }
    Ok(basis)
}

/// When each submitted response of a live (not revoked) invitation of the campaign was
/// submitted, earliest first: the submissions the progress table counts, over time.
pub fn submission_times(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<NaiveDateTime>, StorageError> {
    let counting = super::campaigns::counting_states(conn, campaign_id)?;
    let times: Vec<Option<NaiveDateTime>> = responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(invitations::state.ne(InvitationState::Revoked))
        .filter(responses::state.eq_any(&counting))
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
    // Which states count depends on whether the campaign requires review.
    let plain = campaigns::review_required
        .eq(false)
        .and(responses::state.eq_any(ResponseState::counting_in_reports_of(false)));
    let reviewed = campaigns::review_required
        .eq(true)
        .and(responses::state.eq_any(ResponseState::counting_in_reports_of(true)));
    let submitted: Vec<(i64, i64)> = responses::table
        .inner_join(invitations::table.inner_join(participants::table.inner_join(campaigns::table)))
        .filter(invitations::state.ne(InvitationState::Revoked))
        .filter(plain.or(reviewed))
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
