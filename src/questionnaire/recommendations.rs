//! Recommendations: what to do next, for a parameter or dimension within a score band.

use std::collections::HashSet;

use serde::Serialize;

use super::check::{Check, Coverage};
use super::error::{Place, Problem};
use super::model::Dimension;
use super::raw::RawRecommendationFile;
use super::text::Text;

/// What a recommendation is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "type", content = "id")]
pub enum Target {
    Parameter(String),
    Dimension(Dimension),
}

/// Advice that applies while a score lies in `[from, below)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    target: Target,
    from: f64,
    below: f64,
    title: Option<Text>,
    text: Text,
}

impl Recommendation {
    pub fn target(&self) -> &Target {
        &self.target
    }
    pub fn from(&self) -> f64 {
        self.from
    }
    pub fn below(&self) -> f64 {
        self.below
    }
    pub fn title(&self) -> Option<&Text> {
        self.title.as_ref()
    }
    pub fn text(&self) -> &Text {
        &self.text
    }
    /// Whether the advice fits a current score.
    pub fn applies_to(&self, score: f64) -> bool {
        self.from <= score && score < self.below
    }
}

/// Validates recommendations against the questionnaire's parameters (maturity) or dimensions.
pub(super) fn validate(
    raw: RawRecommendationFile,
    parameters: &HashSet<&str>,
    check: &mut Check<'_>,
) -> Vec<Recommendation> {
    let mut result = Vec::new();
    for (index, rec) in raw.recommendations.into_iter().enumerate() {
        let place = Place::Recommendation(index + 1);
        let target = if parameters.contains(rec.target.as_str()) {
            Some(Target::Parameter(rec.target.clone()))
        } else if let Some(dimension) =
            Dimension::parse(&rec.target).filter(|_| parameters.is_empty())
        {
            Some(Target::Dimension(dimension))
        } else {
            check.fail(&place, Problem::UnknownTarget(rec.target.clone()));
            None
        };
        let valid_range =
            (0.0..4.0).contains(&rec.from) && rec.below > rec.from && rec.below <= 4.0;
        if !valid_range {
            let reason = format!(
                "from {} and below {} must satisfy 0 <= from < below <= 4",
                rec.from, rec.below
            );
            check.invalid(&place, reason);
        }
        let title =
            check.optional_text(&place, rec.title.as_ref(), "the title", Coverage::Fallback);
        let text = check.text(&place, &rec.text, "the text", Coverage::Fallback);
        if let Some(target) = target {
            result.push(Recommendation {
                target,
                from: rec.from,
                below: rec.below,
                title,
                text,
            });
        }
    }
    result
}
