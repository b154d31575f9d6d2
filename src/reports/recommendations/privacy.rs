//! Whether a line may be shown beyond its own count: a line adds up organisations over
//! countries (and, campaign-wide, over audiences) just as the aggregates' "ALL" rows do,
//! so it follows their rule and is left out when subtracting what can be shown or worked
//! out beside it would single out fewer than k organisations.

use std::collections::{BTreeMap, BTreeSet};

use super::Standing;

/// Whether a line over `population` (every organisation the line counts from, whether it
/// lacks the parameter or not) may be shown at threshold `k`.
///
/// In each audience, the organisations of countries with fewer than `k` of them are a
/// remainder that no per-country figure shows; an audience's line must leave none or at
/// least `k` of them, or it minus the countries' figures gives them away. Campaign-wide,
/// the remainders of the audiences that break that rule must together be none or at least
/// `k`, or the line minus the other audiences' lines gives those remainders away.
pub(super) fn may_show(population: &[&Standing], k: usize) -> bool {
    let mut cells: BTreeMap<(&str, &str), BTreeSet<i64>> = BTreeMap::new();
    for s in population {
        cells
            .entry((s.audience.as_str(), s.country.as_str()))
            .or_default()
            .insert(s.organisation_id);
    }
    let mut remainders: BTreeMap<&str, usize> = BTreeMap::new();
    for ((audience, _), organisations) in &cells {
        let remainder = remainders.entry(audience).or_default();
        if organisations.len() < k {
            *remainder += organisations.len();
        }
    }
    let exposed: usize = remainders.values().filter(|&&r| r > 0 && r < k).sum();
    let organisations = population
        .iter()
        .map(|s| s.organisation_id)
        .collect::<BTreeSet<_>>()
        .len();
    organisations >= k && (exposed == 0 || exposed >= k)
}

/// Whether every audience's part of a figure is none or at least `k`, given the audience
/// of each organisation it counts. A campaign-wide figure minus an audience's own figure
/// beside it leaves the other audiences' parts, so none of them may be a smaller group;
/// over one audience this is simply "at least `k`".
pub(super) fn parts_safe<'a>(audiences: impl IntoIterator<Item = &'a str>, k: usize) -> bool {
    let mut parts: BTreeMap<&str, usize> = BTreeMap::new();
    for audience in audiences {
        *parts.entry(audience).or_default() += 1;
    }
    !parts.is_empty() && parts.values().all(|&n| n >= k)
}
