//! Placing a response in a tier and listing what stands between it and the next one.

use std::collections::BTreeMap;

use crate::questionnaire::TierTable;

use super::assessment::{Gap, ParameterLevel, TierPlacement};

/// Applies the tier rule: the highest tier met together with every tier below it,
/// each with at most its tolerated shortfalls; unanswered parameters count as 0.
pub fn place(table: &TierTable, parameters: &[ParameterLevel]) -> TierPlacement {
    let level_of = |id: &str| {
        parameters
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.level)
            .unwrap_or(0.0)
    };
    let mut reached = None;
    let mut next = None;
    for tier in table.tiers() {
        let shortfalls = tier
            .minimums()
            .iter()
            .filter(|(id, min)| level_of(id) < f64::from(**min))
            .count();
        if shortfalls as u32 <= tier.tolerance() {
            reached = Some(tier.id());
        } else {
            next = Some(tier.id());
            break;
        }
    }
    let gaps = match next {
        Some(next) => gaps_to(table, next, parameters, level_of),
        None => Vec::new(),
    };
    TierPlacement {
        table_id: table.id().to_owned(),
        table_source: table.source().to_owned(),
        reached,
        next,
        gaps,
    }
}

/// Parameters below what `target` and the tiers beneath it require, in questionnaire order.
fn gaps_to(
    table: &TierTable,
    target: crate::questionnaire::TierId,
    parameters: &[ParameterLevel],
    level_of: impl Fn(&str) -> f64,
) -> Vec<Gap> {
    let mut required: BTreeMap<&str, u8> = BTreeMap::new();
    for tier in table.tiers().iter().filter(|t| t.id() <= target) {
        for (id, min) in tier.minimums() {
            let entry = required.entry(id.as_str()).or_default();
            *entry = (*entry).max(*min);
        }
    }
    parameters
        .iter()
        .filter_map(|p| {
            let required = *required.get(p.id.as_str())?;
            let current = level_of(&p.id);
            (current < f64::from(required)).then(|| Gap {
                parameter: p.id.clone(),
                name: p.name.clone(),
                current,
                required,
            })
        })
        .collect()
}
