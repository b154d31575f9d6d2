//! The words a questionnaire is scored in: who it is for, which model it follows, and the
//! SIM3 categories or cooperation dimensions its questions count towards.

use serde::{Deserialize, Serialize};

/// Who a questionnaire is written for.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Csirt,
    Lea,
    Judiciary,
    Any,
}

impl Audience {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "csirt" => Some(Self::Csirt),
            "lea" => Some(Self::Lea),
            "judiciary" => Some(Self::Judiciary),
            "any" => Some(Self::Any),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csirt => "csirt",
            Self::Lea => "lea",
            Self::Judiciary => "judiciary",
            Self::Any => "any",
        }
    }
}

/// What a questionnaire measures, which decides how it is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    /// SIM3 parameters in categories, placed in a tier.
    Maturity,
    /// Liaison's own CSIRT–LE cooperation dimensions.
    Cooperation,
}

/// A SIM3 category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, utoipa::ToSchema)]
pub enum Category {
    O,
    H,
    T,
    P,
}

impl Category {
    pub const ALL: [Category; 4] = [Self::O, Self::H, Self::T, Self::P];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::O => "O",
            Self::H => "H",
            Self::T => "T",
            Self::P => "P",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::O => "Organisation",
            Self::H => "Human",
            Self::T => "Tools",
            Self::P => "Processes",
        }
    }
}

/// A dimension of the cooperation model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Behavioural,
    Legal,
    Organisational,
    Technical,
    Judiciary,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Self::Behavioural,
        Self::Legal,
        Self::Organisational,
        Self::Technical,
        Self::Judiciary,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Behavioural => "behavioural",
            Self::Legal => "legal",
            Self::Organisational => "organisational",
            Self::Technical => "technical",
            Self::Judiciary => "judiciary",
        }
    }
}

/// What a scored question counts towards.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase", tag = "type")]
pub enum Scored {
    /// A SIM3 parameter (the question id) in a category.
    Category { category: Category },
    /// One weighted question within a cooperation dimension.
    Dimension { dimension: Dimension, weight: f64 },
}
