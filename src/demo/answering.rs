//! Demo answers reach storage the way a respondent's do: as the fields of each section
//! page, read and checked by [`submit_section`], so the demo holds nothing the form
//! would refuse (an empty multiple choice, "none of these" beside other options, a
//! number out of range).

use super::DemoError;
use crate::questionnaire::{Answer, Answers, Questionnaire};
use crate::survey::{field_name, submit_section};

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
            .flat_map(|(id, answer)| {
                form_values(answer)
                    .into_iter()
                    .map(move |value| (field_name(id), value))
            })
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

/// What a browser would send for `answer`: one value, or one per ticked box.
fn form_values(answer: &Answer) -> Vec<String> {
    match answer {
        Answer::Choice(value) | Answer::Text(value) => vec![value.clone()],
        Answer::Choices(values) => values.clone(),
        Answer::Number(n) => vec![n.to_string()],
        Answer::NonAnswer(n) => vec![n.as_str().to_owned()],
    }
}
