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
    /// One mirrored questionnaire, or a list of them.
    pub pairs_with: Option<OneOrMany>,
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

/// A key that takes one value or a list: `pairs_with = "a"` reads as `["a"]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            Self::One(one) => vec![one],
            Self::Many(many) => many,
        }
    }
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
    /// A matrix's rows, each answered once per column.
    #[serde(default)]
    pub rows: Vec<RawPart>,
    /// A matrix's columns.
    #[serde(default)]
    pub columns: Vec<RawPart>,
    /// What each cell of a matrix may be answered with.
    #[serde(default)]
    pub choices: Vec<RawOption>,
    /// The id of the reference matrix (a `reference*.toml` of the folder) a matrix is
    /// compared with.
    pub reference: Option<String>,
}

/// A row or a column of a matrix.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPart {
    pub id: String,
    pub label: RawText,
}

/// A published reference matrix, e.g. ENISA's indicative segregation of duties: per
/// duty (row), the actors (columns) that have a role in it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReferenceFile {
    pub id: String,
    pub title: RawText,
    pub source: String,
    pub status: String,
    pub note: Option<RawText>,
    pub columns: Vec<String>,
    pub duties: Vec<RawDuty>,
    /// Liaison's own advice for when the sides of a country disagree on a duty.
    #[serde(default)]
    pub advice: Vec<RawAdvice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDuty {
    pub id: String,
    pub phase: String,
    pub actors: Vec<String>,
    pub training: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAdvice {
    pub duty: String,
    pub text: RawText,
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

/// `mapping.toml`: questions of the folder's questionnaire → parameters of another.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMappingFile {
    pub id: String,
    pub questionnaire: String,
    pub source: String,
    pub items: Vec<RawMappedItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMappedItem {
    pub question: String,
    pub parameters: Vec<String>,
}
