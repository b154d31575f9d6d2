//! Puts the composed mails back as they were before a send (pending, due, with their link
//! tokens, their invitations pending too), so the outbox can send the same mails again and
//! its best run be taken, as the generator's is. Not timed.

use diesel::prelude::*;
use liaison::invitations::InvitationState;
use liaison::storage::outbox::OutboxMail;
use liaison::storage::schema::{invitations, outbox};
use liaison::storage::{self, DbConn};

/// Restores every mail of `composed` (as listed right after composing) and its invitation.
pub fn restore(conn: &mut DbConn, composed: &[OutboxMail]) -> anyhow::Result<()> {
    storage::write_transaction(conn, |conn| {
        for mail in composed {
            let restored = diesel::update(outbox::table.find(mail.id))
                .set((
                    outbox::state.eq(mail.state),
                    outbox::attempts.eq(mail.attempts),
                    outbox::next_attempt_at.eq(mail.next_attempt_at),
                    outbox::sent_at.eq(mail.sent_at),
                    outbox::last_error.eq(&mail.last_error),
                    outbox::link_token.eq(&mail.link_token),
                ))
                .execute(conn)?;
            if restored != 1 {
                return Err(diesel::result::Error::NotFound);
            }
        }
        let invited: Vec<i64> = composed.iter().filter_map(|m| m.invitation_id).collect();
        for chunk in invited.chunks(1000) {
            diesel::update(invitations::table.filter(invitations::id.eq_any(chunk)))
                .set((
                    invitations::state.eq(InvitationState::Pending),
                    invitations::sent_at.eq(None::<chrono::NaiveDateTime>),
                ))
                .execute(conn)?;
        }
        Ok(())
    })?;
    // As after composing: PostgreSQL's claims would otherwise step over the dead rows of
    // the last run in the outbox's indexes.
    if let DbConn::Pg(pg) = conn {
        diesel::sql_query("VACUUM ANALYZE outbox").execute(pg)?;
        diesel::sql_query("VACUUM ANALYZE invitations").execute(pg)?;
    }
    Ok(())
}
