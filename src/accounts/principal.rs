//! The logged-in analyst as the rest of the program sees them, and what they may do.

use std::collections::BTreeSet;

use crate::audit::Actor;
use crate::ids::CampaignId;
use crate::storage::analysts::AnalystRow;

use super::access::{CampaignRight, grade};

crate::words::word_enum!(
    /// What an analyst account may do.
    Role, "analyst role", {
        /// Manages analyst accounts and sees every campaign.
        Admin => "admin",
        /// Sees the campaigns assigned to them.
        Analyst => "analyst",
    }
);

/// An authenticated, enabled analyst with the campaigns assigned to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analyst {
    id: i64,
    email: String,
    role: Role,
    campaigns: BTreeSet<i64>,
    /// Whether an admin allowed this analyst to create campaigns.
    allowed_to_create: bool,
    /// A peer reviewer sees only the responses given to it, nothing of any campaign.
    peer_reviewer: bool,
}

impl Analyst {
    /// The principal for a stored account and its assigned campaign ids.
    pub fn new(row: &AnalystRow, campaigns: impl IntoIterator<Item = i64>) -> Analyst {
        Analyst {
            id: row.id,
            email: row.email.clone(),
            role: row.role,
            campaigns: campaigns.into_iter().collect(),
            allowed_to_create: row.may_create_campaigns,
            peer_reviewer: false,
        }
    }

    /// The same account as a peer reviewer: no right on any campaign.
    pub fn as_peer_reviewer(self) -> Analyst {
        Analyst {
            peer_reviewer: true,
            campaigns: BTreeSet::new(),
            allowed_to_create: false,
            ..self
        }
    }

    /// Whether the account is a peer reviewer, who sees only the responses given to it.
    pub fn is_peer_reviewer(&self) -> bool {
        self.peer_reviewer
    }

    /// The account's id.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// The account's (lower-case) e-mail address, also its name in the audit log.
    pub fn email(&self) -> &str {
        &self.email
    }

    /// The account's role.
    pub fn role(&self) -> Role {
        self.role
    }

    /// Whether the account is an admin.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin && !self.peer_reviewer
    }

    /// What the account may do with the campaign; `None` when it may not even see it.
    pub fn rights_on(&self, campaign: CampaignId) -> Option<CampaignRight> {
        if self.peer_reviewer {
            return None;
        }
        grade(self.role, self.campaigns.contains(&campaign.get()))
    }

    /// The account as the audit log names whoever acts through it.
    pub fn actor(&self) -> Actor {
        Actor::Analyst(self.email.clone())
    }

    /// Admins create campaigns, and so do the analysts an admin has allowed to.
    pub fn may_create_campaigns(&self) -> bool {
        self.is_admin() || self.allowed_to_create
    }

    /// Only admins manage analyst accounts.
    pub fn can_manage_analysts(&self) -> bool {
        self.is_admin()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;

    fn row(role: Role) -> AnalystRow {
        AnalystRow {
            id: 7,
            email: "ana@example.org".into(),
            password_hash: String::new(),
            role,
            created_at: NaiveDateTime::default(),
            disabled_at: None,
            may_create_campaigns: false,
        }
    }

    #[test]
    fn an_analyst_manages_only_assigned_campaigns() {
        let analyst = Analyst::new(&row(Role::Analyst), [3, 5]);
        let manage = Some(CampaignRight::Manage);
        assert_eq!(analyst.rights_on(CampaignId(3)), manage);
        assert_eq!(analyst.rights_on(CampaignId(5)), manage);
        assert_eq!(analyst.rights_on(CampaignId(4)), None);
        assert!(!analyst.can_manage_analysts());
    }

    #[test]
    fn an_admin_manages_every_campaign() {
        let admin = Analyst::new(&row(Role::Admin), []);
        assert_eq!(admin.rights_on(CampaignId(4)), Some(CampaignRight::Manage));
        assert!(admin.can_manage_analysts());
    }

    #[test]
    fn admins_and_allowed_analysts_create_campaigns() {
        assert!(Analyst::new(&row(Role::Admin), []).may_create_campaigns());
        assert!(!Analyst::new(&row(Role::Analyst), []).may_create_campaigns());
        let allowed = AnalystRow {
            may_create_campaigns: true,
            ..row(Role::Analyst)
        };
        assert!(Analyst::new(&allowed, []).may_create_campaigns());
    }

    #[test]
    fn an_analyst_acts_under_their_address() {
        let analyst = Analyst::new(&row(Role::Analyst), []);
        assert_eq!(analyst.actor().name(), "ana@example.org");
    }
}
