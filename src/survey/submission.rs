//! One section page submitted: read, merge, check, in the order the web layer needs.

use serde::Serialize;

use super::check::check_section;
use super::fields::section_field;
use super::form::SectionForm;
use super::navigation::{merge, visible_questions};
use super::problems::{FieldError, FieldProblem};
use crate::questionnaire::{Answers, Questionnaire, Section};

/// What submitting a section page comes to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionOutcome {
    /// Every answer after this page: `stored` with this section's answers
    /// replaced, and answers to questions now hidden dropped. Save these only
    /// when `errors` is empty.
    pub answers: Answers,
    /// At most one problem per visible question of the section, in question
    /// order; a value that could not be read comes before anything else.
    pub errors: Vec<FieldError>,
    /// What was entered, to show the page again when there are problems.
    pub form: SectionForm,
}

impl SectionOutcome {
    /// Whether the page had no problems, so `answers` may be saved.
    pub fn is_accepted(&self) -> bool {
        self.errors.is_empty()
    }

    /// Refuses the questions of `section` whose form field (by name, such as
    /// `q.staff`, or a sub-field its kind takes) could not be read as text: each gets
    /// [`FieldProblem::NotText`] in place of any other problem, in question order.
    /// Returns whether some unreadable field belongs to no question of the section.
    pub fn refuse_unreadable(&mut self, section: &Section, field_names: &[String]) -> bool {
        let mut elsewhere = false;
        for name in field_names {
            let Some((question, _)) = section_field(section, name) else {
                elsewhere = true;
                continue;
            };
            self.errors.retain(|e| e.question_id != question.id());
            self.errors
                .push(FieldError::new(question.id(), FieldProblem::NotText, None));
        }
        let order = |e: &FieldError| {
            section
                .questions()
                .iter()
                .position(|q| q.id() == e.question_id)
        };
        self.errors.sort_by_key(order);
        elsewhere
    }
}

/// Reads `fields` for `section` ([`read_section`](super::read_section)),
/// merges them into `stored` ([`merge`]) and checks the result
/// ([`check_section`]). Problems of questions the new answers hide are
/// dropped, and each problem keeps the text the respondent entered.
pub fn submit_section(
    questionnaire: &Questionnaire,
    section: &Section,
    stored: &Answers,
    fields: &[(String, String)],
) -> SectionOutcome {
    let form = SectionForm::from_fields(section, fields);
    let (section_answers, unreadable) = form.read(section);
    let merged = merge(stored, section, section_answers);
    let checked = check_section(questionnaire, section, &merged);
    let errors = visible_questions(questionnaire, section, &merged)
        .into_iter()
        .filter_map(|q| {
            let same = |e: &&FieldError| e.question_id == q.id();
            let mut error = unreadable
                .iter()
                .find(same)
                .or_else(|| checked.iter().find(same))?
                .clone();
            if error.problem != FieldProblem::Required && !form.value(q.id()).is_empty() {
                error.raw = Some(form.value(q.id()).to_owned());
            }
            Some(error)
        })
        .collect();
    SectionOutcome {
        answers: questionnaire.visible_answers(&merged),
        errors,
        form,
    }
}
