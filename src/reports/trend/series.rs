//! The trend across rounds computed from each round's scored responses: per round and
//! audience the submissions, the tier distribution and the category or dimension means,
//! and for the organisations that answered two consecutive rounds how their tier and their
//! means moved. Organisations are matched by organisation id, never by a contact's e-mail,
//! so a team whose contact changed is still the same team.
//!
//! Every figure carries the organisations it rests on and is suppressed (its numbers left
//! out) below the round's threshold `k`; a figure spanning two rounds takes the larger of
//! their two thresholds.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};

use crate::questionnaire::{Category, Dimension, TierId};
use crate::reports::data::{MeasureScores, TIERS};

use super::movements::movements;

/// One submitted response of a round, scored as the round's own reports score it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundResponse {
    pub response_id: i64,
    /// What matches the response across rounds.
    pub organisation_id: i64,
    /// `csirt`, `lea` or `judiciary`.
    pub audience: String,
    pub submitted_at: Option<NaiveDateTime>,
    pub scores: MeasureScores,
}

/// One round of the series, as read and scored.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundInput {
    pub campaign_id: i64,
    pub campaign: String,
    pub closes_on: NaiveDate,
    /// The threshold that holds for the round's figures.
    pub k: usize,
    pub responses: Vec<RoundResponse>,
}

/// A figure over a group of organisations: its numbers are `None` when suppressed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Counted<T> {
    /// Distinct organisations the figure rests on; `None` when suppressed.
    pub organisations: Option<usize>,
    /// Responses the figure rests on; `None` when suppressed.
    pub responses: Option<usize>,
    /// The figure itself; `None` when suppressed (or when there is nothing to show).
    pub value: Option<T>,
    pub suppressed: bool,
}

impl<T> Counted<T> {
    /// `value` over `organisations` and `responses`, suppressed below `k` organisations.
    pub(super) fn new(organisations: usize, responses: usize, k: usize, value: Option<T>) -> Self {
        let suppressed = organisations < k;
        Counted {
            organisations: (!suppressed).then_some(organisations),
            responses: (!suppressed).then_some(responses),
            value: value.filter(|_| !suppressed),
            suppressed,
        }
    }
}

/// One audience in one round.
#[derive(Debug, Clone, PartialEq)]
pub struct AudienceRound {
    pub audience: String,
    /// Submissions; the value is unused.
    pub submitted: Counted<()>,
    /// Responses per tier in the order not yet basic, basic, intermediate, advanced, over
    /// the responses placed in a tier; `None` when the audience's questionnaire has no tier
    /// table.
    pub tiers: Option<Counted<[usize; 4]>>,
    /// The mean of each measure, in [`measures`] order, over the responses scoring it.
    pub means: Vec<(String, Counted<f64>)>,
}

/// One round of the trend.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundTrend {
    /// 1 for the oldest round.
    pub round: usize,
    pub campaign_id: i64,
    pub campaign: String,
    pub closes_on: NaiveDate,
    pub k: usize,
    /// The audiences that submitted in the round, in name order.
    pub audiences: Vec<AudienceRound>,
}

/// How the organisations of one audience that answered both a round and the one before
/// it moved between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Movement {
    /// The later round.
    pub round: usize,
    pub audience: String,
    /// The larger threshold of the two rounds.
    pub k: usize,
    /// Organisations placed in a tier in both rounds moving up, staying, moving down.
    pub tiers: Option<Counted<[usize; 3]>>,
    /// Per measure, the mean change (later − earlier) over organisations scored in both.
    pub changes: Vec<(String, Counted<f64>)>,
}

/// The whole trend of a series of rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub rounds: Vec<RoundTrend>,
    /// From the second round on, one per audience that answered both rounds.
    pub movements: Vec<Movement>,
}

/// The measures a series scores: the SIM3 categories (by code) when any response has
/// them, then the cooperation dimensions (by name) when any has them; the names
/// `aggregates.csv` uses.
pub fn measures(rounds: &[RoundInput]) -> Vec<String> {
    Measures::of(rounds).names
}

/// The measures of a series, and which of them each audience scores in some round: an
/// audience gets rows only for those, not for the measures of another audience's
/// questionnaire.
pub(super) struct Measures {
    pub names: Vec<String>,
    with_categories: bool,
    by_audience: BTreeMap<String, Vec<usize>>,
}

impl Measures {
    pub fn of(rounds: &[RoundInput]) -> Measures {
        let responses = || rounds.iter().flat_map(|r| &r.responses);
        let mut names = Vec::new();
        let with_categories = responses().any(|r| !r.scores.categories.is_empty());
        if with_categories {
            names.extend(Category::ALL.iter().map(|c| c.code().to_owned()));
        }
        if responses().any(|r| !r.scores.dimensions.is_empty()) {
            names.extend(Dimension::ALL.iter().map(|d| d.as_str().to_owned()));
        }
        let mut measures = Measures {
            names,
            with_categories,
            by_audience: BTreeMap::new(),
        };
        let mut scored: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for r in responses() {
            let set = scored.entry(r.audience.clone()).or_default();
            set.extend((0..measures.names.len()).filter(|&m| measures.value(r, m).is_some()));
        }
        measures.by_audience = scored
            .into_iter()
            .map(|(audience, set)| (audience, set.into_iter().collect()))
            .collect();
        measures
    }

    /// The value of measure `i` of `names` in the response's scores.
    pub fn value(&self, r: &RoundResponse, i: usize) -> Option<f64> {
        let categories = if self.with_categories {
            Category::ALL.len()
        } else {
            0
        };
        if i < categories {
            r.scores.categories.get(i).copied().flatten()
        } else {
            r.scores.dimensions.get(i - categories).copied().flatten()
        }
    }

    /// The measures `audience` scores, as indices into `names`.
    pub fn of_audience(&self, audience: &str) -> &[usize] {
        self.by_audience.get(audience).map_or(&[], Vec::as_slice)
    }
}

/// A tier placement's rank: not yet basic lowest; `None` when not placed.
pub(super) fn tier_rank(tier: Option<Option<TierId>>) -> Option<usize> {
    tier.map(|t| {
        t.map_or(0, |t| {
            1 + TierId::ALL.iter().position(|a| *a == t).unwrap_or(0)
        })
    })
}

/// The word of a tier rank as `scores.csv` writes it: `not_yet_basic`, `basic`, …
pub fn tier_word(rank: usize) -> &'static str {
    TIERS[rank.min(TIERS.len() - 1)]
}

/// The trend of `rounds`, oldest first.
pub fn trend(rounds: &[RoundInput]) -> Trend {
    let measures = Measures::of(rounds);
    let summaries = rounds
        .iter()
        .enumerate()
        .map(|(i, round)| RoundTrend {
            round: i + 1,
            campaign_id: round.campaign_id,
            campaign: round.campaign.clone(),
            closes_on: round.closes_on,
            k: round.k,
            audiences: by_audience(&round.responses)
                .into_iter()
                .map(|(audience, responses)| AudienceRound {
                    submitted: counted(&responses, round.k, |_| true, |_| Some(())),
                    tiers: tier_counts(&responses, round.k),
                    means: means(&measures, &audience, &responses, round.k),
                    audience,
                })
                .collect(),
        })
        .collect();
    let movements = rounds
        .windows(2)
        .enumerate()
        .flat_map(|(i, pair)| movements(i + 2, &pair[0], &pair[1], &measures))
        .collect();
    Trend {
        rounds: summaries,
        movements,
    }
}

/// The mean of each measure `audience` scores over `responses`.
fn means(
    measures: &Measures,
    audience: &str,
    responses: &[&RoundResponse],
    k: usize,
) -> Vec<(String, Counted<f64>)> {
    measures
        .of_audience(audience)
        .iter()
        .map(|&m| {
            let has = |r: &RoundResponse| measures.value(r, m).is_some();
            let mean = |rs: &[&RoundResponse]| {
                let values: Vec<f64> = rs.iter().filter_map(|r| measures.value(r, m)).collect();
                mean_of(&values)
            };
            (measures.names[m].clone(), counted(responses, k, has, mean))
        })
        .collect()
}

/// The responses of each audience, audiences in name order.
fn by_audience(responses: &[RoundResponse]) -> BTreeMap<String, Vec<&RoundResponse>> {
    let mut out: BTreeMap<String, Vec<&RoundResponse>> = BTreeMap::new();
    for r in responses {
        out.entry(r.audience.clone()).or_default().push(r);
    }
    out
}

/// `figure` of the responses `keep` selects, counted and suppressed below `k`.
fn counted<'r, T>(
    responses: &[&'r RoundResponse],
    k: usize,
    keep: impl Fn(&RoundResponse) -> bool,
    figure: impl Fn(&[&'r RoundResponse]) -> Option<T>,
) -> Counted<T> {
    let kept: Vec<&RoundResponse> = responses.iter().copied().filter(|r| keep(r)).collect();
    let organisations = kept
        .iter()
        .map(|r| r.organisation_id)
        .collect::<BTreeSet<_>>()
        .len();
    let value = if kept.is_empty() { None } else { figure(&kept) };
    Counted::new(organisations, kept.len(), k, value)
}

/// Responses per tier over those placed; `None` when none of the audience's is placed.
fn tier_counts(responses: &[&RoundResponse], k: usize) -> Option<Counted<[usize; 4]>> {
    let placed = |r: &RoundResponse| r.scores.tier.is_some();
    if !responses.iter().any(|r| placed(r)) {
        return None;
    }
    Some(counted(responses, k, placed, |rs| {
        let mut counts = [0usize; 4];
        for rank in rs.iter().filter_map(|r| tier_rank(r.scores.tier)) {
            counts[rank.min(3)] += 1;
        }
        Some(counts)
    }))
}

pub(super) fn mean_of(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}
