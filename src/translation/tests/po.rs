//! The PO file keeps every character of a text, and a malformed one is refused by line.

use std::path::Path;

use super::super::TranslationError;
use super::super::folder::Entry;
use super::super::po::{self, PoEntry};

const AWKWARD: &str = "Il a dit \"oui\" \\ non\nsur deux lignes,\tavec une tabulation: Grüße, „Anführung“, 中文, 😀. \
                       And a sentence long enough to be folded over several lines of the PO file by the writer.";

fn read_back(dir: &Path, text: &str) -> Result<po::PoFile, TranslationError> {
    let file = dir.join("test.po");
    std::fs::write(&file, text).expect("the PO file");
    po::read(&file)
}

#[test]
fn quotes_backslashes_newlines_and_unicode_survive_the_po_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let entries = [
        Entry {
            key: "questionnaire.toml:title".to_owned(),
            source: AWKWARD.to_owned(),
            translation: Some(format!("{AWKWARD} (fr)\n")),
        },
        Entry {
            key: "questionnaire.toml:sections.a.title".to_owned(),
            source: "Plain".to_owned(),
            translation: None,
        },
    ];
    let text = po::write("fixture 1.0.0", "fr", &entries).expect("the PO text");
    assert!(
        text.contains("msgctxt \"questionnaire.toml:title\"\n"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    let back = read_back(dir.path(), &text).expect("it reads back");
    assert_eq!(back.language, "fr");
    assert_eq!(back.project, "fixture 1.0.0");
    assert!(back.duplicates.is_empty());
    let expected: Vec<PoEntry> = entries
        .iter()
        .map(|e| PoEntry {
            key: Some(e.key.clone()),
            source: e.source.clone(),
            translation: e.translation.clone(),
            line: None,
        })
        .collect();
    let without_lines: Vec<PoEntry> = back
        .entries
        .iter()
        .map(|e| PoEntry {
            line: None,
            ..e.clone()
        })
        .collect();
    assert_eq!(without_lines, expected);
    assert!(back.entries.iter().all(|e| e.line.is_some()), "{back:?}");
}

const HEADER: &str = "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\n";

#[test]
fn a_malformed_line_is_refused_with_its_number_instead_of_misread() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cases = [
        (
            "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"no end\n",
            7,
            "double quotes",
        ),
        (
            "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"y\" # note\n",
            7,
            "nothing after",
        ),
        (
            "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"bad \\q escape\"\n",
            7,
            "unknown escape \\q",
        ),
        (
            "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"a \" quote\"\n",
            7,
            "must be written",
        ),
        (
            "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"ends \\\"\n",
            7,
            "lone backslash",
        ),
        (
            "msgctxt \"a\"\nmsgid \"x\"\nmsgid_plural \"xs\"\n",
            7,
            "plural",
        ),
        ("msgctxt \"a\"\nmsgid \"x\"\nmsgstr\n", 7, "keyword"),
        ("msgctxt \"a\"\n  msgid \"x\"\n", 6, "not a PO line"),
    ];
    for (entry, line, reason) in cases {
        match read_back(dir.path(), &format!("{HEADER}{entry}")) {
            Err(TranslationError::PoSyntax {
                line: l, reason: r, ..
            }) => {
                assert_eq!((l, r.contains(reason)), (line, true), "{entry:?}: {r}");
            }
            other => panic!("{entry:?} should be refused, got {other:?}"),
        }
    }
    // polib itself would panic on these.
    for text in ["#\nmsgid \"\"\nmsgstr \"\"\n", "\"stray\"\n"] {
        let refused = read_back(dir.path(), text);
        assert!(
            matches!(refused, Err(TranslationError::PoSyntax { line: 1, .. })),
            "{refused:?}"
        );
    }
}

#[test]
fn an_empty_or_fuzzy_msgstr_is_no_translation_and_a_key_given_twice_is_found() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = format!(
        "{HEADER}msgctxt \"a\"\nmsgid \"A\"\nmsgstr \"\"\n\n\
         #, fuzzy\nmsgctxt \"b\"\nmsgid \"B\"\nmsgstr \"Bé\"\n\n\
         msgctxt \"c\"\nmsgid \"C\"\nmsgstr \"Cé\"\n\n\
         msgctxt \"c\"\nmsgid \"C\"\nmsgstr \"Cé encore\"\n"
    );
    let back = read_back(dir.path(), &text).expect("it reads");
    let translations: Vec<_> = back
        .entries
        .iter()
        .map(|e| e.translation.as_deref())
        .collect();
    assert_eq!(translations, [None, None, Some("Cé encore")]);
    assert_eq!(back.duplicates, [("c".to_owned(), vec![14, 18])]);
}
