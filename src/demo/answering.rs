//! Demo answers reach storage the way a respondent's do: as the fields of each section
//! page, read and checked by [`submit_section`], so the demo holds nothing the form
//! would refuse (an empty multiple choice, "none of these" beside other options, a
//! number out of range).

use super::DemoError;
use crate::questionnaire::{Answer, Answers, Matrix, Questionnaire};
use crate::survey::{field_name, sub_field_name, submit_section};

/// How far a synthetic respondent got through the questionnaire.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    /// Every section.
    AllSections,
    /// The first half of the sections, as a draft left half way.
    FirstHalf,
}

/// Submits `wanted` section by section through the form's reading and checks and returns
/// the answers the form keeps; the first refusal is an error naming the question.
pub(super) fn through_the_form(
    questionnaire: &Questionnaire,
    wanted: &Answers,
    reach: Reach,
) -> Result<Answers, DemoError> {
    let sections = questionnaire.sections();
    let count = match reach {
        Reach::AllSections => sections.len(),
        Reach::FirstHalf => sections.len().div_ceil(2),
    };
    let mut stored = Answers::new();
    for section in &sections[..count] {
        let fields: Vec<(String, String)> = section
            .questions()
            .iter()
            .filter_map(|q| Some((q.id(), wanted.get(q.id())?)))
            .flat_map(|(id, answer)| form_values(id, answer))
            .collect();
        let outcome = submit_section(questionnaire, section, &stored, &fields);
        if let Some(error) = outcome.errors.first() {
            return Err(DemoError::Refused {
                questionnaire: questionnaire.id().to_owned(),
                question: error.question_id.clone(),
                message: error.message("en"),
            });
        }
        stored = outcome.answers;
    }
    Ok(stored)
}

/// What a browser would send for question `id`'s `answer`: one value, one per ticked box,
/// or one per cell of a matrix, in its own sub-field.
fn form_values(id: &str, answer: &Answer) -> Vec<(String, String)> {
    let own = |values: Vec<String>| values.into_iter().map(|v| (field_name(id), v)).collect();
    match answer {
        Answer::Choice(value) | Answer::Text(value) => own(vec![value.clone()]),
        Answer::Choices(values) => own(values.clone()),
        Answer::Number(n) => own(vec![n.to_string()]),
        Answer::NonAnswer(n) => own(vec![n.as_str().to_owned()]),
        Answer::Cells(cells) => cells
            .iter()
            .flat_map(|(row, columns)| {
                columns.iter().map(move |(column, value)| {
                    (
                        sub_field_name(id, &Matrix::cell_sub(row, column)),
                        value.clone(),
                    )
                })
            })
            .collect(),
    }
}
