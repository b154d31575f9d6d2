//! Ranking the standings: which parameters and dimensions hold the most organisations
//! back, with the advice that fits where most of them are. A line resting on fewer than
//! k organisations is left out, and so is one from which such a group could be worked
//! out (see `privacy`).

use std::collections::{BTreeMap, BTreeSet};

use crate::questionnaire::{Dimension, Target};

use super::super::data::Questionnaires;
use super::privacy::may_show;
use super::{
    Advice, AudienceHighlights, DimensionLine, GapLine, Highlight, LANGUAGE, Recommendations,
    ReportLabel, Standing,
};

/// How many lines each audience's highlights keep.
const HIGHLIGHTS: usize = 3;

/// Dimension scores at or above this are not counted as holding anyone back.
const GOOD_ENOUGH: f64 = 3.0;

/// Ranks everything for the whole campaign and per audience.
pub(super) fn rank(
    standings: &[Standing],
    questionnaires: &Questionnaires,
    label: ReportLabel,
) -> Recommendations {
    let all: Vec<&Standing> = standings.iter().collect();
    let k = label.k;
    let maturity = gap_lines(&all, questionnaires, k);
    let cooperation = dimension_lines(&all, questionnaires, k);
    let audiences: BTreeSet<&str> = standings.iter().map(|s| s.audience.as_str()).collect();
    let highlights = audiences
        .into_iter()
        .map(|audience| {
            let mine: Vec<&Standing> = all
                .iter()
                .copied()
                .filter(|s| s.audience == audience)
                .collect();
            highlights(audience, &mine, questionnaires, k)
        })
        .collect();
    let organisations = standings
        .iter()
        .map(|s| s.organisation_id)
        .collect::<BTreeSet<_>>()
        .len();
    Recommendations {
        label,
        organisations,
        maturity,
        cooperation,
        highlights,
    }
}

/// The top lines of one audience, gaps and dimensions together, most organisations first.
fn highlights(
    audience: &str,
    standings: &[&Standing],
    questionnaires: &Questionnaires,
    k: usize,
) -> AudienceHighlights {
    let gaps = gap_lines(standings, questionnaires, k)
        .into_iter()
        .map(|g| {
            let detail = format!("level {} → {}", g.typical_current, g.required);
            Highlight {
                subject: format!("{} {}", g.parameter, g.name),
                organisations: g.organisations,
                of: g.of,
                detail,
            }
        });
    let dimensions = dimension_lines(standings, questionnaires, k)
        .into_iter()
        .map(|d| Highlight {
            subject: d.dimension.as_str().to_owned(),
            organisations: d.organisations,
            of: d.of,
            detail: format!(
                "below 3, mostly between {} and {}",
                d.typical_band,
                d.typical_band + 1
            ),
        });
    let mut lines: Vec<Highlight> = gaps.chain(dimensions).collect();
    lines.sort_by_key(|l| std::cmp::Reverse(l.organisations));
    lines.truncate(HIGHLIGHTS);
    let organisations = standings
        .iter()
        .map(|s| s.organisation_id)
        .collect::<BTreeSet<_>>()
        .len();
    AudienceHighlights {
        audience: audience.to_owned(),
        organisations,
        lines,
    }
}

/// One gap of one organisation: (current level rounded down, required, questionnaire, name).
type GapSeen<'a> = (u8, u8, &'a (String, String), &'a str);

/// Parameters by how many organisations lack them for their next tier; none when the
/// organisations placed in a tier could be subtracted down to fewer than `k`.
pub(super) fn gap_lines(
    standings: &[&Standing],
    questionnaires: &Questionnaires,
    k: usize,
) -> Vec<GapLine> {
    let placed: Vec<&Standing> = standings
        .iter()
        .copied()
        .filter(|s| s.gaps.is_some())
        .collect();
    if !may_show(&placed, k) {
        return Vec::new();
    }
    let of = placed
        .iter()
        .map(|s| s.organisation_id)
        .collect::<BTreeSet<_>>()
        .len();
    let mut by_parameter: BTreeMap<&str, BTreeMap<i64, GapSeen<'_>>> = BTreeMap::new();
    for s in standings {
        for gap in s.gaps.iter().flatten() {
            let current = gap.current.floor().clamp(0.0, 4.0) as u8;
            by_parameter
                .entry(gap.parameter.as_str())
                .or_default()
                .insert(
                    s.organisation_id,
                    (current, gap.required, &s.questionnaire, gap.name.as_str()),
                );
        }
    }
    let mut lines = Vec::new();
    for (parameter, seen) in by_parameter {
        if seen.len() < k {
            continue;
        }
        let typical_current = mode(seen.values().map(|s| s.0));
        let required = mode(seen.values().map(|s| s.1));
        let sources: BTreeSet<&(String, String)> = seen.values().map(|s| s.2).collect();
        lines.push(GapLine {
            parameter: parameter.to_owned(),
            name: seen
                .values()
                .next()
                .map(|s| s.3)
                .unwrap_or_default()
                .to_owned(),
            organisations: seen.len(),
            of,
            typical_current,
            required,
            advice: advice(
                questionnaires,
                &sources,
                f64::from(typical_current),
                |t| matches!(t, Target::Parameter(id) if id == parameter),
            ),
        });
    }
    // Stable: ties keep parameter id order.
    lines.sort_by_key(|l| std::cmp::Reverse(l.organisations));
    lines
}

/// Dimensions by how many organisations score below 3 on them, each left out when the
/// organisations scored on it could be subtracted down to fewer than `k`.
pub(super) fn dimension_lines(
    standings: &[&Standing],
    questionnaires: &Questionnaires,
    k: usize,
) -> Vec<DimensionLine> {
    let mut lines = Vec::new();
    for dimension in Dimension::ALL {
        let mut population = Vec::new();
        let mut scored = BTreeSet::new();
        let mut low: BTreeMap<i64, (usize, &(String, String))> = BTreeMap::new();
        for s in standings {
            for (_, score) in s.dimensions.iter().filter(|(d, _)| *d == dimension) {
                population.push(*s);
                scored.insert(s.organisation_id);
                if *score < GOOD_ENOUGH {
                    let band = (score.floor().max(0.0) as usize).min(2);
                    low.insert(s.organisation_id, (band, &s.questionnaire));
                }
            }
        }
        if low.len() < k || !may_show(&population, k) {
            continue;
        }
        let mut bands = [0usize; 3];
        for (band, _) in low.values() {
            bands[*band] += 1;
        }
        let typical_band = mode(low.values().map(|(b, _)| *b as u8));
        let sources: BTreeSet<&(String, String)> = low.values().map(|(_, q)| *q).collect();
        lines.push(DimensionLine {
            dimension,
            organisations: low.len(),
            of: scored.len(),
            bands: bands.iter().all(|&n| n == 0 || n >= k).then_some(bands),
            typical_band,
            advice: advice(questionnaires, &sources, f64::from(typical_band), |t| {
                *t == Target::Dimension(dimension)
            }),
        });
    }
    lines.sort_by_key(|l| std::cmp::Reverse(l.organisations));
    lines
}

/// The advice of `sources` for targets `about` at score `at`, each text once.
fn advice(
    questionnaires: &Questionnaires,
    sources: &BTreeSet<&(String, String)>,
    at: f64,
    about: impl Fn(&Target) -> bool,
) -> Vec<Advice> {
    let mut out: Vec<Advice> = Vec::new();
    let all = sources
        .iter()
        .filter_map(|key| questionnaires.get(*key))
        .flat_map(|q| q.recommendations());
    for r in all.filter(|r| about(r.target()) && r.applies_to(at)) {
        let advice = Advice {
            title: r.title().map(|t| t.get(LANGUAGE).to_owned()),
            text: r.text().get(LANGUAGE).to_owned(),
        };
        if !out.contains(&advice) {
            out.push(advice);
        }
    }
    out
}

/// The most common value; the smallest of those tied.
fn mode(values: impl Iterator<Item = u8>) -> u8 {
    let mut counts = [0usize; 256];
    for v in values {
        counts[usize::from(v)] += 1;
    }
    let best = counts.iter().max().copied().unwrap_or(0);
    counts
        .iter()
        .position(|&c| c == best && c > 0)
        .and_then(|p| u8::try_from(p).ok())
        .unwrap_or(0)
}
