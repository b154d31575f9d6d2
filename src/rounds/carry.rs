//! Which answers of an earlier round come along into a new response, pure: carried by
//! question id, unless the question was removed or asks something else now (another
//! kind, other options, another range), or the new version's checks would refuse the
//! answer. Those need a fresh answer and are left empty.

use std::collections::BTreeSet;

use crate::questionnaire::{Answers, Kind, Question, Questionnaire};
use crate::survey::{FieldProblem, check_section};

/// What starting from an earlier response brings along.
#[derive(Debug, Clone, PartialEq)]
pub struct CarryPlan {
    /// The answers to write into the new response.
    pub answers: Answers,
    /// The earlier answers left behind, in the earlier questionnaire's order.
    pub fresh: Vec<FreshQuestion>,
}

/// An earlier answer that does not come along.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreshQuestion {
    pub question_id: String,
    pub why: Fresh,
}

/// Why an earlier answer needs a fresh one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fresh {
    /// The question is no longer asked.
    Removed,
    /// The question asks differently now: another kind, other options or another range,
    /// or the answer no longer passes its checks.
    Changed,
}

impl CarryPlan {
    /// The ids of the questions whose answers come along.
    pub fn carried_ids(&self) -> Vec<String> {
        self.answers.keys().cloned().collect()
    }
}

/// What of `answers`, given against `earlier`, comes along into a response to `now`.
/// Answers to questions hidden in either version stay behind unlisted: nobody was or
/// will be asked them.
pub fn plan(earlier: &Questionnaire, now: &Questionnaire, answers: &Answers) -> CarryPlan {
    let given = earlier.visible_answers(answers);
    let mut fresh = Vec::new();
    let mut carried = Answers::new();
    for question in earlier.questions() {
        let Some(answer) = given.get(question.id()) else {
            continue;
        };
        let why = match now.question(question.id()) {
            None => Some(Fresh::Removed),
            Some(asked) if !same_question(question, asked) => Some(Fresh::Changed),
            Some(_) => None,
        };
        match why {
            Some(why) => fresh.push(FreshQuestion {
                question_id: question.id().to_owned(),
                why,
            }),
            None => {
                carried.insert(question.id().to_owned(), answer.clone());
            }
        }
    }
    let mut carried = now.visible_answers(&carried);
    // An answer the new version's checks refuse (a text now too long, say) is not kept.
    let refused: BTreeSet<String> = now
        .sections()
        .iter()
        .flat_map(|s| check_section(now, s, &carried))
        .filter(|e| e.problem != FieldProblem::Required)
        .map(|e| e.question_id)
        .collect();
    for id in refused {
        carried.remove(&id);
        fresh.push(FreshQuestion {
            question_id: id,
            why: Fresh::Changed,
        });
    }
    CarryPlan {
        answers: carried,
        fresh,
    }
}

/// Whether `asked` takes the same answers as `earlier`: the same kind, the same option
/// values (in any order) and the same range.
fn same_question(earlier: &Question, asked: &Question) -> bool {
    let values = |q: &Question| -> BTreeSet<String> {
        q.kind()
            .options()
            .iter()
            .map(|o| o.value().to_owned())
            .collect()
    };
    let range = |q: &Question| match q.kind() {
        Kind::Scale { min, max, .. } => Some((*min as f64, *max as f64)),
        Kind::Number { min, max, .. } => Some((
            min.unwrap_or(f64::NEG_INFINITY),
            max.unwrap_or(f64::INFINITY),
        )),
        _ => None,
    };
    earlier.kind().name() == asked.kind().name()
        && values(earlier) == values(asked)
        && range(earlier) == range(asked)
}

#[cfg(test)]
mod tests;
