//! One self-assessment read against another through a mapping (`mapping.toml`): per
//! mapped question, its level beside the levels of the parameters it maps to, flagged
//! where the two cannot both be right — a requirement claimed as formally in place while
//! a parameter it rests on is absent, or one said to be missing while every parameter it
//! rests on is formally in place.

use crate::questionnaire::{Answers, Mapping, Questionnaire};

use super::level::answer_level;

/// At or above this level a requirement counts as formally in place (SIM3's 3: approved).
const IN_PLACE: f64 = 3.0;
/// At or below this level a requirement or parameter counts as not really there.
const ABSENT: f64 = 1.0;

/// Why a mapped question and its parameters disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inconsistency {
    /// The question is answered as in place, a parameter it rests on at 0.
    ClaimedWithoutBasis,
    /// The question is answered as (almost) missing, every parameter at 3 or more.
    BasisWithoutClaim,
}

/// One mapped question read against its parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct MappedLine {
    pub question: String,
    pub name: String,
    /// The question's level; `None` when unanswered.
    pub level: Option<f64>,
    /// (parameter id, name, level): an unanswered parameter is `None` and counts as 0,
    /// as in SIM3.
    pub parameters: Vec<(String, String, Option<f64>)>,
    pub inconsistency: Option<Inconsistency>,
}

/// The lines of every mapped question of `q` (answered `answers`) against `other`
/// (answered `other_answers`), in the mapping's order.
pub fn mapped_lines(
    q: &Questionnaire,
    answers: &Answers,
    mapping: &Mapping,
    other: &Questionnaire,
    other_answers: &Answers,
) -> Vec<MappedLine> {
    let level_of = |q: &Questionnaire, answers: &Answers, id: &str| {
        let question = q.question(id)?;
        answer_level(question, answers.get(id)?)
    };
    mapping
        .items()
        .iter()
        .filter_map(|item| {
            let question = q.question(item.question())?;
            let level = level_of(q, answers, item.question());
            let parameters: Vec<(String, String, Option<f64>)> = item
                .parameters()
                .iter()
                .map(|p| {
                    let name = other.question(p).map_or("", |q| q.name()).to_owned();
                    (p.clone(), name, level_of(other, other_answers, p))
                })
                .collect();
            let counted: Vec<f64> = parameters
                .iter()
                .map(|(_, _, l)| l.unwrap_or(0.0))
                .collect();
            let inconsistency = match level {
                Some(l) if l >= IN_PLACE && counted.contains(&0.0) => {
                    Some(Inconsistency::ClaimedWithoutBasis)
                }
                Some(l) if l <= ABSENT && counted.iter().all(|p| *p >= IN_PLACE) => {
                    Some(Inconsistency::BasisWithoutClaim)
                }
                _ => None,
            };
            Some(MappedLine {
                question: item.question().to_owned(),
                name: question.name().to_owned(),
                level,
                parameters,
                inconsistency,
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "mapped_tests.rs"]
mod tests;
