//! What can be wrong with one answer on a section page, and how to tell the respondent.

use serde::Serialize;

use super::display::format_number;
use crate::locale::{fill, words};
use crate::questionnaire::Text;

/// One problem with one question's answer, tied to the question so the page can
/// show the message next to its field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    /// The id of the question the problem belongs to.
    pub question_id: String,
    /// What is wrong.
    pub problem: FieldProblem,
    /// What the respondent submitted, to show it again for correction; `None`
    /// when there was nothing (a missing answer).
    pub raw: Option<String>,
}

impl FieldError {
    /// A problem with `question_id`, keeping what was submitted.
    pub fn new(question_id: &str, problem: FieldProblem, raw: Option<String>) -> Self {
        FieldError {
            question_id: question_id.to_owned(),
            problem,
            raw,
        }
    }

    /// The problem's message in `language` (see [`FieldProblem::message`]).
    pub fn message(&self, language: &str) -> String {
        self.problem.message(language)
    }
}

/// What is wrong with an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldProblem {
    /// A required, visible question has no answer.
    Required,
    /// The value is not one of the question's options.
    NotAnOption,
    /// The value cannot be read as a number.
    NotANumber,
    /// A scale needs a whole number.
    NotAWholeNumber,
    /// The number is below the question's minimum (given).
    BelowMin(f64),
    /// The number is above the question's maximum (given).
    AboveMax(f64),
    /// The text has more than `max` characters.
    TooLong { max: usize },
    /// The value is not an assigned ISO 3166-1 alpha-2 country code.
    UnknownCountry,
    /// An option that can only be chosen alone (its label given) was chosen with others.
    NotAlone(Text),
    /// A question that takes one answer was sent several.
    SeveralValues,
    /// The value was not sent as UTF-8 text, so it cannot be read without guessing.
    NotText,
    /// The text holds a control character other than a tab or a line break.
    ControlCharacter,
    /// A required matrix has cells left blank (how many).
    CellsLeft(usize),
}

words! {
    /// What the respondent reads about an answer that cannot be taken.
    pub struct ProblemWords in "problem" {
        required,
        not_an_option,
        not_a_number,
        not_a_whole_number,
        /// `{min}` is the smallest number allowed.
        below_min,
        /// `{max}` is the largest number allowed.
        above_max,
        /// `{max}` is the most characters allowed.
        too_long,
        unknown_country,
        /// `{label}` is the option that must be chosen alone.
        not_alone,
        several_values,
        control_character,
        not_text,
        one_cell_left,
        /// `{n}` is the number of blank cells, more than one.
        cells_left,
    }
}

impl FieldProblem {
    /// A short message for the respondent in `language` (English when the interface does
    /// not speak it).
    pub fn message(&self, language: &str) -> String {
        let w = ProblemWords::of(language);
        match self {
            Self::Required => w.required.to_owned(),
            Self::NotAnOption => w.not_an_option.to_owned(),
            Self::NotANumber => w.not_a_number.to_owned(),
            Self::NotAWholeNumber => w.not_a_whole_number.to_owned(),
            Self::BelowMin(min) => fill(w.below_min, &[("min", &format_number(*min, language))]),
            Self::AboveMax(max) => fill(w.above_max, &[("max", &format_number(*max, language))]),
            Self::TooLong { max } => fill(w.too_long, &[("max", &max.to_string())]),
            Self::UnknownCountry => w.unknown_country.to_owned(),
            Self::NotAlone(label) => fill(w.not_alone, &[("label", label.get(language))]),
            Self::SeveralValues => w.several_values.to_owned(),
            Self::ControlCharacter => w.control_character.to_owned(),
            Self::NotText => w.not_text.to_owned(),
            Self::CellsLeft(1) => w.one_cell_left.to_owned(),
            Self::CellsLeft(n) => fill(w.cells_left, &[("n", &n.to_string())]),
        }
    }
}
