//! Every reason to refuse a translation file is given at once, and nothing is written.

use super::super::{Mismatch, TranslationError, export, import};
use super::{ID, contents, questionnaires, set_msgstr, translated};

const TITLE: &str = "questionnaire.toml:title";
const LABEL: &str = "questionnaire.toml:sections.organisation.questions.O-1.options.0.label";
const TIER: &str = "tiers.toml:tiers.basic.name";

#[test]
fn missing_extra_twice_and_changed_source_texts_are_all_listed_and_nothing_is_written() {
    let (_guard, dir) = questionnaires();
    let before = contents(&dir);
    let po = translated(&dir, "de", |po| {
        let po = set_msgstr(&po, TITLE, "Neue Vorlage");
        let po = po.replacen(
            &format!("msgctxt \"{LABEL}\""),
            "msgctxt \"questionnaire.toml:typo\"",
            1,
        );
        let po = po.replacen("msgid \"Basic\"", "msgid \"Basics\"", 1);
        let twice = "msgctxt \"questionnaire.toml:title\"\nmsgid \"Other\"\nmsgstr \"\"\n";
        format!("{po}{twice}")
    });
    let Err(TranslationError::Refused { problems, .. }) = import(&dir, ID, &po) else {
        panic!("the file should be refused");
    };
    let kinds: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.contains(&Mismatch::Missing {
            key: LABEL.to_owned()
        }),
        "{kinds:#?}"
    );
    assert!(
        problems.iter().any(|p| matches!(p, Mismatch::Extra { key, line: Some(_) } if key == "questionnaire.toml:typo")),
        "{kinds:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, Mismatch::ChangedSource { key, line: Some(_) } if key == TIER)),
        "{kinds:#?}"
    );
    assert!(
        problems.iter().any(
            |p| matches!(p, Mismatch::Duplicate { key, lines } if key == TITLE && lines.len() == 2)
        ),
        "{kinds:#?}"
    );
    assert!(
        kinds
            .iter()
            .any(|k| k.starts_with("changed source: tiers.toml:tiers.basic.name (line "))
    );
    assert_eq!(contents(&dir), before);
}

#[test]
fn a_new_language_without_a_required_text_fails_the_check_and_nothing_is_written() {
    let (_guard, dir) = questionnaires();
    let before = contents(&dir);
    let po = translated(&dir, "fr", |po| set_msgstr(&po, TITLE, "Modèle"));
    let refused = import(&dir, ID, &po);
    let Err(error @ TranslationError::Check(_)) = refused else {
        panic!("the check should refuse it: {refused:?}");
    };
    let details = error.details().join("\n");
    assert!(
        details.contains("language \"fr\" is declared but"),
        "{details}"
    );
    assert!(details.contains("questionnaire.toml"), "{details}");
    assert_eq!(contents(&dir), before);
}

#[test]
fn a_file_for_another_questionnaire_or_without_a_language_is_refused() {
    let (_guard, dir) = questionnaires();
    let other = translated(&dir, "de", |po| {
        po.replacen(
            "Project-Id-Version: fixture",
            "Project-Id-Version: other",
            1,
        )
    });
    let refused = import(&dir, ID, &other)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        refused.ends_with("this is a translation of questionnaire other, not fixture"),
        "{refused}"
    );
    let none = translated(&dir, "de", |po| po.replacen("\"Language: de\\n\"\n", "", 1));
    let refused = import(&dir, ID, &none).map(|_| ()).unwrap_err().to_string();
    assert!(refused.contains("no Language header"), "{refused}");
}

#[test]
fn an_unknown_folder_the_source_language_and_a_regional_code_are_refused_by_name() {
    let (_guard, dir) = questionnaires();
    let message = |id: &str, language: &str| {
        export(&dir, id, language)
            .map(|_| ())
            .unwrap_err()
            .to_string()
    };
    let missing = message("nope", "fr");
    assert_eq!(
        missing,
        format!("no questionnaire folder {}", dir.join("nope").display())
    );
    assert_eq!(
        message("../fixture", "fr"),
        format!(
            "no questionnaire folder {}",
            dir.join("../fixture").display()
        )
    );
    assert_eq!(
        message("", "fr"),
        format!("no questionnaire folder {}", dir.join("").display())
    );
    assert!(message(ID, "en").starts_with("\"en\" is the source language of fixture"));
    assert!(message(ID, "pt-br").starts_with("\"pt-br\" is not a language code"));
}
