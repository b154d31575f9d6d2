//! Whether a translation file fits the English texts: the check the tests run on every
//! shipped file and `liaison interface check-translation` runs on a translator's file.

use std::collections::HashMap;
use std::fmt;

use super::fill::placeholders;
use crate::translation::po::PoFile;

/// One thing wrong with a translation file, at the line of its entry when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<usize>,
    pub key: String,
    pub what: What,
}

/// What is wrong with one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// The English file has the key; the translation lacks it.
    Missing,
    /// The translation has a key the English file does not.
    Unknown,
    /// The key is given more than once.
    Twice,
    /// The entry has no translation (or only a fuzzy one).
    Untranslated,
    /// The English text changed since the entry was translated: it gives `was`.
    SourceChanged { was: String },
    /// The translation's placeholders differ from the English text's.
    Placeholders { english: String, translated: String },
    /// An entry without a `msgctxt`, which cannot be placed.
    NoKey,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        let key = &self.key;
        match &self.what {
            What::Missing => write!(f, "{key} is missing (copy its entry from interface.pot)"),
            What::Unknown => write!(f, "{key} is not a text of the interface"),
            What::Twice => write!(f, "{key} is given more than once"),
            What::Untranslated => write!(f, "{key} has no translation (empty or fuzzy msgstr)"),
            What::SourceChanged { was } => write!(
                f,
                "{key}: the English text changed since it was translated (the file has {was:?}); \
                 translate the new msgid"
            ),
            What::Placeholders {
                english,
                translated,
            } => write!(
                f,
                "{key}: the translation must use the placeholders {english} (it has {translated})"
            ),
            What::NoKey => write!(f, "an entry without msgctxt cannot be placed"),
        }
    }
}

/// Everything wrong with `translation` against the English `source`, in file order, then
/// the missing keys in the source's order.
pub fn check_translation(source: &PoFile, translation: &PoFile) -> Vec<Problem> {
    let english: HashMap<&str, &str> = source
        .entries
        .iter()
        .filter_map(|e| Some((e.key.as_deref()?, e.source.as_str())))
        .collect();
    let mut problems = Vec::new();
    for (key, lines) in &translation.duplicates {
        problems.push(Problem {
            line: lines.get(1).copied(),
            key: key.clone(),
            what: What::Twice,
        });
    }
    for entry in &translation.entries {
        let problem = |what| Problem {
            line: entry.line,
            key: entry.key.clone().unwrap_or_default(),
            what,
        };
        let Some(key) = entry.key.as_deref() else {
            problems.push(problem(What::NoKey));
            continue;
        };
        let Some(text) = english.get(key) else {
            problems.push(problem(What::Unknown));
            continue;
        };
        if entry.source != *text {
            problems.push(problem(What::SourceChanged {
                was: entry.source.clone(),
            }));
            continue;
        }
        let Some(translated) = &entry.translation else {
            problems.push(problem(What::Untranslated));
            continue;
        };
        let (want, have) = (placeholders(text), placeholders(translated));
        if want != have {
            problems.push(problem(What::Placeholders {
                english: braces(&want),
                translated: braces(&have),
            }));
        }
    }
    for entry in &source.entries {
        let Some(key) = entry.key.as_deref() else {
            continue;
        };
        if !translation
            .entries
            .iter()
            .any(|t| t.key.as_deref() == Some(key))
        {
            problems.push(Problem {
                line: None,
                key: key.to_owned(),
                what: What::Missing,
            });
        }
    }
    problems
}

fn braces(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    names
        .iter()
        .map(|n| format!("{{{n}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}
