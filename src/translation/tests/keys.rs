//! Keys name the file and the elements on the way, and do not move when other elements do.

use std::collections::HashMap;
use std::path::Path;

use super::super::folder::Folder;
use super::super::keys::is_language_code;
use super::{QUESTIONNAIRE, RECOMMENDATIONS, TIERS, entries_of};

fn keys(name: &str, content: &str) -> Vec<String> {
    entries_of(name, content, "de")
        .into_iter()
        .map(|e| e.key)
        .collect()
}

fn sources(name: &str, content: &str) -> HashMap<String, String> {
    entries_of(name, content, "de")
        .into_iter()
        .map(|e| (e.key, e.source))
        .collect()
}

#[test]
fn keys_name_the_file_and_the_ids_of_the_elements_on_the_way() {
    let keys = keys("questionnaire.toml", QUESTIONNAIRE);
    for expected in [
        "questionnaire.toml:title",
        "questionnaire.toml:sections.organisation.intro",
        "questionnaire.toml:sections.organisation.questions.O-1.text",
        "questionnaire.toml:sections.organisation.questions.O-1.options.3.label",
        "questionnaire.toml:sections.organisation.questions.has-policy.options.no.label",
    ] {
        assert!(
            keys.contains(&expected.to_owned()),
            "{expected} in {keys:#?}"
        );
    }
    assert_eq!(keys.len(), 13, "{keys:#?}");
}

#[test]
fn recommendations_are_named_by_target_and_band_and_a_second_one_in_a_band_by_its_rank() {
    assert_eq!(
        keys("recommendations.toml", RECOMMENDATIONS),
        [
            "recommendations.toml:recommendations.O-1@0.title",
            "recommendations.toml:recommendations.O-1@0.text",
            "recommendations.toml:recommendations.O-1@0#2.text",
        ]
    );
    assert!(keys("tiers.toml", TIERS).contains(&"tiers.toml:tiers.intermediate.name".to_owned()));
}

#[test]
fn a_text_keeps_its_key_when_other_elements_are_added_removed_or_edited() {
    let before = sources("questionnaire.toml", QUESTIONNAIRE);
    let edited = QUESTIONNAIRE
        // A new section before the others, a question removed, another text edited.
        .replacen(
            "# ---",
            "[[sections]]\nid = \"new\"\ntitle = { en = \"New\" }\n\n# ---",
            1,
        )
        .replacen(
            "[[sections.questions]]\nid = \"has-policy\"",
            "[[sections.questions]]\nid = \"gone\"",
            1,
        )
        .replacen("Look at the founding act.", "Look at the law.", 1)
        .replacen("{ level = 2, label", "{ level = 2.0, label", 1);
    let after = sources("questionnaire.toml", &edited);
    assert!(after.contains_key("questionnaire.toml:sections.new.title"));
    for (key, text) in &before {
        if key.contains("has-policy") || key.ends_with("O-1.help") {
            continue;
        }
        assert_eq!(after.get(key), Some(text), "{key}");
    }
}

#[test]
fn tables_that_are_not_texts_in_the_source_language_are_not_exported() {
    let content = r#"languages = ["en", "fr"]
title = { en = "A title", fr = "Un titre" }
show_if = { question = "q", equals = "yes" }
non_answer_labels = { dont_know = { fr = "Je ne sais pas" } }
mixed = { en = "a", de = 1 }
empty = { en = "" }
[long]
en = "A text as a table"
"#;
    let keys = keys("questionnaire.toml", content);
    assert_eq!(
        keys,
        ["questionnaire.toml:title", "questionnaire.toml:long"]
    );
}

#[test]
fn language_codes_are_two_or_three_letters_with_an_optional_region() {
    for code in ["en", "de", "fra", "pt-br", "zh-hant"] {
        assert!(is_language_code(code), "{code}");
    }
    for code in ["", "e", "EN", "engl", "pt_br", "pt-", "id1", "question"] {
        assert!(!is_language_code(code), "{code}");
    }
}

#[test]
fn every_shipped_questionnaire_has_texts_with_unique_keys() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let mut folders: Vec<_> = std::fs::read_dir(&dir)
        .expect("the shipped questionnaires")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert!(!folders.is_empty());
    for id in folders {
        let mut folder = Folder::read(&dir, &id).expect("the folder reads");
        let source = folder.source_language().expect("a source language");
        let entries = folder.entries(&source, "fr").expect("unique keys");
        assert!(entries.len() > 20, "{id}: {} texts", entries.len());
    }
}
