//! Putting a checked translation file's texts into the questionnaire's documents, and
//! checking the result as `liaison questionnaires check` would before anything is written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::questionnaire::{Catalogue, DefinitionErrors, Sources};

use super::TranslationError;
use super::folder::Folder;
use super::keys::visit_texts;
use super::po::PoFile;
use super::text::Change;

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Imported {
    pub language: String,
    /// Texts that had no translation in the language and now have one.
    pub added: usize,
    /// Translations that now read differently.
    pub changed: usize,
    /// Keys whose translation was removed: the file left it empty or marked it fuzzy.
    pub removed: Vec<String>,
    /// Texts of the questionnaire, and how many of them have no translation now.
    pub texts: usize,
    pub untranslated: usize,
    /// Whether the language was added to the questionnaire's `languages`.
    pub declared: bool,
    /// The files written, by name; none when nothing changed.
    pub written: Vec<String>,
}

/// Sets every text the file names to its translation, or removes the translation where the
/// file has none; declares the language once any text has one. Only changes the documents.
pub fn apply(folder: &mut Folder, source: &str, po: &PoFile) -> Imported {
    let translations: HashMap<&str, Option<&str>> = po
        .entries
        .iter()
        .filter_map(|e| Some((e.key.as_deref()?, e.translation.as_deref())))
        .collect();
    let language = po.language.as_str();
    let mut imported = Imported {
        language: language.to_owned(),
        ..Imported::default()
    };
    for file in &mut folder.files {
        let name = file.name.clone();
        visit_texts(&mut file.doc, source, &mut |path, mut text| {
            let key = format!("{name}:{path}");
            // Texts the export left out (an empty source) are left as they are.
            let Some(translation) = translations.get(key.as_str()) else {
                return;
            };
            match text.set(language, *translation) {
                Change::Added => imported.added += 1,
                Change::Changed => imported.changed += 1,
                Change::Removed => imported.removed.push(key),
                Change::Unchanged => {}
            }
            imported.texts += 1;
            imported.untranslated += usize::from(translation.is_none());
        });
    }
    if imported.untranslated < imported.texts {
        imported.declared = folder.declare(language);
    }
    imported
}

/// Loads every questionnaire under `dir` as `liaison questionnaires check` does, with the
/// translated folder's files as they would be written, so that a translation that breaks
/// the questionnaire (a newly declared language missing a required text) is refused
/// before any file changes.
pub fn check(dir: &Path, folder: &Folder) -> Result<(), TranslationError> {
    let changed = folder.changed();
    let mut errors = DefinitionErrors::default();
    let mut all = Vec::new();
    for path in questionnaire_folders(dir)? {
        let mut sources = match Sources::read(&path) {
            Ok(sources) => sources,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        if path.file_name() == folder.path.file_name() {
            for (name, content) in &mut sources.files {
                if let Some((_, new)) = changed.iter().find(|(n, _)| n == name) {
                    content.clone_from(new);
                }
            }
        }
        all.push(sources);
    }
    if let Err(e) = Catalogue::from_sources(all) {
        errors.extend(e);
    }
    errors.into_result(()).map_err(TranslationError::Check)
}

/// The questionnaire folders under `dir`, chosen as `Catalogue::load` chooses them.
fn questionnaire_folders(dir: &Path) -> Result<Vec<PathBuf>, TranslationError> {
    crate::questionnaire::questionnaire_folders(dir).map_err(|e| TranslationError::Unreadable {
        file: dir.to_path_buf(),
        reason: e.to_string(),
    })
}
