//! Honest non-answers ("Don't know", "Prefer not to say"): what they are, the words they
//! are shown in, and which questions offer them.
//!
//! A file names the non-answers every question offers with a top-level `non_answers`
//! list and overrides it per question with the same key (an empty list offers none).
//! Only the kinds that can be scored take them: a context question (number, text,
//! country) can be left blank when it is not required, and a country must never be
//! withheld because every report groups by it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::check::Check;
use super::error::{Place, Problem};
use super::kind_name::KindName;
use super::model::Kind;
use super::raw::{RawQuestion, RawText};
use super::text::Text;

/// An answer that gives no level and says why: stored as what it is, never as a number.
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
#[serde(rename_all = "snake_case")]
pub enum NonAnswer {
    DontKnow,
    PreferNotToSay,
}

impl NonAnswer {
    /// Every non-answer, in the order pages show them.
    pub const ALL: [NonAnswer; 2] = [NonAnswer::DontKnow, NonAnswer::PreferNotToSay];

    /// Its name in files, forms and exports: `dont_know`, `prefer_not_to_say`.
    pub fn as_str(self) -> &'static str {
        match self {
            NonAnswer::DontKnow => "dont_know",
            NonAnswer::PreferNotToSay => "prefer_not_to_say",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.as_str() == name)
    }

    /// The label Liaison ships, in English and German; `None` in any other language,
    /// which a questionnaire declaring it must supply in `non_answer_labels`.
    pub fn built_in_label(self, language: &str) -> Option<&'static str> {
        match (self, language) {
            (NonAnswer::DontKnow, "en") => Some("Don't know"),
            (NonAnswer::DontKnow, "de") => Some("Weiß nicht"),
            (NonAnswer::PreferNotToSay, "en") => Some("Prefer not to say"),
            (NonAnswer::PreferNotToSay, "de") => Some("Keine Angabe"),
            _ => None,
        }
    }
}

/// A non-answer a question offers, with its label in the questionnaire's languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NonAnswerChoice {
    pub(super) non_answer: NonAnswer,
    pub(super) label: Text,
}

impl NonAnswerChoice {
    pub fn non_answer(&self) -> NonAnswer {
        self.non_answer
    }
    pub fn label(&self) -> &Text {
        &self.label
    }
}

/// The non-answers of a file: its default list and the label of each.
pub(super) struct NonAnswerWords {
    pub default: Vec<NonAnswer>,
    pub labels: BTreeMap<NonAnswer, Text>,
    /// Declared languages without a label, per non-answer: reported once, by the first
    /// question that offers it, so a file that offers none needs no words for them.
    missing: BTreeMap<NonAnswer, Vec<String>>,
}

impl NonAnswerWords {
    /// Reads the top-level `non_answers` and `non_answer_labels`; every non-answer gets a
    /// label in each declared language, built in or from the file.
    pub fn read(
        default: Option<&[String]>,
        labels: &BTreeMap<String, RawText>,
        check: &mut Check<'_>,
    ) -> Self {
        let default = list(default.unwrap_or_default(), &Place::File, check);
        for name in labels.keys().filter(|n| NonAnswer::parse(n).is_none()) {
            check.invalid(
                &Place::File,
                format!(
                    "non_answer_labels names unknown non-answer \"{name}\" ({})",
                    expected()
                ),
            );
        }
        let mut words = NonAnswerWords {
            default,
            labels: BTreeMap::new(),
            missing: BTreeMap::new(),
        };
        for n in NonAnswer::ALL {
            let (text, missing) = label(n, labels.get(n.as_str()), check);
            words.labels.insert(n, text);
            words.missing.insert(n, missing);
        }
        words
    }

    /// The non-answers `q` offers. They are sent in the question's own form field, so no
    /// option may carry a non-answer's name as its value.
    pub fn for_question(
        &mut self,
        q: &RawQuestion,
        kind: Option<&Kind>,
        place: &Place,
        check: &mut Check<'_>,
    ) -> Vec<NonAnswerChoice> {
        let takes_them = KindName::parse(&q.kind).is_some_and(KindName::takes_non_answers);
        let offered = self.offered(q.non_answers.as_deref(), takes_them, &q.kind, place, check);
        for choice in &offered {
            let name = choice.non_answer().as_str();
            if kind.is_some_and(|k| k.options().iter().any(|o| o.value() == name)) {
                check.invalid(
                    place,
                    format!(
                        "option value \"{name}\" is the name of a non-answer the question offers; \
                         rename the option or drop it for the non-answer"
                    ),
                );
            }
        }
        offered
    }

    /// What a question offers: its own `non_answers` if it has the key, else the file's.
    fn offered(
        &mut self,
        own: Option<&[String]>,
        takes_them: bool,
        kind: &str,
        place: &Place,
        check: &mut Check<'_>,
    ) -> Vec<NonAnswerChoice> {
        let chosen = match own {
            Some(own) => {
                let chosen = list(own, place, check);
                if !takes_them && !chosen.is_empty() {
                    check.invalid(
                        place,
                        format!(
                            "non_answers apply only to level, single, multi and scale questions, not {kind} \
                             (a context question can be left blank instead)"
                        ),
                    );
                }
                chosen
            }
            None if takes_them => self.default.clone(),
            None => Vec::new(),
        };
        for n in &chosen {
            for language in self.missing.remove(n).unwrap_or_default() {
                let field = format!(
                    "the label of non-answer {} (Liaison has it in en and de; set it in non_answer_labels)",
                    n.as_str()
                );
                check.fail(
                    &Place::File,
                    Problem::MissingTranslation { language, field },
                );
            }
        }
        chosen
            .into_iter()
            .filter_map(|n| {
                let label = self.labels.get(&n)?.clone();
                Some(NonAnswerChoice {
                    non_answer: n,
                    label,
                })
            })
            .collect()
    }
}

/// A list of non-answer names read into non-answers, each once, in the order shown.
fn list(names: &[String], place: &Place, check: &mut Check<'_>) -> Vec<NonAnswer> {
    let mut chosen = Vec::new();
    for name in names {
        match NonAnswer::parse(name) {
            Some(n) if chosen.contains(&n) => {
                check.invalid(place, format!("non_answers names \"{name}\" twice"));
            }
            Some(n) => chosen.push(n),
            None => check.invalid(
                place,
                format!(
                    "non_answers names unknown non-answer \"{name}\" ({})",
                    expected()
                ),
            ),
        }
    }
    NonAnswer::ALL
        .into_iter()
        .filter(|n| chosen.contains(n))
        .collect()
}

fn expected() -> String {
    format!(
        "expected {} or {}",
        NonAnswer::DontKnow.as_str(),
        NonAnswer::PreferNotToSay.as_str()
    )
}

/// A non-answer's label in every declared language: the file's own where it gives one,
/// else the built-in one; with the declared languages that have neither.
fn label(
    non_answer: NonAnswer,
    own: Option<&RawText>,
    check: &mut Check<'_>,
) -> (Text, Vec<String>) {
    let field = format!("the label of non-answer {}", non_answer.as_str());
    let mut texts = RawText::new();
    for (language, text) in own.into_iter().flatten() {
        if !check.languages.contains(language) {
            check.invalid(
                &Place::File,
                format!(
                    "{field} has a text in \"{language}\", which the questionnaire does not declare"
                ),
            );
        } else if text.trim().is_empty() {
            check.invalid(&Place::File, format!("{field} in \"{language}\" is empty"));
        } else {
            texts.insert(language.clone(), text.clone());
        }
    }
    let mut missing = Vec::new();
    for language in check.languages {
        if texts.contains_key(language) {
            continue;
        }
        match non_answer.built_in_label(language) {
            Some(built_in) => {
                texts.insert(language.clone(), built_in.to_owned());
            }
            None => missing.push(language.clone()),
        }
    }
    let fallback = check.languages.first().map_or("en", String::as_str);
    (Text::new(texts, fallback), missing)
}
