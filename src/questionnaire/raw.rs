//! The file format as serde sees it: plain data, checked by `validate` before anyone uses it.

use std::collections::BTreeMap;

use serde::Deserialize;

/// A text keyed by language code, exactly as written in the file.
pub type RawText = BTreeMap<String, String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    pub id: String,
    pub version: String,
    pub audience: String,
    pub model: String,
    pub languages: Vec<String>,
    pub tier_table: Option<String>,
    pub model_source: Option<String>,
    pub pairs_with: Option<String>,
    pub minutes: Option<u32>,
    pub title: RawText,
    pub description: Option<RawText>,
    /// The non-answers every question that can take them offers.
    pub non_answers: Option<Vec<String>>,
    /// Labels of non-answers in languages Liaison has no words for, or worded otherwise.
    #[serde(default)]
    pub non_answer_labels: BTreeMap<String, RawText>,
    #[serde(default)]
    pub sections: Vec<RawSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: String,
    pub title: RawText,
    pub intro: Option<RawText>,
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: String,
    pub kind: String,
    pub name: Option<String>,
    pub text: RawText,
    pub help: Option<RawText>,
    #[serde(default)]
    pub required: bool,
    pub category: Option<String>,
    pub dimension: Option<String>,
    pub weight: Option<f64>,
    pub pair: Option<String>,
    pub show_if: Option<RawShowIf>,
    #[serde(default)]
    pub options: Vec<RawOption>,
    pub multi_score: Option<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub min_label: Option<RawText>,
    pub max_label: Option<RawText>,
    pub unit: Option<String>,
    pub max_length: Option<usize>,
    #[serde(default)]
    pub personal: bool,
    /// Overrides the file's `non_answers` for this question; an empty list offers none.
    pub non_answers: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub value: Option<String>,
    pub level: Option<f64>,
    #[serde(default)]
    pub exclusive: bool,
    pub label: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShowIf {
    pub question: String,
    pub equals: Option<toml::Value>,
    pub any_of: Option<Vec<toml::Value>>,
    pub at_least: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTierFile {
    pub id: String,
    pub source: String,
    pub version: String,
    pub description: Option<RawText>,
    pub tiers: Vec<RawTier>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTier {
    pub id: String,
    pub name: RawText,
    pub description: Option<RawText>,
    #[serde(default)]
    pub tolerance: u32,
    pub minimums: BTreeMap<String, i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecommendationFile {
    #[serde(default)]
    pub recommendations: Vec<RawRecommendation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecommendation {
    pub target: String,
    pub from: f64,
    pub below: f64,
    pub title: Option<RawText>,
    pub text: RawText,
}
