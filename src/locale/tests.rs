use std::collections::BTreeSet;
use std::path::Path;

use super::catalogue::{SOURCE, TRANSLATIONS};
use super::check::What;
use super::*;
use crate::translation::po::{self, PoFile};

fn parse(path: &str, text: &str) -> PoFile {
    po::parse(text, Path::new(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_shipped_translation_fits_the_english_texts() {
    let source = parse(SOURCE.0, SOURCE.1);
    assert!(source.duplicates.is_empty(), "{:?}", source.duplicates);
    for (code, path, text) in TRANSLATIONS {
        let file = parse(path, text);
        assert_eq!(file.language, code, "{path}: its Language header");
        let problems: Vec<String> = check_translation(&source, &file)
            .iter()
            .map(|p| format!("{path}: {p}"))
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

#[test]
fn the_word_files_and_the_word_tables_name_the_same_keys() {
    let source = parse(SOURCE.0, SOURCE.1);
    let in_file: BTreeSet<&str> = source
        .entries
        .iter()
        .map(|e| e.key.as_deref().expect("every entry has a key"))
        .collect();
    let keys = all_keys();
    let in_code: BTreeSet<&str> = keys.iter().copied().collect();
    assert_eq!(in_code.len(), keys.len(), "a key is read by two tables");
    let unread: Vec<_> = in_file.difference(&in_code).collect();
    let absent: Vec<_> = in_code.difference(&in_file).collect();
    assert!(
        unread.is_empty(),
        "in interface.pot, read by no table: {unread:?}"
    );
    assert!(
        absent.is_empty(),
        "read by a table, not in interface.pot: {absent:?}"
    );
}

#[test]
fn every_word_file_in_the_folder_is_built_in() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n");
    let mut found: Vec<String> = std::fs::read_dir(&folder)
        .expect("assets/i18n")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".po"))
        .collect();
    found.sort();
    let mut built: Vec<String> = TRANSLATIONS
        .iter()
        .map(|(code, _, _)| format!("{code}.po"))
        .collect();
    built.sort();
    assert_eq!(found, built);
}

#[test]
fn each_language_reads_its_own_texts_and_english_stands_in_for_the_rest() {
    assert_eq!(spoken().collect::<Vec<_>>(), ["en", "de", "fr"]);
    assert_eq!(spoken_language("FR-be;q=0.9, de"), Some("fr"));
    assert_eq!(spoken_language("it"), None);
    assert_eq!(text("en", "page.next"), "Next");
    assert_eq!(text("de", "page.next"), "Weiter");
    assert_eq!(text("it", "page.next"), "Next");
    let ui = crate::web::i18n::ui("de");
    assert_eq!((ui.code, ui.back), ("de", "Zurück"));
}

const SOURCE_FIXTURE: &str = r#"msgid ""
msgstr ""
"Language: en\n"

msgctxt "a.kept"
msgid "Kept {n} of {max}"
msgstr ""

msgctxt "a.changed"
msgid "New text"
msgstr ""

msgctxt "a.dropped"
msgid "Dropped"
msgstr ""

msgctxt "a.blank"
msgid "Blank"
msgstr ""
"#;

const TRANSLATION_FIXTURE: &str = r#"msgid ""
msgstr ""
"Language: xx\n"

msgctxt "a.kept"
msgid "Kept {n} of {max}"
msgstr "{n} von {maximum}"

msgctxt "a.changed"
msgid "Old text"
msgstr "Alter Text"

msgctxt "a.blank"
msgid "Blank"
msgstr ""

msgctxt "a.extra"
msgid "Extra"
msgstr "Mehr"
"#;

#[test]
fn a_translation_that_does_not_fit_is_refused_entry_by_entry() {
    let source = parse("interface.pot", SOURCE_FIXTURE);
    let file = parse("xx.po", TRANSLATION_FIXTURE);
    let problems = check_translation(&source, &file);
    let found: Vec<(Option<usize>, &str, &What)> = problems
        .iter()
        .map(|p| (p.line, p.key.as_str(), &p.what))
        .collect();
    assert_eq!(
        found,
        [
            (
                Some(5),
                "a.kept",
                &What::Placeholders {
                    english: "{max}, {n}".to_owned(),
                    translated: "{maximum}, {n}".to_owned()
                }
            ),
            (
                Some(9),
                "a.changed",
                &What::SourceChanged {
                    was: "Old text".to_owned()
                }
            ),
            (Some(13), "a.blank", &What::Untranslated),
            (Some(17), "a.extra", &What::Unknown),
            (None, "a.dropped", &What::Missing),
        ]
    );
    assert_eq!(
        problems[0].to_string(),
        "line 5: a.kept: the translation must use the placeholders {max}, {n} (it has \
         {maximum}, {n})"
    );
}
