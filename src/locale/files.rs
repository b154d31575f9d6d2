//! The interface's word files as a translator handles them: a file to start from, and the
//! check of a finished one.

use std::path::Path;

use super::catalogue::{SOURCE, TRANSLATIONS};
use super::check::{Problem, check_translation};
use crate::translation::TranslationError;
use crate::translation::po::{self, PoFile};

/// The English texts, parsed.
fn source() -> Result<PoFile, TranslationError> {
    po::parse(SOURCE.1, Path::new(SOURCE.0))
}

/// A translation file for `language` to start from: every English text with its key, and
/// the translations the built-in file of that language already has (none for a new one).
pub fn export_translation(language: &str) -> Result<String, TranslationError> {
    let built_in = TRANSLATIONS
        .iter()
        .find(|(code, _, _)| *code == language)
        .map(|(_, path, text)| po::parse(text, Path::new(path)))
        .transpose()?;
    let translated = |key: &str, english: &str| {
        built_in
            .as_ref()?
            .entries
            .iter()
            .find(|e| e.key.as_deref() == Some(key) && e.source == english)?
            .translation
            .clone()
    };
    let mut out = format!(
        "# The texts of Liaison's interface, translated into \"{language}\".\n\
         # Translate each msgstr; keep msgctxt (the key) and msgid (the English text) as they\n\
         # are, and every placeholder in braces, such as {{name}}, untranslated.\n\
         msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: liaison-interface\\n\"\n\
         \"Language: {language}\\n\"\n\"MIME-Version: 1.0\\n\"\n\
         \"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Content-Transfer-Encoding: 8bit\\n\"\n"
    );
    for entry in source()?.entries {
        let Some(key) = entry.key.as_deref() else {
            continue;
        };
        let msgstr = translated(key, &entry.source).unwrap_or_default();
        out.push_str(&format!(
            "\nmsgctxt {}\nmsgid {}\nmsgstr {}\n",
            quote(key),
            quote(&entry.source),
            quote(&msgstr)
        ));
    }
    Ok(out)
}

/// Everything wrong with the translation file `file`, or why it cannot be read at all.
pub fn check_translation_file(file: &Path) -> Result<Vec<Problem>, TranslationError> {
    let translation = po::read(file)?;
    Ok(check_translation(&source()?, &translation))
}

/// A PO string: in double quotes, with backslashes, quotes and line breaks escaped.
fn quote(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\t', "\\t");
    format!("\"{escaped}\"")
}
