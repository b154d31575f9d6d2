//! How the accounts API shows accounts and API tokens: never a password, a hash or a link,
//! and a token's value only in the answer that creates it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::accounts::{AccountOverview, Role};
use crate::storage::api_tokens::ApiToken;

/// What an account may do.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RoleName {
    /// Sees every campaign and manages accounts.
    Admin,
    /// Sees the campaigns assigned to them.
    Analyst,
}

impl From<RoleName> for Role {
    fn from(role: RoleName) -> Role {
        match role {
            RoleName::Admin => Role::Admin,
            RoleName::Analyst => Role::Analyst,
        }
    }
}

impl From<Role> for RoleName {
    fn from(role: Role) -> RoleName {
        match role {
            Role::Admin => RoleName::Admin,
            Role::Analyst => RoleName::Analyst,
        }
    }
}

/// An account as the API shows it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AnalystView {
    id: i64,
    /// Lower case.
    email: String,
    role: RoleName,
    /// False once the account is disabled.
    active: bool,
    disabled_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    /// Whether it may create campaigns (admins always may).
    may_create_campaigns: bool,
    /// The ids of the campaigns assigned to it (an admin sees every campaign anyway).
    campaigns: Vec<i64>,
    /// The ids of the assigned campaigns whose responses it reviews.
    reviews: Vec<i64>,
    /// Whether a password is set; an account added with a link has none until it is used.
    password_set: bool,
    /// When the pending password link expires; null when none works.
    password_link_expires_at: Option<DateTime<Utc>>,
    /// How many of its API tokens are not revoked.
    live_tokens: i64,
}

impl From<AccountOverview> for AnalystView {
    fn from(a: AccountOverview) -> AnalystView {
        let row = a.row;
        AnalystView {
            id: row.id,
            email: row.email,
            role: row.role.into(),
            active: row.disabled_at.is_none(),
            disabled_at: row.disabled_at.map(|t| t.and_utc()),
            created_at: row.created_at.and_utc(),
            may_create_campaigns: row.role == Role::Admin || row.may_create_campaigns,
            campaigns: a.campaigns,
            reviews: a.reviews,
            password_set: a.password_set,
            password_link_expires_at: a.link_expires_at.map(|t| t.and_utc()),
            live_tokens: a.live_tokens,
        }
    }
}

/// An API token as the API shows it: never its value.
#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenView {
    id: i64,
    /// What its owner called it.
    name: String,
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    /// Null while it works.
    revoked_at: Option<DateTime<Utc>>,
}

impl From<&ApiToken> for TokenView {
    fn from(t: &ApiToken) -> TokenView {
        TokenView {
            id: t.id,
            name: t.name.clone(),
            created_at: t.created_at.and_utc(),
            last_used_at: t.last_used_at.map(|at| at.and_utc()),
            revoked_at: t.revoked_at.map(|at| at.and_utc()),
        }
    }
}

/// A token just created: the only answer that holds its value.
#[derive(Serialize, utoipa::ToSchema)]
pub struct NewTokenView {
    id: i64,
    name: String,
    created_at: DateTime<Utc>,
    /// The token to send as `Authorization: Bearer <token>`; shown this once.
    token: String,
}

impl NewTokenView {
    pub fn new(row: &ApiToken, token: String) -> NewTokenView {
        NewTokenView {
            id: row.id,
            name: row.name.clone(),
            created_at: row.created_at.and_utc(),
            token,
        }
    }
}
