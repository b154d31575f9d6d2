//! An admin gives a submitted, consented response to a peer reviewer of another country;
//! the peer is told by a mail queued in the same transaction.

use crate::accounts::Analyst;
use crate::audit::{self, AuditAction, AuditSubject};
use crate::ids::ResponseId;
use crate::mail::{self, OutboxKind, PeerReviewMail};
use crate::responses::ResponseState;
use crate::storage::outbox::{self, NewOutboxMail};
use crate::storage::peer_review as stored;
use crate::storage::{DbConn, analysts, campaigns, now, write_transaction};

use super::{PeerReviewError, has_consent, placed_response};

/// An admin gives the response to the peer reviewer `peer`: refused for a draft, without
/// the team's consent, and for a peer of the reviewed organisation's country. `false` when
/// the peer had it already (no second mail); otherwise the peer's mail is queued.
pub fn give_response(
    conn: &mut DbConn,
    admin: &Analyst,
    response: i64,
    peer: i64,
    base_url: &str,
) -> Result<bool, PeerReviewError> {
    if !admin.is_admin() {
        return Err(PeerReviewError::NotAdmin);
    }
    let placed = placed_response(conn, response)?;
    if placed.response.state.is_editable() || placed.response.state == ResponseState::Draft {
        return Err(PeerReviewError::NotSubmitted);
    }
    let reviewer = stored::peer_reviewer(conn, peer)?.ok_or(PeerReviewError::NotAPeer)?;
    if reviewer.country.eq_ignore_ascii_case(&placed.country) {
        return Err(PeerReviewError::SameCountry(reviewer.country));
    }
    let campaign = campaigns::get_campaign(conn, placed.campaign_id)?.campaign;
    write_transaction(conn, |conn| {
        if !has_consent(conn, response)? {
            return Err(PeerReviewError::NoConsent);
        }
        if !stored::assign(conn, response, peer, admin.email(), now())? {
            return Ok(false);
        }
        let email = analysts::get_analyst(conn, peer)?.email;
        let rendered = mail::render_peer_review(&PeerReviewMail {
            given_by: admin.email(),
            organisation: &placed.organisation,
            country: &placed.country,
            campaign: &campaign.name,
            base_url,
            response_id: response,
        })
        .map_err(|e| crate::accounts::AccountError::Mail(e.to_string()))?;
        outbox::enqueue(
            conn,
            &NewOutboxMail {
                kind: OutboxKind::PeerReview,
                invitation_id: None,
                recipient: &email,
                subject: &rendered.subject,
                body_text: &rendered.text,
                body_html: &rendered.html,
                message_id: &mail::new_message_id(base_url),
                link_token: None,
            },
        )?;
        audit::record(
            conn,
            &admin.actor(),
            AuditAction::PeerAssign,
            &AuditSubject::Response(ResponseId(response)),
            Some(&email),
        )?;
        Ok(true)
    })
}
