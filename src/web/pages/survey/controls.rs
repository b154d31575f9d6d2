//! One question as the section page shows it: the control its kind is answered with.
//!
//! Each question kind maps to one [`Control`] in [`question_view`], and the section
//! template matches on the control, so a new kind or control fails to compile until
//! both say how it looks.

use crate::questionnaire::{Answer, Kind, Matrix, Part, Question, Questionnaire};
use crate::survey::{FieldError, field_name, sub_field_name};

/// One option of a radio, checkbox or select list.
pub struct OptionView {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// How a question is answered on the page.
pub enum Control {
    /// One choice among radio buttons in a fieldset: a level or single question, or the
    /// points of a scale with the `hint` saying what its ends mean.
    /// The question's non-answers follow as more radios of the same field.
    Radios {
        options: Vec<OptionView>,
        hint: Option<String>,
        non_answers: Vec<OptionView>,
    },
    /// Any number of ticked boxes in a fieldset: a multi question. Its non-answers follow
    /// as boxes of the same field, so one ticked by mistake can be unticked without
    /// script; ticked with anything else the page is refused.
    Checkboxes {
        options: Vec<OptionView>,
        non_answers: Vec<OptionView>,
    },
    /// A labelled text field for a decimal number, with the unit after it.
    Number { value: String, unit: Option<String> },
    /// A labelled multi-line text field.
    TextArea { value: String, max_length: usize },
    /// A labelled list of every country.
    Country { options: Vec<OptionView> },
    /// A table in a fieldset: one row per matrix row, one list of choices per cell. On a
    /// narrow screen each row becomes a card with a labelled list per column.
    Matrix {
        /// The column headers, each with the id of its header cell.
        columns: Vec<HeaderView>,
        rows: Vec<MatrixRowView>,
    },
}

/// A row or column header of a matrix: its text and the id cells name it by.
pub struct HeaderView {
    pub id: String,
    pub label: String,
}

/// One row of a matrix: its header and a cell per column.
pub struct MatrixRowView {
    pub header: HeaderView,
    pub cells: Vec<CellView>,
}

/// One cell of a matrix: a list of the choices, named by its row and column.
pub struct CellView {
    pub id: String,
    /// The form field's name, `q.<question id>.<row>.<column>`.
    pub name: String,
    /// The column's label, shown beside the list when the row is a card.
    pub column: String,
    /// The ids of the row and column headers, which name the list together.
    pub labelled_by: String,
    pub options: Vec<OptionView>,
}

/// One question as the section page shows it.
pub struct QuestionView {
    pub id: String,
    /// The name of the question's form field (see [`field_name`]).
    pub name: String,
    pub text: String,
    pub help: Option<String>,
    pub required: bool,
    pub control: Control,
    pub error: Option<String>,
    pub described_by: String,
}

/// Builds the view of `question`, showing `answer` or, after a refused value, `raw`.
pub fn question_view(
    question: &Question,
    answer: Option<&Answer>,
    error: Option<&FieldError>,
    language: &str,
) -> QuestionView {
    let help = question.help().map(|h| h.get(language).to_owned());
    let mut described_by = Vec::new();
    if help.is_some() {
        described_by.push(format!("q-{}-help", question.id()));
    }
    if error.is_some() {
        described_by.push(format!("q-{}-error", question.id()));
    }
    QuestionView {
        id: question.id().to_owned(),
        name: field_name(question.id()),
        text: question.text().get(language).to_owned(),
        help,
        required: question.required(),
        control: control(question, answer, error, language),
        error: error.map(|e| e.message(language)),
        described_by: described_by.join(" "),
    }
}

/// The control of `question`, filled in with `answer` or the refused raw value.
fn control(
    question: &Question,
    answer: Option<&Answer>,
    error: Option<&FieldError>,
    language: &str,
) -> Control {
    let chosen: Vec<&str> = match answer {
        Some(Answer::Choice(c)) => vec![c.as_str()],
        Some(Answer::Choices(cs)) => cs.iter().map(String::as_str).collect(),
        Some(Answer::NonAnswer(n)) => vec![n.as_str()],
        Some(Answer::Number(_) | Answer::Text(_) | Answer::Cells(_)) | None => Vec::new(),
    };
    let non_answers: Vec<OptionView> = question
        .non_answers()
        .iter()
        .map(|n| OptionView {
            value: n.non_answer().as_str().to_owned(),
            label: n.label().get(language).to_owned(),
            checked: chosen.contains(&n.non_answer().as_str()),
        })
        .collect();
    let choice_options = || -> Vec<OptionView> {
        question
            .kind()
            .options()
            .iter()
            .map(|o| OptionView {
                value: o.value().to_owned(),
                label: o.label().get(language).to_owned(),
                checked: chosen.contains(&o.value()),
            })
            .collect()
    };
    // A refused value is shown again as typed, so it can be corrected.
    let value = match (error.and_then(|e| e.raw.clone()), answer) {
        (Some(raw), _) => raw,
        (None, Some(Answer::Number(n))) => plain_number(*n),
        (None, Some(Answer::Text(t) | Answer::Choice(t))) => t.clone(),
        (None, Some(Answer::Choices(_) | Answer::NonAnswer(_) | Answer::Cells(_)) | None) => {
            String::new()
        }
    };
    match question.kind() {
        Kind::Level { .. } | Kind::Single { .. } => Control::Radios {
            options: choice_options(),
            hint: None,
            non_answers,
        },
        Kind::Multi { .. } => Control::Checkboxes {
            options: choice_options(),
            non_answers,
        },
        Kind::Scale {
            min,
            max,
            min_label,
            max_label,
        } => {
            let current = match answer {
                Some(Answer::Number(n)) => Some(*n as i64),
                Some(
                    Answer::Choice(_)
                    | Answer::Choices(_)
                    | Answer::Text(_)
                    | Answer::NonAnswer(_)
                    | Answer::Cells(_),
                )
                | None => None,
            };
            let points = (*min..=*max)
                .map(|p| OptionView {
                    value: p.to_string(),
                    label: p.to_string(),
                    checked: current == Some(p),
                })
                .collect();
            let hint = format!(
                "{min} = {}, {max} = {}",
                min_label.get(language),
                max_label.get(language)
            );
            Control::Radios {
                options: points,
                hint: Some(hint),
                non_answers,
            }
        }
        Kind::Number { unit, .. } => Control::Number {
            value,
            unit: unit.clone(),
        },
        Kind::Text { max_length, .. } => Control::TextArea {
            value,
            max_length: *max_length,
        },
        Kind::Country => Control::Country {
            options: crate::participants::all_countries()
                .iter()
                .map(|(code, name)| OptionView {
                    value: (*code).to_owned(),
                    label: format!("{name} ({code})"),
                    checked: *code == value,
                })
                .collect(),
        },
        Kind::Matrix(matrix) => matrix_control(question, matrix, answer, language),
    }
}

/// The table of a matrix question, filled in with the cells of `answer`.
fn matrix_control(
    question: &Question,
    matrix: &Matrix,
    answer: Option<&Answer>,
    language: &str,
) -> Control {
    let cells = match answer {
        Some(Answer::Cells(cells)) => Some(cells),
        _ => None,
    };
    let header = |kind: &str, part: &Part| HeaderView {
        id: format!("q-{}-{kind}-{}", question.id(), part.id()),
        label: part.label().get(language).to_owned(),
    };
    let columns: Vec<HeaderView> = matrix.columns().iter().map(|c| header("col", c)).collect();
    let rows = matrix
        .rows()
        .iter()
        .map(|row| {
            let row_header = header("row", row);
            let cells = matrix
                .columns()
                .iter()
                .zip(&columns)
                .map(|(column, column_header)| {
                    let chosen = cells
                        .and_then(|c| c.get(row.id()))
                        .and_then(|r| r.get(column.id()))
                        .map(String::as_str);
                    CellView {
                        id: cell_id(question.id(), row.id(), column.id()),
                        name: sub_field_name(
                            question.id(),
                            &Matrix::cell_sub(row.id(), column.id()),
                        ),
                        column: column_header.label.clone(),
                        labelled_by: format!("{} {}", row_header.id, column_header.id),
                        options: matrix
                            .choices()
                            .iter()
                            .map(|c| OptionView {
                                value: c.value().to_owned(),
                                label: c.label().get(language).to_owned(),
                                checked: chosen == Some(c.value()),
                            })
                            .collect(),
                    }
                })
                .collect();
            MatrixRowView {
                header: row_header,
                cells,
            }
        })
        .collect();
    Control::Matrix { columns, rows }
}

/// The id of a matrix cell's list.
fn cell_id(question: &str, row: &str, column: &str) -> String {
    format!("q-{question}-{row}-{column}")
}

/// The anchor an error summary entry jumps to: the field, or the group's first option.
pub fn error_anchor(questionnaire: &Questionnaire, question_id: &str) -> String {
    let Some(question) = questionnaire.question(question_id) else {
        return format!("q-{question_id}");
    };
    match question.kind() {
        Kind::Level { .. } => format!("q-{question_id}-0"),
        kind @ (Kind::Single { .. } | Kind::Multi { .. }) => match kind.options().first() {
            Some(first) => format!("q-{question_id}-{}", first.value()),
            None => format!("q-{question_id}"),
        },
        Kind::Scale { min, .. } => format!("q-{question_id}-{min}"),
        Kind::Number { .. } | Kind::Text { .. } | Kind::Country => format!("q-{question_id}"),
        Kind::Matrix(matrix) => match (matrix.rows().first(), matrix.columns().first()) {
            (Some(row), Some(column)) => cell_id(question_id, row.id(), column.id()),
            _ => format!("q-{question_id}"),
        },
    }
}

/// A number as a person types it: no trailing ".0".
fn plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
#[path = "controls_tests.rs"]
mod tests;
