//! The division of duties on the result page: the respondent's own matrix beside the
//! reference it is compared with (ENISA's indicative one for the shipped questionnaires),
//! a cell marked where the two differ on whether the actor has a role.

use crate::questionnaire::{Answer, Answers, Kind, Questionnaire};

/// One matrix question with its reference, as the result page shows it.
pub struct DutiesView {
    pub id: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<DutyRow>,
    /// The reference's title, source and status, printed with the table.
    pub reference: String,
}

pub struct DutyRow {
    pub label: String,
    pub cells: Vec<DutyCell>,
}

pub struct DutyCell {
    /// The role the respondent chose, or "–".
    pub mine: String,
    /// Whether the reference gives the actor a role here.
    pub reference_role: bool,
    /// Whether the respondent's answer says otherwise (a role where the reference has none,
    /// or none where it has one); "don't know" and blanks differ from nothing.
    pub differs: bool,
}

/// The choices that say an actor has no role, and that say nothing.
const NO_ROLE: &str = "no_role";
const UNKNOWN: &str = "dont_know";

/// A view per answered matrix question of `q` that names a reference.
pub fn duties_views(q: &Questionnaire, answers: &Answers, language: &str) -> Vec<DutiesView> {
    q.questions()
        .filter_map(|question| {
            let Kind::Matrix(matrix) = question.kind() else {
                return None;
            };
            let reference = q.reference(matrix.reference()?)?;
            let Some(Answer::Cells(cells)) = answers.get(question.id()) else {
                return None;
            };
            let rows = matrix
                .rows()
                .iter()
                .map(|row| DutyRow {
                    label: row.label().get(language).to_owned(),
                    cells: matrix
                        .columns()
                        .iter()
                        .map(|column| {
                            let chosen = cells.get(row.id()).and_then(|r| r.get(column.id()));
                            let reference_role =
                                reference.has_role(row.id(), column.id()).unwrap_or(false);
                            let differs = chosen
                                .is_some_and(|c| c != UNKNOWN && (c != NO_ROLE) != reference_role);
                            DutyCell {
                                mine: chosen.and_then(|c| matrix.choice(c)).map_or_else(
                                    || "–".to_owned(),
                                    |c| c.label().get(language).to_owned(),
                                ),
                                reference_role,
                                differs,
                            }
                        })
                        .collect(),
                })
                .collect();
            Some(DutiesView {
                id: question.id().to_owned(),
                title: question.text().get(language).to_owned(),
                columns: matrix
                    .columns()
                    .iter()
                    .map(|c| c.label().get(language).to_owned())
                    .collect(),
                rows,
                reference: format!(
                    "{} — {} ({})",
                    reference.title().get(language),
                    reference.source(),
                    reference.status()
                ),
            })
        })
        .collect()
}
