//! Scoring many responses to one questionnaire, each given as its answers by question
//! position: what [`assess_scores`](super::assess_scores) says of the levels, category
//! means, dimension scores, tier reached and completeness, with every lookup by id done
//! once for the questionnaire instead of once per answer, and nothing allocated per
//! answer. Reports score a whole campaign this way; the figures are the same, to the
//! bit, as those of `assess_scores` (the tests below hold the two together).

use crate::questionnaire::{
    Answer, Category, Condition, Dimension, Question, Questionnaire, Scored, TierId, TierTable,
};

use super::level::answer_level;
use super::mean;

/// One questionnaire prepared for scoring by position.
#[derive(Debug)]
pub struct PositionScorer<'q> {
    questionnaire: &'q Questionnaire,
    questions: Vec<&'q Question>,
    /// By position: the earlier question a `show_if` tests (`None`: one the questionnaire
    /// does not have, so never shown) and its condition.
    show_if: Vec<Option<(Option<usize>, &'q Condition)>>,
    /// Positions and categories of the SIM3 parameters, in file order.
    parameters: Vec<(usize, usize)>,
    /// Positions, dimensions and weights of the cooperation questions, in file order.
    dimensions: Vec<(usize, usize, f64)>,
    tiers: Option<TierRules<'q>>,
}

/// A tier table with each minimum's parameter found by its place in `parameters`.
#[derive(Debug)]
struct TierRules<'q> {
    table: &'q TierTable,
    /// Per tier in order: its id, tolerance and (parameter slot, minimum) pairs.
    tiers: Vec<(TierId, u32, Vec<SlotMinimum>)>,
}

/// A tier's minimum: the parameter's slot (`None`: one the questionnaire lacks) and level.
type SlotMinimum = (Option<usize>, u8);

/// What one response scores; see [`PositionScorer::score`].
#[derive(Debug, Clone, PartialEq)]
pub struct PositionScores {
    /// Aligned with [`PositionScorer::parameter_ids`]; `None` when hidden or unanswered.
    pub parameters: Vec<Option<f64>>,
    /// `Category::ALL` order; empty when no parameter is visible.
    pub categories: Vec<Option<f64>>,
    /// `Dimension::ALL` order; empty when no cooperation question is visible.
    pub dimensions: Vec<Option<f64>>,
    /// `None`: not placed (no tier table, or no parameter visible); `Some(None)`: not
    /// yet basic.
    pub tier: Option<Option<TierId>>,
    /// The share of visible questions answered (1 when none is visible).
    pub completeness: f64,
}

/// Per position, whether the question is visible and the level its answer scores;
/// filled by [`PositionScorer::score`] and kept for the caller to read.
#[derive(Debug, Default)]
pub struct Workspace {
    pub visible: Vec<bool>,
    pub levels: Vec<Option<f64>>,
}

impl<'q> PositionScorer<'q> {
    /// Prepares `questionnaire`, placing responses in `tiers` when given.
    pub fn new(questionnaire: &'q Questionnaire, tiers: Option<&'q TierTable>) -> Self {
        let questions: Vec<&Question> = questionnaire.questions().collect();
        let position = |id: &str| questions.iter().position(|q| q.id() == id);
        let show_if = questions
            .iter()
            .map(|q| q.show_if().map(|s| (position(s.question()), s.condition())))
            .collect();
        let mut parameters = Vec::new();
        let mut dimensions = Vec::new();
        for (at, q) in questions.iter().enumerate() {
            match q.scored() {
                Some(Scored::Category { category }) => {
                    parameters.push((at, category_index(category)));
                }
                Some(Scored::Dimension { dimension, weight }) => {
                    dimensions.push((at, dimension_index(dimension), weight));
                }
                None => {}
            }
        }
        let slot = |id: &str| {
            parameters
                .iter()
                .position(|&(at, _)| questions[at].id() == id)
        };
        let tiers = tiers.map(|table| TierRules {
            table,
            tiers: table
                .tiers()
                .iter()
                .map(|tier| {
                    let minimums = tier
                        .minimums()
                        .iter()
                        .map(|(id, min)| (slot(id), *min))
                        .collect();
                    (tier.id(), tier.tolerance(), minimums)
                })
                .collect(),
        });
        PositionScorer {
            questionnaire,
            show_if,
            parameters,
            dimensions,
            tiers,
            questions,
        }
    }

    pub fn questionnaire(&self) -> &'q Questionnaire {
        self.questionnaire
    }

    /// The tier table responses are placed in, if any.
    pub fn tier_table(&self) -> Option<&'q TierTable> {
        self.tiers.as_ref().map(|t| t.table)
    }

    /// The questions in file order: position `i` is `questions()[i]`.
    pub fn questions(&self) -> &[&'q Question] {
        &self.questions
    }

    /// The SIM3 parameter ids in file order.
    pub fn parameter_ids(&self) -> impl Iterator<Item = &'q str> + '_ {
        self.parameters
            .iter()
            .map(|&(at, _)| self.questions[at].id())
    }

    /// Scores one response whose answer to the question at position `i` is `answers[i]`
    /// (`answers` as long as [`questions`](Self::questions)), leaving each position's
    /// visibility and level in `work`.
    pub fn score(&self, answers: &[Option<&Answer>], work: &mut Workspace) -> PositionScores {
        let n = self.questions.len();
        work.visible.clear();
        work.levels.clear();
        let (mut shown, mut answered) = (0usize, 0usize);
        for at in 0..n {
            // A question's condition tests an earlier one, already judged.
            let visible = match self.show_if[at] {
                None => true,
                Some((None, _)) => false,
                Some((Some(target), condition)) => {
                    work.visible.get(target).copied().unwrap_or(false)
                        && answers[target].is_some_and(|a| a.matches(condition))
                }
            };
            let answer = answers[at].filter(|_| visible);
            work.visible.push(visible);
            work.levels
                .push(answer.and_then(|a| answer_level(self.questions[at], a)));
            shown += usize::from(visible);
            answered += usize::from(answer.is_some());
        }
        let parameters: Vec<Option<f64>> = self
            .parameters
            .iter()
            .map(|&(at, _)| work.levels[at])
            .collect();
        let any_parameter = self.parameters.iter().any(|&(at, _)| work.visible[at]);
        let categories = if any_parameter {
            Category::ALL
                .iter()
                .enumerate()
                .map(|(c, _)| {
                    mean(
                        self.parameters
                            .iter()
                            .filter(|&&(at, category)| category == c && work.visible[at])
                            .filter_map(|&(at, _)| work.levels[at].map(|l| (l, 1.0))),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let dimensions = if self.dimensions.iter().any(|&(at, ..)| work.visible[at]) {
            Dimension::ALL
                .iter()
                .enumerate()
                .map(|(d, _)| {
                    mean(
                        self.dimensions
                            .iter()
                            .filter(|&&(at, dimension, _)| dimension == d && work.visible[at])
                            .filter_map(|&(at, _, weight)| work.levels[at].map(|l| (l, weight))),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let tier = self
            .tiers
            .as_ref()
            .filter(|_| any_parameter)
            .map(|rules| reached(rules, &parameters));
        PositionScores {
            parameters,
            categories,
            dimensions,
            tier,
            completeness: if shown == 0 {
                1.0
            } else {
                answered as f64 / shown as f64
            },
        }
    }
}

/// The highest tier whose minimums the levels meet within its tolerance, tiers taken in
/// order; a parameter hidden, unanswered or missing counts as level 0.
fn reached(rules: &TierRules<'_>, parameters: &[Option<f64>]) -> Option<TierId> {
    let mut reached = None;
    for (id, tolerance, minimums) in &rules.tiers {
        let short = minimums
            .iter()
            .filter(|(slot, min)| {
                let level = slot.and_then(|s| parameters[s]).unwrap_or(0.0);
                level < f64::from(*min)
            })
            .count();
        if short as u32 > *tolerance {
            break;
        }
        reached = Some(*id);
    }
    reached
}

fn category_index(category: Category) -> usize {
    Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or_default()
}

fn dimension_index(dimension: Dimension) -> usize {
    Dimension::ALL
        .iter()
        .position(|d| *d == dimension)
        .unwrap_or_default()
}

#[cfg(test)]
#[path = "by_position_tests.rs"]
mod tests;
