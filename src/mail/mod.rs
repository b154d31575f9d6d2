//! Mail: rendering from templates, the SMTP [`Mailer`] and the outbox worker.
//!
//! Mails are never sent where they arise: callers render one with [`render`]
//! and queue it with [`storage::outbox::enqueue`](crate::storage::outbox::enqueue)
//! in their own transaction; [`outbox::send_pending`] sends what is queued,
//! with retries, from `serve`'s worker or `liaison mail send-pending`.

mod error;
mod language;
mod mailer;
mod message_id;
pub mod outbox;
mod render;
mod sending;
mod session;
mod smtp_url;

pub use error::MailError;
pub use mailer::{MailSession, Mailer, SendError};
pub use message_id::new_message_id;
pub use outbox::{RetryPolicy, SendOutcome, SendProgress, SendReport, send_pending, spawn_worker};
pub use render::{MailContext, RenderedMail, render, render_on, supports_language};
