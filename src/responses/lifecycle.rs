//! The changes a response goes through: started, a section (or any answers) saved,
//! submitted, a language chosen. A change of state is a compare-and-set on the state
//! just read, and leaves its row in the history in the same transaction; so does every
//! changed answer, in the answer history.

use chrono::NaiveDateTime;

use super::{Actor, Respondent, Response, ResponseError, ResponseState};
use crate::ids::ResponseId;
use crate::questionnaire::{Answers, Questionnaire};
use crate::storage::response_events::{self, StoredEvent};
use crate::storage::responses::{
    self as stored, LoadedAnswers, NewResponse, Replaced, StateChange,
};
use crate::storage::{DbConn, write_transaction};

/// The respondent's response, started as a draft (and its creation recorded) if there
/// is none yet.
pub fn start(
    conn: &mut DbConn,
    who: &Respondent<'_>,
    actor: Actor,
    at: NaiveDateTime,
) -> Result<Response, ResponseError> {
    if let Some(found) = stored::find_for_invitation(conn, who.invitation.get())? {
        return Ok(found);
    }
    write_transaction(conn, |conn| {
        let q = who.questionnaire;
        let new = NewResponse {
            invitation_id: who.invitation.get(),
            questionnaire_id: q.id(),
            questionnaire_version: q.version(),
            state: ResponseState::Draft,
            language: who.language,
            started_at: at,
            updated_at: at,
        };
        match stored::start(conn, &new)? {
            Some(started) => {
                record(conn, &started, None, started.state, actor, at)?;
                Ok(started)
            }
            // Two first requests at once: the other one started it, and recorded it.
            None => stored::find_for_invitation(conn, who.invitation.get())?.ok_or_else(|| {
                crate::storage::StorageError::not_found("response of invitation", who.invitation)
                    .into()
            }),
        }
    })
}

/// Saves one section page: `answers` is every answer the respondent now has (as
/// `survey::submit_section` returns it). The section's questions, and every stored
/// answer no longer in `answers` (hidden by `show_if`), are replaced through
/// [`save_answers`]'s path, so each changed answer leaves its history row. Starts the
/// response if there is none yet. One write transaction; on SQLite the saves of this
/// process take turns first (see `storage::responses::save_turn`).
pub fn save_section(
    conn: &mut DbConn,
    who: &Respondent<'_>,
    section: usize,
    answers: &Answers,
    actor: Actor,
    at: NaiveDateTime,
) -> Result<Response, ResponseError> {
    save_section_with_replies(conn, who, None, section, answers, &[], actor, at)
}

/// What a request read before its save: the response (it may be stale) and, if read with
/// it, its stored answers.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    pub response: &'a Response,
    /// The answers as read after the response (see `storage::responses::load_answers_as_read`).
    pub answers: Option<&'a LoadedAnswers>,
}

/// [`save_section`], and with it the respondent's `replies` (question id, text) to the
/// reviewer's comments of a change request (see [`super::save_replies`]), in the same
/// transaction: a refused reply saves no answer either, and a crash leaves neither half.
///
/// `known` is the response as the request loaded it, if it had one: it spares reading it
/// again. It may be stale; the write is conditional on its state, and should that have
/// moved on, the save decides again on the stored response. A draft's page saved without
/// replies, with the answers loaded too, is written against those: conditional on the
/// response's revision as well, and decided again on the stored response should that
/// have moved on.
#[allow(clippy::too_many_arguments)]
pub fn save_section_with_replies(
    conn: &mut DbConn,
    who: &Respondent<'_>,
    known: Option<Known<'_>>,
    section: usize,
    answers: &Answers,
    replies: &[(String, String)],
    actor: Actor,
    at: NaiveDateTime,
) -> Result<Response, ResponseError> {
    let questions = who
        .questionnaire
        .sections()
        .get(section)
        .ok_or(ResponseError::NoSuchSection(section))?
        .questions();
    let ids: Vec<&str> = questions.iter().map(|x| x.id()).collect();
    let scope = Replaced::QuestionsAndDropped(&ids);
    let known = known.filter(|k| k.response.invitation_id == who.invitation.get());
    let _turn = stored::save_turn(conn);
    if let Some(Known {
        response,
        answers: Some(loaded),
    }) = known
        && response.state == ResponseState::Draft
        && replies.is_empty()
    {
        let was = (response.state, response.revision);
        if stored::replace_loaded_answers(
            conn,
            response.id,
            was,
            loaded,
            scope,
            answers,
            actor,
            at,
        )? {
            return Ok(Response {
                updated_at: at,
                revision: response.revision + 1,
                ..response.clone()
            });
        }
    }
    write_transaction(conn, |conn| {
        let mine = known.map(|k| k.response);
        let saved = match mine {
            Some(response) => {
                match write_answers(conn, response.clone(), scope, answers, actor, at) {
                    // Its state moved on since the page was loaded (nothing was written).
                    Err(ResponseError::NotEditable { .. }) => {
                        let stored = start(conn, who, actor, at)?;
                        write_answers(conn, stored, scope, answers, actor, at)?
                    }
                    done => done?,
                }
            }
            None => {
                let response = start(conn, who, actor, at)?;
                write_answers(conn, response, scope, answers, actor, at)?
            }
        };
        if !replies.is_empty() {
            // Within this transaction: `save_replies` nests as a savepoint.
            let id = ResponseId(saved.id);
            super::save_replies(conn, id, who.invitation, replies, at)?;
        }
        Ok(saved)
    })
}

/// The one way to change a response's answers outside a section page (a pre-filled
/// round, say): the answers to `question_ids` become those in `answers` (a listed
/// question without an answer there loses its stored one), the response is stamped
/// `at`, and every answer that really changes leaves a row in the answer history naming
/// `actor`, all in one transaction (the caller's, when there is one). Refused with
/// `NotEditable` unless the response takes answers.
pub fn save_answers(
    conn: &mut DbConn,
    response: ResponseId,
    question_ids: &[&str],
    answers: &Answers,
    actor: Actor,
    at: NaiveDateTime,
) -> Result<Response, ResponseError> {
    write_transaction(conn, |conn| {
        let found = stored::get(conn, response.get())?;
        let scope = Replaced::Questions(question_ids);
        write_answers(conn, found, scope, answers, actor, at)
    })
}

/// Replaces the answers in the caller's transaction, if `response` still takes them.
fn write_answers(
    conn: &mut DbConn,
    response: Response,
    scope: Replaced<'_>,
    answers: &Answers,
    actor: Actor,
    at: NaiveDateTime,
) -> Result<Response, ResponseError> {
    if !response.state.is_editable() {
        return Err(not_editable(&response));
    }
    super::review::refuse_locked_changes(conn, &response, scope, answers)?;
    let (id, state) = (response.id, response.state);
    let Some(revision) = stored::replace_answers(conn, id, state, scope, answers, actor, at)?
    else {
        return Err(refused(conn, id));
    };
    Ok(Response {
        updated_at: at,
        revision,
        ..response
    })
}

/// Makes a response final. Refused when its state takes no submit (`NotEditable`), when
/// the link is another invitation's (`NotYours`) or when required answers are missing
/// (`Incomplete`). Runs in the caller's transaction when there is one (the web handler
/// queues the receipt in it), in one of its own otherwise.
pub fn submit(
    conn: &mut DbConn,
    response: ResponseId,
    questionnaire: &Questionnaire,
    actor: Actor,
    at: NaiveDateTime,
) -> Result<Response, ResponseError> {
    write_transaction(conn, |conn| {
        let found = stored::get(conn, response.get())?;
        if let Actor::Link(invitation) = actor
            && found.invitation_id != invitation.get()
        {
            return Err(ResponseError::NotYours {
                response,
                invitation,
            });
        }
        let Some(next) = found.state.on_submit() else {
            return Err(not_editable(&found));
        };
        let answers = stored::load_answers(conn, found.id)?;
        if !crate::survey::is_complete(questionnaire, &answers) {
            return Err(ResponseError::Incomplete(response));
        }
        // A resubmit keeps the time of the first submit.
        let first = found.state == ResponseState::Draft;
        let change = StateChange {
            expected: found.state,
            new: next,
            at,
            submitted_at: first.then_some(at),
        };
        if !stored::set_state(conn, found.id, change)? {
            return Err(refused(conn, found.id));
        }
        record(conn, &found, Some(found.state), next, actor, at)?;
        Ok(stored::get(conn, found.id)?)
    })
}

/// Keeps the language a respondent chose with their response, whatever its state: it
/// is how the pages speak to them, not part of what they answered.
pub fn set_language(
    conn: &mut DbConn,
    response: ResponseId,
    language: &str,
) -> Result<(), ResponseError> {
    Ok(stored::set_language(conn, response.get(), language)?)
}

fn record(
    conn: &mut DbConn,
    response: &Response,
    from: Option<ResponseState>,
    to: ResponseState,
    actor: Actor,
    at: NaiveDateTime,
) -> Result<(), ResponseError> {
    record_returning_id(conn, response, from, to, actor, at).map(|_| ())
}

/// Records a transition and gives the id of its history row.
pub(super) fn record_returning_id(
    conn: &mut DbConn,
    response: &Response,
    from: Option<ResponseState>,
    to: ResponseState,
    actor: Actor,
    at: NaiveDateTime,
) -> Result<i64, ResponseError> {
    let (actor_kind, actor_id) = actor.stored();
    let event = StoredEvent {
        response_id: response.id,
        from_state: from,
        to_state: to,
        actor_kind,
        actor_id,
        at,
    };
    Ok(response_events::append_returning_id(conn, &event)?)
}

pub(super) fn not_editable(response: &Response) -> ResponseError {
    ResponseError::NotEditable {
        response: ResponseId(response.id),
        state: response.state,
    }
}

/// A compare-and-set that changed nothing: the state moved on since it was read, and
/// the error names the state it is in now.
pub(super) fn refused(conn: &mut DbConn, response: i64) -> ResponseError {
    match stored::get(conn, response) {
        Ok(now) => not_editable(&now),
        Err(e) => e.into(),
    }
}
