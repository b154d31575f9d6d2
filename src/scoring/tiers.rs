//! Placing a response in a tier and listing what stands between it and the next one.

use std::collections::BTreeMap;

use crate::questionnaire::{TierId, TierTable};

use super::assessment::{Gap, ParameterLevel, TierPlacement, Tolerated};

/// A parameter's id, its level (0 when unanswered) and its position in the assessment.
type Level<'a> = (&'a str, f64, usize);

/// Applies the tier rule: the highest tier met together with every tier below it,
/// each with at most its tolerated shortfalls; unanswered parameters count as 0.
pub fn place(table: &TierTable, parameters: &[ParameterLevel]) -> TierPlacement {
    // Sorted by id like every tier's minimums, so each tier is one walk beside them.
    let mut levels: Vec<Level<'_>> = parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), p.level.unwrap_or(0.0), i))
        .collect();
    levels.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut reached = None;
    let mut next = None;
    // Shortfalls of the tiers met so far, by parameter id: each one was tolerated.
    let mut tolerated: BTreeMap<&str, Tolerated> = BTreeMap::new();
    for tier in table.tiers() {
        let shortfalls: Vec<_> = with_levels(tier.minimums(), &levels)
            .filter(|(_, min, level, _)| *level < f64::from(*min))
            .collect();
        if shortfalls.len() as u32 > tier.tolerance() {
            next = Some(tier.id());
            break;
        }
        reached = Some(tier.id());
        for (id, minimum, current, position) in shortfalls {
            let parameter = position.map(|i| &parameters[i]);
            // A higher tier asks at least as much, so the later entry is the one to show.
            tolerated.insert(
                id,
                Tolerated {
                    parameter: id.to_owned(),
                    name: parameter.map_or(id, |p| p.name.as_str()).to_owned(),
                    current,
                    non_answer: parameter.and_then(|p| p.non_answer),
                    minimum,
                    tier: tier.id(),
                },
            );
        }
    }
    let mut tolerated: Vec<Tolerated> = tolerated.into_values().collect();
    let position = |id: &str| levels.iter().find(|l| l.0 == id).map(|l| l.2);
    // Questionnaire order, like the gaps; a parameter the response does not show goes last.
    tolerated.sort_by_key(|t| position(&t.parameter).unwrap_or(usize::MAX));
    let gaps = match next {
        Some(next) => gaps_to(table, next, parameters, &levels),
        None => Vec::new(),
    };
    TierPlacement {
        table_id: table.id().to_owned(),
        table_source: table.source().to_owned(),
        reached,
        next,
        gaps,
        tolerated,
    }
}

/// Each of a tier's minimums (parameter id, minimum) with the level of its parameter (0
/// when the response has no such parameter) and the parameter's position, walking
/// `levels` (sorted by id).
fn with_levels<'a>(
    minimums: &'a BTreeMap<String, u8>,
    levels: &'a [Level<'a>],
) -> impl Iterator<Item = (&'a str, u8, f64, Option<usize>)> + 'a {
    let mut at = 0;
    minimums.iter().map(move |(id, min)| {
        while at < levels.len() && levels[at].0 < id.as_str() {
            at += 1;
        }
        match levels.get(at) {
            Some(&(p, level, i)) if p == id => (id.as_str(), *min, level, Some(i)),
            _ => (id.as_str(), *min, 0.0, None),
        }
    })
}

/// Parameters below what `target` and the tiers beneath it require, in questionnaire order.
fn gaps_to(
    table: &TierTable,
    target: TierId,
    parameters: &[ParameterLevel],
    levels: &[Level<'_>],
) -> Vec<Gap> {
    let mut required: Vec<Option<u8>> = vec![None; parameters.len()];
    for tier in table.tiers().iter().filter(|t| t.id() <= target) {
        for (_, min, _, position) in with_levels(tier.minimums(), levels) {
            if let Some(slot) = position.and_then(|i| required.get_mut(i)) {
                *slot = Some(slot.map_or(min, |r| r.max(min)));
            }
        }
    }
    parameters
        .iter()
        .zip(required)
        .filter_map(|(p, required)| {
            let required = required?;
            let current = p.level.unwrap_or(0.0);
            (current < f64::from(required)).then(|| Gap {
                parameter: p.id.clone(),
                name: p.name.clone(),
                current,
                non_answer: p.non_answer,
                required,
            })
        })
        .collect()
}
