//! What stands between a translation file and the questionnaire as it is now.

use std::collections::HashMap;
use std::fmt;

use super::folder::Entry;
use super::po::{PoEntry, PoFile};

/// One reason a translation file is refused, naming the text's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The questionnaire has this text; the file does not.
    Missing { key: String },
    /// The file has a key the questionnaire does not.
    Extra { key: String, line: Option<usize> },
    /// The source text changed since the export, so the translation may no longer fit.
    ChangedSource { key: String, line: Option<usize> },
    /// The file gives the same key more than once.
    Duplicate { key: String, lines: Vec<usize> },
    /// An entry without a `msgctxt` cannot be placed.
    NoKey { source: String },
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = |line: &Option<usize>| line.map(|l| format!(" (line {l})")).unwrap_or_default();
        match self {
            Mismatch::Missing { key } => {
                write!(
                    f,
                    "missing: {key}: the questionnaire has this text, the file does not"
                )
            }
            Mismatch::Extra { key, line } => {
                write!(
                    f,
                    "extra: {key}{}: the questionnaire has no such text",
                    at(line)
                )
            }
            Mismatch::ChangedSource { key, line } => write!(
                f,
                "changed source: {key}{}: the msgid is not the questionnaire's text now; \
                 export again and translate the new text",
                at(line)
            ),
            Mismatch::Duplicate { key, lines } => {
                let lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
                write!(f, "twice: {key} (lines {})", lines.join(", "))
            }
            Mismatch::NoKey { source } => {
                let start: String = source.chars().take(40).collect();
                write!(f, "no key: the entry with msgid \"{start}\" has no msgctxt")
            }
        }
    }
}

/// Every mismatch between the questionnaire's texts and the file's entries, all at once:
/// missing keys in the questionnaire's order, then the file's problems in its order.
pub fn compare(texts: &[Entry], po: &PoFile) -> Vec<Mismatch> {
    let in_file: HashMap<&str, &PoEntry> = po
        .entries
        .iter()
        .filter_map(|e| Some((e.key.as_deref()?, e)))
        .collect();
    let mut problems: Vec<Mismatch> = texts
        .iter()
        .filter(|t| !in_file.contains_key(t.key.as_str()))
        .map(|t| Mismatch::Missing { key: t.key.clone() })
        .collect();
    let sources: HashMap<&str, &str> = texts
        .iter()
        .map(|t| (t.key.as_str(), t.source.as_str()))
        .collect();
    for (key, lines) in &po.duplicates {
        problems.push(Mismatch::Duplicate {
            key: key.clone(),
            lines: lines.clone(),
        });
    }
    for entry in &po.entries {
        let Some(key) = entry.key.clone() else {
            let source = entry.source.clone();
            problems.push(Mismatch::NoKey { source });
            continue;
        };
        let line = entry.line;
        match sources.get(key.as_str()) {
            None => problems.push(Mismatch::Extra { key, line }),
            Some(source) if *source != entry.source => {
                problems.push(Mismatch::ChangedSource { key, line });
            }
            Some(_) => {}
        }
    }
    problems
}
