//! A validation context: the file being checked, its languages, and the problems found so far.

use std::path::{Path, PathBuf};

use super::error::{DefinitionErrors, Place, Problem};
use super::raw::RawText;
use super::text::Text;

/// Whether a text must exist in every declared language or only in the fallback one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Coverage {
    EveryLanguage,
    Fallback,
}

pub(super) struct Check<'a> {
    pub file: PathBuf,
    pub languages: &'a [String],
    pub errors: DefinitionErrors,
}

impl<'a> Check<'a> {
    pub fn new(file: &Path, languages: &'a [String]) -> Self {
        Check {
            file: file.to_path_buf(),
            languages,
            errors: DefinitionErrors::default(),
        }
    }

    pub fn fail(&mut self, place: &Place, problem: Problem) {
        self.errors.push(&self.file, place.clone(), problem);
    }

    pub fn invalid(&mut self, place: &Place, reason: impl Into<String>) {
        self.fail(place, Problem::Invalid(reason.into()));
    }

    /// Turns a raw text into a `Text`, reporting missing and undeclared languages.
    pub fn text(&mut self, place: &Place, raw: &RawText, field: &str, coverage: Coverage) -> Text {
        let fallback = self.languages.first().map(String::as_str).unwrap_or("en");
        for language in raw.keys() {
            if !self.languages.contains(language) {
                self.invalid(
                    place,
                    format!("{field} has a text in \"{language}\", which the questionnaire does not declare"),
                );
            }
        }
        let needed: Vec<String> = match coverage {
            Coverage::EveryLanguage => self.languages.to_vec(),
            Coverage::Fallback => vec![fallback.to_owned()],
        };
        for language in needed {
            if raw.get(&language).is_none_or(|t| t.trim().is_empty()) {
                let problem = Problem::MissingTranslation {
                    language,
                    field: field.to_owned(),
                };
                self.fail(place, problem);
            }
        }
        Text::new(raw.clone(), fallback)
    }

    pub fn optional_text(
        &mut self,
        place: &Place,
        raw: Option<&RawText>,
        field: &str,
        coverage: Coverage,
    ) -> Option<Text> {
        raw.map(|r| self.text(place, r, field, coverage))
    }
}

/// Whether an id is made of letters, digits, '-' and '_' only.
pub(super) fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
