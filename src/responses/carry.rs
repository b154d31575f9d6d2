//! Starting a response from the answers of the organisation's earlier round: written as
//! the response's first answers, through the same storage function every save uses, and
//! only while the response has none.

use chrono::NaiveDateTime;

use super::lifecycle::{not_editable, refused, start};
use super::{Actor, Respondent, Response, ResponseError};
use crate::ids::ResponseId;
use crate::questionnaire::Answers;
use crate::storage::responses as stored;
use crate::storage::{DbConn, StorageError, write_transaction};

/// What taking the offer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Carried {
    /// The answers were written into this response.
    Written(Response),
    /// The response already had answers, so nothing was written: the offer is only for a
    /// response not yet begun.
    AlreadyAnswered,
}

/// Writes `answers` (what `rounds::plan` carries from response `from`) as the first answers
/// of the respondent's response, starting it if need be, in one transaction; evidence
/// comes along too, its files only `with_files`. Refused when the response takes no more
/// answers (`NotEditable`); nothing is written when it has answers already.
pub fn carry_answers(
    conn: &mut DbConn,
    who: &Respondent<'_>,
    from: ResponseId,
    answers: &Answers,
    with_files: bool,
    actor: Actor,
    at: NaiveDateTime,
) -> Result<Carried, ResponseError> {
    let _turn = stored::save_turn(conn);
    write_transaction(conn, |conn| {
        let response = start(conn, who, actor, at)?;
        if !response.state.is_editable() {
            return Err(not_editable(&response));
        }
        // Replacing no answer only stamps the response, which on PostgreSQL holds its row
        // until this transaction ends: an offer taken twice at once waits here, then finds
        // the other's answers below. (SQLite's write lock already orders them.)
        if !stored::replace_answers(conn, response.id, response.state, &[], answers, actor, at)? {
            return Err(refused(conn, response.id));
        }
        if !stored::load_answers(conn, response.id)?.is_empty() {
            return Ok(Carried::AlreadyAnswered);
        }
        let ids: Vec<&str> = answers.keys().map(String::as_str).collect();
        if !stored::replace_answers(conn, response.id, response.state, &ids, answers, actor, at)? {
            return Err(refused(conn, response.id));
        }
        let carried: Vec<String> = answers.keys().cloned().collect();
        carry_evidence(conn, from, ResponseId(response.id), &carried, with_files)?;
        Ok(Carried::Written(Response {
            updated_at: at,
            ..response
        }))
    })
}

/// SEAM for the evidence of each answer: the answers of `question_ids` were just carried
/// from response `from` into `to`, in the caller's transaction. Their evidence notes come
/// along, and their files only `with_files` (the respondent's tick on the offer). Wire it
/// to `evidence::carry(conn, from, to, question_ids, with_files)` once evidence is stored;
/// until then there is no evidence to bring.
fn carry_evidence(
    _conn: &mut DbConn,
    _from: ResponseId,
    _to: ResponseId,
    _question_ids: &[String],
    _with_files: bool,
) -> Result<(), StorageError> {
    Ok(())
}
