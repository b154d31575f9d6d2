//! Starting a response from the answers of the organisation's earlier round: written as
//! the response's first answers, through the same storage function every save uses, and
//! only while the response has none.

use chrono::NaiveDateTime;

use super::lifecycle::{not_editable, refused, start};
use super::{Actor, Respondent, Response, ResponseError};
use crate::ids::ResponseId;
use crate::questionnaire::Answers;
use crate::storage::responses::{self as stored, Replaced};
use crate::storage::{DbConn, write_transaction};

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
        let none = Replaced::Questions(&[]);
        // Replacing no answer only stamps the response, which on PostgreSQL holds its row
        // until this transaction ends: an offer taken twice at once waits here, then finds
        // the other's answers below. (SQLite's write lock already orders them.)
        if stored::replace_answers(conn, response.id, response.state, none, answers, actor, at)?
            .is_none()
        {
            return Err(refused(conn, response.id));
        }
        if !stored::load_answers(conn, response.id)?.is_empty() {
            return Ok(Carried::AlreadyAnswered);
        }
        let ids: Vec<&str> = answers.keys().map(String::as_str).collect();
        let carried = Replaced::Questions(&ids);
        let Some(revision) = stored::replace_answers(
            conn,
            response.id,
            response.state,
            carried,
            answers,
            actor,
            at,
        )?
        else {
            return Err(refused(conn, response.id));
        };
        // The evidence of the carried answers: notes always, files if the respondent
        // ticked it.
        crate::evidence::carry(conn, from, ResponseId(response.id), &ids, with_files)?;
        Ok(Carried::Written(Response {
            updated_at: at,
            revision,
            ..response
        }))
    })
}
