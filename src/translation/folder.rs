//! A questionnaire folder's TOML files as editable documents, and writing them back.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use super::TranslationError;
use super::keys::visit_texts;
use super::text::TextMut;

/// The file naming the questionnaire's languages; the first one is the source of every translation.
const QUESTIONNAIRE_FILE: &str = "questionnaire.toml";

/// Every `.toml` file of one questionnaire folder, parsed, in name order.
pub struct Folder {
    pub path: PathBuf,
    pub files: Vec<TomlFile>,
}

pub struct TomlFile {
    pub name: String,
    pub original: String,
    pub doc: DocumentMut,
}

/// One translatable text: its key, the source-language text and the translation if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub source: String,
    pub translation: Option<String>,
}

impl Folder {
    /// Reads the folder of questionnaire `id` under `dir`.
    pub fn read(dir: &Path, id: &str) -> Result<Folder, TranslationError> {
        let path = dir.join(id);
        let unreadable = |file: &Path, e: std::io::Error| TranslationError::Unreadable {
            file: file.to_path_buf(),
            reason: e.to_string(),
        };
        // An empty id or one with a path separator would name some other folder than a
        // questionnaire's.
        if !path.is_dir() || id.is_empty() || id.contains(['/', '\\']) || id.starts_with('.') {
            return Err(TranslationError::NoFolder(path));
        }
        let mut names = Vec::new();
        for entry in std::fs::read_dir(&path).map_err(|e| unreadable(&path, e))? {
            let entry = entry.map_err(|e| unreadable(&path, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".toml") && entry.path().is_file() {
                names.push(name);
            }
        }
        names.sort();
        let mut files = Vec::new();
        for name in names {
            let file = path.join(&name);
            let original = std::fs::read_to_string(&file).map_err(|e| unreadable(&file, e))?;
            let doc = original
                .parse::<DocumentMut>()
                .map_err(|e| TranslationError::Toml {
                    file: file.clone(),
                    reason: e.to_string().trim().to_owned(),
                })?;
            files.push(TomlFile {
                name,
                original,
                doc,
            });
        }
        Ok(Folder { path, files })
    }

    /// The questionnaire's first declared language, which every other is translated from.
    pub fn source_language(&self) -> Result<String, TranslationError> {
        let invalid = |reason: &str| TranslationError::Invalid {
            file: self.path.join(QUESTIONNAIRE_FILE),
            reason: reason.to_owned(),
        };
        let file = self
            .questionnaire()
            .ok_or_else(|| invalid("the file is missing"))?;
        file.doc
            .get("languages")
            .and_then(|l| l.as_array())
            .and_then(|l| l.get(0))
            .and_then(|l| l.as_str())
            .map(str::to_owned)
            .ok_or_else(|| {
                invalid("no languages list: its first language is the translations' source")
            })
    }

    /// The questionnaire's `id` and `version`, for the translation file's header.
    pub fn id_and_version(&self) -> String {
        let field = |name: &str| {
            self.questionnaire()
                .and_then(|f| f.doc.get(name))
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        format!("{} {}", field("id"), field("version"))
            .trim()
            .to_owned()
    }

    fn questionnaire(&self) -> Option<&TomlFile> {
        self.files.iter().find(|f| f.name == QUESTIONNAIRE_FILE)
    }

    /// Every text of every file in `language`, keyed `file:path`; refuses a key used twice.
    pub fn entries(
        &mut self,
        source: &str,
        language: &str,
    ) -> Result<Vec<Entry>, TranslationError> {
        let mut entries = Vec::new();
        for file in &mut self.files {
            let name = file.name.clone();
            visit_texts(&mut file.doc, source, &mut |path, text| {
                entries.push(entry(&name, path, &text, source, language));
            });
        }
        let mut seen = HashSet::new();
        if let Some(twice) = entries.iter().find(|e| !seen.insert(&e.key)) {
            return Err(TranslationError::Invalid {
                file: self.path.clone(),
                reason: format!("two texts have the same key {}", twice.key),
            });
        }
        // A source with nothing in it has nothing to translate.
        entries.retain(|e| !e.source.is_empty());
        Ok(entries)
    }

    /// Adds `language` to the questionnaire's `languages` list; false when it is there already.
    pub fn declare(&mut self, language: &str) -> bool {
        let Some(file) = self.files.iter_mut().find(|f| f.name == QUESTIONNAIRE_FILE) else {
            return false;
        };
        let Some(languages) = file.doc.get_mut("languages").and_then(|l| l.as_array_mut()) else {
            return false;
        };
        if languages.iter().any(|l| l.as_str() == Some(language)) {
            return false;
        }
        languages.push(language);
        true
    }
}

fn entry(file: &str, path: &str, text: &TextMut<'_>, source: &str, language: &str) -> Entry {
    Entry {
        key: format!("{file}:{path}"),
        source: text.get(source).unwrap_or_default().to_owned(),
        translation: text.get(language).map(str::to_owned),
    }
}

impl Folder {
    /// The files whose documents no longer read as they did, with their new content.
    pub fn changed(&self) -> Vec<(&str, String)> {
        self.files
            .iter()
            .filter_map(|f| {
                let content = f.doc.to_string();
                (content != f.original).then_some((f.name.as_str(), content))
            })
            .collect()
    }

    /// Writes the changed files: each first to a temporary file beside it, and only once
    /// every one is written are they renamed over the originals, so that a full disk or a
    /// read-only file leaves them all as they were. Returns the names written.
    pub fn write_changed(&self) -> Result<Vec<String>, TranslationError> {
        let mut pending = Vec::new();
        for (name, content) in self.changed() {
            let target = self.path.join(name);
            let temp =
                temporary(&self.path, &target, &content).map_err(|e| unwritable(&target, &e))?;
            pending.push((temp, target, name.to_owned()));
        }
        let mut written = Vec::new();
        for (temp, target, name) in pending {
            temp.persist(&target)
                .map_err(|e| unwritable(&target, &e.error))?;
            written.push(name);
        }
        Ok(written)
    }
}

/// A temporary file in `dir` holding `content`, with the permissions of the file it will
/// replace (a new temporary file is readable by its owner only). Its name does not end in
/// `.toml`, so a loader reading the folder meanwhile does not see it.
fn temporary(dir: &Path, target: &Path, content: &str) -> std::io::Result<tempfile::NamedTempFile> {
    use std::io::Write;
    let mut temp = tempfile::Builder::new()
        .prefix(".translation-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(content.as_bytes())?;
    temp.as_file().sync_all()?;
    let permissions = std::fs::metadata(target)?.permissions();
    std::fs::set_permissions(temp.path(), permissions)?;
    Ok(temp)
}

fn unwritable(file: &Path, e: &std::io::Error) -> TranslationError {
    TranslationError::Unwritable {
        file: file.to_path_buf(),
        reason: e.to_string(),
    }
}
