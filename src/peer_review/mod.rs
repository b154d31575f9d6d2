//! Peer review of a submitted response: peer-reviewer accounts, giving a response to
//! peers (only with the reviewed team's consent, never to a peer of its own country), the
//! levels a peer records per parameter, and the level the campaign's reviewer records as
//! agreed. Every rule is decided here, on the server; storage keeps the rows.

mod accounts;
mod comparison;
mod giving;
mod levels;

pub use accounts::{NewPeerReviewer, create_peer_reviewer};
pub use comparison::{Comparison, ComparisonRow, compare};
pub use giving::give_response;
pub use levels::{LevelForm, MAX_JUSTIFICATION_CHARS, parse_levels};

use crate::accounts::{AccountError, Analyst};
use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::ids::ResponseId;
use crate::responses::ResponseState;
use crate::storage::campaign_responses::{PlacedResponse, placed};
use crate::storage::peer_review::{self as stored, LevelKind, NewLevel};
use crate::storage::{DbConn, StorageError, analysts, now, write_transaction};

/// How many other countries a NIS2-style peer review needs its peers to come from.
pub const NIS2_COUNTRIES: usize = 2;

/// Why a peer-review step was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum PeerReviewError {
    /// The response is still being answered.
    #[error("the response has not been submitted yet")]
    NotSubmitted,
    /// The reviewed team has not agreed that peers may see its answers.
    #[error("the reviewed team has not agreed to a peer review")]
    NoConsent,
    /// The peer comes from the reviewed organisation's own country.
    #[error("a peer reviewer from {0} may not review a team of the same country")]
    SameCountry(String),
    /// The account is no peer reviewer.
    #[error("this account is not a peer reviewer")]
    NotAPeer,
    /// Only admins give responses to peers.
    #[error("only admins give responses to peer reviewers")]
    NotAdmin,
    /// Neither the response nor, for this caller, any sign of it: one answer for both.
    #[error("response {0} does not exist")]
    UnknownResponse(i64),
    /// The campaign asks for NIS2-style review and the peers come from fewer countries.
    #[error(
        "this campaign asks for peer reviewers from at least {NIS2_COUNTRIES} other countries; \
         this response has them from {0}"
    )]
    TooFewCountries(usize),
    /// Only the campaign's reviewer records the agreed levels.
    #[error("only the campaign's reviewer records the agreed levels")]
    NotReviewer,
    /// Agreed levels come after the peers' levels.
    #[error("no peer levels have been recorded for this response")]
    NoPeerLevels,
    /// Peers were given the response already: the consent stays.
    #[error("peers have been given this response already; the consent cannot be withdrawn")]
    ConsentInUse,
    /// A form holds mistakes; the problems are by field name.
    #[error("the form holds mistakes")]
    Fields(Vec<(String, String)>),
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<diesel::result::Error> for PeerReviewError {
    fn from(e: diesel::result::Error) -> Self {
        PeerReviewError::Storage(e.into())
    }
}

pub(super) fn placed_response(
    conn: &mut DbConn,
    response: i64,
) -> Result<PlacedResponse, PeerReviewError> {
    placed(conn, response)?.ok_or(PeerReviewError::UnknownResponse(response))
}

/// Whether the team's consent is in force.
pub fn has_consent(conn: &mut DbConn, response: i64) -> Result<bool, StorageError> {
    Ok(stored::consent_of(conn, response)?.is_some_and(|c| c.withdrawn_at.is_none()))
}

/// The team, through its link (`invitation`), agrees that peers may see its answers and
/// evidence. Only a submitted response can be reviewed, so only then is consent taken.
pub fn give_consent(
    conn: &mut DbConn,
    response: i64,
    invitation: i64,
) -> Result<(), PeerReviewError> {
    let placed = placed_response(conn, response)?;
    if placed.response.invitation_id != invitation {
        return Err(PeerReviewError::UnknownResponse(response));
    }
    if placed.response.state.is_editable() || placed.response.state == ResponseState::Draft {
        return Err(PeerReviewError::NotSubmitted);
    }
    write_transaction(conn, |conn| {
        stored::record_consent(conn, response, invitation, now())?;
        let detail = format!("invitation:{invitation}");
        audit::record(
            conn,
            &Actor::Anonymous,
            AuditAction::PeerConsent,
            &AuditSubject::Response(ResponseId(response)),
            Some(&detail),
        )?;
        Ok(())
    })
}

/// The team takes its consent back; refused once a peer has been given the response.
pub fn withdraw_consent(
    conn: &mut DbConn,
    response: i64,
    invitation: i64,
) -> Result<(), PeerReviewError> {
    let placed = placed_response(conn, response)?;
    if placed.response.invitation_id != invitation {
        return Err(PeerReviewError::UnknownResponse(response));
    }
    write_transaction(conn, |conn| {
        if !stored::assignments_of_response(conn, response)?.is_empty() {
            return Err(PeerReviewError::ConsentInUse);
        }
        if stored::withdraw_consent(conn, response, now())? {
            let detail = format!("invitation:{invitation}");
            audit::record(
                conn,
                &Actor::Anonymous,
                AuditAction::PeerConsentWithdraw,
                &AuditSubject::Response(ResponseId(response)),
                Some(&detail),
            )?;
        }
        Ok(())
    })
}

/// The other countries the response's peers come from.
pub fn peer_countries(conn: &mut DbConn, response: i64) -> Result<usize, StorageError> {
    let mut countries: Vec<String> = stored::assignments_of_response(conn, response)?
        .into_iter()
        .map(|a| a.country)
        .collect();
    countries.sort();
    countries.dedup();
    Ok(countries.len())
}

/// Whether the campaign of the response asks for NIS2-style peer review and the response
/// lacks peers from enough countries; `Ok(())` when levels may be recorded.
pub fn check_nis2(conn: &mut DbConn, placed: &PlacedResponse) -> Result<(), PeerReviewError> {
    if stored::peer_review_nis2(conn, placed.campaign_id)? {
        let found = peer_countries(conn, placed.response.id)?;
        if found < NIS2_COUNTRIES {
            return Err(PeerReviewError::TooFewCountries(found));
        }
    }
    Ok(())
}

/// The response given to `peer`; any other answers as if it did not exist.
pub fn response_of_peer(
    conn: &mut DbConn,
    peer: &Analyst,
    response: i64,
) -> Result<PlacedResponse, PeerReviewError> {
    if !stored::is_assigned(conn, response, peer.id())? {
        return Err(PeerReviewError::UnknownResponse(response));
    }
    placed_response(conn, response)
}

/// A peer given the response records its levels (the one peer assessment of the response,
/// which any of its peers may change; every change is kept).
pub fn record_peer_levels(
    conn: &mut DbConn,
    peer: &Analyst,
    response: i64,
    levels: &[NewLevel],
) -> Result<(), PeerReviewError> {
    let placed = response_of_peer(conn, peer, response)?;
    check_nis2(conn, &placed)?;
    write_transaction(conn, |conn| {
        stored::record_levels(conn, response, LevelKind::Peer, levels, peer.email(), now())?;
        audit_levels(
            conn,
            &peer.actor(),
            AuditAction::PeerLevels,
            response,
            levels,
        )
    })
}

/// The campaign's reviewer records the levels agreed after the peer review.
pub fn record_agreed_levels(
    conn: &mut DbConn,
    reviewer: &Analyst,
    response: i64,
    levels: &[NewLevel],
) -> Result<(), PeerReviewError> {
    let placed = placed_response(conn, response)?;
    if !analysts::is_reviewer(conn, reviewer.id(), placed.campaign_id)? {
        return Err(PeerReviewError::NotReviewer);
    }
    if stored::current_levels(conn, response, LevelKind::Peer)?.is_empty() {
        return Err(PeerReviewError::NoPeerLevels);
    }
    write_transaction(conn, |conn| {
        let by = reviewer.email();
        stored::record_levels(conn, response, LevelKind::Agreed, levels, by, now())?;
        audit_levels(
            conn,
            &reviewer.actor(),
            AuditAction::AgreedLevels,
            response,
            levels,
        )
    })
}

fn audit_levels(
    conn: &mut DbConn,
    actor: &Actor,
    action: AuditAction,
    response: i64,
    levels: &[NewLevel],
) -> Result<(), PeerReviewError> {
    let detail: Vec<String> = levels
        .iter()
        .map(|l| format!("{}={}", l.question_id, l.level))
        .collect();
    audit::record(
        conn,
        actor,
        action,
        &AuditSubject::Response(ResponseId(response)),
        Some(&detail.join(" ")),
    )?;
    Ok(())
}

/// The comparison of a response's `answers` with the peer and agreed levels in force;
/// `None` before any peer level exists.
pub fn comparison_of(
    conn: &mut DbConn,
    questionnaire: &crate::questionnaire::Questionnaire,
    answers: &crate::questionnaire::Answers,
    response: i64,
) -> Result<Option<Comparison>, StorageError> {
    let mut peer = stored::current_levels_of(conn, &[response], LevelKind::Peer)?;
    let mut agreed = stored::current_levels_of(conn, &[response], LevelKind::Agreed)?;
    Ok(compare(
        questionnaire,
        answers,
        &peer.remove(&response).unwrap_or_default(),
        &agreed.remove(&response).unwrap_or_default(),
    ))
}
