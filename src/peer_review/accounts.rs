//! Peer-reviewer accounts: an analyst row (so the analyst login serves) plus a row saying
//! the account is a peer reviewer for a country and organisation, created together.

use crate::accounts::{Analyst, NewAccount, Role, invite_analyst};
use crate::audit::{self, AuditAction, AuditSubject};
use crate::participants::country_code;
use crate::storage::analysts::AnalystRow;
use crate::storage::{DbConn, now, peer_review as stored, write_transaction};

use super::PeerReviewError;

/// A peer-reviewer account to create.
#[derive(Debug, Clone, Copy)]
pub struct NewPeerReviewer<'a> {
    pub email: &'a str,
    /// A country's ISO 3166-1 alpha-2 code, in either case.
    pub country: &'a str,
    pub organisation: &'a str,
}

/// Why the fields of a new peer reviewer are refused, by field name.
fn field_problems(new: &NewPeerReviewer<'_>) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    if country_code(new.country).is_none() {
        problems.push((
            "country".to_owned(),
            "Choose the peer's country.".to_owned(),
        ));
    }
    let organisation = new.organisation.trim();
    if organisation.is_empty() || organisation.chars().count() > 200 {
        let text = "Enter the peer's organisation (at most 200 characters).";
        problems.push(("organisation".to_owned(), text.to_owned()));
    }
    problems
}

/// An admin creates a peer-reviewer account, whose password-link mail goes out through the
/// outbox as an analyst's does; account, row, mail and audit entries stand together.
pub fn create_peer_reviewer(
    conn: &mut DbConn,
    admin: &Analyst,
    new: &NewPeerReviewer<'_>,
    base_url: &str,
) -> Result<AnalystRow, PeerReviewError> {
    if !admin.is_admin() {
        return Err(PeerReviewError::NotAdmin);
    }
    let problems = field_problems(new);
    if !problems.is_empty() {
        return Err(PeerReviewError::Fields(problems));
    }
    let country = country_code(new.country).unwrap_or_default();
    let organisation = new.organisation.trim();
    write_transaction(conn, |conn| {
        let account = NewAccount {
            email: new.email,
            role: Role::Analyst,
            may_create_campaigns: false,
        };
        let row = invite_analyst(conn, &account, &admin.actor(), base_url)?;
        stored::create_peer_reviewer(conn, row.id, country, organisation, now())?;
        let subject = AuditSubject::Analyst(row.email.clone());
        let action = AuditAction::PeerReviewerCreate;
        audit::record(conn, &admin.actor(), action, &subject, Some(country))?;
        Ok::<_, PeerReviewError>(row)
    })
}
