//! Responses: the states a response moves through, the only ways its answers and its
//! state change ([`save_section`] and [`submit`]), and a read-only view for analysts.
//!
//! Pages, the API, the demo, the tests and the benchmarks all come through here; storage
//! only does what it is told, on the state it is told to expect.

use chrono::NaiveDateTime;

use crate::ids::{AnalystId, InvitationId, ResponseId};
use crate::questionnaire::{Answers, Questionnaire};
use crate::storage::responses as stored;
use crate::storage::{DbConn, StorageError};

pub use crate::storage::responses::Response;

crate::words::word_enum!(
    /// Where a response stands.
    ResponseState, "response state", {
        /// Being filled in.
        Draft => "draft",
        /// Submitted; immutable.
        Submitted => "submitted",
    }
);

impl ResponseState {
    /// Whether answers may still change.
    pub fn is_editable(self) -> bool {
        matches!(self, ResponseState::Draft)
    }

    /// Whether the response's answers count in a campaign's reports.
    pub fn counts_in_reports(self) -> bool {
        matches!(self, ResponseState::Submitted)
    }

    /// Whether its participant may still be reminded to answer.
    pub fn can_be_reminded(self) -> bool {
        matches!(self, ResponseState::Draft)
    }
}

/// Who changed a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The respondent, through the personal link of this invitation.
    Link(InvitationId),
    /// An analyst account.
    Analyst(AnalystId),
    /// The demo generator.
    Demo,
}

/// The respondent a section is saved for: whose response, on which questionnaire, in
/// which language it was started.
#[derive(Debug, Clone, Copy)]
pub struct Respondent<'a> {
    pub invitation: InvitationId,
    pub questionnaire: &'a Questionnaire,
    pub language: &'a str,
}

/// Why a response could not change.
#[derive(Debug, thiserror::Error)]
pub enum ResponseError {
    /// The response is in a state that takes no more answers (already submitted).
    #[error("response {response} is {state} and can no longer change")]
    NotEditable {
        response: ResponseId,
        state: ResponseState,
    },
    /// Required answers are missing, so it cannot be submitted.
    #[error("response {0} misses required answers and cannot be submitted")]
    Incomplete(ResponseId),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Saves one section page: `answers` is every answer the respondent now has (as
/// `survey::submit_section` returns it). The section's questions, and every stored
/// answer no longer in `answers` (hidden by `show_if`), are replaced. Starts the
/// response if there is none yet.
pub fn save_section(
    conn: &mut DbConn,
    who: &Respondent<'_>,
    section: usize,
    answers: &Answers,
    _actor: Actor,
    _at: NaiveDateTime,
) -> Result<Response, ResponseError> {
    let q = who.questionnaire;
    let response = stored::find_or_start(
        conn,
        who.invitation.get(),
        (q.id(), q.version()),
        who.language,
    )?;
    if !response.state.is_editable() {
        return Err(not_editable(&response));
    }
    let previous = stored::load_answers(conn, response.id)?;
    let ids: Vec<&str> = q.sections()[section]
        .questions()
        .iter()
        .map(|x| x.id())
        .chain(
            previous
                .keys()
                .filter(|k| !answers.contains_key(*k))
                .map(String::as_str),
        )
        .collect();
    match stored::save_answers(conn, response.id, &ids, answers) {
        Err(StorageError::Conflict(_)) => Err(ResponseError::NotEditable {
            response: ResponseId(response.id),
            state: ResponseState::Submitted,
        }),
        other => Ok(other.map(|()| response)?),
    }
}

/// Makes a response final. Refused when it is not editable or misses required answers.
/// Callers run it in the transaction that also queues the receipt.
pub fn submit(
    conn: &mut DbConn,
    response: ResponseId,
    questionnaire: &Questionnaire,
    _actor: Actor,
    at: NaiveDateTime,
) -> Result<Response, ResponseError> {
    let answers = stored::load_answers(conn, response.get())?;
    if !crate::survey::is_complete(questionnaire, &answers) {
        return Err(ResponseError::Incomplete(response));
    }
    match stored::submit(conn, response.get(), at) {
        Err(StorageError::Conflict(_)) => Err(ResponseError::NotEditable {
            response,
            state: ResponseState::Submitted,
        }),
        other => Ok(other?),
    }
}

/// A response and its answers as an analyst sees them: loading it changes nothing.
#[derive(Debug, Clone)]
pub struct ResponseView {
    pub response: Response,
    pub answers: Answers,
}

/// Loads a response for reading, without any of a respondent visit's side effects.
pub fn view(conn: &mut DbConn, response: ResponseId) -> Result<ResponseView, ResponseError> {
    let found = stored::get(conn, response.get())?;
    let answers = stored::load_answers(conn, response.get())?;
    Ok(ResponseView {
        response: found,
        answers,
    })
}

fn not_editable(response: &Response) -> ResponseError {
    ResponseError::NotEditable {
        response: ResponseId(response.id),
        state: response.state,
    }
}
