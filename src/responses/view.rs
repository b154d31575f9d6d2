//! Reading a response without touching it: what an analyst (and later a reviewer) sees.
//! Unlike a respondent's visit, nothing here marks a link opened, starts a response or
//! writes to the history.

use chrono::NaiveDateTime;

use super::changes::{AnswerChange, answer_history};
use super::{Actor, Response, ResponseError, ResponseState};
use crate::ids::{InvitationId, ResponseId};
use crate::questionnaire::Answers;
use crate::storage::response_events;
use crate::storage::responses as stored;
use crate::storage::{DbConn, StorageError};

/// One transition in a response's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseEvent {
    /// `None` for the creation of the response.
    pub from: Option<ResponseState>,
    pub to: ResponseState,
    pub actor: Actor,
    pub at: NaiveDateTime,
}

/// A response, its answers and its histories, as an analyst sees them.
#[derive(Debug, Clone)]
pub struct ResponseView {
    pub response: Response,
    pub answers: Answers,
    /// Oldest first.
    pub events: Vec<ResponseEvent>,
    /// Every change to an answer, oldest first.
    pub changes: Vec<AnswerChange>,
}

/// Loads a response for reading, without any of a respondent visit's side effects.
pub fn view(conn: &mut DbConn, response: ResponseId) -> Result<ResponseView, ResponseError> {
    let found = stored::get(conn, response.get())?;
    complete(conn, found)
}

/// The response of an invitation for reading, if it was started; starts nothing.
pub fn view_of_invitation(
    conn: &mut DbConn,
    invitation: InvitationId,
) -> Result<Option<ResponseView>, ResponseError> {
    stored::find_for_invitation(conn, invitation.get())?
        .map(|found| complete(conn, found))
        .transpose()
}

/// The transitions of a response, oldest first.
pub fn history(
    conn: &mut DbConn,
    response: ResponseId,
) -> Result<Vec<ResponseEvent>, ResponseError> {
    response_events::of_response(conn, response.get())?
        .into_iter()
        .map(|e| {
            let actor = Actor::from_stored(e.actor_kind, e.actor_id).ok_or_else(|| {
                StorageError::Corrupt(format!(
                    "event of response {response}: actor {} with id {:?}",
                    e.actor_kind, e.actor_id
                ))
            })?;
            Ok(ResponseEvent {
                from: e.from_state,
                to: e.to_state,
                actor,
                at: e.at,
            })
        })
        .collect()
}

fn complete(conn: &mut DbConn, response: Response) -> Result<ResponseView, ResponseError> {
    let id = ResponseId(response.id);
    let answers = stored::load_answers(conn, response.id)?;
    let events = history(conn, id)?;
    let changes = answer_history(conn, id)?;
    Ok(ResponseView {
        response,
        answers,
        events,
        changes,
    })
}
