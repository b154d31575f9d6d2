//! Mail: rendering from templates, the SMTP [`Mailer`] and the outbox worker.
//!
//! Mails are never sent where they arise: callers render one with [`render`]
//! and queue it with [`storage::outbox::enqueue`](crate::storage::outbox::enqueue)
//! in their own transaction; [`outbox::send_pending`] sends what is queued,
//! with retries, from `serve`'s worker or `liaison mail send-pending`.

mod compose;
mod connection;
mod delegation;
mod error;
mod language;
mod mailer;
mod message_id;
pub mod outbox;
mod password_link;
mod peer_review;
mod pipeline;
mod render;
mod review;
mod sending;
mod session;
mod smtp_url;
mod wording;
mod words;

pub use delegation::{DelegationMail, render_delegation};
pub use error::MailError;
pub use mailer::{MailSession, Mailer, Outgoing, SendError};
pub use message_id::new_message_id;
pub use outbox::{RetryPolicy, SendOutcome, SendProgress, SendReport, send_pending, spawn_worker};
pub use password_link::{PASSWORD_LINK_SUBJECT, PasswordLinkMail, render_password_link};
pub use peer_review::{PeerReviewMail, render_peer_review};
pub use render::{MailContext, RenderedMail, render, render_on, render_worded, supports_language};
pub use review::{FlaggedAnswer, ReviewMail, render_review_mail};
pub use wording::{PLACEHOLDERS, Wording, default_wording, mail_language, unknown_placeholders};
pub use words::MailWords;

crate::words::word_enum!(
    /// What a mail in the outbox is for.
    OutboxKind, "outbox mail kind", {
        /// The first mail to a participant, with their personal link.
        Invitation => "invitation",
        /// A later nudge to a participant who has not submitted.
        Reminder => "reminder",
        /// The confirmation that a response was submitted.
        Receipt => "receipt",
        /// A one-time link for an analyst to set their account's password.
        PasswordLink => "password_link",
        /// A reviewer sent the response back: the answers to change, with a fresh link.
        ChangesRequested => "changes_requested",
        /// The respondent submitted again after a change request: to the reviewers.
        Resubmitted => "resubmitted",
        /// A reviewer accepted the response.
        Accepted => "accepted",
        /// The notice to a peer reviewer that a response was given to it.
        PeerReview => "peer_review",
        /// Sections handed by a contact to a colleague, with the colleague's own link.
        Delegation => "delegation",
    }
);

crate::words::word_enum!(
    /// Where a mail in the outbox stands.
    OutboxState, "outbox mail state", {
        /// Waiting for its next attempt.
        Pending => "pending",
        /// Claimed by a worker, which holds it until its lease runs out.
        Sending => "sending",
        /// Accepted by the SMTP server.
        Sent => "sent",
        /// Given up on; kept so someone can see why.
        Failed => "failed",
    }
);
