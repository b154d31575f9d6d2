//! Reading a submitted section page: form fields in, answers and problems out.
//!
//! Fields are named as [`fields`](super::fields) says and grouped by question: a
//! question's own field `q.<question id>`, and any sub-fields `q.<question id>.<sub>`
//! its kind takes. A multi question sends its field once per ticked box, any other
//! question at most once (several values are refused, not one kept). A question with
//! no field, or only blank ones, has no answer. A value that cannot be read is a
//! [`FieldError`] that keeps the raw text, and the question then has no answer.

use std::collections::BTreeMap;

use serde::Serialize;

use super::display::format_number;
use super::fields::section_field;
use super::problems::{FieldError, FieldProblem};
use crate::participants::country_code;
use crate::questionnaire::{
    Answer, Answers, Cells, Kind, Matrix, NonAnswer, Question, Questionnaire, Section,
};

/// The values of one section page, grouped by question, as the respondent entered
/// them: what [`read_section`] reads, and what a page with problems shows again.
/// Blank values and fields of no question of the section are left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SectionForm {
    questions: BTreeMap<String, QuestionFields>,
}

/// The non-blank values of one question's fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuestionFields {
    /// The values of the field `q.<question id>`, in the order sent.
    values: Vec<String>,
    /// The values of each sub-field `q.<question id>.<sub>`, by sub, in the order sent.
    subs: BTreeMap<String, Vec<String>>,
}

/// The fields of a question that sent none.
static NO_FIELDS: QuestionFields = QuestionFields {
    values: Vec::new(),
    subs: BTreeMap::new(),
};

impl QuestionFields {
    /// Every value of the question's own field (several for a multi question).
    pub fn values(&self) -> &[String] {
        &self.values
    }

    /// Every value of the sub-field `sub`.
    pub fn sub_values(&self, sub: &str) -> &[String] {
        self.subs.get(sub).map_or(&[], Vec::as_slice)
    }
}

impl SectionForm {
    /// The submitted `fields` (url-decoded name/value pairs) that belong to
    /// `section`'s questions.
    pub fn from_fields(section: &Section, fields: &[(String, String)]) -> Self {
        let mut questions: BTreeMap<String, QuestionFields> = BTreeMap::new();
        for (name, value) in fields {
            let Some((question, sub)) = section_field(section, name) else {
                continue;
            };
            if value.trim().is_empty() {
                continue;
            }
            let fields = questions.entry(question.id().to_owned()).or_default();
            let values = match sub {
                Some(sub) => fields.subs.entry(sub.to_owned()).or_default(),
                None => &mut fields.values,
            };
            values.push(value.clone());
        }
        SectionForm { questions }
    }

    /// The form as stored `answers` fill it in, for showing a section again.
    pub fn from_answers(section: &Section, answers: &Answers) -> Self {
        let questions = section
            .questions()
            .iter()
            .filter_map(|q| {
                let mut subs = BTreeMap::new();
                let values = match answers.get(q.id())? {
                    Answer::Choice(value) | Answer::Text(value) => vec![value.clone()],
                    Answer::Choices(values) => values.clone(),
                    Answer::Number(n) => vec![format_number(*n, "en")],
                    Answer::NonAnswer(n) => vec![n.as_str().to_owned()],
                    Answer::Cells(cells) => {
                        for (row, columns) in cells {
                            for (column, value) in columns {
                                subs.insert(Matrix::cell_sub(row, column), vec![value.clone()]);
                            }
                        }
                        Vec::new()
                    }
                };
                let fields = QuestionFields { values, subs };
                Some((q.id().to_owned(), fields))
            })
            .collect();
        SectionForm { questions }
    }

    /// Everything a question's fields gave.
    pub fn fields(&self, question_id: &str) -> &QuestionFields {
        self.questions.get(question_id).unwrap_or(&NO_FIELDS)
    }

    /// Every value given for a question's own field (several for a multi question).
    pub fn values(&self, question_id: &str) -> &[String] {
        self.fields(question_id).values()
    }

    /// The value given for a question, or "" if none.
    pub fn value(&self, question_id: &str) -> &str {
        self.values(question_id).first().map_or("", String::as_str)
    }

    /// Whether `option` was chosen for a question (a ticked box or the selected radio).
    pub fn is_selected(&self, question_id: &str, option: &str) -> bool {
        self.values(question_id).iter().any(|v| v.trim() == option)
    }

    /// The answers the form gives for `section`'s questions, and a problem for
    /// every value that cannot be read. Ranges, lengths and required questions
    /// are not checked here but by [`check_section`](super::check_section).
    pub fn read(&self, section: &Section) -> (Answers, Vec<FieldError>) {
        let mut answers = Answers::new();
        let mut errors = Vec::new();
        for question in section.questions() {
            match read_question(question, self.fields(question.id())) {
                Ok(Some(answer)) => {
                    answers.insert(question.id().to_owned(), answer);
                }
                Ok(None) => {}
                Err((problem, raw)) => {
                    errors.push(FieldError::new(question.id(), problem, Some(raw)))
                }
            }
        }
        (answers, errors)
    }
}

/// Reads a submitted section page: the answers it gives for `section`'s
/// questions, and a problem for every value that cannot be read.
///
/// `fields` are the url-decoded form fields; see [`SectionForm`] to keep what
/// was entered for showing the page again.
pub fn read_section(
    _questionnaire: &Questionnaire,
    section: &Section,
    fields: &[(String, String)],
) -> (Answers, Vec<FieldError>) {
    SectionForm::from_fields(section, fields).read(section)
}

/// A problem and the raw value that caused it.
type Unreadable = (FieldProblem, String);

/// One question's answer from its non-blank `fields`; `None` when there are none.
fn read_question(
    question: &Question,
    fields: &QuestionFields,
) -> Result<Option<Answer>, Unreadable> {
    let values = fields.values();
    // A non-answer is sent in the question's own field, beside its options (validation
    // keeps their values apart); alone it is the answer.
    if let [only] = values
        && let Some(non_answer) = offered_non_answer(question, only)
    {
        return Ok(Some(Answer::NonAnswer(non_answer)));
    }
    let answer = match question.kind() {
        Kind::Level { options } | Kind::Single { options } => {
            let Some(first) = one(values)? else {
                return Ok(None);
            };
            let value = first.trim();
            if !options.iter().any(|o| o.value() == value) {
                return Err((FieldProblem::NotAnOption, first.clone()));
            }
            Answer::Choice(value.to_owned())
        }
        Kind::Multi { options, .. } => {
            if values.is_empty() {
                return Ok(None);
            }
            if let Some(bad) = values.iter().find(|v| {
                !options.iter().any(|o| o.value() == v.trim())
                    && offered_non_answer(question, v).is_none()
            }) {
                return Err((FieldProblem::NotAnOption, bad.clone()));
            }
            // Option order, each once, whatever order the browser sent. A non-answer ticked
            // with options is kept among them, so the page shows every tick again beside
            // the problem `check_section` finds with it.
            let ticked = |value: &str| values.iter().any(|v| v.trim() == value);
            let chosen = options
                .iter()
                .map(|o| o.value())
                .chain(
                    question
                        .non_answers()
                        .iter()
                        .map(|n| n.non_answer().as_str()),
                )
                .filter(|value| ticked(value))
                .map(str::to_owned)
                .collect();
            Answer::Choices(chosen)
        }
        Kind::Scale { min, max, .. } => {
            let Some(first) = one(values)? else {
                return Ok(None);
            };
            Answer::Number(read_scale(first, *min, *max)?)
        }
        Kind::Number { .. } => {
            let Some(first) = one(values)? else {
                return Ok(None);
            };
            let n = parse_number(first).ok_or_else(|| (FieldProblem::NotANumber, first.clone()))?;
            Answer::Number(n)
        }
        Kind::Text { .. } => {
            let Some(first) = one(values)? else {
                return Ok(None);
            };
            // Browsers send a textarea's line breaks as CRLF; count them as one character.
            let text = first.replace("\r\n", "\n").trim().to_owned();
            if text.is_empty() {
                return Ok(None);
            }
            Answer::Text(text)
        }
        Kind::Country => {
            let Some(first) = one(values)? else {
                return Ok(None);
            };
            let code =
                country_code(first).ok_or_else(|| (FieldProblem::UnknownCountry, first.clone()))?;
            Answer::Choice(code.to_owned())
        }
        Kind::Matrix(matrix) => match read_cells(matrix, fields)? {
            Some(cells) => Answer::Cells(cells),
            None => return Ok(None),
        },
    };
    Ok(Some(answer))
}

/// A matrix's cells, each a declared choice; `None` when no cell was filled.
fn read_cells(matrix: &Matrix, fields: &QuestionFields) -> Result<Option<Cells>, Unreadable> {
    let mut cells = Cells::new();
    for row in matrix.rows() {
        for column in matrix.columns() {
            let sub = Matrix::cell_sub(row.id(), column.id());
            let Some(value) = one(fields.sub_values(&sub))? else {
                continue;
            };
            let value = value.trim();
            if matrix.choice(value).is_none() {
                return Err((FieldProblem::NotAnOption, value.to_owned()));
            }
            cells
                .entry(row.id().to_owned())
                .or_default()
                .insert(column.id().to_owned(), value.to_owned());
        }
    }
    Ok((!cells.is_empty()).then_some(cells))
}

/// The non-answer `value` names, if `question` offers it.
fn offered_non_answer(question: &Question, value: &str) -> Option<NonAnswer> {
    NonAnswer::parse(value.trim()).filter(|n| question.offers(*n))
}

/// The one value of a field that takes one, if any: keeping one of several would be
/// a guess, so several are refused.
fn one(values: &[String]) -> Result<Option<&String>, Unreadable> {
    match values {
        [] => Ok(None),
        [value] => Ok(Some(value)),
        [first, ..] => Err((FieldProblem::SeveralValues, first.clone())),
    }
}

/// A scale value: a whole number within `min..=max`. A scale is a fixed set of
/// radio buttons, so a value outside it is refused here rather than kept.
fn read_scale(raw: &str, min: i64, max: i64) -> Result<f64, Unreadable> {
    let n = parse_number(raw).ok_or_else(|| (FieldProblem::NotANumber, raw.to_owned()))?;
    if n.fract() != 0.0 {
        return Err((FieldProblem::NotAWholeNumber, raw.to_owned()));
    }
    if n < min as f64 {
        return Err((FieldProblem::BelowMin(min as f64), raw.to_owned()));
    }
    if n > max as f64 {
        return Err((FieldProblem::AboveMax(max as f64), raw.to_owned()));
    }
    Ok(n)
}

/// A decimal number with "." or "," as the decimal separator and an optional
/// sign: "12", "-3", "2.5", "2,5". Anything else (thousands separators,
/// exponents, "inf") is not a number, so "1,000" reads as 1.
pub(super) fn parse_number(raw: &str) -> Option<f64> {
    let text = raw.trim();
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let separators = unsigned.chars().filter(|c| matches!(c, '.' | ',')).count();
    let plain = separators <= 1
        && unsigned.chars().any(|c| c.is_ascii_digit())
        && unsigned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','));
    if !plain {
        return None;
    }
    text.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}
