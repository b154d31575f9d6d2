//! The gettext PO file a translator works on: one entry per text, with the text's key as
//! `msgctxt`, the source-language text as `msgid` and the translation (empty for none) as
//! `msgstr`. Any PO editor opens it; `polib` reads and writes it.

use std::io::BufWriter;
use std::path::Path;

use polib::catalog::Catalog;
use polib::message::Message;
use polib::metadata::CatalogMetadata;

use super::TranslationError;
use super::folder::Entry;
use super::lines;

/// A translation file as read back.
#[derive(Debug)]
pub struct PoFile {
    /// The `Project-Id-Version` header: the questionnaire's id and version at export.
    pub project: String,
    /// The `Language` header: the language of every `msgstr`.
    pub language: String,
    pub entries: Vec<PoEntry>,
    /// Keys given by more than one entry, with the lines of their `msgctxt`.
    pub duplicates: Vec<(String, Vec<usize>)>,
}

/// One entry of a translation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoEntry {
    /// The `msgctxt`; an entry without one cannot be placed.
    pub key: Option<String>,
    pub source: String,
    /// `None` when the `msgstr` is empty or marked fuzzy: gettext does not use either.
    pub translation: Option<String>,
    /// The line of its `msgctxt`, for messages.
    pub line: Option<usize>,
}

/// The PO text of `entries` in `language`; `project` names the questionnaire and its version.
pub fn write(project: &str, language: &str, entries: &[Entry]) -> std::io::Result<String> {
    let metadata = CatalogMetadata {
        project_id_version: project.to_owned(),
        language: language.to_owned(),
        mime_version: "1.0".to_owned(),
        content_type: "text/plain; charset=UTF-8".to_owned(),
        content_transfer_encoding: "8bit".to_owned(),
        ..CatalogMetadata::default()
    };
    let mut catalog = Catalog::new(metadata);
    catalog.preheader = vec![
        format!("Translation of the questionnaire {project} into \"{language}\"."),
        "Translate each msgstr. Keep msgctxt (where the text is) and msgid (the text to".to_owned(),
        "translate) as they are: an entry whose msgid changed is refused on import.".to_owned(),
    ];
    for entry in entries {
        catalog.append_or_update(
            Message::build_singular()
                .with_msgctxt(entry.key.clone())
                .with_msgid(entry.source.clone())
                .with_msgstr(entry.translation.clone().unwrap_or_default())
                .done(),
        );
    }
    let mut out = Vec::new();
    polib::po_file::write(&catalog, &mut BufWriter::new(&mut out))?;
    String::from_utf8(out).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// Reads a translation file, refusing a malformed one with the line at fault.
pub fn read(file: &Path) -> Result<PoFile, TranslationError> {
    let text = std::fs::read_to_string(file).map_err(|e| TranslationError::Unreadable {
        file: file.to_path_buf(),
        reason: e.to_string(),
    })?;
    parse(&text, file)
}

/// Reads the text of a translation file; `file` names it in messages.
pub fn parse(text: &str, file: &Path) -> Result<PoFile, TranslationError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // polib gives no line numbers and panics on some malformed lines: the lines are checked
    // first, and their check says where each key is.
    let contexts = lines::check(text).map_err(|(line, reason)| TranslationError::PoSyntax {
        file: file.to_path_buf(),
        line,
        reason,
    })?;
    let catalog =
        polib::po_file::parse_from_reader(text.as_bytes()).map_err(|e| TranslationError::Po {
            file: file.to_path_buf(),
            reason: e.to_string(),
        })?;
    let line_of = |key: &str| contexts.iter().find(|(k, _)| k == key).map(|(_, l)| *l);
    let entries = catalog
        .messages()
        .map(|m| PoEntry {
            key: m.msgctxt().map(str::to_owned),
            source: m.msgid().to_owned(),
            translation: m
                .msgstr()
                .ok()
                .filter(|s| !s.is_empty() && !m.is_fuzzy())
                .map(str::to_owned),
            line: m.msgctxt().and_then(line_of),
        })
        .collect();
    Ok(PoFile {
        project: catalog.metadata.project_id_version.clone(),
        language: catalog.metadata.language.clone(),
        entries,
        duplicates: lines::duplicates(&contexts),
    })
}
