//! Scoring, pure: answers and a validated questionnaire in, an `Assessment` out.
//! No database, no clock, no HTTP.

mod assessment;
mod by_position;
mod level;
mod levels;
mod mapped;
mod tiers;

#[cfg(test)]
mod tests;

use crate::questionnaire::{
    Answer, Answers, Category, Dimension, Question, Questionnaire, Scored, Target, TierTable,
};

pub use assessment::{
    AppliedRecommendation, Assessment, CategoryScore, Completeness, DimensionScore, Gap,
    ParameterLevel, TierPlacement, Tolerated,
};
pub use by_position::{PositionScorer, PositionScores, Workspace};
pub use level::{answer_level, non_answer_level};
pub use levels::{level_parameters, with_levels};
pub use mapped::{Inconsistency, MappedLine, mapped_lines};

/// Scores `answers` against `questionnaire`. Maturity questionnaires are placed in
/// `tiers` when one is given. Answers to hidden questions are ignored.
pub fn assess(
    questionnaire: &Questionnaire,
    tiers: Option<&TierTable>,
    answers: &Answers,
) -> Assessment {
    let mut assessment = assess_scores(questionnaire, tiers, answers);
    assessment.recommendations = recommend(
        questionnaire,
        &assessment.parameters,
        &assessment.dimensions,
        assessment.tier.as_ref(),
    );
    assessment
}

/// Everything [`assess`] says except the recommendations, which are left empty: for
/// reports, which score every response of a campaign and rank advice their own way.
pub fn assess_scores(
    questionnaire: &Questionnaire,
    tiers: Option<&TierTable>,
    answers: &Answers,
) -> Assessment {
    // Every lookup below goes through a visible question, and a question's visibility
    // only ever reads answers to visible questions, so hidden answers cannot count.
    // Each visible question's answer is looked up once, for its level and completeness.
    let visible: Vec<Shown<'_>> = questionnaire
        .questions()
        .filter(|q| questionnaire.is_visible(q, answers))
        .map(|q| (q, answers.get(q.id())))
        .collect();
    let parameters: Vec<ParameterLevel> = visible
        .iter()
        .filter_map(|shown| match shown.0.scored() {
            Some(Scored::Category { category }) => Some(ParameterLevel {
                id: shown.0.id().to_owned(),
                name: shown.0.name().to_owned(),
                category,
                level: level_of(shown),
                non_answer: shown.1.and_then(Answer::non_answer),
            }),
            _ => None,
        })
        .collect();
    let categories = category_scores(&parameters);
    let dimensions = dimension_scores(&visible);
    let tier = tiers
        .filter(|_| !parameters.is_empty())
        .map(|t| tiers::place(t, &parameters));
    let completeness = Completeness {
        visible: visible.len(),
        answered: visible.iter().filter(|(_, a)| a.is_some()).count(),
        required_missing: visible
            .iter()
            .filter(|(q, a)| q.required() && a.is_none())
            .map(|(q, _)| q.id().to_owned())
            .collect(),
    };
    Assessment {
        questionnaire_id: questionnaire.id().to_owned(),
        questionnaire_version: questionnaire.version().to_owned(),
        parameters,
        categories,
        dimensions,
        tier,
        completeness,
        recommendations: Vec::new(),
    }
}

/// A visible question with its answer, if any.
type Shown<'a> = (&'a Question, Option<&'a Answer>);

fn level_of((question, answer): &Shown<'_>) -> Option<f64> {
    answer_level(question, (*answer)?)
}

fn category_scores(parameters: &[ParameterLevel]) -> Vec<CategoryScore> {
    if parameters.is_empty() {
        return Vec::new();
    }
    Category::ALL
        .into_iter()
        .map(|category| {
            let in_category: Vec<_> = parameters
                .iter()
                .filter(|p| p.category == category)
                .collect();
            // Non-answers carry their level 0 here (see `non_answer_level`).
            let levels: Vec<f64> = in_category.iter().filter_map(|p| p.level).collect();
            CategoryScore {
                category,
                mean: mean(levels.iter().map(|l| (*l, 1.0))),
                answered: levels.len(),
                non_answers: in_category
                    .iter()
                    .filter(|p| p.non_answer.is_some())
                    .count(),
                total: in_category.len(),
            }
        })
        .collect()
}

fn dimension_scores(visible: &[Shown<'_>]) -> Vec<DimensionScore> {
    // (dimension, weight, level, whether the answer is a non-answer)
    let scored: Vec<(Dimension, f64, Option<f64>, bool)> = visible
        .iter()
        .filter_map(|shown| match shown.0.scored() {
            Some(Scored::Dimension { dimension, weight }) => Some((
                dimension,
                weight,
                level_of(shown),
                shown.1.is_some_and(|a| a.non_answer().is_some()),
            )),
            _ => None,
        })
        .collect();
    if scored.is_empty() {
        return Vec::new();
    }
    Dimension::ALL
        .into_iter()
        .map(|dimension| {
            let mine: Vec<_> = scored.iter().filter(|(d, ..)| *d == dimension).collect();
            // A non-answer has no level here (see `non_answer_level`): left out, counted.
            let answered: Vec<(f64, f64)> = mine
                .iter()
                .filter_map(|(_, w, l, _)| l.map(|l| (l, *w)))
                .collect();
            let non_answers = mine.iter().filter(|(.., n)| *n).count();
            DimensionScore {
                dimension,
                score: mean(answered.iter().copied()),
                answered: answered.len(),
                non_answers,
                unanswered: mine.len().saturating_sub(answered.len() + non_answers),
            }
        })
        .collect()
}

/// Weighted mean of (value, weight) pairs; `None` when there are none.
fn mean(values: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let (sum, weights) = values.fold((0.0, 0.0), |(s, w), (v, wt)| (s + v * wt, w + wt));
    (weights > 0.0).then(|| (sum / weights).clamp(0.0, 4.0))
}

fn recommend(
    questionnaire: &Questionnaire,
    parameters: &[ParameterLevel],
    dimensions: &[DimensionScore],
    tier: Option<&TierPlacement>,
) -> Vec<AppliedRecommendation> {
    let gaps: Vec<&str> = tier
        .iter()
        .flat_map(|t| t.gaps.iter().map(|g| g.parameter.as_str()))
        .collect();
    let mut applied: Vec<AppliedRecommendation> = questionnaire
        .recommendations()
        .iter()
        .filter_map(|r| {
            let (score, closes_gap) = match r.target() {
                Target::Parameter(id) => {
                    let p = parameters.iter().find(|p| &p.id == id)?;
                    (p.level.unwrap_or(0.0), gaps.contains(&id.as_str()))
                }
                Target::Dimension(d) => {
                    (dimensions.iter().find(|s| s.dimension == *d)?.score?, false)
                }
            };
            r.applies_to(score).then(|| AppliedRecommendation {
                recommendation: r.clone(),
                score,
                closes_gap,
            })
        })
        .collect();
    // Stable: file order is kept within each group.
    applied.sort_by_key(|a| !a.closes_gap);
    applied
}
