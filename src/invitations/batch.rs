//! Writing many participants' invitations at once: their mails rendered first, then each
//! batch's invitations and outbox rows in one transaction with two multi-row INSERTs.
//!
//! A participant's invitation and mail are still written together or not at all, since a
//! batch holds whole participants; one commit, which costs a disk flush on PostgreSQL,
//! now serves a whole batch instead of one participant. Nothing of a batch touches the
//! database until all its mails are rendered, so the write lock SQLite takes for it is
//! held for the inserts alone.

use crate::mail::{self, OutboxKind, RenderedMail};
use crate::storage::outbox::{self, NewOutboxMail};
use crate::storage::participants::Participant;
use crate::storage::{DbConn, invitations as stored};

use super::compose::{Composer, MailLink, Recipient};
use super::{InvitationError, Token};

/// Participants written in one transaction: enough that a commit per batch costs little
/// beside the rows, few enough that SQLite's write lock, which every other writer
/// (respondents saving pages) waits for, is held for tens of milliseconds.
pub const INVITE_BATCH: usize = 500;

/// A participant's mail, rendered, with the token its link carries.
pub struct Prepared<'p> {
    participant: &'p Participant,
    token: Token,
    rendered: RenderedMail,
    message_id: String,
}

impl Composer<'_> {
    /// Renders the invitation for `participant`, who answers for `organisation`, with a
    /// fresh link token. Touches no database.
    pub fn prepare_invitation<'p>(
        &self,
        participant: &'p Participant,
        organisation: &str,
        base_url: &str,
    ) -> Result<Prepared<'p>, InvitationError> {
        let recipient = Recipient {
            name: &participant.name,
            organisation,
            audience: participant.audience,
            language: participant.language.as_deref(),
        };
        // The stored link holds a placeholder, not the token (see `storage::outbox`).
        let link = MailLink {
            base_url,
            token: "",
            page: "",
        };
        let rendered = self.render(OutboxKind::Invitation, &recipient, &link.with_placeholder())?;
        Ok(Prepared {
            participant,
            token: Token::generate(),
            rendered,
            message_id: mail::new_message_id(base_url),
        })
    }
}

/// Creates the invitations of `prepared`'s participants and queues their mails, inside
/// the caller's write transaction. A participant invited meanwhile (by a concurrent run)
/// makes it a `Conflict` that writes none of them.
pub fn write_invitations(
    conn: &mut DbConn,
    prepared: &[Prepared<'_>],
) -> Result<(), InvitationError> {
    let hashes: Vec<(i64, String)> = prepared
        .iter()
        .map(|p| (p.participant.id, p.token.hash()))
        .collect();
    let invitation_ids = stored::create_invitations(conn, &hashes)?;
    let mails: Vec<NewOutboxMail<'_>> = prepared
        .iter()
        .zip(invitation_ids)
        .map(|(p, invitation_id)| NewOutboxMail {
            kind: OutboxKind::Invitation,
            invitation_id: Some(invitation_id),
            recipient: &p.participant.email,
            subject: &p.rendered.subject,
            body_text: &p.rendered.text,
            body_html: &p.rendered.html,
            message_id: &p.message_id,
            link_token: Some(p.token.as_str()),
        })
        .collect();
    outbox::enqueue_all(conn, &mails)?;
    Ok(())
}
