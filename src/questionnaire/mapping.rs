//! A mapping from a questionnaire's questions to the parameters of another one, such as
//! NIS2's CSIRT requirements to the SIM3 parameters that bear on each (`mapping.toml`):
//! where a team answers both, the two answers can be read side by side and checked
//! against each other.

use std::collections::HashSet;

use serde::Serialize;

use super::check::Check;
use super::error::Place;
use super::model::{Kind, Questionnaire};
use super::raw::RawMappingFile;

pub const MAPPING_FILE: &str = "mapping.toml";

/// Questions of this questionnaire → parameters of `questionnaire`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mapping {
    id: String,
    questionnaire: String,
    source: String,
    items: Vec<MappedItem>,
}

/// One question and the parameters it is read against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MappedItem {
    question: String,
    parameters: Vec<String>,
}

impl Mapping {
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The questionnaire whose parameters the items name.
    pub fn questionnaire(&self) -> &str {
        &self.questionnaire
    }
    /// Where the mapping comes from, printed beside it.
    pub fn source(&self) -> &str {
        &self.source
    }
    pub fn items(&self) -> &[MappedItem] {
        &self.items
    }
}

impl MappedItem {
    pub fn question(&self) -> &str {
        &self.question
    }
    pub fn parameters(&self) -> &[String] {
        &self.parameters
    }
}

/// Checks the file against its own questionnaire: each item a level question of it, once,
/// with at least one parameter. The parameters are checked against the other
/// questionnaire when the whole catalogue is loaded.
pub(super) fn validate(raw: RawMappingFile, q: &Questionnaire, check: &mut Check<'_>) -> Mapping {
    if raw.source.trim().is_empty() {
        check.invalid(&Place::File, "a mapping needs its source");
    }
    let mut seen = HashSet::new();
    for item in &raw.items {
        let place = Place::Question(item.question.clone());
        match q.question(&item.question).map(|question| question.kind()) {
            Some(Kind::Level { .. }) => {}
            Some(_) => check.invalid(&place, "a mapped question must be a level question"),
            None => check.invalid(
                &place,
                "the mapping names a question the questionnaire does not have",
            ),
        }
        if !seen.insert(item.question.as_str()) {
            check.invalid(&place, "the question is mapped twice");
        }
        if item.parameters.is_empty() {
            check.invalid(&place, "a mapped question needs at least one parameter");
        }
    }
    Mapping {
        id: raw.id,
        questionnaire: raw.questionnaire,
        source: raw.source.trim().to_owned(),
        items: raw
            .items
            .into_iter()
            .map(|i| MappedItem {
                question: i.question,
                parameters: i.parameters,
            })
            .collect(),
    }
}
