//! What a respondent answered, and which questions those answers leave visible.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{Condition, Question, Questionnaire};
use super::non_answer::NonAnswer;

/// One answer, in the shape its question kind takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// A `level` (the level as text, "0" to "4"), `single` or `country` answer.
    Choice(String),
    /// A `multi` answer.
    Choices(Vec<String>),
    /// A `scale` or `number` answer.
    Number(f64),
    /// A `text` answer.
    Text(String),
    /// A `matrix` answer: row id → column id → the chosen choice's value, for the cells
    /// answered (`{"cells":{"evidence-collection":{"csirt":"responsible"}}}`).
    Cells(Cells),
    /// "Don't know" or "Prefer not to say" to a question that offers it: stored as
    /// `{"non_answer":"dont_know"}`, never as a number.
    NonAnswer(NonAnswer),
}

impl Answer {
    /// The non-answer this answer is, if it is one.
    pub fn non_answer(&self) -> Option<NonAnswer> {
        match self {
            Answer::NonAnswer(n) => Some(*n),
            Answer::Choice(_)
            | Answer::Choices(_)
            | Answer::Number(_)
            | Answer::Text(_)
            | Answer::Cells(_) => None,
        }
    }
}

/// Question id → answer.
pub type Answers = BTreeMap<String, Answer>;

/// A matrix answer's cells: row id → column id → choice value.
pub type Cells = BTreeMap<String, BTreeMap<String, String>>;

impl Answer {
    /// Whether this answer meets a `show_if` condition.
    pub(crate) fn matches(&self, condition: &Condition) -> bool {
        // A non-answer says nothing a condition could test, so it shows no follow-up.
        if matches!(self, Answer::NonAnswer(_)) {
            return false;
        }
        match condition {
            Condition::Equals(value) => self.has_value(value),
            Condition::AnyOf(values) => values.iter().any(|v| self.has_value(v)),
            Condition::AtLeast(min) => self.as_number().is_some_and(|n| n >= *min),
        }
    }

    fn has_value(&self, value: &str) -> bool {
        match self {
            Answer::Choice(c) | Answer::Text(c) => c == value,
            Answer::Choices(cs) => cs.iter().any(|c| c == value),
            Answer::Number(n) => value.parse::<f64>().is_ok_and(|v| v == *n),
            Answer::NonAnswer(_) | Answer::Cells(_) => false,
        }
    }

    fn as_number(&self) -> Option<f64> {
        match self {
            Answer::Number(n) => Some(*n),
            Answer::Choice(c) => c.parse().ok(),
            Answer::Choices(_) | Answer::Text(_) | Answer::NonAnswer(_) | Answer::Cells(_) => None,
        }
    }
}

impl Questionnaire {
    /// Whether `question` is shown, given the answers so far; a hidden question's answer
    /// does not count.
    pub fn is_visible(&self, question: &Question, answers: &Answers) -> bool {
        let Some(show_if) = question.show_if() else {
            return true;
        };
        // Validation guarantees the referenced question comes earlier, so this ends.
        let Some(target) = self.question(show_if.question()) else {
            return false;
        };
        self.is_visible(target, answers)
            && answers
                .get(target.id())
                .is_some_and(|a| a.matches(show_if.condition()))
    }

    /// The answers to visible questions only.
    pub fn visible_answers(&self, answers: &Answers) -> Answers {
        self.questions()
            .filter(|q| self.is_visible(q, answers))
            .filter_map(|q| answers.get(q.id()).map(|a| (q.id().to_owned(), a.clone())))
            .collect()
    }
}
