//! What the evidence page shows, built from a visit and the evidence of one question; and
//! the line that links a section page's question to it.

use askama::Template;

use crate::evidence::{AnswerEvidence, EvidenceLimits, Refusal, RefusalField};
use crate::locale::fill;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::Chrome;

use super::evidence_words::{EvidenceMessages, EvidenceWords, files_help, refusal, size, words};
use super::visit::Visit;

/// The id of the note's field, which its errors link to.
pub const NOTE_ANCHOR: &str = "evidence-note";

/// The id of the file field.
pub const FILE_ANCHOR: &str = "evidence-file";

/// One stored file as listed.
pub struct FileRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub size: String,
    pub uploaded: String,
    pub href: String,
    pub remove_href: String,
}

#[derive(Template)]
#[template(path = "survey/evidence.html", config = "assets/askama.toml")]
pub struct EvidencePage {
    pub chrome: Chrome,
    pub words: &'static EvidenceWords,
    pub question_text: String,
    pub back_href: String,
    pub back_label: String,
    pub notice: Option<&'static str>,
    pub errors: FormErrors,
    pub note_errors: Vec<String>,
    pub file_errors: Vec<String>,
    /// The note as stored, or as typed when the form was refused.
    pub note: String,
    pub personal: bool,
    pub files: Vec<FileRow>,
    /// False once the response is submitted: the page then only shows.
    pub editable: bool,
    pub action: String,
    pub files_help: String,
}

/// What the form shows in its fields: the stored note, or what was typed.
pub struct Typed {
    pub note: String,
    pub personal: bool,
}

impl EvidencePage {
    /// The page of `question_id` (a question of the visit's questionnaire), its evidence
    /// `stored`, `used` bytes of the response's files, and `typed` in the fields when a
    /// refused form is shown again.
    pub fn new(
        visit: &Visit,
        chrome: Chrome,
        question_id: &str,
        stored: &AnswerEvidence,
        used: u64,
        limits: EvidenceLimits,
        typed: Option<Typed>,
    ) -> EvidencePage {
        let lang = &visit.language;
        let q = &visit.questionnaire;
        let question_text = q
            .question(question_id)
            .map_or_else(|| question_id.to_owned(), |x| x.text().get(lang).to_owned());
        let section = q
            .sections()
            .iter()
            .position(|s| s.questions().iter().any(|x| x.id() == question_id))
            .unwrap_or(0);
        let section_title = q.sections()[section].title().get(lang).to_owned();
        let words = words(lang);
        let here = visit.path(&format!("evidence/{question_id}"));
        let files = stored
            .files
            .iter()
            .map(|f| FileRow {
                id: f.id,
                name: f.file_name.clone(),
                kind: f.kind().to_owned(),
                size: size(u64::try_from(f.size_bytes).unwrap_or(0)),
                uploaded: format!("{} UTC", f.uploaded_at.format("%Y-%m-%d %H:%M")),
                href: format!("{here}/files/{}", f.id),
                remove_href: format!("{here}/files/{}/remove", f.id),
            })
            .collect();
        let typed = typed.unwrap_or_else(|| Typed {
            note: stored
                .note
                .as_ref()
                .map(|n| n.text.clone())
                .unwrap_or_default(),
            personal: stored.note.as_ref().is_some_and(|n| n.personal),
        });
        EvidencePage {
            words,
            question_text,
            back_href: format!(
                "{}#question-{question_id}",
                visit.path(&format!("s/{}", section + 1))
            ),
            back_label: format!("{}: {section_title}", words.back),
            notice: None,
            errors: FormErrors::new(),
            note_errors: Vec::new(),
            file_errors: Vec::new(),
            note: typed.note,
            personal: typed.personal,
            files,
            // After a change request only a flagged question's evidence takes changes.
            editable: visit.is_editable() && !visit.is_locked(question_id),
            action: here,
            files_help: files_help(lang, limits.file_bytes, limits.response_bytes, used),
            chrome,
        }
    }

    /// Shows each refusal beside its field and in the summary at the top.
    pub fn refused(mut self, refusals: &[Refusal], language: &str) -> EvidencePage {
        for r in refusals {
            let message = refusal(r, language);
            let anchor = match r.field() {
                RefusalField::Note => {
                    self.note_errors.push(message.clone());
                    NOTE_ANCHOR
                }
                RefusalField::File => {
                    self.file_errors.push(message.clone());
                    FILE_ANCHOR
                }
            };
            self.errors.add(anchor, None, message);
        }
        self
    }

    /// The ids the note field is described by: its help and any error.
    pub fn note_described_by(&self) -> String {
        described_by(NOTE_ANCHOR, !self.note_errors.is_empty())
    }

    /// The ids the file field is described by.
    pub fn file_described_by(&self) -> String {
        described_by(FILE_ANCHOR, !self.file_errors.is_empty())
    }
}

fn described_by(anchor: &str, error: bool) -> String {
    if error {
        format!("{anchor}-help {anchor}-error")
    } else {
        format!("{anchor}-help")
    }
}

/// The button under a question of a section page that saves the page and opens the
/// question's evidence: what it says.
pub struct EvidenceLink {
    pub text: String,
}

/// What the evidence button of a question says, given how much evidence it has: "Add
/// evidence", or "Evidence: 1 note, 2 files — add or change" (or "— show" once submitted).
pub fn evidence_link(visit: &Visit, notes: usize, files: usize) -> EvidenceLink {
    let w = words(&visit.language);
    let text = if notes + files == 0 {
        w.add_link.to_owned()
    } else {
        let counted = EvidenceMessages::of(&visit.language);
        let mut parts = Vec::new();
        if notes > 0 {
            parts.push(counted.one_note.to_owned());
        }
        match files {
            0 => {}
            1 => parts.push(counted.one_file.to_owned()),
            n => parts.push(fill(counted.files, &[("n", &n.to_string())])),
        }
        let end = if visit.is_editable() {
            w.change_link
        } else {
            w.show_link
        };
        format!("{}: {} — {end}", w.title, parts.join(", "))
    };
    EvidenceLink { text }
}
