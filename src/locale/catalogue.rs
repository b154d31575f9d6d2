//! The shipped word files, read once, and the look-up of a text in a language.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use crate::translation::po::{self, PoFile};

/// The language of the texts in `interface.pot`, which every other file translates.
pub const SOURCE_LANGUAGE: &str = "en";

/// The English texts, as translators receive them.
pub(super) const SOURCE: (&str, &str) = (
    "assets/i18n/interface.pot",
    include_str!("../../assets/i18n/interface.pot"),
);

/// Every translation built into the binary: its language, its path and its text. A new
/// language is one more file and one more line here; a test fails on a file left out.
pub(super) const TRANSLATIONS: [(&str, &str, &str); 2] = [
    (
        "de",
        "assets/i18n/de.po",
        include_str!("../../assets/i18n/de.po"),
    ),
    (
        "fr",
        "assets/i18n/fr.po",
        include_str!("../../assets/i18n/fr.po"),
    ),
];

/// One language's texts by key.
#[derive(Debug)]
pub struct Catalogue {
    pub code: &'static str,
    texts: HashMap<String, String>,
}

impl Catalogue {
    /// The texts of a parsed file: the translations of a `.po`, or for the source file
    /// its `msgid`s. Entries without a key, or without a translation, are left out.
    pub(super) fn from_file(code: &'static str, file: &PoFile, source: bool) -> Catalogue {
        let texts = file
            .entries
            .iter()
            .filter_map(|e| {
                let key = e.key.clone()?;
                let text = if source {
                    e.source.clone()
                } else {
                    e.translation.clone()?
                };
                Some((key, text))
            })
            .collect();
        Catalogue { code, texts }
    }

    /// The text under `key`, if this language has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }

    /// Every key this language has a text for.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.texts.keys().map(String::as_str)
    }
}

/// Every language the interface speaks, English first.
pub fn shipped() -> &'static [Catalogue] {
    static SHIPPED: LazyLock<Vec<Catalogue>> = LazyLock::new(|| {
        let mut all = vec![read(SOURCE_LANGUAGE, SOURCE.0, SOURCE.1, true)];
        all.extend(
            TRANSLATIONS
                .iter()
                .map(|(code, path, text)| read(code, path, text, false)),
        );
        all
    });
    &SHIPPED
}

/// A shipped file. Its syntax is checked by the tests; should one still fail to read, the
/// language falls back to English text by text rather than take the service down.
fn read(code: &'static str, path: &str, text: &str, source: bool) -> Catalogue {
    match po::parse(text, Path::new(path)) {
        Ok(file) => Catalogue::from_file(code, &file, source),
        Err(e) => {
            tracing::error!(file = path, error = %e, "an interface word file cannot be read");
            Catalogue {
                code,
                texts: HashMap::new(),
            }
        }
    }
}

/// The codes of the languages the interface speaks, English first.
pub fn spoken() -> impl Iterator<Item = &'static str> {
    shipped().iter().map(|c| c.code)
}

/// The language the interface speaks for a tag such as "de", "de-AT", "DE_ch" or the
/// first entry of an `Accept-Language` header ("fr-BE;q=0.9, de"): only the primary
/// subtag counts, since nothing the interface says is regional.
pub fn spoken_language(tag: &str) -> Option<&'static str> {
    let primary = tag
        .split([',', ';', '-', '_'])
        .next()
        .unwrap_or_default()
        .trim();
    spoken().find(|code| code.eq_ignore_ascii_case(primary))
}

/// The text under `key` in `code`: its translation, else the English text, else the key
/// itself (a test makes sure every key a table reads exists in English).
pub fn text(code: &str, key: &str) -> &'static str {
    let all = shipped();
    all.iter()
        .find(|c| c.code == code)
        .and_then(|c| c.get(key))
        .or_else(|| all[0].get(key))
        .unwrap_or_else(|| leak_key(key))
}

/// A key shown as its own text. Never expected; the word tables read each key once per
/// language, so what this leaks is bounded by the keys.
fn leak_key(key: &str) -> &'static str {
    tracing::error!(key, "an interface text is missing");
    Box::leak(key.to_owned().into_boxed_str())
}
