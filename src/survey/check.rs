//! Checking the answers of one section: required questions, number ranges, text lengths,
//! options that must stand alone.

use super::display::format_number;
use super::navigation::visible_questions;
use super::problems::{FieldError, FieldProblem};
use crate::questionnaire::{Answer, Answers, Kind, Question, Questionnaire, Section};

/// The bound of a number question that declares none (`-NUMBER_LIMIT` below,
/// `NUMBER_LIMIT` above): larger than any count or amount a questionnaire asks for,
/// and small enough that every whole number up to it is exact and prints plainly.
pub const NUMBER_LIMIT: f64 = 1e12;

/// The problems of `section`'s visible questions, given `all_answers` (the
/// stored answers merged with this section's, which decide what is visible):
/// a required question without an answer, a number outside its range, a text
/// longer than allowed. Hidden questions are never checked.
pub fn check_section(
    questionnaire: &Questionnaire,
    section: &Section,
    all_answers: &Answers,
) -> Vec<FieldError> {
    visible_questions(questionnaire, section, all_answers)
        .into_iter()
        .filter_map(|q| check_question(q, all_answers.get(q.id())))
        .collect()
}

/// The problem with one visible question's answer, if any.
fn check_question(question: &Question, answer: Option<&Answer>) -> Option<FieldError> {
    let problem = |problem, raw| Some(FieldError::new(question.id(), problem, raw));
    let Some(answer) = answer.filter(|a| !is_empty(a)) else {
        return if question.required() {
            problem(FieldProblem::Required, None)
        } else {
            None
        };
    };
    // A non-answer answers the question, required or not, if the question offers it (one
    // given against another version, or carried from an earlier round, may not be); it
    // has nothing else to check. An answer of another shape than its kind takes (stored
    // against another version) has nothing of that kind's to check.
    if let Some(non_answer) = answer.non_answer() {
        return (!question.offers(non_answer))
            .then(|| FieldError::new(question.id(), FieldProblem::NotAnOption, None));
    }
    match question.kind() {
        Kind::Scale { min, max, .. } => {
            let Answer::Number(n) = answer else {
                return None;
            };
            range(*n, Some(*min as f64), Some(*max as f64))
                .and_then(|p| problem(p, Some(format_number(*n, "en"))))
        }
        Kind::Number { min, max, .. } => {
            let Answer::Number(n) = answer else {
                return None;
            };
            let (min, max) = (min.or(Some(-NUMBER_LIMIT)), max.or(Some(NUMBER_LIMIT)));
            range(*n, min, max).and_then(|p| problem(p, Some(format_number(*n, "en"))))
        }
        Kind::Multi { options, .. } => {
            let Answer::Choices(chosen) = answer else {
                return None;
            };
            if chosen.len() < 2 {
                return None;
            }
            // A non-answer ticked with anything else says two things at once.
            if let Some(n) = question
                .non_answers()
                .iter()
                .find(|n| chosen.iter().any(|c| c == n.non_answer().as_str()))
            {
                return problem(FieldProblem::NotAlone(n.label().clone()), None);
            }
            options
                .iter()
                .find(|o| o.is_exclusive() && chosen.iter().any(|c| c == o.value()))
                .and_then(|o| problem(FieldProblem::NotAlone(o.label().clone()), None))
        }
        Kind::Text { max_length, .. } => {
            let Answer::Text(text) = answer else {
                return None;
            };
            // NUL and the like cannot be stored on every backend and mean nothing to a reader.
            if text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            {
                problem(FieldProblem::ControlCharacter, Some(text.clone()))
            } else if text.chars().count() > *max_length {
                problem(
                    FieldProblem::TooLong { max: *max_length },
                    Some(text.clone()),
                )
            } else {
                None
            }
        }
        Kind::Matrix(matrix) => {
            let Answer::Cells(cells) = answer else {
                return None;
            };
            // Reading the form refused a cell that is not a choice; a required matrix
            // needs every cell, since a half-filled grid says nothing of the rest.
            let filled = |row: &str, column: &str| {
                cells
                    .get(row)
                    .and_then(|r| r.get(column))
                    .is_some_and(|v| matrix.choice(v).is_some())
            };
            let left = matrix
                .rows()
                .iter()
                .flat_map(|r| matrix.columns().iter().map(move |c| (r.id(), c.id())))
                .filter(|(r, c)| !filled(r, c))
                .count();
            (question.required() && left > 0)
                .then(|| FieldError::new(question.id(), FieldProblem::CellsLeft(left), None))
        }
        // Reading the form already refused a value that is not an option or a country.
        Kind::Level { .. } | Kind::Single { .. } | Kind::Country => None,
    }
}

/// Whether `n` lies outside `min..=max`, and on which side.
fn range(n: f64, min: Option<f64>, max: Option<f64>) -> Option<FieldProblem> {
    match (min, max) {
        (Some(min), _) if n < min => Some(FieldProblem::BelowMin(min)),
        (_, Some(max)) if n > max => Some(FieldProblem::AboveMax(max)),
        _ => None,
    }
}

/// An answer that says nothing: no boxes ticked, or only blanks.
pub(super) fn is_empty(answer: &Answer) -> bool {
    match answer {
        Answer::Choice(s) | Answer::Text(s) => s.trim().is_empty(),
        Answer::Choices(values) => values.is_empty(),
        Answer::Cells(cells) => cells.values().all(|row| row.is_empty()),
        Answer::Number(_) | Answer::NonAnswer(_) => false,
    }
}
