//! Reference matrices: a published grid a `matrix` question is compared with, such as
//! ENISA's indicative segregation of duties between CSIRTs, police, prosecutors and
//! judges. Each lives in a `reference*.toml` file of the questionnaire's folder, so a
//! stored version keeps the reference it was answered against.

use std::collections::HashSet;

use serde::Serialize;

use super::check::{Check, Coverage, is_plain_id};
use super::error::Place;
use super::model::{Kind, Questionnaire};
use super::raw::RawReferenceFile;
use super::text::Text;

/// The phases a duty belongs to, in the order they are shown.
pub const PHASES: [&str; 3] = ["prior", "during", "after"];

/// A reference matrix: per duty (row), the actors (columns) with a role in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    id: String,
    title: Text,
    source: String,
    status: String,
    note: Option<Text>,
    columns: Vec<String>,
    duties: Vec<Duty>,
}

/// One duty of a reference matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duty {
    id: String,
    phase: String,
    actors: Vec<String>,
    training: Option<Text>,
    /// Liaison's own advice for when the sides of a country disagree on it.
    advice: Option<Text>,
}

impl Reference {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn title(&self) -> &Text {
        &self.title
    }
    /// Where the reference comes from, printed wherever it is shown.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// What the source says it is, e.g. "indicative examples".
    pub fn status(&self) -> &str {
        &self.status
    }
    pub fn note(&self) -> Option<&Text> {
        self.note.as_ref()
    }
    pub fn columns(&self) -> &[String] {
        &self.columns
    }
    pub fn duties(&self) -> &[Duty] {
        &self.duties
    }
    pub fn duty(&self, id: &str) -> Option<&Duty> {
        self.duties.iter().find(|d| d.id == id)
    }
    /// Whether the reference gives `column` a role in duty `row`; `None` for a cell it
    /// does not cover.
    pub fn has_role(&self, row: &str, column: &str) -> Option<bool> {
        let duty = self.duty(row)?;
        self.columns
            .iter()
            .any(|c| c == column)
            .then(|| duty.actors.iter().any(|a| a == column))
    }
}

impl Duty {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn phase(&self) -> &str {
        &self.phase
    }
    pub fn actors(&self) -> &[String] {
        &self.actors
    }
    pub fn training(&self) -> Option<&Text> {
        self.training.as_ref()
    }
    pub fn advice(&self) -> Option<&Text> {
        self.advice.as_ref()
    }
}

/// Checks one reference file: plain ids, known phases, actors among the columns, each
/// duty once, advice only for duties it has.
pub(super) fn validate(raw: RawReferenceFile, check: &mut Check<'_>) -> Reference {
    let place = Place::File;
    if !is_plain_id(&raw.id) {
        check.invalid(
            &place,
            "a reference id uses only letters, digits, '-' and '_'",
        );
    }
    let title = check.text(&place, &raw.title, "the title", Coverage::Fallback);
    let note = check.optional_text(&place, raw.note.as_ref(), "the note", Coverage::Fallback);
    if raw.source.trim().is_empty() || raw.status.trim().is_empty() {
        check.invalid(&place, "a reference needs its source and its status");
    }
    let mut columns = HashSet::new();
    for column in &raw.columns {
        if !columns.insert(column.as_str()) {
            check.invalid(&place, format!("column \"{column}\" is listed twice"));
        }
    }
    let mut seen = HashSet::new();
    let mut duties: Vec<Duty> = Vec::new();
    for duty in raw.duties {
        let at = Place::Duty(duty.id.clone());
        if !is_plain_id(&duty.id) || !seen.insert(duty.id.clone()) {
            check.invalid(&at, "a duty needs a plain id of its own");
        }
        if !PHASES.contains(&duty.phase.as_str()) {
            check.invalid(
                &at,
                format!(
                    "unknown phase \"{}\" (expected {})",
                    duty.phase,
                    PHASES.join(", ")
                ),
            );
        }
        for actor in &duty.actors {
            if !columns.contains(actor.as_str()) {
                check.invalid(&at, format!("actor \"{actor}\" is not one of the columns"));
            }
        }
        let training = check.optional_text(
            &at,
            duty.training.as_ref(),
            "the training",
            Coverage::Fallback,
        );
        duties.push(Duty {
            id: duty.id,
            phase: duty.phase,
            actors: duty.actors,
            training,
            advice: None,
        });
    }
    for advice in raw.advice {
        let at = Place::Duty(advice.duty.clone());
        let text = check.text(&at, &advice.text, "the advice", Coverage::Fallback);
        match duties.iter_mut().find(|d| d.id == advice.duty) {
            Some(duty) if duty.advice.is_none() => duty.advice = Some(text),
            Some(_) => check.invalid(&at, "advice for this duty is given twice"),
            None => check.invalid(&at, "advice names a duty the reference does not have"),
        }
    }
    Reference {
        id: raw.id,
        title,
        source: raw.source.trim().to_owned(),
        status: raw.status.trim().to_owned(),
        note,
        columns: raw.columns,
        duties,
    }
}

/// Checks the matrices of `questionnaire` against its references: each names one the
/// folder has, with rows among its duties and columns among its columns, and every duty
/// of a reference is a row of some matrix that names it.
pub(super) fn check_matrices(questionnaire: &Questionnaire, check: &mut Check<'_>) {
    let mut asked: HashSet<(&str, &str)> = HashSet::new();
    for question in questionnaire.questions() {
        let Kind::Matrix(matrix) = question.kind() else {
            continue;
        };
        let Some(id) = matrix.reference() else {
            continue;
        };
        let place = Place::Question(question.id().to_owned());
        let Some(reference) = questionnaire.reference(id) else {
            check.invalid(
                &place,
                format!("reference \"{id}\" matches no reference*.toml in this folder"),
            );
            continue;
        };
        for row in matrix.rows() {
            if reference.duty(row.id()).is_none() {
                check.invalid(
                    &place,
                    format!("row \"{}\" is not a duty of reference \"{id}\"", row.id()),
                );
            }
            asked.insert((id, row.id()));
        }
        for column in matrix.columns() {
            if !reference.columns().iter().any(|c| c == column.id()) {
                check.invalid(
                    &place,
                    format!(
                        "column \"{}\" is not a column of reference \"{id}\"",
                        column.id()
                    ),
                );
            }
        }
    }
    for reference in questionnaire.references() {
        let missing: Vec<&str> = reference
            .duties()
            .iter()
            .map(Duty::id)
            .filter(|duty| !asked.contains(&(reference.id(), duty)))
            .collect();
        if !missing.is_empty() && asked.iter().any(|(id, _)| *id == reference.id()) {
            check.invalid(
                &Place::File,
                format!(
                    "reference \"{}\" has duties no matrix asks: {}",
                    reference.id(),
                    missing.join(", ")
                ),
            );
        }
    }
}
