//! Ranking the standings: which parameters and dimensions hold the most organisations
//! back, with the advice that fits where most of them are. A line resting on fewer than
//! k organisations is left out, and so is one from which such a group could be worked
//! out (see `privacy`).

use std::collections::{BTreeMap, BTreeSet};

use crate::questionnaire::{Dimension, Target};
use crate::reports::perception::PerceptionSection;

use super::super::data::Questionnaires;
use super::super::labels::{audience_label, dimension_label};
use super::privacy::{may_show, parts_safe};
use super::provenance::Provenance;
use super::steps::{Taken, steps};
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
        provenance: Provenance::of(questionnaires, standings.iter().map(|s| &s.questionnaire)),
        maturity,
        cooperation,
        highlights,
        perception: PerceptionSection::default(),
        duties: Default::default(),
        basis: String::new(),
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
            // The audience's own most common step: real, and shared by at least k.
            let detail = match g.steps.first() {
                Some(s) => format!("most often level {} → {}", s.current, s.required),
                None => format!("no single step is shared by {k} or more"),
            };
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
            subject: dimension_label(d.dimension, LANGUAGE).to_owned(),
            organisations: d.organisations,
            of: d.of,
            detail: match d.typical_band {
                Some(b) => format!("below 3, mostly between {b} and {}", b + 1),
                None => "below 3".to_owned(),
            },
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
        label: audience_label(audience),
        organisations,
        lines,
    }
}

/// One organisation's gap on a parameter: its step, questionnaire and the parameter's name.
struct GapSeen<'a> {
    taken: Taken<'a>,
    questionnaire: &'a (String, String),
    name: &'a str,
}

/// Parameters by how many organisations lack them for their next tier; none when the
/// organisations placed in a tier could be subtracted down to fewer than `k`. A line is
/// left out when fewer than `k` lack the parameter or, campaign-wide, when an audience's
/// part of them is a smaller group (the audience's own line would give the others away).
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
            let seen = GapSeen {
                taken: Taken {
                    audience: s.audience.as_str(),
                    current: gap.current.floor().clamp(0.0, 4.0) as u8,
                    required: gap.required,
                },
                questionnaire: &s.questionnaire,
                name: gap.name.as_str(),
            };
            by_parameter
                .entry(gap.parameter.as_str())
                .or_default()
                .insert(s.organisation_id, seen);
        }
    }
    let mut lines = Vec::new();
    for (parameter, seen) in by_parameter {
        if seen.len() < k || !parts_safe(seen.values().map(|s| s.taken.audience), k) {
            continue;
        }
        let taken: Vec<Taken<'_>> = seen.values().map(|s| s.taken).collect();
        let (steps, other_steps) = steps(&taken, k);
        let sources: BTreeSet<&(String, String)> = seen.values().map(|s| s.questionnaire).collect();
        let mut advised = Vec::new();
        for step in &steps {
            let more = advice(
                questionnaires,
                &sources,
                f64::from(step.current),
                |t| matches!(t, Target::Parameter(id) if id == parameter),
            );
            merge(&mut advised, more);
        }
        lines.push(GapLine {
            parameter: parameter.to_owned(),
            name: seen
                .values()
                .next()
                .map(|s| s.name)
                .unwrap_or_default()
                .to_owned(),
            organisations: seen.len(),
            of,
            steps,
            other_steps,
            advice: advised,
        });
    }
    // Stable: ties keep parameter id order.
    lines.sort_by_key(|l| std::cmp::Reverse(l.organisations));
    lines
}

/// One organisation below 3 on a dimension: its band (0, 1 or 2), questionnaire and audience.
type Low<'a> = (usize, &'a (String, String), &'a str);

/// Dimensions by how many organisations score below 3 on them, each left out when the
/// organisations scored on it could be subtracted down to fewer than `k`, or when,
/// campaign-wide, an audience's part of those below 3 is a smaller group.
pub(super) fn dimension_lines(
    standings: &[&Standing],
    questionnaires: &Questionnaires,
    k: usize,
) -> Vec<DimensionLine> {
    let mut lines = Vec::new();
    for dimension in Dimension::ALL {
        let mut population = Vec::new();
        let mut scored = BTreeSet::new();
        let mut low: BTreeMap<i64, Low<'_>> = BTreeMap::new();
        for s in standings {
            for (_, score) in s.dimensions.iter().filter(|(d, _)| *d == dimension) {
                population.push(*s);
                scored.insert(s.organisation_id);
                if *score < GOOD_ENOUGH {
                    let band = (score.floor().max(0.0) as usize).min(2);
                    low.insert(s.organisation_id, (band, &s.questionnaire, &s.audience));
                }
            }
        }
        if low.len() < k || !may_show(&population, k) || !parts_safe(low.values().map(|l| l.2), k) {
            continue;
        }
        let band_members = |band: usize| low.values().filter(move |l| l.0 == band).map(|l| l.2);
        let bands = [0, 1, 2].map(|b| band_members(b).count());
        let safe = [0, 1, 2].map(|b| bands[b] == 0 || parts_safe(band_members(b), k));
        // The bands a figure or advice may rest on, fullest first (ties: the lower band).
        let mut shown: Vec<usize> = (0..3).filter(|&b| bands[b] > 0 && safe[b]).collect();
        shown.sort_by_key(|&b| std::cmp::Reverse(bands[b]));
        let sources: BTreeSet<&(String, String)> = low.values().map(|l| l.1).collect();
        let mut advised = Vec::new();
        for &band in &shown {
            let more = advice(questionnaires, &sources, band as f64, |t| {
                *t == Target::Dimension(dimension)
            });
            merge(&mut advised, more);
        }
        lines.push(DimensionLine {
            dimension,
            organisations: low.len(),
            of: scored.len(),
            bands: safe.iter().all(|&ok| ok).then_some(bands),
            typical_band: shown.first().map(|&b| b as u8),
            advice: advised,
        });
    }
    lines.sort_by_key(|l| std::cmp::Reverse(l.organisations));
    lines
}

/// Adds the advice in `more` that `into` does not hold yet.
fn merge(into: &mut Vec<Advice>, more: Vec<Advice>) {
    for a in more {
        if !into.contains(&a) {
            into.push(a);
        }
    }
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
