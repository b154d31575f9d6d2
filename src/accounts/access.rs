//! What an analyst may do with one campaign: a grade, computed here and nowhere else.
//!
//! Web handlers never decide this themselves: the web layer's campaign extractor asks
//! [`Analyst::rights_on`](super::Analyst::rights_on) and answers 404 below the grade a
//! handler requires, exactly as for a campaign that does not exist.

use super::Role;

/// The rights of one analyst on one campaign, from least to most; each grade includes
/// every lower one, so a handler asks for the least it needs (`right >= ReadRows`).
///
/// Further grades for the review work to come slot in by what they may read: a peer
/// reviewer (who reads the responses given to them) between [`Aggregates`] and
/// [`ReadRows`], a reviewer (who reads every response and accepts or sends one back)
/// between [`ReadRows`] and [`Manage`].
///
/// [`Aggregates`]: CampaignRight::Aggregates
/// [`ReadRows`]: CampaignRight::ReadRows
/// [`Manage`]: CampaignRight::Manage
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CampaignRight {
    /// See the campaign, its progress and its aggregate reports (no file with a row per
    /// respondent). No role stops at this grade yet; it is the floor of those to come.
    Aggregates,
    /// Also read who said what: the row-level report files (`answers.csv`, `scores.csv`)
    /// and the per-respondent radars.
    ReadRows,
    /// Also change the campaign: import participants, invite, remind, revoke, build its
    /// reports and close it.
    Manage,
}

/// The grade of an account with `role` on a campaign, `assigned` to it or not: admins
/// manage every campaign, analysts manage the ones assigned to them and see no other.
pub(super) fn grade(role: Role, assigned: bool) -> Option<CampaignRight> {
    match (role, assigned) {
        (Role::Admin, _) => Some(CampaignRight::Manage),
        (Role::Analyst, true) => Some(CampaignRight::Manage),
        (Role::Analyst, false) => None,
    }
}

/// Whether an account may review a campaign's responses (send them back for changes,
/// accept them): only when it is assigned to the campaign with the reviewer flag
/// (`assigned_reviewer`). Not graded by role: an admin, who manages every campaign,
/// reviews one only after assigning themselves as its reviewer, so that a campaign's
/// reviewers are always the list its resubmissions notify.
pub fn may_review(assigned_reviewer: bool) -> bool {
    assigned_reviewer
}

#[cfg(test)]
mod tests {
    use super::CampaignRight::{Aggregates, Manage, ReadRows};
    use super::*;

    #[test]
    fn grades_are_ordered_from_aggregates_to_manage() {
        assert!(Aggregates < ReadRows && ReadRows < Manage);
        assert_eq!([Manage, Aggregates, ReadRows].iter().max(), Some(&Manage));
    }

    #[test]
    fn admins_manage_every_campaign_and_analysts_the_assigned_ones_only() {
        assert_eq!(grade(Role::Admin, false), Some(Manage));
        assert_eq!(grade(Role::Admin, true), Some(Manage));
        assert_eq!(grade(Role::Analyst, true), Some(Manage));
        assert_eq!(grade(Role::Analyst, false), None);
    }

    #[test]
    fn only_an_assignment_with_the_reviewer_flag_lets_an_account_review() {
        assert!(may_review(true));
        assert!(!may_review(false));
    }
}
