//! Answers as a respondent reads them back on the review page.

use crate::questionnaire::{Answer, Cells, Kind, Matrix, NonAnswer, Question};

/// `answer` to `question` as text in `language`: option labels for choices
/// (several joined with "; "), numbers without a trailing ".0" (with a decimal
/// comma in German) and their unit, a scale as "3 of 1–5", a country as its
/// ISO code, and text as written.
pub fn display_answer(question: &Question, answer: &Answer, language: &str) -> String {
    let kind = question.kind();
    match (kind, answer) {
        (Kind::Scale { min, max, .. }, Answer::Number(n)) => {
            let scale = crate::locale::format::FormatWords::of(language).scale;
            return crate::locale::fill(
                scale,
                &[
                    ("value", &format_number(*n, language)),
                    ("min", &min.to_string()),
                    ("max", &max.to_string()),
                ],
            );
        }
        (
            Kind::Number {
                unit: Some(unit), ..
            },
            Answer::Number(n),
        ) => return format!("{} {unit}", format_number(*n, language)),
        (Kind::Country, Answer::Choice(code)) => return code.clone(),
        (Kind::Matrix(matrix), Answer::Cells(cells)) => return cells_text(matrix, cells, language),
        // The rest read the same for every kind, by the answer's shape below (so does an
        // answer of another shape than its kind takes, stored against another version).
        (
            Kind::Level { .. }
            | Kind::Single { .. }
            | Kind::Multi { .. }
            | Kind::Scale { .. }
            | Kind::Number { .. }
            | Kind::Text { .. }
            | Kind::Country
            | Kind::Matrix(_),
            _,
        ) => {}
    }
    match answer {
        Answer::Choice(value) => label(kind, value, language),
        Answer::Choices(values) => values
            .iter()
            .map(|v| label(kind, v, language))
            .collect::<Vec<_>>()
            .join("; "),
        Answer::Number(n) => format_number(*n, language),
        Answer::Text(text) => text.clone(),
        Answer::NonAnswer(n) => non_answer_label(question, *n, language),
        // Cells of a question that is no matrix (another version's): by their ids.
        Answer::Cells(cells) => cells
            .iter()
            .flat_map(|(row, columns)| {
                columns
                    .iter()
                    .map(move |(column, value)| format!("{row}: {column} {value}"))
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// A matrix answer row by row, in the matrix's order: "Collecting evidence: CSIRT
/// responsible, Police supporting; …"; blank cells left out.
fn cells_text(matrix: &Matrix, cells: &Cells, language: &str) -> String {
    matrix
        .rows()
        .iter()
        .filter_map(|row| {
            let answered = cells.get(row.id())?;
            let parts: Vec<String> = matrix
                .columns()
                .iter()
                .filter_map(|column| {
                    let value = answered.get(column.id())?;
                    let choice = matrix
                        .choice(value)
                        .map_or(value.as_str(), |c| c.label().get(language));
                    Some(format!("{} {choice}", column.label().get(language)))
                })
                .collect();
            (!parts.is_empty())
                .then(|| format!("{}: {}", row.label().get(language), parts.join(", ")))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The label of a non-answer as `question` words it; the built-in English words when the
/// question does not offer it (an answer stored against another version).
fn non_answer_label(question: &Question, non_answer: NonAnswer, language: &str) -> String {
    question
        .non_answers()
        .iter()
        .find(|n| n.non_answer() == non_answer)
        .map(|n| n.label().get(language).to_owned())
        .or_else(|| non_answer.built_in_label("en").map(str::to_owned))
        .unwrap_or_else(|| non_answer.as_str().to_owned())
}

/// The label of the option `value` in `language`; the value itself if the
/// question has no such option (an answer stored against another version).
fn label(kind: &Kind, value: &str, language: &str) -> String {
    kind.options()
        .iter()
        .find(|o| o.value() == value)
        .map_or_else(|| value.to_owned(), |o| o.label().get(language).to_owned())
}

/// `n` as `language` writes it (see [`crate::locale::format::number`]).
pub(super) fn format_number(n: f64, language: &str) -> String {
    crate::locale::format::number(n, language)
}
