//! A section page saved after a change request: only the flagged answers may change.
//!
//! The page has no field for a locked answer, so the stored one stands in for it before
//! the save (otherwise the answer would read as cleared and the lifecycle, which refuses
//! any change to a locked answer, would refuse the page). A post that names a locked
//! answer anyway, or replies to a comment that asked for no change, is refused with the
//! section page again, saying which answer is locked, and nothing is saved.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::questionnaire::Answers;
use crate::responses::review::COMMENT_MAX_CHARS;
use crate::survey::{FieldError, FieldName};
use crate::web::WebError;

use super::html_with_status;
use super::pages::section_page;
use super::visit::Visit;

/// The prefix of a reply field: `reply.<question id>`.
const REPLY_PREFIX: &str = "reply.";

/// The replies a section post carries, as (question id, text), in the order sent.
pub fn replies_of(fields: &[(String, String)]) -> Vec<(String, String)> {
    fields
        .iter()
        .filter_map(|(name, value)| {
            let question = name.strip_prefix(REPLY_PREFIX)?;
            Some((question.to_owned(), value.clone()))
        })
        .collect()
}

/// The first question of the post that may not change: an answer field of a locked
/// question, or a reply to a question not sent back. `None` when the response is a
/// draft (every answer open, and replies are ignored).
pub fn locked_in_post(
    visit: &Visit,
    fields: &[(String, String)],
    replies: &[(String, String)],
) -> Option<String> {
    // A draft: every answer open.
    visit.open_questions.as_ref()?;
    let answered = fields
        .iter()
        .filter_map(|(name, _)| FieldName::parse(name))
        .map(|f| f.question_id)
        .filter(|id| visit.questionnaire.question(id).is_some());
    let replied = replies.iter().map(|(id, _)| id.as_str());
    answered
        .chain(replied)
        .find(|id| visit.is_locked(id) || !flagged(visit, id))
        .map(str::to_owned)
}

/// Whether the latest change request flagged `question` (always false for a draft).
fn flagged(visit: &Visit, question: &str) -> bool {
    visit
        .review
        .by_question
        .get(question)
        .is_some_and(|n| n.please_change)
}

/// Puts the stored answer back for every locked question (and drops what the page made
/// of it), then keeps only the answers still shown. A draft's answers stay as sent.
pub fn keep_locked(visit: &Visit, answers: &mut Answers, errors: &mut Vec<FieldError>) {
    if visit.open_questions.is_none() {
        return;
    }
    for question in visit.questionnaire.questions() {
        let id = question.id();
        if !visit.is_locked(id) {
            continue;
        }
        match visit.answers.get(id) {
            Some(stored) => {
                answers.insert(id.to_owned(), stored.clone());
            }
            None => {
                answers.remove(id);
            }
        }
    }
    *answers = visit.questionnaire.visible_answers(answers);
    errors.retain(|e| !visit.is_locked(&e.question_id));
}

/// The first reply longer than the most kept, by question id.
pub fn too_long(replies: &[(String, String)]) -> Option<&str> {
    replies
        .iter()
        .find(|(_, text)| text.chars().count() > COMMENT_MAX_CHARS)
        .map(|(id, _)| id.as_str())
}

/// Why a section post after a change request is refused.
pub enum Refusal<'a> {
    /// It would change the answer to this question, which was not sent back (409).
    Locked(&'a str),
    /// The reply on this question is too long (422).
    ReplyTooLong(&'a str),
}

/// Shows the replies just typed in the page's reply fields.
pub fn keep_replies(page: &mut super::views::SectionPage, replies: &[(String, String)]) {
    for (id, text) in replies {
        if let Some(note) = page.notes.get_mut(id) {
            note.reply = text.clone();
        }
    }
}

/// The section page again with what was typed (answers and replies) and why nothing
/// was saved.
pub fn refused(
    visit: &Visit,
    index: usize,
    req: &HttpRequest,
    sent: &Answers,
    replies: &[(String, String)],
    refusal: Refusal<'_>,
) -> Result<HttpResponse, WebError> {
    let mut page = section_page(visit, index, req, &[], sent)?;
    keep_replies(&mut page, replies);
    let words = page.review_words;
    let lang = &visit.language;
    let label = |id: &str| {
        visit
            .questionnaire
            .question(id)
            .map_or_else(|| id.to_owned(), |q| q.text().get(lang).to_owned())
    };
    let status = match refusal {
        Refusal::Locked(id) => {
            let anchor = format!("question-{id}");
            page.errors
                .add(anchor, Some(label(id)), words.locked_refused);
            StatusCode::CONFLICT
        }
        Refusal::ReplyTooLong(id) => {
            let message = format!("{} {COMMENT_MAX_CHARS}", words.reply_too_long);
            page.errors
                .add(format!("reply-{id}"), Some(label(id)), message);
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    html_with_status(page.render(), status)
}
