//! Consent-based disclosure between counterparts. Most countries have one national CSIRT
//! and one cybercrime unit, so the k rule hides nearly every country's perception gap.
//! An organisation may agree, on its result page, to share its dimension scores and its
//! answers to the mirrored questions with the organisations of the other audiences of its
//! country in the same campaign that agree too; it may take that back. Where both sides
//! agree, each sees the gap on its result page, and the analysts' reports show that
//! country's gap marked "shared by consent". Consent, withdrawal and every view are
//! audited. Without consent nothing changes.

use std::collections::BTreeMap;

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::ids::ResponseId;
use crate::questionnaire::{Answers, Dimension, Model, Questionnaire, Scored};
use crate::scoring::answer_level;
use crate::storage::gap_consents::{self, Counterpart};
use crate::storage::{DbConn, StorageError, now, write_transaction};

/// Why consent cannot be given.
#[derive(Debug, thiserror::Error)]
pub enum DisclosureError {
    #[error("only a handed-in response to a mirrored cooperation questionnaire can be shared")]
    NotShareable,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<diesel::result::Error> for DisclosureError {
    fn from(e: diesel::result::Error) -> Self {
        DisclosureError::Storage(e.into())
    }
}

/// Whether answers to `q` can be shared with counterparts at all.
pub fn is_shareable(q: &Questionnaire) -> bool {
    q.model() == Model::Cooperation && !q.pairs_with().is_empty()
}

/// Records the consent of `response`, handed in through `invitation`, and audits it.
pub fn give(
    conn: &mut DbConn,
    q: &Questionnaire,
    response: i64,
    invitation: i64,
) -> Result<(), DisclosureError> {
    if !is_shareable(q) {
        return Err(DisclosureError::NotShareable);
    }
    write_transaction(conn, |conn| {
        if gap_consents::give(conn, response, now())? {
            let detail = format!("invitation:{invitation}");
            audit::record(
                conn,
                &Actor::Anonymous,
                AuditAction::GapConsent,
                &AuditSubject::Response(ResponseId(response)),
                Some(&detail),
            )?;
        }
        Ok(())
    })
}

/// Takes the consent of `response` back, audited; nothing when there was none.
pub fn withdraw(conn: &mut DbConn, response: i64, invitation: i64) -> Result<(), DisclosureError> {
    write_transaction(conn, |conn| {
        if gap_consents::withdraw(conn, response)? {
            let detail = format!("invitation:{invitation}");
            audit::record(
                conn,
                &Actor::Anonymous,
                AuditAction::GapConsentWithdraw,
                &AuditSubject::Response(ResponseId(response)),
                Some(&detail),
            )?;
        }
        Ok(())
    })
}

/// One counterpart's shared answers read against the organisation's own.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedGap {
    pub organisation: String,
    /// As stored: `csirt`, `lea`, `judiciary`.
    pub audience: String,
    /// Per dimension answered by both: (dimension, own mean, their mean), over the
    /// mirrored questions both were asked.
    pub dimensions: Vec<(Dimension, f64, f64)>,
    /// The mirrored questions answered most differently: (own question id, own level,
    /// their level), widest first.
    pub differences: Vec<(String, f64, f64)>,
}

/// How many of the most different mirrored questions to show.
const MOST_DIFFERENCES: usize = 5;

/// The gap between `mine` (answers to `q`) and `theirs` (answers to `other`), over the
/// `pair` keys both questionnaires ask.
pub fn shared_gap(
    q: &Questionnaire,
    mine: &Answers,
    counterpart: &Counterpart,
    other: &Questionnaire,
    theirs: &Answers,
) -> SharedGap {
    let mut sums: BTreeMap<Dimension, (f64, f64, usize)> = BTreeMap::new();
    let mut differences = Vec::new();
    for question in q.questions() {
        let (Some(key), Some(Scored::Dimension { dimension, .. })) =
            (question.pair(), question.scored())
        else {
            continue;
        };
        let Some(mirror) = other.questions().find(|o| o.pair() == Some(key)) else {
            continue;
        };
        let own = mine
            .get(question.id())
            .and_then(|a| answer_level(question, a));
        let their = theirs
            .get(mirror.id())
            .and_then(|a| answer_level(mirror, a));
        if let (Some(own), Some(their)) = (own, their) {
            let slot = sums.entry(dimension).or_insert((0.0, 0.0, 0));
            slot.0 += own;
            slot.1 += their;
            slot.2 += 1;
            differences.push((question.id().to_owned(), own, their));
        }
    }
    differences.sort_by(|a, b| (b.1 - b.2).abs().total_cmp(&(a.1 - a.2).abs()));
    differences.retain(|(_, own, their)| own != their);
    differences.truncate(MOST_DIFFERENCES);
    SharedGap {
        organisation: counterpart.organisation.clone(),
        audience: counterpart.audience.clone(),
        dimensions: sums
            .into_iter()
            .map(|(d, (own, their, n))| (d, own / n as f64, their / n as f64))
            .collect(),
        differences,
    }
}

/// Audits that `response`'s result page showed the shared answers of `counterparts`.
pub fn record_view(
    conn: &mut DbConn,
    response: i64,
    counterparts: &[Counterpart],
) -> Result<(), StorageError> {
    let seen: Vec<String> = counterparts
        .iter()
        .map(|c| format!("response:{}", c.response_id))
        .collect();
    audit::record(
        conn,
        &Actor::Anonymous,
        AuditAction::GapView,
        &AuditSubject::Response(ResponseId(response)),
        Some(&seen.join(",")),
    )
}

#[cfg(test)]
mod tests;
