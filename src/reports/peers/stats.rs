//! The statistics of one measure among peers, pure: quartiles by linear interpolation and
//! the reports' privacy rule for an audience-wide figure.

use std::collections::{BTreeMap, BTreeSet};

/// One submitted response's score on one measure, with who gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerScore<'a> {
    pub organisation_id: i64,
    /// ISO 3166-1 alpha-2 of the organisation: the reports also publish per-country
    /// figures, so the rule must know which country each organisation counts in.
    pub country: &'a str,
    pub value: f64,
}

/// Median and interquartile range of a measure among the peers, when they may be shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeerStats {
    /// Distinct organisations behind the figures.
    pub organisations: usize,
    /// Responses behind the figures: an organisation may have answered through several.
    pub responses: usize,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
}

/// Why a measure's peer figures are withheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    /// Fewer than `k` organisations have a score on the measure.
    TooFew { organisations: usize, k: usize },
    /// Enough organisations, but subtracting the per-country figures the reports publish
    /// would leave a group of fewer than `k`: the reports suppress this figure too.
    SmallRemainder { k: usize },
}

/// What the respondent may see of a measure among peers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PeerStanding {
    Shown(PeerStats),
    Withheld(Withheld),
}

/// The `p`-quantile (0 ≤ p ≤ 1) of `sorted` (ascending, no NaN) by linear interpolation
/// between closest ranks — Hyndman and Fan's type 7, the default of R, NumPy and polars
/// (`QuantileMethod::Linear`), so the median equals the reports' `median`: at position
/// h = (n − 1)·p the value is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). `None` when empty.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * p.clamp(0.0, 1.0);
    let below = h.floor() as usize;
    let above = (below + 1).min(last);
    let fraction = h - below as f64;
    Some(sorted[below] + fraction * (sorted[above] - sorted[below]))
}

/// The peer figures of one measure at threshold `k`, by the rule the reports apply to an
/// audience's "ALL" row in `aggregates.csv` (see `reports::data`'s `grouped_with_all`):
/// with n the distinct organisations that have a score, the figures are withheld when
/// n < k, or when the organisations of the countries shown on their own (those with at
/// least k) leave a remainder r with 0 < r < k. Organisations are counted once however
/// many responses they sent, while every response's score enters the quartiles, as every
/// response enters the reports' median.
pub fn peer_standing(scores: &[PeerScore<'_>], k: usize) -> PeerStanding {
    let organisations: BTreeSet<i64> = scores.iter().map(|s| s.organisation_id).collect();
    let n = organisations.len();
    if n < k {
        return PeerStanding::Withheld(Withheld::TooFew {
            organisations: n,
            k,
        });
    }
    let mut by_country: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
    for s in scores {
        by_country
            .entry(s.country)
            .or_default()
            .insert(s.organisation_id);
    }
    let shown: usize = by_country
        .values()
        .map(BTreeSet::len)
        .filter(|&c| c >= k)
        .sum();
    let remainder = n.saturating_sub(shown);
    if remainder > 0 && remainder < k {
        return PeerStanding::Withheld(Withheld::SmallRemainder { k });
    }
    let mut values: Vec<f64> = scores
        .iter()
        .map(|s| s.value)
        .filter(|v| !v.is_nan())
        .collect();
    values.sort_by(f64::total_cmp);
    match (
        quantile(&values, 0.25),
        quantile(&values, 0.5),
        quantile(&values, 0.75),
    ) {
        (Some(q1), Some(median), Some(q3)) => PeerStanding::Shown(PeerStats {
            organisations: n,
            responses: values.len(),
            q1,
            median,
            q3,
        }),
        // Only reachable with k = 0 and no scores at all: nothing to show.
        _ => PeerStanding::Withheld(Withheld::TooFew {
            organisations: 0,
            k,
        }),
    }
}
