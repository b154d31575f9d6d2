//! What can be wrong with a questionnaire file, and where.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a file a problem sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole (or a top-level key).
    File,
    /// A position reported by the TOML parser.
    Position {
        line: usize,
        column: usize,
    },
    Section(String),
    Question(String),
    Tier(String),
    /// A recommendation, numbered from 1 in file order.
    Recommendation(usize),
    /// A duty (row) of a reference matrix.
    Duty(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::File => Ok(()),
            Place::Position { line, column } => write!(f, "line {line}, column {column}: "),
            Place::Section(id) => write!(f, "section {id}: "),
            Place::Question(id) => write!(f, "question {id}: "),
            Place::Tier(id) => write!(f, "tier {id}: "),
            Place::Recommendation(n) => write!(f, "recommendation {n}: "),
            Place::Duty(id) => write!(f, "duty {id}: "),
        }
    }
}

/// One reason a definition is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    #[error("TOML syntax error: {0}")]
    Syntax(String),
    #[error("duplicate {what} id \"{id}\"")]
    DuplicateId { what: &'static str, id: String },
    #[error(
        "unknown dimension \"{0}\" (expected behavioural, legal, organisational, technical or judiciary)"
    )]
    UnknownDimension(String),
    #[error("unknown category \"{0}\" (expected O, H, T or P)")]
    UnknownCategory(String),
    #[error("option \"{option}\" maps to level {level}, outside 0–4")]
    OptionLevelOutOfRange { option: String, level: f64 },
    #[error("show_if names unknown question \"{0}\"")]
    ShowIfUnknownQuestion(String),
    #[error("show_if names question \"{0}\", which does not come before this one")]
    ShowIfLaterQuestion(String),
    #[error("pair \"{key}\" has no counterpart in questionnaire \"{other}\"")]
    PairMissing { key: String, other: String },
    #[error("language \"{language}\" is declared but {field} has no text in it")]
    MissingTranslation { language: String, field: String },
    #[error("names unknown parameter \"{0}\"")]
    TierUnknownParameter(String),
    #[error("minimum level {level} for \"{parameter}\" is outside 0–4")]
    TierLevelOutOfRange { parameter: String, level: i64 },
    #[error("targets unknown parameter or dimension \"{0}\"")]
    UnknownTarget(String),
    #[error("{0}")]
    Invalid(String),
}

/// A problem, with the file and place it was found in.
#[derive(Debug, Clone, PartialEq)]
pub struct DefinitionError {
    pub file: PathBuf,
    pub place: Place,
    pub problem: Problem,
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}{}", self.file.display(), self.place, self.problem)
    }
}

impl std::error::Error for DefinitionError {}

/// Every problem found while loading; loading fails as a whole when there is any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DefinitionErrors(Vec<DefinitionError>);

impl DefinitionErrors {
    pub fn push(&mut self, file: &Path, place: Place, problem: Problem) {
        self.0.push(DefinitionError {
            file: file.to_path_buf(),
            place,
            problem,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> &[DefinitionError] {
        &self.0
    }

    pub fn extend(&mut self, other: DefinitionErrors) {
        self.0.extend(other.0);
    }

    /// `Ok(value)` when nothing was found wrong.
    pub fn into_result<T>(self, value: T) -> Result<T, DefinitionErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for DefinitionErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DefinitionErrors {}
