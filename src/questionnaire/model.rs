//! The validated questionnaire: built only by `validate`, read through accessors.

use serde::Serialize;

use super::mapping::Mapping;
use super::non_answer::{NonAnswer, NonAnswerChoice};
use super::recommendations::Recommendation;
use super::reference::Reference;
use super::text::Text;
use super::tiers::TierTable;

pub use super::scoring_words::{Audience, Category, Dimension, Model, Scored};

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub(super) value: String,
    pub(super) level: Option<f64>,
    pub(super) label: Text,
    /// Whether the option can only be chosen alone (a multi question's "none of these").
    pub(super) exclusive: bool,
}

impl Choice {
    pub fn value(&self) -> &str {
        &self.value
    }
    /// The 0–4 level this option scores, if it scores at all.
    pub fn level(&self) -> Option<f64> {
        self.level
    }
    pub fn label(&self) -> &Text {
        &self.label
    }
    /// Whether choosing this option rules out every other one of its question.
    pub fn is_exclusive(&self) -> bool {
        self.exclusive
    }
}

/// How a multiple-choice answer turns into one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MultiScore {
    Max,
    Sum,
}

/// The kind of a question, with what that kind needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum Kind {
    Level {
        options: Vec<Choice>,
    },
    Single {
        options: Vec<Choice>,
    },
    Multi {
        options: Vec<Choice>,
        rule: MultiScore,
    },
    Scale {
        min: i64,
        max: i64,
        min_label: Text,
        max_label: Text,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
        unit: Option<String>,
    },
    Text {
        max_length: usize,
        /// Whether the answer may hold personal data (a contact's name, say), and so is
        /// erased with the participants' addresses when the campaign's retention ends.
        personal: bool,
    },
    Country,
    Matrix(Matrix),
}

/// A grid of cells: each row (a duty, say) answered once per column (an actor) with one
/// of the declared choices (a role).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    pub(super) rows: Vec<Part>,
    pub(super) columns: Vec<Part>,
    pub(super) choices: Vec<Choice>,
    /// The id of the reference matrix it is compared with, if any.
    pub(super) reference: Option<String>,
}

impl Matrix {
    pub fn rows(&self) -> &[Part] {
        &self.rows
    }
    pub fn columns(&self) -> &[Part] {
        &self.columns
    }
    pub fn choices(&self) -> &[Choice] {
        &self.choices
    }
    pub fn reference(&self) -> Option<&str> {
        self.reference.as_deref()
    }
    pub fn choice(&self, value: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.value == value)
    }
    /// The name of a cell's part of the form field, `<row>.<column>`: row and column ids
    /// are plain ids, so the first `.` splits it again.
    pub fn cell_sub(row: &str, column: &str) -> String {
        format!("{row}.{column}")
    }
    /// The row and column a cell sub-field names, if both are declared.
    pub fn cell_of(&self, sub: &str) -> Option<(&Part, &Part)> {
        let (row, column) = sub.split_once('.')?;
        let row = self.rows.iter().find(|r| r.id == row)?;
        let column = self.columns.iter().find(|c| c.id == column)?;
        Some((row, column))
    }
}

/// A row or column of a matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub(super) id: String,
    pub(super) label: Text,
}

impl Part {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn label(&self) -> &Text {
        &self.label
    }
}

impl Kind {
    /// The options of a choice question; empty for the others.
    pub fn options(&self) -> &[Choice] {
        match self {
            Kind::Level { options } | Kind::Single { options } | Kind::Multi { options, .. } => {
                options
            }
            Kind::Scale { .. }
            | Kind::Number { .. }
            | Kind::Text { .. }
            | Kind::Country
            | Kind::Matrix(_) => &[],
        }
    }

    /// Whether an answer of this kind can say how mature or how cooperative a
    /// respondent is; the others give context and are never scored.
    pub fn can_be_scored(&self) -> bool {
        match self {
            Kind::Level { .. } | Kind::Single { .. } | Kind::Multi { .. } | Kind::Scale { .. } => {
                true
            }
            Kind::Number { .. } | Kind::Text { .. } | Kind::Country | Kind::Matrix(_) => false,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Kind::Level { .. } => "level",
            Kind::Single { .. } => "single",
            Kind::Multi { .. } => "multi",
            Kind::Scale { .. } => "scale",
            Kind::Number { .. } => "number",
            Kind::Text { .. } => "text",
            Kind::Country => "country",
            Kind::Matrix(_) => "matrix",
        }
    }
}

/// When a question is shown, depending on an earlier answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShowIf {
    pub(super) question: String,
    pub(super) condition: Condition,
}

impl ShowIf {
    pub fn question(&self) -> &str {
        &self.question
    }
    pub fn condition(&self) -> &Condition {
        &self.condition
    }
}

/// The test `show_if` applies to the earlier answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Equals(String),
    AnyOf(Vec<String>),
    AtLeast(f64),
}

/// One validated question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub(super) id: String,
    pub(super) kind: Kind,
    pub(super) name: Option<String>,
    pub(super) text: Text,
    pub(super) help: Option<Text>,
    pub(super) required: bool,
    pub(super) scored: Option<Scored>,
    pub(super) pair: Option<String>,
    pub(super) show_if: Option<ShowIf>,
    pub(super) non_answers: Vec<NonAnswerChoice>,
}

impl Question {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn kind(&self) -> &Kind {
        &self.kind
    }
    /// The short name for charts and gap lists, or the id.
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
    pub fn text(&self) -> &Text {
        &self.text
    }
    pub fn help(&self) -> Option<&Text> {
        self.help.as_ref()
    }
    pub fn required(&self) -> bool {
        self.required
    }
    pub fn scored(&self) -> Option<Scored> {
        self.scored
    }
    pub fn pair(&self) -> Option<&str> {
        self.pair.as_deref()
    }
    pub fn show_if(&self) -> Option<&ShowIf> {
        self.show_if.as_ref()
    }
    /// The non-answers the question offers beside its options, in the order shown.
    pub fn non_answers(&self) -> &[NonAnswerChoice] {
        &self.non_answers
    }
    /// Whether the question offers `non_answer`.
    pub fn offers(&self, non_answer: NonAnswer) -> bool {
        self.non_answers.iter().any(|n| n.non_answer == non_answer)
    }
    /// Whether its answers are personal data, erased when the campaign's retention ends.
    pub fn is_personal(&self) -> bool {
        matches!(self.kind, Kind::Text { personal: true, .. })
    }
}

/// A page of questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub(super) id: String,
    pub(super) title: Text,
    pub(super) intro: Option<Text>,
    pub(super) questions: Vec<Question>,
}

impl Section {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn title(&self) -> &Text {
        &self.title
    }
    pub fn intro(&self) -> Option<&Text> {
        self.intro.as_ref()
    }
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }
}

/// A whole validated questionnaire, with its tier tables and recommendations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Questionnaire {
    pub(super) id: String,
    pub(super) version: String,
    pub(super) audience: Audience,
    pub(super) model: Model,
    pub(super) languages: Vec<String>,
    pub(super) default_tier_table: Option<String>,
    pub(super) model_source: Option<String>,
    pub(super) pairs_with: Vec<String>,
    pub(super) minutes: Option<u32>,
    pub(super) title: Text,
    pub(super) description: Option<Text>,
    pub(super) sections: Vec<Section>,
    pub(super) tier_tables: Vec<TierTable>,
    pub(super) recommendations: Vec<Recommendation>,
    pub(super) references: Vec<Reference>,
    pub(super) mapping: Option<Mapping>,
}

impl Questionnaire {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn version(&self) -> &str {
        &self.version
    }
    pub fn audience(&self) -> Audience {
        self.audience
    }
    pub fn model(&self) -> Model {
        self.model
    }
    /// Declared languages; the first is the fallback.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }
    /// Where the scoring model comes from, as the file declares it (`model_source`);
    /// every cooperation questionnaire loaded from files has one, a stored version from
    /// before the key existed may not.
    pub fn model_source(&self) -> Option<&str> {
        self.model_source.as_deref()
    }
    /// How its questions map onto another questionnaire's parameters (`mapping.toml`).
    pub fn mapping(&self) -> Option<&Mapping> {
        self.mapping.as_ref()
    }
    /// The reference matrices of the folder (`reference*.toml`).
    pub fn references(&self) -> &[Reference] {
        &self.references
    }
    pub fn reference(&self, id: &str) -> Option<&Reference> {
        self.references.iter().find(|r| r.id() == id)
    }
    /// The mirrored questionnaires, by id; empty for one that pairs with none.
    pub fn pairs_with(&self) -> &[String] {
        &self.pairs_with
    }
    pub fn minutes(&self) -> Option<u32> {
        self.minutes
    }
    pub fn title(&self) -> &Text {
        &self.title
    }
    pub fn description(&self) -> Option<&Text> {
        self.description.as_ref()
    }
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }
    pub fn tier_tables(&self) -> &[TierTable] {
        &self.tier_tables
    }
    /// The tier table named by the file's `tier_table`, for maturity questionnaires.
    pub fn default_tier_table(&self) -> Option<&TierTable> {
        let id = self.default_tier_table.as_deref()?;
        self.tier_tables.iter().find(|t| t.id() == id)
    }
    pub fn tier_table(&self, id: &str) -> Option<&TierTable> {
        self.tier_tables.iter().find(|t| t.id() == id)
    }
    pub fn recommendations(&self) -> &[Recommendation] {
        &self.recommendations
    }
}
