//! Analyst accounts: passwords, logging in and out, API tokens, and who may see what
//! (the [`CampaignRight`] grade of an analyst on a campaign).
//!
//! Storage keeps the rows; this module decides. Web handlers and CLI commands call the
//! functions here and never hash, compare or authorise on their own.

mod access;
mod login;
mod manage;
mod password;
mod principal;

pub use access::CampaignRight;
pub use login::{Login, analyst_for_api_token, analyst_for_session, log_in, log_out};
pub use manage::{
    add_analyst, allow_campaign_creation, assign_campaign, disable_analyst, issue_api_token,
    parse_email, unassign_campaign,
};
pub use password::{
    HashError, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, Password, PasswordError, dummy_verify,
    hash_password, verify_password,
};
pub use principal::{Analyst, Role};

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
    /// No campaign has this id.
    #[error("campaign {0} does not exist")]
    UnknownCampaign(i64),
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
