//! What the respondent pages show of a review: the answers a reviewer sent back (on the
//! welcome and review pages), the comment and reply field beside each on its section
//! page, and the review's status on the result page.

use super::review_words::{ReviewWords, review_words};
use super::visit::Visit;
use crate::responses::ResponseState;

/// One answer sent back for changes, as the welcome and review pages list it.
pub struct FlaggedView {
    pub id: String,
    pub question: String,
    /// Its section page, at the question.
    pub href: String,
    /// The reviewer's comment, or the words for a flag without one.
    pub comment: String,
}

/// The list of answers sent back, when a change request waits for the respondent.
pub struct ChangesView {
    pub words: &'static ReviewWords,
    pub flagged: Vec<FlaggedView>,
}

/// The answers the latest change request flagged, in questionnaire order; `None`
/// unless the response waits for changes.
pub fn changes_requested(visit: &Visit) -> Option<ChangesView> {
    if !visit.changes_requested() {
        return None;
    }
    let words = review_words(&visit.language);
    let q = &visit.questionnaire;
    let lang = &visit.language;
    let flagged = q
        .sections()
        .iter()
        .enumerate()
        .flat_map(|(index, section)| section.questions().iter().map(move |x| (index, x)))
        .filter_map(|(index, question)| {
            let note = visit.review.by_question.get(question.id())?;
            note.please_change.then(|| FlaggedView {
                id: question.id().to_owned(),
                question: question.text().get(lang).to_owned(),
                href: format!(
                    "{}#question-{}",
                    visit.path(&format!("s/{}", index + 1)),
                    question.id()
                ),
                comment: comment_text(words, &note.comment),
            })
        })
        .collect();
    Some(ChangesView { words, flagged })
}

/// The reviewer's comment as shown: their words, or a plain request to change.
pub fn comment_text(words: &ReviewWords, comment: &str) -> String {
    if comment.trim().is_empty() {
        words.flagged_only.to_owned()
    } else {
        comment.to_owned()
    }
}

/// A comment and reply field beside one question of a section page.
pub struct NoteView {
    pub comment: String,
    /// What the reply field holds: the latest reply kept, or what was just typed.
    pub reply: String,
    /// Whether the answer was sent back, so a reply may be written.
    pub open: bool,
}

/// The review's status on the result page.
pub struct StatusView {
    pub words: &'static ReviewWords,
    pub text: String,
    /// The list of the flagged answers, while changes are requested.
    pub changes_href: Option<String>,
}

/// The review's status, when the campaign requires review or the response was reviewed.
pub fn review_status(visit: &Visit) -> Option<StatusView> {
    let state = visit.response.as_ref()?.state;
    let words = review_words(&visit.language);
    let required = visit.open.campaign.campaign.review_required;
    let (text, changes_href) = match state {
        ResponseState::Accepted => {
            let day = visit
                .review
                .accepted_at
                .map(|at| at.date().to_string())
                .unwrap_or_default();
            (format!("{} {day}", words.status_accepted), None)
        }
        ResponseState::ChangesRequested => {
            // The review page lists every flagged answer with a link to it.
            let list = format!("{}#changes-requested", visit.path("review"));
            (words.status_changes.to_owned(), Some(list))
        }
        ResponseState::Submitted | ResponseState::Resubmitted if required => {
            (words.status_awaiting.to_owned(), None)
        }
        ResponseState::Draft | ResponseState::Submitted | ResponseState::Resubmitted => {
            return None;
        }
    };
    Some(StatusView {
        words,
        text: text.trim().to_owned(),
        changes_href,
    })
}
