//! Setting a language's text changes that string and the spacing the file had, nothing else.

use toml_edit::DocumentMut;

use super::super::keys::visit_texts;
use super::super::text::{Change, basic_string};

/// `content` after setting every text's `language` to `text`.
fn set(content: &str, language: &str, text: Option<&str>) -> (String, Vec<Change>) {
    let mut doc: DocumentMut = content.parse().expect("TOML");
    let mut changes = Vec::new();
    visit_texts(&mut doc, "en", &mut |_, mut t| {
        changes.push(t.set(language, text))
    });
    (doc.to_string(), changes)
}

#[test]
fn a_language_is_added_after_the_others_in_the_style_of_the_table() {
    let cases = [
        ("a = { en = \"x\" }\n", "a = { en = \"x\", fr = \"y\" }\n"),
        (
            "a = {en=\"x\"}  # note\n",
            "a = {en=\"x\",fr=\"y\"}  # note\n",
        ),
        ("[a]\nen = \"x\"\n", "[a]\nen = \"x\"\nfr = \"y\"\n"),
    ];
    for (before, after) in cases {
        assert_eq!(
            set(before, "fr", Some("y")),
            (after.to_owned(), vec![Change::Added])
        );
        assert_eq!(
            set(after, "fr", None),
            (before.to_owned(), vec![Change::Removed])
        );
    }
}

#[test]
fn a_changed_text_keeps_its_place_and_an_unchanged_one_its_spelling() {
    let content = "a = { en = \"x\", fr = 'y' , de = \"z\" }\n";
    assert_eq!(
        set(content, "fr", Some("w")),
        (
            "a = { en = \"x\", fr = \"w\" , de = \"z\" }\n".to_owned(),
            vec![Change::Changed]
        )
    );
    assert_eq!(
        set(content, "fr", Some("y")),
        (content.to_owned(), vec![Change::Unchanged])
    );
}

#[test]
fn strings_are_written_on_one_line_with_escapes() {
    let text = "Il a dit \"oui\" \\ non\nligne\tdeux \u{7} — 中文 😀";
    let value = basic_string(text);
    assert_eq!(
        value.to_string(),
        "\"Il a dit \\\"oui\\\" \\\\ non\\nligne\\tdeux \\u0007 — 中文 😀\""
    );
    assert_eq!(value.as_str(), Some(text));
    let doc: toml::Table = format!("a = {value}").parse().expect("valid TOML");
    assert_eq!(doc["a"].as_str(), Some(text));
}
