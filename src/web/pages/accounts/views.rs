//! What the accounts pages show of accounts, tokens and campaigns, in words.

use chrono::NaiveDateTime;

use crate::accounts::{AccountOverview, Role};
use crate::storage::api_tokens::ApiToken;
use crate::web::pages::notice::{Flash, Notice};

/// A time as the pages write it: `2027-03-04 09:30 UTC`.
pub fn when(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Whether the account has a password, or a link to set one pending.
pub fn password_words(account: &AccountOverview) -> String {
    if account.row.disabled_at.is_some() {
        return if account.password_set {
            "set (account disabled)".to_owned()
        } else {
            "not set (account disabled)".to_owned()
        };
    }
    match (account.password_set, account.link_expires_at) {
        (true, Some(until)) => format!("set; a new link is pending until {}", when(until)),
        (true, None) => "set".to_owned(),
        (false, Some(until)) => format!("not set yet; link pending until {}", when(until)),
        (false, None) => "not set; no working link (send a new one)".to_owned(),
    }
}

/// Whether the account may create campaigns, in words.
pub fn creation_words(account: &AccountOverview) -> &'static str {
    match (account.row.role, account.row.may_create_campaigns) {
        (Role::Admin, _) => "yes (admin)",
        (Role::Analyst, true) => "yes",
        (Role::Analyst, false) => "no",
    }
}

/// One API token as a table row.
pub struct TokenLine {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub last_used: String,
    /// "live", or when it was revoked.
    pub state: String,
    pub live: bool,
}

impl From<&ApiToken> for TokenLine {
    fn from(token: &ApiToken) -> TokenLine {
        TokenLine {
            id: token.id,
            name: token.name.clone(),
            created: when(token.created_at),
            last_used: token.last_used_at.map_or_else(|| "never".to_owned(), when),
            state: token
                .revoked_at
                .map_or_else(|| "live".to_owned(), |at| format!("revoked {}", when(at))),
            live: token.revoked_at.is_none(),
        }
    }
}

/// A campaign as a choice or a list entry.
pub struct CampaignChoice {
    pub id: i64,
    pub name: String,
}

/// The words of an accounts-page notice the request carries, if any.
pub fn account_notice(flash: &Flash) -> Option<&'static str> {
    match flash.notice() {
        Some(Notice::Account { change }) => Some(change.words()),
        _ => None,
    }
}
