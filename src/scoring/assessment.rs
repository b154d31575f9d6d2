//! The result of scoring one response.

use serde::Serialize;

use crate::questionnaire::{Category, Dimension, NonAnswer, Recommendation, TierId};

/// Everything scoring says about one response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    /// Maturity questionnaires: the level of every parameter, in file order.
    pub parameters: Vec<ParameterLevel>,
    /// Maturity questionnaires: the mean level per SIM3 category.
    pub categories: Vec<CategoryScore>,
    /// Cooperation questionnaires: the weighted score per dimension.
    pub dimensions: Vec<DimensionScore>,
    /// Maturity questionnaires scored against a tier table.
    pub tier: Option<TierPlacement>,
    pub completeness: Completeness,
    /// Recommendations whose band holds the current score; those closing a gap first.
    pub recommendations: Vec<AppliedRecommendation>,
}

/// One SIM3 parameter's level; `None` when unanswered (tiers then count it as 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParameterLevel {
    pub id: String,
    pub name: String,
    pub category: Category,
    /// A non-answer's level is 0, as SIM3 rates an unknown parameter.
    pub level: Option<f64>,
    /// Set when the level is a non-answer counted as 0 ("unknown — counted as 0").
    pub non_answer: Option<NonAnswer>,
}

/// The mean of a category's answered parameters, non-answers counted as 0.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CategoryScore {
    pub category: Category,
    pub mean: Option<f64>,
    /// Parameters with an answer, non-answers included.
    pub answered: usize,
    /// How many of the answered were non-answers, each counted as level 0.
    pub non_answers: usize,
    pub total: usize,
}

/// The weighted mean of a dimension's answered questions; non-answers and unanswered
/// ones are left out of the score and counted apart.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DimensionScore {
    pub dimension: Dimension,
    pub score: Option<f64>,
    /// Questions whose answer scored.
    pub answered: usize,
    /// Questions answered "Don't know" or "Prefer not to say".
    pub non_answers: usize,
    /// Questions without an answer that scores (none, or an option without a level).
    pub unanswered: usize,
}

impl DimensionScore {
    /// Every question of the dimension shown to the respondent.
    pub fn total(&self) -> usize {
        self.answered + self.non_answers + self.unanswered
    }
}

/// Where a response stands against a tier table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierPlacement {
    pub table_id: String,
    pub table_source: String,
    /// The highest tier met; `None` means "not yet basic".
    pub reached: Option<TierId>,
    /// The tier above the one reached; `None` at advanced.
    pub next: Option<TierId>,
    /// Every parameter below what the next tier requires.
    pub gaps: Vec<Gap>,
    /// Every minimum of the tiers reached that the response falls short of, which the
    /// tier's tolerance let pass; in questionnaire order, each parameter once.
    pub tolerated: Vec<Tolerated>,
}

/// A minimum a reached tier asks for and the response falls short of, let pass by the
/// tier's tolerance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tolerated {
    pub parameter: String,
    pub name: String,
    pub current: f64,
    /// Set when `current` is a non-answer counted as 0.
    pub non_answer: Option<NonAnswer>,
    /// The highest minimum of the tiers reached that the parameter falls short of.
    pub minimum: u8,
    /// The tier asking that minimum.
    pub tier: TierId,
}

/// A parameter short of the next tier.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Gap {
    pub parameter: String,
    pub name: String,
    pub current: f64,
    /// Set when `current` is a non-answer counted as 0 ("unknown — counted as 0").
    pub non_answer: Option<NonAnswer>,
    pub required: u8,
}

/// How much of the visible questionnaire has been answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completeness {
    pub visible: usize,
    pub answered: usize,
    /// Ids of visible required questions without an answer.
    pub required_missing: Vec<String>,
}

impl Completeness {
    /// The share answered, from 0 to 1.
    pub fn ratio(&self) -> f64 {
        if self.visible == 0 {
            1.0
        } else {
            self.answered as f64 / self.visible as f64
        }
    }
}

/// A recommendation chosen for this response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppliedRecommendation {
    pub recommendation: Recommendation,
    /// The current score of its parameter or dimension.
    pub score: f64,
    /// Whether it works on a gap to the next tier.
    pub closes_gap: bool,
}
