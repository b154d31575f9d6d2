//! Questionnaires as gettext PO files for translators: every text a person reads, exported
//! with a stable key and its source-language text, and imported back only when the file
//! still fits the questionnaire and the translated questionnaire passes the check.
//!
//! The files are edited as documents (`toml_edit`), so an import changes the texts and the
//! `languages` list and keeps every comment and the layout of everything else.

mod compare;
mod error;
mod folder;
mod import;
mod keys;
mod lines;
pub(crate) mod po;
mod text;

#[cfg(test)]
mod tests;

use std::path::Path;

pub use compare::Mismatch;
pub use error::TranslationError;
pub use import::Imported;

use folder::Folder;

/// A translation file made by [`export`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The PO file's text.
    pub po: String,
    /// How many texts it holds, and how many of them already have a translation.
    pub texts: usize,
    pub translated: usize,
}

/// The translation file of questionnaire `id` (the folder `dir/id`) into `language`,
/// holding the translations its files already have.
pub fn export(dir: &Path, id: &str, language: &str) -> Result<Exported, TranslationError> {
    let mut folder = Folder::read(dir, id)?;
    let source = folder.source_language()?;
    check_language(id, &source, language)?;
    let entries = folder.entries(&source, language)?;
    let po = po::write(&folder.id_and_version(), language, &entries).map_err(|e| {
        TranslationError::Unwritable {
            file: folder.path.clone(),
            reason: e.to_string(),
        }
    })?;
    Ok(Exported {
        po,
        texts: entries.len(),
        translated: entries.iter().filter(|e| e.translation.is_some()).count(),
    })
}

/// Reads `po_file` back into questionnaire `id` under `dir`. Refuses it, writing nothing,
/// when any key is missing, unknown or given twice, when any source text changed since the
/// export, or when the translated questionnaire would fail `questionnaires check`.
pub fn import(dir: &Path, id: &str, po_file: &Path) -> Result<Imported, TranslationError> {
    let mut folder = Folder::read(dir, id)?;
    let source = folder.source_language()?;
    let po = po::read(po_file)?;
    let refuse = |reason: String| TranslationError::Po {
        file: po_file.to_path_buf(),
        reason,
    };
    if po.language.is_empty() {
        return Err(refuse(
            "no Language header: it names the language of the translations (Language: fr)".into(),
        ));
    }
    let project = po.project.split_whitespace().next().unwrap_or(id);
    if project != id {
        return Err(refuse(format!(
            "this is a translation of questionnaire {project}, not {id}"
        )));
    }
    check_language(id, &source, &po.language)?;
    let entries = folder.entries(&source, &po.language)?;
    let problems = compare::compare(&entries, &po);
    if !problems.is_empty() {
        return Err(TranslationError::Refused {
            file: po_file.to_path_buf(),
            problems,
        });
    }
    let mut imported = import::apply(&mut folder, &source, &po);
    import::check(dir, &folder)?;
    imported.written = folder.write_changed()?;
    Ok(imported)
}

/// A language a questionnaire can declare, other than its source language. The questionnaire
/// loader takes two-letter codes only, so a translation into `pt-br` could never be imported.
fn check_language(id: &str, source: &str, language: &str) -> Result<(), TranslationError> {
    if language.len() != 2 || !keys::is_language_code(language) {
        return Err(TranslationError::NotALanguage(language.to_owned()));
    }
    if language == source {
        return Err(TranslationError::SourceLanguage {
            id: id.to_owned(),
            language: language.to_owned(),
        });
    }
    Ok(())
}
