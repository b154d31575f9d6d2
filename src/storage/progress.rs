//! How far a campaign has come: participants, invitations, opened links and responses,
//! counted by audience and country in one grouped query, and the campaign's outbox.

use chrono::NaiveDateTime;
use diesel::dsl::{count, count_star};
use diesel::prelude::*;

use super::outbox::OutboxCounts;
use super::schema::{invitations, organisations, outbox, participants, responses};
use super::{DbConn, StorageError};
use crate::invitations::InvitationState;
use crate::mail::OutboxKind;
use crate::mail::OutboxState;
use crate::participants::OrganisationKind;
use crate::responses::ResponseState;

// Declared here, beside the one query that groups by these columns of several tables.
diesel::allow_columns_to_appear_in_same_group_by_clause!(
    participants::audience,
    organisations::country,
    invitations::state,
    responses::state,
);

/// Counts for one group of participants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Everyone added to the campaign.
    pub participants: i64,
    /// Invited and not revoked.
    pub invited: i64,
    /// Invited, not revoked, and the link was opened at least once.
    pub opened: i64,
    /// A response exists that does not count in reports yet (a draft).
    pub in_progress: i64,
    /// The response counts in reports (it was submitted).
    pub submitted: i64,
    /// Invitations withdrawn; they count in nothing else.
    pub revoked: i64,
}

impl Tally {
    /// Submitted responses per live invitation, in whole percent; `None` before anyone is invited.
    pub fn response_rate(&self) -> Option<i64> {
        (self.invited > 0).then(|| (self.submitted * 100 + self.invited / 2) / self.invited)
    }

    fn add(&mut self, row: &GroupRow, review_required: bool) {
        self.participants += row.count;
        match row.invitation {
            None => {}
            Some(InvitationState::Revoked) => self.revoked += row.count,
            Some(_) => {
                self.invited += row.count;
                self.opened += row.opened;
                match row.response {
                    Some(state) if state.counts_in_reports_of(review_required) => {
                        self.submitted += row.count
                    }
                    Some(_) => self.in_progress += row.count,
                    None => {}
                }
            }
        }
    }
}

/// A campaign's progress overall, by audience and by country (both sorted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub overall: Tally,
    pub by_audience: Vec<(OrganisationKind, Tally)>,
    /// Keyed by the organisation's two-letter country code.
    pub by_country: Vec<(String, Tally)>,
}

/// One row of the grouped query: how many participants share these four values.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
struct GroupRow {
    audience: OrganisationKind,
    country: String,
    invitation: Option<InvitationState>,
    response: Option<ResponseState>,
    count: i64,
    /// How many of them opened their link.
    opened: i64,
}

/// The progress of campaign `campaign_id`, from one query grouped by audience, country,
/// invitation state and response state. An unknown campaign has no participants.
pub fn campaign_progress(conn: &mut DbConn, campaign_id: i64) -> Result<Progress, StorageError> {
    let rows: Vec<GroupRow> = participants::table
        .inner_join(organisations::table)
        .left_join(invitations::table.left_join(responses::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .group_by((
            participants::audience,
            organisations::country,
            invitations::state,
            responses::state,
        ))
        .select((
            participants::audience,
            organisations::country,
            invitations::state.nullable(),
            responses::state.nullable(),
            count_star(),
            count(invitations::opened_at.nullable()),
        ))
        .load(conn)?;
    let review_required = super::campaigns::review_required(conn, campaign_id)?;
    Ok(tally(rows, review_required))
}

/// Sums the rows; a response counts as submitted when it counts in the campaign's reports
/// (accepted only, when it requires review).
fn tally(rows: impl IntoIterator<Item = GroupRow>, review_required: bool) -> Progress {
    let mut progress = Progress::default();
    for row in rows {
        progress.overall.add(&row, review_required);
        entry(&mut progress.by_audience, row.audience).add(&row, review_required);
        entry(&mut progress.by_country, row.country.clone()).add(&row, review_required);
    }
    progress.by_audience.sort_by_key(|(a, _)| a.as_str());
    progress.by_country.sort_by(|(a, _), (b, _)| a.cmp(b));
    progress
}

fn entry<K: PartialEq>(groups: &mut Vec<(K, Tally)>, key: K) -> &mut Tally {
    let at = match groups.iter().position(|(k, _)| *k == key) {
        Some(at) => at,
        None => {
            groups.push((key, Tally::default()));
            groups.len() - 1
        }
    };
    &mut groups[at].1
}

/// A mail of the campaign that has not gone out (yet).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct WaitingMail {
    pub id: i64,
    pub kind: OutboxKind,
    pub recipient: String,
    pub state: OutboxState,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
}

/// How many of the campaign's mails are in each state.
pub fn campaign_outbox_counts(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<OutboxCounts, StorageError> {
    let rows: Vec<(OutboxState, i64)> = outbox::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .group_by(outbox::state)
        .select((outbox::state, count_star()))
        .load(conn)?;
    let mut counts = OutboxCounts::default();
    for (state, n) in rows {
        match state {
            OutboxState::Pending => counts.pending = n,
            OutboxState::Sending => counts.sending = n,
            OutboxState::Sent => counts.sent = n,
            OutboxState::Failed => counts.failed = n,
        }
    }
    Ok(counts)
}

/// The campaign's mails that are pending, being sent or failed, failed first, then oldest.
pub fn campaign_waiting_mails(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<WaitingMail>, StorageError> {
    let mut mails: Vec<WaitingMail> = outbox::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(outbox::state.ne(OutboxState::Sent))
        .order(outbox::id)
        .select(WaitingMail::as_select())
        .load(conn)?;
    mails.sort_by_key(|m| m.state != OutboxState::Failed);
    Ok(mails)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        audience: OrganisationKind,
        country: &str,
        invitation: Option<InvitationState>,
        response: Option<ResponseState>,
        count: i64,
        opened: i64,
    ) -> GroupRow {
        GroupRow {
            audience,
            country: country.to_owned(),
            invitation,
            response,
            count,
            opened,
        }
    }

    #[test]
    fn groups_add_up_overall_by_audience_and_by_country() {
        use InvitationState::{Revoked, Sent};
        use OrganisationKind::{Csirt, Lea};
        let progress = tally(
            [
                row(Lea, "DE", None, None, 2, 0),
                row(Csirt, "AT", Some(Sent), None, 3, 1),
                row(Csirt, "DE", Some(Sent), Some(ResponseState::Draft), 1, 1),
                row(Lea, "AT", Some(Sent), Some(ResponseState::Submitted), 1, 1),
                row(Lea, "AT", Some(Revoked), Some(ResponseState::Draft), 1, 1),
            ],
            false,
        );
        let overall = Tally {
            participants: 8,
            invited: 5,
            opened: 3,
            in_progress: 1,
            submitted: 1,
            revoked: 1,
        };
        assert_eq!(progress.overall, overall);
        assert_eq!(overall.response_rate(), Some(20));
        let audiences: Vec<_> = progress
            .by_audience
            .iter()
            .map(|(a, t)| (*a, t.invited))
            .collect();
        assert_eq!(audiences, [(Csirt, 4), (Lea, 1)]);
        let countries: Vec<_> = progress
            .by_country
            .iter()
            .map(|(c, t)| (c.as_str(), t.participants, t.submitted))
            .collect();
        assert_eq!(countries, [("AT", 5, 1), ("DE", 3, 0)]);
    }

    #[test]
    fn no_rate_before_anyone_is_invited_and_rates_round_to_whole_percent() {
        assert_eq!(Tally::default().response_rate(), None);
        let two_of_three = Tally {
            invited: 3,
            submitted: 2,
            ..Tally::default()
        };
        assert_eq!(two_of_three.response_rate(), Some(67));
    }
}
