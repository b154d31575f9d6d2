//! Retention: a campaign keeps its participants' personal data for a period after it
//! closes (365 days unless it was given another), then [`run`] erases it, while what the
//! trend reports need stays.
//!
//! Erased, per due campaign and in one transaction: each participant's e-mail address and
//! name (replaced by neutral values, the rows kept for the counts), the hash of each link
//! token (replaced, so no link can ever open again), every mail of its invitations
//! (deleted from the outbox, sent or not), the answers to questions its questionnaires mark
//! `personal` (deleted), who made each change in the answer history (the link, analyst or
//! demo, dropped) and the values of personal questions there (erased), every evidence
//! file and the evidence notes marked personal or on a personal question (deleted), and
//! any participant's address or name in the audit log; then [`rebuild_reports`] replaces
//! report files built before. Kept: the organisations (name, type, country), the
//! responses with their scored answers and histories (the answers' history with its
//! other values and times), the other evidence notes, the campaign itself. The run is
//! audited (`retention.run`, with counts) and
//! stamps `campaigns.erased_at`, so a campaign is erased once: running again changes
//! nothing more.

mod audit_scrub;
mod personal;
mod reports;
mod schedule;
mod worker;

use std::fmt;

use chrono::NaiveDateTime;

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::ids::CampaignId;
use crate::questionnaire::Catalogue;
use crate::storage::answer_history::{self, Scrubbed};
use crate::storage::campaigns::Campaign;
use crate::storage::retention as stored;
use crate::storage::{DbConn, StorageError};

pub use reports::{ReportsDir, rebuild_reports};
pub use schedule::{Schedule, closing, erase_at};
pub use worker::spawn_worker;

/// The retention periods a campaign may have, in days: at least a month to read the
/// results, at most ten years.
pub const RETENTION_DAYS_RANGE: std::ops::RangeInclusive<i64> = 30..=3650;

/// The period of a campaign that was given none.
pub const DEFAULT_RETENTION_DAYS: i32 = 365;

/// What one campaign's erasure removed (or, in a dry run, would remove).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erased {
    pub campaign: i64,
    pub name: String,
    /// Participants whose address and name were replaced.
    pub participants: usize,
    /// Link token hashes replaced.
    pub links: usize,
    /// Outbox mails deleted.
    pub mails: usize,
    /// Answers to personal questions deleted.
    pub answers: usize,
    /// Audit entries that named a participant, rewritten.
    pub audit_entries: usize,
    /// Answer-history rows whose author (link, analyst, demo) was dropped.
    pub history_authors: usize,
    /// Answer-history rows of personal questions whose values were erased.
    pub history_values: usize,
    /// Evidence files deleted (all of them).
    pub evidence_files: usize,
    /// Evidence notes deleted: those marked personal and those on personal questions.
    pub evidence_notes: usize,
    /// Review comments and replies whose text was erased (who wrote them and when stay).
    pub review_comments: usize,
    /// Delegations whose colleague's address and name were erased.
    pub delegates: usize,
}

impl fmt::Display for Erased {
    /// The counts, as the audit entry, the CLI and the log say them (never a person).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} participant addresses and names, {} link tokens, {} mails, {} personal \
             answers, {} audit entries, {} answer-history authors, {} personal \
             answer-history values, {} evidence files, {} personal evidence notes, {} \
             colleagues' addresses and names",
            self.participants,
            self.links,
            self.mails,
            self.answers,
            self.audit_entries,
            self.history_authors,
            self.history_values,
            self.evidence_files,
            self.evidence_notes,
            self.delegates
        )
    }
}

/// Whether a run writes what it finds or only counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Erase,
    /// Does the same work in a transaction that is rolled back.
    DryRun,
}

/// Erases the personal data of every campaign whose retention period has passed at `now`,
/// each in its own transaction and audited as done by `actor`; what each erasure removed.
/// A dry run reports the same and changes nothing.
pub fn run(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    now: NaiveDateTime,
    actor: &Actor,
    mode: Mode,
) -> Result<Vec<Erased>, StorageError> {
    let due: Vec<Campaign> = stored::not_erased(conn)?
        .into_iter()
        .filter(|c| Schedule::of(c, now).is_due(now))
        .collect();
    let mut erased = Vec::new();
    for campaign in due {
        let outcome = crate::storage::write_transaction(conn, |conn| {
            let Some(done) = erase(conn, catalogue, &campaign, now, actor)? else {
                return Ok(None);
            };
            match mode {
                Mode::Erase => Ok(Some(done)),
                Mode::DryRun => Err(Outcome::RolledBack(done)),
            }
        });
        match outcome {
            Ok(done) => erased.extend(done),
            Err(Outcome::RolledBack(done)) => erased.push(done),
            Err(Outcome::Storage(e)) => return Err(e),
        }
    }
    Ok(erased)
}

/// Why a campaign's transaction ended without committing.
enum Outcome {
    /// A dry run, with what it would have erased.
    RolledBack(Erased),
    Storage(StorageError),
}

impl From<StorageError> for Outcome {
    fn from(e: StorageError) -> Self {
        Outcome::Storage(e)
    }
}

impl From<diesel::result::Error> for Outcome {
    fn from(e: diesel::result::Error) -> Self {
        Outcome::Storage(e.into())
    }
}

/// Erases one campaign inside the caller's transaction; `None` when another run already
/// did.
fn erase(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    campaign: &Campaign,
    now: NaiveDateTime,
    actor: &Actor,
) -> Result<Option<Erased>, StorageError> {
    if !stored::claim_erasure(conn, campaign.id, now)? {
        return Ok(None);
    }
    let people = stored::participants_of(conn, campaign.id)?;
    let invitations = stored::invitation_ids(conn, campaign.id)?;
    let responses = stored::responses_of(conn, campaign.id)?;
    // The log first, while the rows still say what to look for.
    let audit_entries = audit_scrub::scrub(conn, campaign.id, &people, &invitations, &responses)?;
    for person in &people {
        stored::neutralise_participant(conn, person.id)?;
    }
    let mut links = 0;
    for &invitation in &invitations {
        links += usize::from(stored::neutralise_token(conn, invitation)?);
    }
    let mails = stored::delete_mails(conn, campaign.id)?;
    let delegates = crate::storage::delegations::erase_people(conn, campaign.id)?;
    let (mut answers, mut history) = (0, Scrubbed::default());
    let (mut evidence_files, mut evidence_notes) = (0, 0);
    let mut personal = personal::Questions::default();
    for (response, questionnaire, version) in &responses {
        let ids = personal.of(conn, catalogue, questionnaire, version)?;
        answers += stored::delete_answers(conn, *response, ids)?;
        let scrubbed = answer_history::scrub(conn, *response, ids)?;
        history.authors += scrubbed.authors;
        history.values += scrubbed.values;
        evidence_notes += crate::storage::evidence::delete_personal_notes(conn, *response, ids)?;
        evidence_files += crate::storage::evidence::delete_files_of(conn, *response)?;
    }
    let review_comments =
        crate::storage::review_comments::erase_bodies_of_campaign(conn, campaign.id)?;
    let done = Erased {
        campaign: campaign.id,
        name: campaign.name.clone(),
        participants: people.len(),
        links,
        mails,
        answers,
        audit_entries,
        history_authors: history.authors,
        history_values: history.values,
        evidence_files,
        evidence_notes,
        review_comments,
        delegates,
    };
    let subject = AuditSubject::Campaign(CampaignId(campaign.id));
    let detail = done.to_string();
    audit::record(
        conn,
        actor,
        AuditAction::RetentionRun,
        &subject,
        Some(&detail),
    )?;
    Ok(Some(done))
}
