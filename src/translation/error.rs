//! Why a translation could not be exported or imported, naming the file and the key.

use std::path::PathBuf;

use crate::questionnaire::DefinitionErrors;

use super::compare::Mismatch;

#[derive(Debug, thiserror::Error)]
pub enum TranslationError {
    #[error("no questionnaire folder {}", .0.display())]
    NoFolder(PathBuf),
    #[error("{}: cannot read: {reason}", file.display())]
    Unreadable { file: PathBuf, reason: String },
    #[error("{}: {reason}", file.display())]
    Toml { file: PathBuf, reason: String },
    #[error("{}: {reason}", file.display())]
    Invalid { file: PathBuf, reason: String },
    #[error(
        "\"{0}\" is not a language code a questionnaire can declare (two lower-case letters, ISO 639-1, e.g. fr)"
    )]
    NotALanguage(String),
    #[error(
        "\"{language}\" is the source language of {id}: the other languages are translated from it"
    )]
    SourceLanguage { id: String, language: String },
    #[error("{}: line {line}: {reason}", file.display())]
    PoSyntax {
        file: PathBuf,
        line: usize,
        reason: String,
    },
    #[error("{}: {reason}", file.display())]
    Po { file: PathBuf, reason: String },
    /// Every mismatch between the file and the questionnaire; nothing was written.
    #[error("{}: {} problem(s) with the translation file; nothing was written", file.display(), problems.len())]
    Refused {
        file: PathBuf,
        problems: Vec<Mismatch>,
    },
    /// The translated questionnaire would not load; nothing was written.
    #[error("the questionnaire check fails on the translated files ({} problem(s)); nothing was written", .0.errors().len())]
    Check(DefinitionErrors),
    #[error("{}: cannot write: {reason}", file.display())]
    Unwritable { file: PathBuf, reason: String },
}

impl TranslationError {
    /// The lines that go with the message: each mismatch, or each problem the check found.
    pub fn details(&self) -> Vec<String> {
        match self {
            TranslationError::Refused { problems, .. } => {
                problems.iter().map(ToString::to_string).collect()
            }
            TranslationError::Check(errors) => {
                errors.errors().iter().map(ToString::to_string).collect()
            }
            _ => Vec::new(),
        }
    }
}
