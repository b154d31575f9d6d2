//! `MailError`: what the mail layer reports to its callers.

use crate::mail::OutboxKind;
use crate::storage::StorageError;

/// What went wrong in the mail layer, other than sending one mail (see
/// [`SendError`](super::SendError), which the outbox records instead).
///
/// Configuration messages name the setting and its value, password hidden,
/// so the one line printed at start-up is enough to fix it.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// `smtp_url` cannot be used.
    #[error("smtp_url {url:?}: {reason}")]
    SmtpUrl {
        /// The setting's value with any password replaced by `***`.
        url: String,
        reason: String,
    },

    /// `mail_from` is not a mail address.
    #[error("mail_from {from:?}: {reason}")]
    MailFrom { from: String, reason: String },

    /// A template failed to render (a bug, not bad input: the templates are
    /// checked at compile time).
    #[error("cannot render the {kind} mail: {reason}")]
    Render { kind: OutboxKind, reason: String },

    /// The outbox could not be read or updated.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<diesel::r2d2::PoolError> for MailError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        MailError::Storage(StorageError::Pool(error))
    }
}
