//! The names of a section page's form fields, and which question each belongs to.
//!
//! A question's field is `q.<question id>`; a kind that takes several values of
//! different meaning (such as one per row of a matrix) names each part
//! `q.<question id>.<sub>`. Question ids are letters, digits, `-` and `_` only (the
//! questionnaire validator refuses any other), so the first `.` after the prefix
//! always ends the id. A field that names no question of the section, or a sub-field
//! its question's kind does not take, belongs to no question and is ignored.

use crate::questionnaire::{Kind, Question, Section};

/// What starts the name of every question's form field.
pub const FIELD_PREFIX: &str = "q.";

/// What separates a question id from the name of one of its sub-fields.
const SUB_SEPARATOR: char = '.';

/// The form field name of a question: `q.<question id>`.
pub fn field_name(question_id: &str) -> String {
    format!("{FIELD_PREFIX}{question_id}")
}

/// The form field name of part `sub` of a question: `q.<question id>.<sub>`.
pub fn sub_field_name(question_id: &str, sub: &str) -> String {
    format!("{FIELD_PREFIX}{question_id}{SUB_SEPARATOR}{sub}")
}

/// A question field's name taken apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldName<'a> {
    /// The question the field belongs to.
    pub question_id: &'a str,
    /// The part of the question, for a field named `q.<question id>.<sub>`.
    pub sub: Option<&'a str>,
}

impl<'a> FieldName<'a> {
    /// Reads `q.<question id>` or `q.<question id>.<sub>`; `None` for any other name
    /// (another prefix, an empty id or an empty sub).
    pub fn parse(name: &'a str) -> Option<Self> {
        let rest = name.strip_prefix(FIELD_PREFIX)?;
        let (question_id, sub) = match rest.split_once(SUB_SEPARATOR) {
            Some((_, "")) => return None,
            Some((id, sub)) => (id, Some(sub)),
            None => (rest, None),
        };
        (!question_id.is_empty()).then_some(FieldName { question_id, sub })
    }
}

/// The question of `section` that the field `name` belongs to, with the sub-field it
/// names; `None` when it belongs to none, which the form then ignores.
pub(super) fn section_field<'s, 'n>(
    section: &'s Section,
    name: &'n str,
) -> Option<(&'s Question, Option<&'n str>)> {
    let field = FieldName::parse(name)?;
    let question = section
        .questions()
        .iter()
        .find(|q| q.id() == field.question_id)?;
    match field.sub {
        Some(sub) if !takes_sub_field(question.kind(), sub) => None,
        sub => Some((question, sub)),
    }
}

/// Whether a question of `kind` reads a sub-field named `sub`: a matrix one per cell,
/// `<row>.<column>` of its declared rows and columns. The others send one field (a multi
/// question the same field once per ticked box).
fn takes_sub_field(kind: &Kind, sub: &str) -> bool {
    match kind {
        Kind::Matrix(matrix) => matrix.cell_of(sub).is_some(),
        Kind::Level { .. }
        | Kind::Single { .. }
        | Kind::Multi { .. }
        | Kind::Scale { .. }
        | Kind::Number { .. }
        | Kind::Text { .. }
        | Kind::Country => false,
    }
}
