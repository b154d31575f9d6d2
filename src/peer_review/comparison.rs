//! Self-assessed, peer and agreed levels side by side, each set scored into a tier by the
//! same scoring the result page uses.

use std::collections::BTreeMap;

use crate::questionnaire::{Answers, Questionnaire, TierId};
use crate::scoring::{assess_scores, level_parameters, with_levels};

/// One parameter's three levels.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonRow {
    pub parameter: String,
    pub name: String,
    /// The self-assessed level; `None` when unanswered.
    pub own: Option<f64>,
    pub peer: Option<i32>,
    pub agreed: Option<i32>,
}

/// The levels of every parameter and the tier each set reaches (`None` inside: not yet
/// basic; the outer `None`: no tier table, or no agreed levels yet).
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub rows: Vec<ComparisonRow>,
    pub own_tier: Option<Option<TierId>>,
    pub peer_tier: Option<Option<TierId>>,
    pub agreed_tier: Option<Option<TierId>>,
}

/// The comparison of a response's `answers` with the recorded `peer` and `agreed` levels
/// (question id → level); `None` before any peer level exists.
pub fn compare(
    questionnaire: &Questionnaire,
    answers: &Answers,
    peer: &BTreeMap<String, i32>,
    agreed: &BTreeMap<String, i32>,
) -> Option<Comparison> {
    if peer.is_empty() {
        return None;
    }
    let tiers = questionnaire.default_tier_table();
    let tier_of = |answers: &Answers| {
        assess_scores(questionnaire, tiers, answers)
            .tier
            .map(|t| t.reached)
    };
    let own = assess_scores(questionnaire, tiers, answers);
    let rows = level_parameters(questionnaire)
        .map(|q| ComparisonRow {
            parameter: q.id().to_owned(),
            name: q.name().to_owned(),
            own: own
                .parameters
                .iter()
                .find(|p| p.id == q.id())
                .and_then(|p| p.level),
            peer: peer.get(q.id()).copied(),
            agreed: agreed.get(q.id()).copied(),
        })
        .collect();
    Some(Comparison {
        rows,
        own_tier: own.tier.map(|t| t.reached),
        peer_tier: tier_of(&with_levels(questionnaire, answers, peer)),
        agreed_tier: (!agreed.is_empty())
            .then(|| tier_of(&with_levels(questionnaire, answers, agreed)))
            .flatten(),
    })
}
