//! Evidence behind answers: per question of a response, a note (source, document, year)
//! and files, and the only ways they change ([`save`], [`remove_file`], [`carry`]) and are
//! downloaded by an analyst ([`download_for_analyst`], audited).
//!
//! A file's type is told from its content ([`sniff`]); its name is kept only as a label
//! ([`file_name::sanitise`]). Files live in the database (see the README's "Evidence"):
//! every change is one transaction that also locks the response, so a submit and a change
//! of evidence never cross, and a submitted response's evidence is as final as its answers.
//! Reports never read a file's content; retention erases the files and the personal notes.

mod carry;
mod downloads;
pub mod file_name;
mod refusal;
pub mod sniff;

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::config::Settings;
use crate::ids::ResponseId;
use crate::responses::ResponseState;
use crate::storage::evidence::{self as stored, NewEvidenceFile};
use crate::storage::{DbConn, StorageError};

pub use carry::{Carried, carry};
pub use downloads::{download_for_analyst, file_for_respondent};
pub use refusal::{NOTE_MAX_CHARS, Refusal, RefusalField};
pub use stored::{EvidenceFile, EvidenceFileInfo};

/// How large evidence files may be (the settings `evidence_max_file_bytes` and
/// `evidence_max_response_bytes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceLimits {
    /// One file.
    pub file_bytes: u64,
    /// All the files of one response together.
    pub response_bytes: u64,
}

impl EvidenceLimits {
    pub fn from_settings(settings: &Settings) -> EvidenceLimits {
        EvidenceLimits {
            file_bytes: settings.evidence_max_file_bytes,
            response_bytes: settings.evidence_max_response_bytes,
        }
    }
}

/// The note on one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    /// It names a person: retention erases it.
    pub personal: bool,
}

/// The evidence of one answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerEvidence {
    pub note: Option<Note>,
    /// In upload order.
    pub files: Vec<EvidenceFileInfo>,
}

impl AnswerEvidence {
    pub fn is_empty(&self) -> bool {
        self.note.is_none() && self.files.is_empty()
    }
}

/// A response's evidence, by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    by_question: BTreeMap<String, AnswerEvidence>,
}

impl Evidence {
    /// The evidence of question `question_id`, if it has any.
    pub fn of(&self, question_id: &str) -> Option<&AnswerEvidence> {
        self.by_question.get(question_id)
    }

    /// Every question with evidence, by question id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &AnswerEvidence)> {
        self.by_question.iter().map(|(q, e)| (q.as_str(), e))
    }

    pub fn is_empty(&self) -> bool {
        self.by_question.is_empty()
    }
}

/// The notes and file descriptions (no content) of a response.
pub fn of_response(conn: &mut DbConn, response: ResponseId) -> Result<Evidence, StorageError> {
    let mut by_question: BTreeMap<String, AnswerEvidence> = BTreeMap::new();
    for note in stored::notes_of(conn, response.get())? {
        by_question.entry(note.question_id).or_default().note = Some(Note {
            text: note.note,
            personal: note.personal,
        });
    }
    for file in stored::files_of(conn, response.get())? {
        by_question
            .entry(file.question_id.clone())
            .or_default()
            .files
            .push(file);
    }
    Ok(Evidence { by_question })
}

/// How many notes (0 or 1) and files each question of a response has.
pub fn counts(
    conn: &mut DbConn,
    response: ResponseId,
) -> Result<BTreeMap<String, (usize, usize)>, StorageError> {
    stored::counts_of(conn, response.get())
}

/// A file as a respondent sent it.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The name the browser gave; only ever shown, after [`file_name::sanitise`].
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// What a respondent sends for one answer: the note as it should now read (empty: none)
/// and files to add.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub note: String,
    pub personal: bool,
    pub files: Vec<Upload>,
}

/// Why a change of evidence was not made.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The response takes no changes any more (it was submitted).
    #[error("the response takes no more changes")]
    NotEditable,
    /// The note or files are refused; nothing was written.
    #[error("the evidence was refused: {}", .0.len())]
    Refused(Vec<Refusal>),
    /// No such file on this answer of this response (or no such response in the campaign).
    #[error("no such evidence file")]
    NotFound,
}

impl From<diesel::result::Error> for EvidenceError {
    fn from(e: diesel::result::Error) -> Self {
        EvidenceError::Storage(e.into())
    }
}

/// Whether the evidence of `question_id` may change: after a change request, only that of
/// a flagged question (see `responses::evidence_open`).
fn question_open(
    conn: &mut DbConn,
    response: ResponseId,
    question_id: &str,
) -> Result<bool, EvidenceError> {
    let found = crate::storage::responses::get(conn, response.get())?;
    crate::responses::evidence_open(conn, &found, question_id).map_err(|e| match e {
        crate::responses::ResponseError::Storage(e) => EvidenceError::Storage(e),
        _ => EvidenceError::NotEditable,
    })
}

/// The states that take changes of evidence: those that take answers.
fn editable() -> Vec<ResponseState> {
    ResponseState::ALL
        .iter()
        .copied()
        .filter(|s| s.is_editable())
        .collect()
}

/// Writes the note of question `question_id` of `response` as `change` has it (an empty one
/// deletes it) and adds its files, all in one transaction, if the response still takes
/// changes and every part passes: the note at most [`NOTE_MAX_CHARS`] characters without
/// control characters; each file not empty, within `limits.file_bytes`, of an accepted
/// type; all of the response's files within `limits.response_bytes`. Otherwise nothing is
/// written and every refusal is returned.
pub fn save(
    conn: &mut DbConn,
    response: ResponseId,
    question_id: &str,
    change: &Change,
    limits: EvidenceLimits,
    at: NaiveDateTime,
) -> Result<(), EvidenceError> {
    let note = refusal::check_note(&change.note);
    let mut refusals: Vec<Refusal> = note.clone().err().into_iter().collect();
    let mut accepted = Vec::new();
    for upload in &change.files {
        match refusal::check_file(upload, limits) {
            Ok(file) => accepted.push(file),
            Err(refused) => refusals.push(refused),
        }
    }
    crate::storage::write_transaction(conn, |conn| {
        if !stored::lock_editable(conn, response.get(), &editable())? {
            return Err(EvidenceError::NotEditable);
        }
        if !question_open(conn, response, question_id)? {
            return Err(EvidenceError::NotEditable);
        }
        let mut used = stored::bytes_of(conn, response.get())?;
        for file in &accepted {
            let size = file.bytes.len() as u64;
            if used + size > limits.response_bytes {
                refusals.push(Refusal::OverBudget {
                    name: file.name.clone(),
                    size,
                    used,
                    limit: limits.response_bytes,
                });
            } else {
                used += size;
            }
        }
        if !refusals.is_empty() {
            return Err(EvidenceError::Refused(std::mem::take(&mut refusals)));
        }
        match note.ok().flatten() {
            Some(text) => stored::put_note(
                conn,
                response.get(),
                question_id,
                &text,
                change.personal,
                at,
            )?,
            None => {
                stored::delete_note(conn, response.get(), question_id)?;
            }
        }
        for file in &accepted {
            stored::insert_file(
                conn,
                &NewEvidenceFile {
                    response_id: response.get(),
                    question_id,
                    file_name: &file.name,
                    media_type: file.kind.media_type(),
                    size_bytes: file.bytes.len() as i64,
                    sha256: &file.sha256,
                    content: file.bytes,
                    uploaded_at: at,
                },
            )?;
        }
        Ok(())
    })
}

/// Removes file `file_id` from question `question_id` of `response`, in one transaction, if
/// the response still takes changes.
pub fn remove_file(
    conn: &mut DbConn,
    response: ResponseId,
    question_id: &str,
    file_id: i64,
) -> Result<(), EvidenceError> {
    crate::storage::write_transaction(conn, |conn| {
        if !stored::lock_editable(conn, response.get(), &editable())? {
            return Err(EvidenceError::NotEditable);
        }
        if !question_open(conn, response, question_id)? {
            return Err(EvidenceError::NotEditable);
        }
        if !stored::delete_file(conn, response.get(), question_id, file_id)? {
            return Err(EvidenceError::NotFound);
        }
        Ok(())
    })
}
