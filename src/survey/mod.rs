//! The respondent's survey: reading section forms, checking answers, finding where to resume.
//!
//! Pure: no HTTP, no database, no clock. A section page goes
//! [`read_section`] → [`merge`] → [`check_section`] (or all three at once with
//! [`submit_section`]); [`first_unanswered_section`] says where to resume,
//! [`is_complete`] whether the response may be submitted, and
//! [`display_answer`] shows an answer on the review page. Visibility
//! (`show_if`) is always judged against all answers: a hidden question is
//! neither required nor kept.

mod check;
mod display;
mod fields;
mod form;
mod navigation;
pub(crate) mod problems;
mod submission;

#[cfg(test)]
mod tests;

pub use check::{NUMBER_LIMIT, check_section};
pub use display::display_answer;
pub use fields::{FIELD_PREFIX, FieldName, field_name, sub_field_name};
pub use form::{QuestionFields, SectionForm, read_section};
pub use navigation::{
    first_unanswered_section, is_complete, merge, next_section, previous_section,
    section_has_visible_questions, visible_questions,
};
pub use problems::{FieldError, FieldProblem};
pub use submission::{SectionOutcome, submit_section};
