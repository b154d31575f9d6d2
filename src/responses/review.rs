//! Review by the campaign's team: a reviewer sends a submitted response back with the
//! answers to change flagged, or accepts it; after a change request the respondent may
//! change the flagged answers only, reply to the comments, and resubmit.
//!
//! Every rule is checked here, in the transaction of the change: the campaign requires
//! review, the analyst is assigned to it as a reviewer, the response awaits a decision, a
//! request flags at least one answer, and an answer that was not flagged stays as it was.
//! A follow-up question (`show_if`) of a flagged one is not opened by itself: a reviewer
//! who wants it changed flags it too, and a change that would drop a locked answer is
//! refused like any other change to it.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;

use super::lifecycle::{not_editable, record_returning_id, refused};
use super::{Actor, Response, ResponseError, ResponseState};
use crate::ids::{AnalystId, InvitationId, ResponseId};
use crate::questionnaire::{Answers, Questionnaire};
use crate::storage::responses::{self as stored, Replaced, StateChange};
use crate::storage::review_comments::{self as comments, NewComment};
use crate::storage::{DbConn, write_transaction};

/// The longest comment or reply kept, in characters.
pub const COMMENT_MAX_CHARS: usize = 5000;

/// What a reviewer decides about a response awaiting review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Send it back: the flagged answers open again for the respondent.
    RequestChanges,
    /// Accept it: final, and from now on it counts in the reports.
    Accept,
}

/// One comment a reviewer sends with a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentInput {
    pub question: String,
    pub body: String,
    pub please_change: bool,
}

/// A decision taken: the response after it, the campaign, the history row it made and
/// the questions it flagged.
#[derive(Debug, Clone)]
pub struct Reviewed {
    pub response: Response,
    pub campaign_id: i64,
    pub event_id: i64,
    pub flagged: Vec<String>,
}

/// Takes a reviewer's decision on a response awaiting review, with its comments (a comment
/// with neither text nor a flag is left out): one compare-and-set, one history row, the
/// comments tied to it. Refused with `ReviewNotRequired`, `NotReviewer`, `NotEditable`
/// (it awaits no decision: a draft, already sent back, or accepted), `UnknownQuestion`,
/// `CommentTooLong` or `NothingFlagged` (a change request that flags no answer), with
/// nothing written. Runs in the caller's transaction when there is one, so the mail it
/// causes commits with it.
pub fn review(
    conn: &mut DbConn,
    response: ResponseId,
    reviewer: AnalystId,
    decision: Decision,
    given: &[CommentInput],
    questionnaire: &Questionnaire,
    at: NaiveDateTime,
) -> Result<Reviewed, ResponseError> {
    write_transaction(conn, |conn| {
        let found = stored::get(conn, response.get())?;
        let (campaign_id, required) = comments::review_rule_of(conn, found.id)?;
        if !required {
            return Err(ResponseError::ReviewNotRequired(response));
        }
        let assigned = crate::storage::analysts::is_reviewer(conn, reviewer.get(), campaign_id)?;
        if !crate::accounts::may_review(assigned) {
            return Err(ResponseError::NotReviewer { response, reviewer });
        }
        if !found.state.awaits_review() {
            return Err(not_editable(&found));
        }
        let kept = checked_comments(questionnaire, given)?;
        let flagged: Vec<String> = kept
            .iter()
            .filter(|c| c.please_change)
            .map(|c| c.question.clone())
            .collect();
        let next = match decision {
            Decision::RequestChanges if flagged.is_empty() => {
                return Err(ResponseError::NothingFlagged(response));
            }
            Decision::RequestChanges => ResponseState::ChangesRequested,
            Decision::Accept => ResponseState::Accepted,
        };
        let change = StateChange {
            expected: found.state,
            new: next,
            at,
            submitted_at: None,
        };
        if !stored::set_state(conn, found.id, change)? {
            return Err(refused(conn, found.id));
        }
        let actor = Actor::Analyst(reviewer);
        let event_id = record_returning_id(conn, &found, Some(found.state), next, actor, at)?;
        for c in &kept {
            let body = c.body.trim();
            comments::append(
                conn,
                &NewComment {
                    response_id: found.id,
                    question_id: &c.question,
                    author_kind: super::ActorKind::Analyst,
                    author_id: Some(reviewer.get()),
                    body: Some(body).filter(|b| !b.is_empty()),
                    // An acceptance opens nothing, whatever the form said.
                    please_change: c.please_change && decision == Decision::RequestChanges,
                    event_id: Some(event_id),
                    reply_to: None,
                    at,
                },
            )?;
        }
        Ok(Reviewed {
            response: stored::get(conn, found.id)?,
            campaign_id,
            event_id,
            flagged: if decision == Decision::RequestChanges {
                flagged
            } else {
                Vec::new()
            },
        })
    })
}

/// The comments worth keeping, each about a question of the questionnaire, at most one
/// per question (the last one given), in questionnaire order.
fn checked_comments(
    questionnaire: &Questionnaire,
    given: &[CommentInput],
) -> Result<Vec<CommentInput>, ResponseError> {
    for c in given {
        if questionnaire.question(&c.question).is_none() {
            return Err(ResponseError::UnknownQuestion(c.question.clone()));
        }
        if c.body.chars().count() > COMMENT_MAX_CHARS {
            return Err(ResponseError::CommentTooLong(c.question.clone()));
        }
    }
    Ok(questionnaire
        .questions()
        .filter_map(|q| given.iter().rev().find(|c| c.question == q.id()))
        .filter(|c| c.please_change || !c.body.trim().is_empty())
        .cloned()
        .collect())
}

/// The questions whose answers the respondent may change: every one while the response
/// is a draft (`None`), the flagged ones after a change request, none otherwise.
pub fn open_questions(
    conn: &mut DbConn,
    response: &Response,
) -> Result<Option<BTreeSet<String>>, ResponseError> {
    match response.state {
        ResponseState::Draft => Ok(None),
        ResponseState::ChangesRequested => {
            Ok(Some(comments::flagged_questions(conn, response.id)?))
        }
        _ => Ok(Some(BTreeSet::new())),
    }
}

/// Refuses (`Locked`, naming the first such question) a change to the answer of a
/// question outside `open`: one whose answer in `answers` differs from the stored one.
pub(super) fn refuse_locked_changes(
    conn: &mut DbConn,
    response: &Response,
    scope: Replaced<'_>,
    answers: &Answers,
) -> Result<(), ResponseError> {
    let Some(open) = open_questions(conn, response)? else {
        return Ok(());
    };
    let before = stored::load_answers(conn, response.id)?;
    let locked = scope
        .ids(before.keys().map(String::as_str), answers)
        .into_iter()
        .find(|q| !open.contains(*q) && before.get(*q) != answers.get(*q));
    match locked {
        Some(question) => Err(ResponseError::Locked {
            response: ResponseId(response.id),
            question: question.to_owned(),
        }),
        None => Ok(()),
    }
}

/// Whether evidence (a note or files) of `question` may change: always in a draft, for a
/// flagged question after a change request, never otherwise.
pub fn evidence_open(
    conn: &mut DbConn,
    response: &Response,
    question: &str,
) -> Result<bool, ResponseError> {
    Ok(open_questions(conn, response)?.is_none_or(|open| open.contains(question)))
}

/// Keeps the respondent's replies to the comments of the latest change request: each
/// (question, text) pair, for a flagged question, becomes a reply to the reviewer's
/// comment on it, unless it is empty or the same as the latest reply already kept.
/// Refused with `Locked` for a question that was not flagged and `NotEditable` unless the
/// response is in changes requested. Runs in the caller's transaction when there is one.
pub fn save_replies(
    conn: &mut DbConn,
    response: ResponseId,
    invitation: InvitationId,
    replies: &[(String, String)],
    at: NaiveDateTime,
) -> Result<usize, ResponseError> {
    write_transaction(conn, |conn| {
        let found = stored::get(conn, response.get())?;
        if found.invitation_id != invitation.get() {
            return Err(ResponseError::NotYours {
                response,
                invitation,
            });
        }
        if found.state != ResponseState::ChangesRequested {
            return Err(not_editable(&found));
        }
        let request = comments::of_latest_request(conn, found.id)?;
        let all = comments::of_response(conn, found.id)?;
        let mut kept = 0;
        for (question, text) in replies {
            let text = text.trim();
            let Some(asked) = request
                .iter()
                .find(|c| c.please_change && &c.question_id == question)
            else {
                return Err(ResponseError::Locked {
                    response,
                    question: question.clone(),
                });
            };
            if text.chars().count() > COMMENT_MAX_CHARS {
                return Err(ResponseError::CommentTooLong(question.clone()));
            }
            let latest = all
                .iter()
                .rev()
                .find(|c| c.reply_to == Some(asked.id))
                .and_then(|c| c.body.as_deref());
            if text.is_empty() || latest == Some(text) {
                continue;
            }
            comments::append(
                conn,
                &NewComment {
                    response_id: found.id,
                    question_id: question,
                    author_kind: super::ActorKind::Link,
                    author_id: Some(invitation.get()),
                    body: Some(text),
                    please_change: false,
                    event_id: None,
                    reply_to: Some(asked.id),
                    at,
                },
            )?;
            kept += 1;
        }
        Ok(kept)
    })
}
