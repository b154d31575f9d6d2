//! The logged-in analyst as the rest of the program sees them, and what they may do.

use std::collections::BTreeSet;

use crate::storage::analysts::AnalystRow;

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
}

impl Analyst {
    /// The principal for a stored account and its assigned campaign ids.
    pub fn new(row: &AnalystRow, campaigns: impl IntoIterator<Item = i64>) -> Analyst {
        Analyst {
            id: row.id,
            email: row.email.clone(),
            role: row.role,
            campaigns: campaigns.into_iter().collect(),
        }
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
        self.role == Role::Admin
    }

    /// Admins see every campaign; analysts see the ones assigned to them.
    pub fn can_see_campaign(&self, campaign_id: i64) -> bool {
        self.is_admin() || self.campaigns.contains(&campaign_id)
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
        }
    }

    #[test]
    fn an_analyst_sees_only_assigned_campaigns() {
        let analyst = Analyst::new(&row(Role::Analyst), [3, 5]);
        assert!(analyst.can_see_campaign(3) && analyst.can_see_campaign(5));
        assert!(!analyst.can_see_campaign(4));
        assert!(!analyst.can_manage_analysts());
    }

    #[test]
    fn an_admin_sees_every_campaign() {
        let admin = Analyst::new(&row(Role::Admin), []);
        assert!(admin.can_see_campaign(4) && admin.can_manage_analysts());
    }
}
