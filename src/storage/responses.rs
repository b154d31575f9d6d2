//! Responses and their answers, as rows, with the history row every changed answer
//! leaves. Every change is a compare-and-set on the state the caller expects: the
//! functions report whether a row changed and decide nothing else. Which states take
//! answers, and what a refusal means, is `crate::responses`'s.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::NaiveDateTime;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::prelude::*;

use super::answer_writes;
use super::schema::{answers, responses};
use super::{DbConn, StorageError};
use crate::questionnaire::{Answer, Answers};
use crate::responses::{Actor, ResponseState};

/// Saves on SQLite take turns here first. SQLite lets one writer in at a time and
/// makes the others retry from its busy handler, which sleeps whole milliseconds
/// between tries: with many respondents saving at once those sleeps, not the writes,
/// set the pace. A lock hands over at once. It orders the saves of this process only;
/// other writers still meet the busy handler, which is rare enough.
static SQLITE_SAVES: Mutex<()> = Mutex::new(());

/// The turn of a save on SQLite, held until the save's transaction ends; `None` on
/// PostgreSQL, whose writers do not queue on one lock, and inside a transaction, whose
/// owner took the turn (a group of saves, see `group_commit`) or the write lock already.
pub(crate) fn save_turn(conn: &mut DbConn) -> Option<MutexGuard<'static, ()>> {
    let DbConn::Sqlite(sqlite) = conn else {
        return None;
    };
    let status = AnsiTransactionManager::transaction_manager_status_mut(sqlite);
    if !matches!(status.transaction_depth(), Ok(None)) {
        return None;
    }
    Some(SQLITE_SAVES.lock().unwrap_or_else(PoisonError::into_inner))
}

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
    /// How many times its answers were written: a save whose page was loaded at this
    /// revision knows the answers it read then are still the stored ones.
    pub revision: i64,
}

/// A response to insert.
#[derive(Debug, Clone, Copy, Insertable)]
#[diesel(table_name = responses)]
pub(crate) struct NewResponse<'a> {
    pub invitation_id: i64,
    pub questionnaire_id: &'a str,
    pub questionnaire_version: &'a str,
    pub state: ResponseState,
    pub language: &'a str,
    pub started_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A change of state: written only if the response is still in `expected`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StateChange {
    pub expected: ResponseState,
    pub new: ResponseState,
    pub at: NaiveDateTime,
    /// Written when given; left as it is otherwise.
    pub submitted_at: Option<NaiveDateTime>,
}

/// The response of an invitation, if it was started.
pub fn find_for_invitation(
    conn: &mut DbConn,
    invitation_id: i64,
) -> Result<Option<Response>, StorageError> {
    Ok(super::on_backend!(conn, |c| {
        responses::table
            .filter(responses::invitation_id.eq(invitation_id))
            .select(Response::as_select())
            .first(c)
            .optional()
    })?)
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

/// Inserts a response; `None` if the invitation has one already (another request
/// started it first). The insert runs in a savepoint of its own, so a refused one
/// leaves the caller's PostgreSQL transaction usable.
pub(crate) fn start(
    conn: &mut DbConn,
    new: &NewResponse<'_>,
) -> Result<Option<Response>, StorageError> {
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(responses::table)
            .values(new)
            .execute(conn)
            .map_err(StorageError::from)
    });
    match inserted {
        Err(e) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e),
        Ok(_) => find_for_invitation(conn, new.invitation_id),
    }
}

/// Every stored answer of a response.
pub fn load_answers(conn: &mut DbConn, response_id: i64) -> Result<Answers, StorageError> {
    Ok(load_answers_as_read(conn, response_id)?.0)
}

/// A response's stored answers as one read found them: the JSON text of each by question
/// id, for a later save that writes only if they are still the stored ones (see
/// [`replace_loaded_answers`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadedAnswers(pub HashMap<String, String>);

/// [`load_answers`], and the stored texts it read them from.
pub fn load_answers_as_read(
    conn: &mut DbConn,
    response_id: i64,
) -> Result<(Answers, LoadedAnswers), StorageError> {
    let rows: Vec<(String, String)> = stored_values(conn, response_id)?;
    let answers = rows
        .iter()
        .map(|(question, value)| {
            let answer: Answer = serde_json::from_str(value).map_err(|e| {
                StorageError::Corrupt(format!("answer {question} of response {response_id}: {e}"))
            })?;
            Ok((question.clone(), answer))
        })
        .collect::<Result<Answers, StorageError>>()?;
    Ok((answers, LoadedAnswers(rows.into_iter().collect())))
}

/// Every stored answer of a response as (question id, JSON text).
fn stored_values(conn: &mut DbConn, response_id: i64) -> QueryResult<Vec<(String, String)>> {
    let query = answers::table
        .filter(answers::response_id.eq(response_id))
        .select((answers::question_id, answers::value));
    super::on_backend!(conn, |c| query.load(c))
}

/// Which stored answers a replacement covers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Replaced<'a> {
    /// The answers to these questions.
    Questions(&'a [&'a str]),
    /// These questions' answers, and every stored answer the new answers no longer hold
    /// (a section page's questions and those its `show_if` rules now hide).
    QuestionsAndDropped(&'a [&'a str]),
}

impl<'a> Replaced<'a> {
    /// The questions covered, given the ids of the stored answers and the new answers;
    /// each once, in the order of the list, then the dropped ones in id order.
    pub(crate) fn ids<'s>(
        self,
        stored: impl IntoIterator<Item = &'s str>,
        given: &Answers,
    ) -> Vec<&'s str>
    where
        'a: 's,
    {
        let mut seen = HashSet::new();
        let (listed, dropped) = match self {
            Replaced::Questions(ids) => (ids, Vec::new()),
            Replaced::QuestionsAndDropped(ids) => {
                let mut dropped: Vec<&str> = stored
                    .into_iter()
                    .filter(|k| !given.contains_key(*k))
                    .collect();
                // The history rows come in this order, whatever order `stored` has.
                dropped.sort_unstable();
                (ids, dropped)
            }
        };
        listed
            .iter()
            .copied()
            .chain(dropped)
            .filter(|id| seen.insert(*id))
            .collect()
    }
}

/// Replaces the answers `scope` covers with those in `given` (a covered question without
/// an answer there loses its stored one) and stamps the response `at`, raising its
/// revision, if it is still in `expected`: the revision it now has; `None`, with nothing
/// written, if it is not. Every answer that really
/// changes leaves one row in the answer history, naming `actor`; an answer saved again as
/// it was is neither rewritten nor recorded. Callers run it in a transaction, so the
/// answers and their history commit together or not at all. The stored answers are read
/// once, after the stamp: on PostgreSQL the stamp holds the response's row, so a save of
/// the same response at the same moment waits for this one and then reads its answers.
pub(crate) fn replace_answers(
    conn: &mut DbConn,
    response_id: i64,
    expected: ResponseState,
    scope: Replaced<'_>,
    given: &Answers,
    actor: Actor,
    at: NaiveDateTime,
) -> Result<Option<i64>, StorageError> {
    let Some(revision) = answer_writes::stamp(conn, response_id, expected.as_str(), at)? else {
        return Ok(None);
    };
    // Every answer of the response rather than those of the list: one statement that is
    // prepared once per connection, where a list of ids makes a new one each time.
    let stored: HashMap<String, String> = stored_values(conn, response_id)?.into_iter().collect();
    let changed = changed_answers(&stored, scope, given)?;
    let changes = as_changes(&stored, &changed);
    answer_writes::write(conn, response_id, &changes, actor.stored(), at)?;
    Ok(Some(revision))
}

/// [`replace_answers`] for a caller that read the stored answers itself (`loaded`, as
/// [`load_answers_as_read`] returns them) when the response was at `revision`: the
/// answers are written only if the response is still in `expected` at that revision,
/// so that `loaded` is still what is stored; `false`, with nothing written, if not. This
/// spares reading the answers again, and on PostgreSQL it is one statement that needs no
/// transaction around it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn replace_loaded_answers(
    conn: &mut DbConn,
    response_id: i64,
    (expected, revision): (ResponseState, i64),
    loaded: &LoadedAnswers,
    scope: Replaced<'_>,
    given: &Answers,
    actor: Actor,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let changed = changed_answers(&loaded.0, scope, given)?;
    let changes = as_changes(&loaded.0, &changed);
    let unchanged = answer_writes::Unchanged {
        state: expected.as_str(),
        revision,
    };
    let write = |conn: &mut DbConn| {
        answer_writes::write_if_unchanged(
            conn,
            response_id,
            &unchanged,
            &changes,
            actor.stored(),
            at,
        )
    };
    Ok(match conn {
        DbConn::Pg(_) => write(conn)?,
        DbConn::Sqlite(_) => super::write_transaction(conn, write)?,
    })
}

/// The answers of `scope` whose value `given` changes, in the order of the list, with
/// their new JSON text (`None`: to remove), against the `stored` texts.
fn changed_answers<'s>(
    stored: &'s HashMap<String, String>,
    scope: Replaced<'s>,
    given: &Answers,
) -> Result<Vec<(&'s str, Option<String>)>, StorageError> {
    let mut changed = Vec::new();
    for id in scope.ids(stored.keys().map(String::as_str), given) {
        let old = stored.get(id).map(String::as_str);
        let new = given.get(id);
        if !changes(old, new) {
            continue;
        }
        let new = new
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| StorageError::Corrupt(e.to_string()))?;
        changed.push((id, new));
    }
    Ok(changed)
}

/// The rows [`answer_writes`] takes for `changed`, with the old values from `stored`.
fn as_changes<'c>(
    stored: &'c HashMap<String, String>,
    changed: &'c [(&'c str, Option<String>)],
) -> Vec<answer_writes::Change<'c>> {
    changed
        .iter()
        .map(|(question_id, new_value)| answer_writes::Change {
            question_id,
            old_value: stored.get(*question_id).map(String::as_str),
            new_value: new_value.as_deref(),
        })
        .collect()
}

/// Whether `new` differs from the answer stored as `old`. Compared as answers, so a
/// value stored in another spelling of the same JSON is no change; one that no longer
/// reads as an answer is replaced.
fn changes(old: Option<&str>, new: Option<&Answer>) -> bool {
    match (old, new) {
        (None, None) => false,
        (Some(old), Some(new)) => serde_json::from_str::<Answer>(old).ok().as_ref() != Some(new),
        _ => true,
    }
}

/// Moves a response from `change.expected` to `change.new`; `false`, with nothing
/// written, if it was not in `change.expected`.
pub(crate) fn set_state(
    conn: &mut DbConn,
    response_id: i64,
    change: StateChange,
) -> Result<bool, StorageError> {
    let target = responses::table
        .find(response_id)
        .filter(responses::state.eq(change.expected));
    let state = (
        responses::state.eq(change.new),
        responses::updated_at.eq(change.at),
    );
    let updated = match change.submitted_at {
        Some(submitted) => diesel::update(target)
            .set((state, responses::submitted_at.eq(Some(submitted))))
            .execute(conn)?,
        None => diesel::update(target).set(state).execute(conn)?,
    };
    Ok(updated == 1)
}

/// Records the language a respondent chose.
pub(crate) fn set_language(
    conn: &mut DbConn,
    response_id: i64,
    language: &str,
) -> Result<(), StorageError> {
    diesel::update(responses::table.find(response_id))
        .set(responses::language.eq(language))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_covers_its_questions_then_the_dropped_answers_in_id_order_each_once() {
        let given: Answers = [("q1", "a"), ("q3", "b")]
            .into_iter()
            .map(|(q, v)| (q.to_owned(), Answer::Text(v.to_owned())))
            .collect();
        let stored = ["q9", "q1", "q4", "q2"];
        let page = ["q1", "q2", "q1"];
        assert_eq!(
            Replaced::QuestionsAndDropped(&page).ids(stored, &given),
            ["q1", "q2", "q4", "q9"]
        );
        assert_eq!(Replaced::Questions(&page).ids(stored, &given), ["q1", "q2"]);
    }
}
