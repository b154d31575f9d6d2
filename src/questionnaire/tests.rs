//! Every kind of broken file is refused with a message naming the file, the place and the reason.

use std::path::PathBuf;

use super::*;

mod cooperation;
mod matrix;
mod non_answers;

const MATURITY: &str = r#"
id = "fixture"
version = "1"
audience = "csirt"
model = "maturity"
languages = ["en"]
tier_table = "baseline"
title = { en = "Fixture" }

[[sections]]
id = "organisation"
title = { en = "Organisation" }

[[sections.questions]]
id = "O-1"
kind = "level"
name = "Mandate"
category = "O"
text = { en = "Mandate?" }
options = [
  { level = 0, label = { en = "none" } },
  { level = 1, label = { en = "implicit" } },
  { level = 2, label = { en = "written" } },
  { level = 3, label = { en = "approved" } },
  { level = 4, label = { en = "audited" } },
]

[[sections.questions]]
id = "has-policy"
kind = "single"
text = { en = "Is there a policy?" }
options = [
  { value = "yes", level = 4, label = { en = "Yes" } },
  { value = "no", level = 0, label = { en = "No" } },
]

[[sections.questions]]
id = "policy-year"
kind = "number"
text = { en = "Since when?" }
show_if = { question = "has-policy", equals = "yes" }
"#;

const TIERS: &str = r#"
id = "baseline"
source = "test"
version = "1"
[[tiers]]
id = "basic"
name = { en = "Basic" }
minimums = { "O-1" = 1 }
[[tiers]]
id = "intermediate"
name = { en = "Intermediate" }
minimums = { "O-1" = 2 }
[[tiers]]
id = "advanced"
name = { en = "Advanced" }
minimums = { "O-1" = 4 }
"#;

const RECOMMENDATIONS: &str = r#"
[[recommendations]]
target = "O-1"
from = 0
below = 1
text = { en = "Write it down." }
"#;

fn sources(folder: &str, files: &[(&str, &str)]) -> Sources {
    Sources {
        folder: PathBuf::from(folder),
        files: files
            .iter()
            .map(|(n, c)| (n.to_string(), c.to_string()))
            .collect(),
    }
}

fn maturity(
    questionnaire: &str,
    tiers: &str,
    recommendations: &str,
) -> Result<Questionnaire, DefinitionErrors> {
    parse(&sources(
        "fixture",
        &[
            ("questionnaire.toml", questionnaire),
            ("tiers.toml", tiers),
            ("recommendations.toml", recommendations),
        ],
    ))
}

fn messages(errors: DefinitionErrors) -> Vec<String> {
    errors.errors().iter().map(ToString::to_string).collect()
}

fn refused(questionnaire: &str, tiers: &str, recommendations: &str) -> Vec<String> {
    messages(
        maturity(questionnaire, tiers, recommendations).expect_err("the file should be refused"),
    )
}

#[test]
fn the_fixture_itself_is_valid() {
    let q = maturity(MATURITY, TIERS, RECOMMENDATIONS).expect("valid");
    assert_eq!(q.questions().count(), 3);
    assert_eq!(q.default_tier_table().map(|t| t.source()), Some("test"));
    assert_eq!(q.recommendations().len(), 1);
}

#[test]
fn a_duplicate_question_id_is_refused() {
    let broken = MATURITY
        .replace("id = \"has-policy\"", "id = \"O-1\"")
        .replace(
            "question = \"has-policy\"",
            "question = \"O-1\", at_least = 1 } #",
        );
    assert_eq!(
        refused(&broken, TIERS, RECOMMENDATIONS),
        ["fixture/questionnaire.toml: question O-1: duplicate question id \"O-1\""]
    );
}

#[test]
fn an_unknown_category_is_refused() {
    let broken = MATURITY.replace("category = \"O\"", "category = \"X\"");
    let errors = refused(&broken, TIERS, RECOMMENDATIONS);
    assert_eq!(
        errors[0],
        "fixture/questionnaire.toml: question O-1: unknown category \"X\" (expected O, H, T or P)"
    );
}

#[test]
fn an_option_mapped_outside_zero_to_four_is_refused() {
    let broken = MATURITY.replace("value = \"yes\", level = 4", "value = \"yes\", level = 5");
    assert_eq!(
        refused(&broken, TIERS, RECOMMENDATIONS),
        [
            "fixture/questionnaire.toml: question has-policy: option \"yes\" maps to level 5, outside 0–4"
        ]
    );
}

#[test]
fn an_exclusive_option_outside_a_multi_question_is_refused() {
    let broken = MATURITY.replace(
        "value = \"yes\", level = 4",
        "value = \"yes\", level = 4, exclusive = true",
    );
    assert_ne!(broken, MATURITY);
    assert_eq!(
        refused(&broken, TIERS, RECOMMENDATIONS),
        [
            "fixture/questionnaire.toml: question has-policy: option \"yes\" is exclusive, but only a multi question's options can be (one choice is always alone)"
        ]
    );
}

#[test]
fn personal_marks_a_free_text_question_and_is_refused_on_any_other_kind() {
    let with_text = format!(
        "{MATURITY}\n[[sections.questions]]\nid = \"contact\"\nkind = \"text\"\npersonal = true\ntext = {{ en = \"Who may we ask?\" }}\n"
    );
    let q = maturity(&with_text, TIERS, RECOMMENDATIONS).expect("valid");
    let personal: Vec<&str> = q
        .questions()
        .filter(|q| q.is_personal())
        .map(|q| q.id())
        .collect();
    assert_eq!(personal, ["contact"]);

    let broken = MATURITY.replace("kind = \"number\"", "kind = \"number\"\npersonal = true");
    assert_ne!(broken, MATURITY);
    assert_eq!(
        refused(&broken, TIERS, RECOMMENDATIONS),
        [
            "fixture/questionnaire.toml: question policy-year: personal applies only to text questions (free text may name a person; a number answer cannot)"
        ]
    );
}

#[test]
fn show_if_naming_an_unknown_question_is_refused() {
    let broken = MATURITY.replace("question = \"has-policy\"", "question = \"has-polcy\"");
    assert_eq!(
        refused(&broken, TIERS, RECOMMENDATIONS),
        [
            "fixture/questionnaire.toml: question policy-year: show_if names unknown question \"has-polcy\""
        ]
    );
}

#[test]
fn show_if_naming_a_later_question_is_refused() {
    let broken = MATURITY.replace(
        "text = { en = \"Is there a policy?\" }",
        "text = { en = \"Is there a policy?\" }\nshow_if = { question = \"policy-year\", at_least = 2000 }",
    );
    assert_eq!(
        refused(&broken, TIERS, RECOMMENDATIONS),
        [
            "fixture/questionnaire.toml: question has-policy: show_if names question \"policy-year\", which does not come before this one"
        ]
    );
}

#[test]
fn a_declared_language_without_its_texts_is_refused() {
    let broken = MATURITY
        .replace("languages = [\"en\"]", "languages = [\"en\", \"de\"]")
        .replace(
            "title = { en = \"Fixture\" }",
            "title = { en = \"Fixture\", de = \"Testbogen\" }",
        )
        .replace(
            "title = { en = \"Organisation\" }",
            "title = { en = \"Organisation\", de = \"Organisation\" }",
        );
    let errors = refused(&broken, TIERS, RECOMMENDATIONS);
    assert_eq!(
        errors[0],
        "fixture/questionnaire.toml: question O-1: language \"de\" is declared but the question text has no text in it"
    );
    assert_eq!(
        errors[1],
        "fixture/questionnaire.toml: question O-1: language \"de\" is declared but the label of option \"0\" has no text in it"
    );
}

#[test]
fn a_tier_file_naming_an_unknown_parameter_is_refused() {
    let broken = TIERS.replace(
        "minimums = { \"O-1\" = 1 }",
        "minimums = { \"O-1\" = 1, \"O-99\" = 1 }",
    );
    assert_eq!(
        refused(MATURITY, &broken, RECOMMENDATIONS),
        ["fixture/tiers.toml: tier basic: names unknown parameter \"O-99\""]
    );
}

#[test]
fn a_tier_level_outside_zero_to_four_is_refused() {
    let broken = TIERS.replace("minimums = { \"O-1\" = 4 }", "minimums = { \"O-1\" = 5 }");
    assert_eq!(
        refused(MATURITY, &broken, RECOMMENDATIONS),
        ["fixture/tiers.toml: tier advanced: minimum level 5 for \"O-1\" is outside 0–4"]
    );
}

#[test]
fn a_higher_tier_asking_less_than_a_lower_one_is_refused() {
    let broken = TIERS.replace("minimums = { \"O-1\" = 4 }", "minimums = { \"O-1\" = 1 }");
    assert_eq!(
        refused(MATURITY, &broken, RECOMMENDATIONS),
        ["fixture/tiers.toml: tier advanced: asks O-1 at 1, below intermediate's 2"]
    );
}

#[test]
fn a_recommendation_for_an_unknown_parameter_is_refused() {
    let broken = RECOMMENDATIONS.replace("target = \"O-1\"", "target = \"O-99\"");
    assert_eq!(
        refused(MATURITY, TIERS, &broken),
        [
            "fixture/recommendations.toml: recommendation 1: targets unknown parameter or dimension \"O-99\""
        ]
    );
}

#[test]
fn a_toml_syntax_error_names_its_line_and_column() {
    let broken = MATURITY.replace("version = \"1\"", "version = \"1");
    let errors = refused(&broken, TIERS, RECOMMENDATIONS);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            == "fixture/questionnaire.toml: line 3, column 13: TOML syntax error: invalid basic string, expected `\"`",
        "{}",
        errors[0]
    );
}

#[test]
fn a_misspelt_key_is_refused_with_its_position() {
    let broken = MATURITY.replace("category = \"O\"", "categroy = \"O\"");
    let errors = refused(&broken, TIERS, RECOMMENDATIONS);
    assert!(
        errors[0]
            .starts_with("fixture/questionnaire.toml: line 18, column 1: unknown field `categroy`"),
        "{}",
        errors[0]
    );
}

#[test]
fn the_shipped_questionnaires_are_valid() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let catalogue = Catalogue::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let maturity = catalogue
        .get("csirt-maturity")
        .expect("csirt-maturity ships");
    let parameters = maturity
        .questions()
        .filter(|q| q.scored().is_some())
        .count();
    assert_eq!(parameters, 45);
    assert_eq!(
        maturity.default_tier_table().map(|t| t.source()),
        Some("project baseline")
    );
    for id in ["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"] {
        let q = catalogue.get(id).expect("cooperation questionnaires ship");
        assert!(q.questions().count() >= 25, "{id} has too few questions");
        assert!(
            q.questions().filter(|q| q.pair().is_some()).count() >= 15,
            "{id} has too few pairs"
        );
    }
    assert!(
        catalogue.iter().any(|q| q.languages().len() > 1),
        "one questionnaire proves a second language"
    );
    // Free text about one's national setting may name people: erased with the addresses.
    for id in ["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"] {
        let q = catalogue.get(id).expect("cooperation questionnaires ship");
        let personal: Vec<&str> = q
            .questions()
            .filter(|q| q.is_personal())
            .map(|q| q.id())
            .collect();
        assert_eq!(personal, ["context-comment"], "{id}");
    }
}
