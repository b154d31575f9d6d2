//! Texts in several languages, with a fallback language.

use std::collections::BTreeMap;

use serde::Serialize;

/// A text a person reads, in one or more languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    #[serde(flatten)]
    texts: BTreeMap<String, String>,
    #[serde(skip)]
    fallback: String,
}

impl Text {
    pub(crate) fn new(texts: BTreeMap<String, String>, fallback: &str) -> Self {
        Text {
            texts,
            fallback: fallback.to_owned(),
        }
    }

    /// The text in `language`, or in the questionnaire's fallback language.
    pub fn get(&self, language: &str) -> &str {
        self.texts
            .get(language)
            .or_else(|| self.texts.get(&self.fallback))
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// Whether the text exists in `language` itself, without falling back.
    pub fn has(&self, language: &str) -> bool {
        self.texts.contains_key(language)
    }
}

/// Whether `code` looks like an ISO 639-1 language code.
pub(crate) fn is_language_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())
}
