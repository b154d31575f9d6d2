//! The answer history of a response, read: every change to an answer ([`AnswerChange`]),
//! and each as an analyst reads it ([`ChangeLine`]): the question's text, the answers
//! before and after as the review page words them, and who made the change.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::{Actor, ResponseError};
use crate::ids::ResponseId;
use crate::questionnaire::{Answer, Questionnaire};
use crate::storage::answer_history::{self, StoredChange};
use crate::storage::{DbConn, StorageError};
use crate::survey::display_answer;

/// One change to one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerChange {
    pub question_id: String,
    /// `None`: there was no answer (or it was erased, see `values_erased`).
    pub old: Option<Answer>,
    /// `None`: the answer was removed (or erased, see `values_erased`).
    pub new: Option<Answer>,
    /// Retention erased both values: the question is personal.
    pub values_erased: bool,
    /// `None` once retention dropped who made it.
    pub actor: Option<Actor>,
    pub at: NaiveDateTime,
}

/// The changes to the answers of a response, oldest first.
pub fn answer_history(
    conn: &mut DbConn,
    response: ResponseId,
) -> Result<Vec<AnswerChange>, ResponseError> {
    answer_history::of_response(conn, response.get())?
        .into_iter()
        .map(|c| read(response, c).map_err(ResponseError::from))
        .collect()
}

fn read(response: ResponseId, c: StoredChange) -> Result<AnswerChange, StorageError> {
    let corrupt = |what: String| {
        StorageError::Corrupt(format!(
            "change {} to answer {} of response {response}: {what}",
            c.id, c.question_id
        ))
    };
    let value = |json: &Option<String>| {
        json.as_deref()
            .map(serde_json::from_str::<Answer>)
            .transpose()
            .map_err(|e| corrupt(e.to_string()))
    };
    let actor = match c.actor_kind {
        None => None,
        Some(kind) => Some(
            Actor::from_stored(kind, c.actor_id)
                .ok_or_else(|| corrupt(format!("actor {kind} with id {:?}", c.actor_id)))?,
        ),
    };
    Ok(AnswerChange {
        old: value(&c.old_value)?,
        new: value(&c.new_value)?,
        question_id: c.question_id,
        values_erased: c.values_erased,
        actor,
        at: c.at,
    })
}

/// What a change shows where its values were erased.
pub const ERASED: &str = "(erased)";

/// Who a change shows once retention dropped its author.
pub const NOBODY: &str = "—";

/// One change to an answer as an analyst reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLine {
    pub at: NaiveDateTime,
    pub question_id: String,
    /// The question's text; its id if the questionnaire no longer has it.
    pub question: String,
    /// The answer before, worded as the review page words it; `None`: no answer.
    pub old: Option<String>,
    /// The answer after; `None`: the answer was removed.
    pub new: Option<String>,
    pub values_erased: bool,
    /// `None` once retention dropped who made it.
    pub actor: Option<Actor>,
    /// Who made it, in words: the respondent's link, an analyst's address, the demo, or
    /// [`NOBODY`].
    pub by: String,
}

/// The accounts a history names, by id: their e-mail addresses.
pub type AnalystNames = HashMap<i64, String>;

/// The colleagues a history names, by delegation id: their address, or their name once
/// only that is left, as the contact gave them.
pub type DelegateNames = HashMap<i64, String>;

/// `changes` worded in `language`, by the questionnaire the response answers;
/// `invitation` is the response's own link, `analysts` names the accounts and
/// `delegates` the colleagues the contact handed sections to.
pub fn change_lines(
    changes: &[AnswerChange],
    questionnaire: &Questionnaire,
    invitation: i64,
    analysts: &AnalystNames,
    delegates: &DelegateNames,
    language: &str,
) -> Vec<ChangeLine> {
    changes
        .iter()
        .map(|c| {
            let question = questionnaire.question(&c.question_id);
            let word = |answer: &Option<Answer>| -> Option<String> {
                if c.values_erased {
                    return Some(ERASED.to_owned());
                }
                let answer = answer.as_ref()?;
                Some(match question {
                    Some(q) => display_answer(q, answer, language),
                    None => serde_json::to_string(answer).unwrap_or_default(),
                })
            };
            ChangeLine {
                at: c.at,
                question_id: c.question_id.clone(),
                question: question.map_or_else(
                    || c.question_id.clone(),
                    |q| q.text().get(language).to_owned(),
                ),
                old: word(&c.old),
                new: word(&c.new),
                values_erased: c.values_erased,
                actor: c.actor,
                by: by(c.actor, invitation, analysts, delegates),
            }
        })
        .collect()
}

fn by(
    actor: Option<Actor>,
    invitation: i64,
    analysts: &AnalystNames,
    delegates: &DelegateNames,
) -> String {
    match actor {
        None => NOBODY.to_owned(),
        Some(Actor::Link(id)) if id.get() == invitation => "the respondent's link".to_owned(),
        Some(Actor::Link(id)) => format!("the link of invitation {id}"),
        Some(Actor::Analyst(id)) => analysts
            .get(&id.get())
            .cloned()
            .unwrap_or_else(|| format!("analyst account {id}")),
        Some(Actor::Demo) => "the demo generator".to_owned(),
        Some(Actor::Delegate(id)) => match delegates.get(&id.get()) {
            Some(who) => format!("colleague {who} (delegation {id})"),
            None => format!("a colleague (delegation {id})"),
        },
    }
}

#[cfg(test)]
mod tests;
