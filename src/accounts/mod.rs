//! Analyst accounts: passwords, logging in and out, API tokens, and who may see what
//! (the [`CampaignRight`] grade of an analyst on a campaign).
//!
//! Storage keeps the rows; this module decides. Web handlers and CLI commands call the
//! functions here and never hash, compare or authorise on their own.

mod access;
mod login;
mod manage;
mod overview;
mod password;
mod password_links;
mod principal;
mod tokens;

pub use access::{CampaignRight, may_review};
pub use login::{Login, analyst_for_api_token, analyst_for_session, log_in, log_out};
pub use manage::{
    account, add_analyst, allow_campaign_creation, assign_campaign, disable_analyst, parse_email,
    set_campaign_reviewer, unassign_campaign,
};
pub use overview::{AccountOverview, overview, overviews};
pub use password::{
    HashError, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, NO_PASSWORD, Password, PasswordError,
    dummy_verify, has_password, hash_password, verify_password,
};
pub use password_links::{
    NewAccount, PASSWORD_LINK_LIFETIME, PASSWORD_LINK_PATH, invite_analyst, password_link_account,
    send_password_link, set_password_with_link,
};
pub use principal::{Analyst, Role};
pub use tokens::{issue_api_token, revoke_api_token};

use crate::storage::StorageError;

/// Why an account operation was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The e-mail address is not one.
    #[error("{0:?} is not an e-mail address")]
    InvalidEmail(String),
    /// Another account has this address.
    #[error("an analyst with the e-mail address {0} already exists")]
    DuplicateEmail(String),
    /// The new password breaks a rule.
    #[error(transparent)]
    WeakPassword(#[from] PasswordError),
    /// No account has this address.
    #[error("no analyst has the e-mail address {0}")]
    UnknownAnalyst(String),
    /// No account has this id.
    #[error("analyst {0} does not exist")]
    UnknownAnalystId(i64),
    /// No campaign has this id.
    #[error("campaign {0} does not exist")]
    UnknownCampaign(i64),
    /// The account has no API token with this id.
    #[error("API token {0} does not exist")]
    UnknownToken(i64),
    /// The account is disabled, so this cannot be done to it.
    #[error("the account {0} is disabled")]
    Disabled(String),
    /// An admin may not disable their own account (nobody could undo it from the pages).
    #[error("you cannot disable your own account")]
    OwnAccount,
    /// A password link that does not work: unknown, used, voided, expired, or its account
    /// disabled. One answer for all, so a token cannot be probed.
    #[error("this link does not work: it is unknown, was used already or has expired")]
    UnusableLink,
    /// An API token's name is not a label.
    #[error("the token's name is {0}")]
    TokenName(#[from] crate::text::LabelError),
    /// A mail could not be written (a template bug).
    #[error("cannot write the mail: {0}")]
    Mail(String),
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

// `write_transaction` needs it; such errors are storage errors.
impl From<diesel::result::Error> for AccountError {
    fn from(e: diesel::result::Error) -> Self {
        AccountError::Storage(e.into())
    }
}
