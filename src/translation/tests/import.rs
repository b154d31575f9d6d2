//! A translation goes into the files beside the source text and keeps everything else.

use super::super::{export, import, po};
use super::{ID, QUESTIONNAIRE, RECOMMENDATIONS, contents, questionnaires, set_msgstr, translated};

const TEXT: &str = "questionnaire.toml:sections.organisation.questions.O-1.text";
const HELP: &str = "questionnaire.toml:sections.organisation.questions.O-1.help";
const ADVICE: &str = "recommendations.toml:recommendations.O-1@0#2.text";

fn file(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(ID).join(name)).expect("the file")
}

#[test]
fn changed_and_new_german_texts_land_beside_the_english_and_nothing_else_moves() {
    let (_guard, dir) = questionnaires();
    let po = translated(&dir, "de", |po| {
        let po = set_msgstr(&po, TEXT, "Ist das „Mandat“ \"schriftlich\"?");
        let po = set_msgstr(&po, HELP, "Sehen Sie im\nGründungsakt nach.");
        set_msgstr(&po, ADVICE, "Fragen Sie das Ministerium.")
    });
    let imported = import(&dir, ID, &po).expect("the import");
    assert_eq!((imported.added, imported.changed), (2, 1), "{imported:?}");
    assert!(
        imported.removed.is_empty() && !imported.declared,
        "{imported:?}"
    );
    assert_eq!(
        imported.written,
        ["questionnaire.toml", "recommendations.toml"]
    );

    let questionnaire = file(&dir, "questionnaire.toml");
    let before: Vec<&str> = QUESTIONNAIRE.lines().collect();
    let after: Vec<&str> = questionnaire.lines().collect();
    assert_eq!(before.len(), after.len());
    let changed: Vec<_> = before.iter().zip(&after).filter(|(b, a)| b != a).collect();
    assert_eq!(changed.len(), 2, "{changed:#?}");
    assert!(
        questionnaire.contains(
            "text = { en = \"Is the \\\"mandate\\\" written?\", de = \"Ist das „Mandat“ \\\"schriftlich\\\"?\" }"
        ),
        "{questionnaire}"
    );
    assert!(
        questionnaire.contains(
            "help = { en = \"Look at the founding act.\", de = \"Sehen Sie im\\nGründungsakt nach.\" }"
        ),
        "{questionnaire}"
    );
    assert!(file(&dir, "recommendations.toml").starts_with("# Two recommendations"));
    let parsed: toml::Table = questionnaire.parse().expect("still TOML");
    let help = &parsed["sections"][0]["questions"][0]["help"]["de"];
    assert_eq!(help.as_str(), Some("Sehen Sie im\nGründungsakt nach."));

    let again = export(&dir, ID, "de").expect("a second export");
    assert!(
        again.po.contains("msgstr \"Fragen Sie das Ministerium.\""),
        "{}",
        again.po
    );
}

#[test]
fn importing_the_file_as_exported_writes_nothing() {
    let (_guard, dir) = questionnaires();
    let before = contents(&dir);
    let po = translated(&dir, "de", |po| po);
    let imported = import(&dir, ID, &po).expect("the import");
    assert!(imported.written.is_empty(), "{imported:?}");
    assert_eq!(contents(&dir), before);
}

#[test]
fn an_emptied_msgstr_removes_that_translation_and_keeps_the_spacing() {
    let (_guard, dir) = questionnaires();
    let key = "tiers.toml:tiers.basic.name";
    let po = translated(&dir, "de", |po| set_msgstr(&po, key, ""));
    let imported = import(&dir, ID, &po).expect("the import");
    assert_eq!(imported.removed, [key]);
    assert!(file(&dir, "tiers.toml").contains("\nname = { en = \"Basic\" }\n"));
}

#[test]
fn a_new_language_translated_throughout_is_declared_and_passes_the_check() {
    let (_guard, dir) = questionnaires();
    let exported = export(&dir, ID, "fr").expect("the export");
    assert_eq!(exported.translated, 0);
    let keys: Vec<String> = po::read(&translated(&dir, "fr", |po| po))
        .expect("the export reads back")
        .entries
        .into_iter()
        .filter_map(|e| e.key)
        .collect();
    let po = translated(&dir, "fr", |mut po| {
        for key in &keys {
            po = set_msgstr(&po, key, &format!("FR {key}"));
        }
        po
    });
    let imported = import(&dir, ID, &po).expect("the import");
    assert!(imported.declared, "{imported:?}");
    assert_eq!(imported.untranslated, 0);
    let questionnaire = file(&dir, "questionnaire.toml");
    assert!(
        questionnaire.contains("languages = [\"en\", \"de\", \"fr\"]\n"),
        "{questionnaire}"
    );
    assert!(file(&dir, "recommendations.toml").contains(&format!(
        "text = {{ en = \"Ask the ministry.\", fr = \"FR {ADVICE}\" }}"
    )));
    assert_ne!(file(&dir, "recommendations.toml"), RECOMMENDATIONS);
}
