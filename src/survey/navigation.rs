//! Moving through a questionnaire: merging a page's answers, what is visible,
//! where to resume and whether everything required is answered.

use super::check::is_empty;
use crate::questionnaire::{Answers, Question, Questionnaire, Section};

/// `stored` with every answer to `section`'s questions replaced by
/// `section_answers`: a question of the section that has no new answer loses
/// its old one. Entries of `section_answers` for other questions are ignored.
pub fn merge(stored: &Answers, section: &Section, section_answers: Answers) -> Answers {
    let in_section = |id: &str| section.questions().iter().any(|q| q.id() == id);
    let mut merged: Answers = stored
        .iter()
        .filter(|(id, _)| !in_section(id))
        .map(|(id, answer)| (id.clone(), answer.clone()))
        .collect();
    merged.extend(section_answers.into_iter().filter(|(id, _)| in_section(id)));
    merged
}

/// The questions of `section` shown given `answers`, in file order.
pub fn visible_questions<'q>(
    questionnaire: &'q Questionnaire,
    section: &'q Section,
    answers: &Answers,
) -> Vec<&'q Question> {
    section
        .questions()
        .iter()
        .filter(|q| questionnaire.is_visible(q, answers))
        .collect()
}

/// Whether `section` shows any question given `answers`; a section whose
/// questions are all hidden is skipped.
pub fn section_has_visible_questions(
    questionnaire: &Questionnaire,
    section: &Section,
    answers: &Answers,
) -> bool {
    section
        .questions()
        .iter()
        .any(|q| questionnaire.is_visible(q, answers))
}

/// Where to resume: the 0-based index of the first section with a visible
/// required question unanswered, else of the first with any visible question
/// unanswered, else `None`: everything is answered, go to the review page.
pub fn first_unanswered_section(questionnaire: &Questionnaire, answers: &Answers) -> Option<usize> {
    let sections = questionnaire.sections();
    let open = |required_only: bool| {
        sections.iter().position(|section| {
            visible_questions(questionnaire, section, answers)
                .into_iter()
                .any(|q| (q.required() || !required_only) && !is_answered(q, answers))
        })
    };
    open(true).or_else(|| open(false))
}

/// Whether every visible required question has an answer, so the response
/// may be submitted.
pub fn is_complete(questionnaire: &Questionnaire, answers: &Answers) -> bool {
    questionnaire
        .questions()
        .filter(|q| q.required() && questionnaire.is_visible(q, answers))
        .all(|q| is_answered(q, answers))
}

/// The index of the first section after `current` that shows a question, or
/// `None` when the review page comes next.
pub fn next_section(
    questionnaire: &Questionnaire,
    current: usize,
    answers: &Answers,
) -> Option<usize> {
    questionnaire
        .sections()
        .iter()
        .enumerate()
        .skip(current.saturating_add(1))
        .find(|(_, s)| section_has_visible_questions(questionnaire, s, answers))
        .map(|(i, _)| i)
}

/// The index of the last section before `current` that shows a question, or
/// `None` at the start. `current` may be the number of sections (the review page).
pub fn previous_section(
    questionnaire: &Questionnaire,
    current: usize,
    answers: &Answers,
) -> Option<usize> {
    let sections = questionnaire.sections();
    sections[..current.min(sections.len())]
        .iter()
        .rposition(|s| section_has_visible_questions(questionnaire, s, answers))
}

/// Whether `question` has an answer that says something.
fn is_answered(question: &Question, answers: &Answers) -> bool {
    answers.get(question.id()).is_some_and(|a| !is_empty(a))
}
