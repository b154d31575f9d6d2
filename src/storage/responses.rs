//! Responses and their answers. A submitted response never changes again.

use std::sync::{Mutex, PoisonError};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{answers, responses};
use super::{DbConn, StorageError};
use crate::questionnaire::{Answer, Answers};
use crate::responses::ResponseState;

/// Saves on SQLite take turns here first. SQLite lets one writer in at a time and
/// makes the others retry from its busy handler, which sleeps whole milliseconds
/// between tries: with many respondents saving at once those sleeps, not the writes,
/// set the pace. A lock hands over at once. It orders the saves of this process only;
/// other writers still meet the busy handler, which is rare enough.
static SQLITE_SAVES: Mutex<()> = Mutex::new(());

/// A stored response.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = responses)]
pub struct Response {
    pub id: i64,
    pub invitation_id: i64,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub state: ResponseState,
    pub language: String,
    pub started_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = responses)]
struct ResponseRow<'a> {
    invitation_id: i64,
    questionnaire_id: &'a str,
    questionnaire_version: &'a str,
    state: ResponseState,
    language: &'a str,
    started_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = answers)]
struct AnswerRow<'a> {
    response_id: i64,
    question_id: &'a str,
    value: String,
    updated_at: NaiveDateTime,
}

/// The response of an invitation, if it was started.
pub fn find_for_invitation(
    conn: &mut DbConn,
    invitation_id: i64,
) -> Result<Option<Response>, StorageError> {
    Ok(responses::table
        .filter(responses::invitation_id.eq(invitation_id))
        .select(Response::as_select())
        .first(conn)
        .optional()?)
}

/// The response of an invitation, started now if there is none yet.
pub fn find_or_start(
    conn: &mut DbConn,
    invitation_id: i64,
    questionnaire: (&str, &str),
    language: &str,
) -> Result<Response, StorageError> {
    if let Some(found) = find_for_invitation(conn, invitation_id)? {
        return Ok(found);
    }
    let now = super::now();
    let inserted = diesel::insert_into(responses::table)
        .values(&ResponseRow {
            invitation_id,
            questionnaire_id: questionnaire.0,
            questionnaire_version: questionnaire.1,
            state: ResponseState::Draft,
            language,
            started_at: now,
            updated_at: now,
        })
        .execute(conn)
        .map_err(StorageError::from);
    match inserted {
        // Two first visits at once: the other one started it.
        Err(e) if e.is_unique_violation() => {}
        other => {
            other?;
        }
    }
    find_for_invitation(conn, invitation_id)?
        .ok_or_else(|| StorageError::not_found("response of invitation", invitation_id))
}

/// Every stored answer of a response.
pub fn load_answers(conn: &mut DbConn, response_id: i64) -> Result<Answers, StorageError> {
    let rows: Vec<(String, String)> = answers::table
        .filter(answers::response_id.eq(response_id))
        .select((answers::question_id, answers::value))
        .load(conn)?;
    rows.into_iter()
        .map(|(question, value)| {
            let answer: Answer = serde_json::from_str(&value).map_err(|e| {
                StorageError::Corrupt(format!("answer {question} of response {response_id}: {e}"))
            })?;
            Ok((question, answer))
        })
        .collect()
}

/// Replaces the answers to `question_ids` with those in `given` (a question of the list
/// without an answer there loses its stored one), all in one transaction. Refused once
/// the response is submitted.
pub fn save_answers(
    conn: &mut DbConn,
    response_id: i64,
    question_ids: &[&str],
    given: &Answers,
) -> Result<(), StorageError> {
    let _turn = matches!(conn, DbConn::Sqlite(_))
        .then(|| SQLITE_SAVES.lock().unwrap_or_else(PoisonError::into_inner));
    crate::storage::write_transaction(conn, |conn| {
        let now = super::now();
        let still_draft = diesel::update(
            responses::table
                .find(response_id)
                .filter(responses::state.eq(ResponseState::Draft)),
        )
        .set(responses::updated_at.eq(now))
        .execute(conn)?;
        if still_draft == 0 {
            return Err(submitted(response_id));
        }
        diesel::delete(
            answers::table
                .filter(answers::response_id.eq(response_id))
                .filter(answers::question_id.eq_any(question_ids)),
        )
        .execute(conn)?;
        // One row at a time: the multi-backend cannot batch, and a page holds few questions.
        for id in question_ids {
            let Some(answer) = given.get(*id) else {
                continue;
            };
            let value =
                serde_json::to_string(answer).map_err(|e| StorageError::Corrupt(e.to_string()))?;
            diesel::insert_into(answers::table)
                .values(&AnswerRow {
                    response_id,
                    question_id: id,
                    value,
                    updated_at: now,
                })
                .execute(conn)?;
        }
        Ok(())
    })
}

/// Records the language a respondent chose.
pub fn set_language(
    conn: &mut DbConn,
    response_id: i64,
    language: &str,
) -> Result<(), StorageError> {
    diesel::update(responses::table.find(response_id))
        .set(responses::language.eq(language))
        .execute(conn)?;
    Ok(())
}

/// Marks a draft submitted; a second submit is a `Conflict`. Callers run it in the
/// transaction that also queues the receipt.
pub fn submit(
    conn: &mut DbConn,
    response_id: i64,
    now: NaiveDateTime,
) -> Result<Response, StorageError> {
    let updated = diesel::update(
        responses::table
            .find(response_id)
            .filter(responses::state.eq(ResponseState::Draft)),
    )
    .set((
        responses::state.eq(ResponseState::Submitted),
        responses::submitted_at.eq(Some(now)),
        responses::updated_at.eq(now),
    ))
    .execute(conn)?;
    if updated == 0 {
        return Err(submitted(response_id));
    }
    Ok(responses::table
        .find(response_id)
        .select(Response::as_select())
        .first(conn)?)
}

fn submitted(response_id: i64) -> StorageError {
    StorageError::Conflict(format!(
        "response {response_id} is already submitted and can no longer change"
    ))
}

/// One response by id.
pub fn get(conn: &mut DbConn, response_id: i64) -> Result<Response, StorageError> {
    responses::table
        .find(response_id)
        .select(Response::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StorageError::not_found("response", response_id))
}
