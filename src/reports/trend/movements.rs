//! How the same organisations moved between two consecutive rounds: matched by
//! organisation id (never by a contact's e-mail), each compared by its latest response of
//! each round, under the larger threshold of the two rounds.

use std::collections::BTreeMap;

use super::series::{Counted, Measures, Movement, RoundInput, RoundResponse, mean_of, tier_rank};

/// Each organisation's latest response of a round (by submission time, then response id),
/// by audience: when several people answered for one organisation, the last word counts.
fn latest(responses: &[RoundResponse]) -> BTreeMap<(String, i64), &RoundResponse> {
    let mut out: BTreeMap<(String, i64), &RoundResponse> = BTreeMap::new();
    for r in responses {
        let key = (r.audience.clone(), r.organisation_id);
        let newer = |old: &&RoundResponse| {
            (r.submitted_at, r.response_id) > (old.submitted_at, old.response_id)
        };
        if out.get(&key).is_none_or(newer) {
            out.insert(key, r);
        }
    }
    out
}

/// How the organisations of each audience found in both `earlier` and `later` moved.
pub(super) fn movements(
    round: usize,
    earlier: &RoundInput,
    later: &RoundInput,
    measures: &Measures,
) -> Vec<Movement> {
    let k = earlier.k.max(later.k);
    let (before, after) = (latest(&earlier.responses), latest(&later.responses));
    let mut audiences: BTreeMap<&str, Vec<(&RoundResponse, &RoundResponse)>> = BTreeMap::new();
    for (key, now) in &after {
        if let Some(then) = before.get(key) {
            audiences
                .entry(key.0.as_str())
                .or_default()
                .push((then, now));
        }
    }
    audiences
        .into_iter()
        .map(|(audience, pairs)| {
            let ranks: Vec<(usize, usize)> = pairs
                .iter()
                .filter_map(|(a, b)| Some((tier_rank(a.scores.tier)?, tier_rank(b.scores.tier)?)))
                .collect();
            let tiers = (!ranks.is_empty()).then(|| {
                let mut moved = [0usize; 3];
                for (a, b) in &ranks {
                    moved[match b.cmp(a) {
                        std::cmp::Ordering::Greater => 0,
                        std::cmp::Ordering::Equal => 1,
                        std::cmp::Ordering::Less => 2,
                    }] += 1;
                }
                // Each pair is one organisation: organisations and responses are one count.
                Counted::new(ranks.len(), ranks.len(), k, Some(moved))
            });
            let changes = measures
                .of_audience(audience)
                .iter()
                .map(|&m| {
                    let value = |r: &RoundResponse| measures.value(r, m);
                    let deltas: Vec<f64> = pairs
                        .iter()
                        .filter_map(|(a, b)| Some(value(b)? - value(a)?))
                        .collect();
                    (
                        measures.names[m].clone(),
                        Counted::new(deltas.len(), deltas.len(), k, mean_of(&deltas)),
                    )
                })
                .collect();
            Movement {
                round,
                audience: audience.to_owned(),
                k,
                tiers,
                changes,
            }
        })
        .collect()
}
