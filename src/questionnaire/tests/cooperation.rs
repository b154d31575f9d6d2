//! Cooperation questionnaires: where their model comes from, their dimensions, and the
//! mirrored pairs two questionnaires must agree on.

use super::*;

const COOPERATION: &str = r#"
id = "ID"
version = "1"
audience = "AUDIENCE"
model = "cooperation"
model_source = "the test's own model"
pairs_with = "OTHER"
languages = ["en"]
title = { en = "Cooperation" }

[[sections]]
id = "trust"
title = { en = "Trust" }

[[sections.questions]]
id = "contact"
kind = "single"
dimension = "organisational"
pair = "PAIR"
text = { en = "Is there a named contact?" }
options = [
  { value = "yes", level = 4, label = { en = "Yes" } },
  { value = "no", level = 0, label = { en = "No" } },
]
"#;

fn cooperation(id: &str, audience: &str, other: &str, pair: &str) -> Sources {
    let text = COOPERATION
        .replace("\"ID\"", &format!("\"{id}\""))
        .replace("AUDIENCE", audience)
        .replace("OTHER", other)
        .replace("PAIR", pair);
    sources(id, &[("questionnaire.toml", &text)])
}

#[test]
fn mirrored_questionnaires_with_matching_pairs_load() {
    let catalogue = Catalogue::from_sources(vec![
        cooperation("side-a", "csirt", "side-b", "named-contact"),
        cooperation("side-b", "lea", "side-a", "named-contact"),
    ])
    .expect("valid");
    assert_eq!(catalogue.len(), 2);
}

#[test]
fn a_cooperation_questionnaire_must_say_where_its_model_comes_from() {
    let mut side_a = cooperation("side-a", "csirt", "side-b", "named-contact");
    side_a.files[0].1 = side_a.files[0]
        .1
        .replace("model_source = \"the test's own model\"\n", "");
    let errors = Catalogue::from_sources(vec![
        side_a,
        cooperation("side-b", "lea", "side-a", "named-contact"),
    ])
    .expect_err("no model_source");
    assert_eq!(
        messages(errors),
        [
            "side-a/questionnaire.toml: a cooperation questionnaire needs model_source: where its scoring model comes from, printed on every report"
        ]
    );
}

#[test]
fn an_empty_or_multi_line_model_source_is_refused() {
    for (source, problem) in [
        ("\"  \"", "model_source must not be empty"),
        ("\"a\\nb\"", "model_source must be one line of text"),
    ] {
        let mut broken = cooperation("side-a", "csirt", "side-b", "named-contact");
        broken.files[0].1 = broken.files[0].1.replace(
            "model_source = \"the test's own model\"",
            &format!("model_source = {source}"),
        );
        let errors = messages(parse(&broken).expect_err("bad model_source"));
        assert_eq!(errors, [format!("side-a/questionnaire.toml: {problem}")]);
    }
}

#[test]
fn a_pair_key_missing_on_the_other_questionnaire_is_refused() {
    let errors = Catalogue::from_sources(vec![
        cooperation("side-a", "csirt", "side-b", "named-contact"),
        cooperation("side-b", "lea", "side-a", "contact-person"),
    ])
    .expect_err("pairs differ");
    assert_eq!(
        messages(errors),
        [
            "side-a/questionnaire.toml: question contact: pair \"named-contact\" has no counterpart in questionnaire \"side-b\"",
            "side-b/questionnaire.toml: question contact: pair \"contact-person\" has no counterpart in questionnaire \"side-a\"",
        ]
    );
}

#[test]
fn an_unknown_dimension_is_refused() {
    let mut broken = cooperation("side-a", "csirt", "side-b", "named-contact");
    broken.files[0].1 = broken.files[0].1.replace(
        "dimension = \"organisational\"",
        "dimension = \"organisation\"",
    );
    let errors = messages(parse(&broken).expect_err("unknown dimension"));
    assert_eq!(
        errors[0],
        "side-a/questionnaire.toml: question contact: unknown dimension \"organisation\" (expected behavioural, legal, organisational, technical or judiciary)"
    );
}

#[test]
fn a_recommendation_for_an_unknown_dimension_is_refused() {
    let mut broken = cooperation("side-a", "csirt", "side-b", "named-contact");
    broken.files.push((
        "recommendations.toml".into(),
        "[[recommendations]]\ntarget = \"cultural\"\nfrom = 0\nbelow = 2\ntext = { en = \"Meet.\" }\n".into(),
    ));
    assert_eq!(
        messages(parse(&broken).expect_err("unknown dimension")),
        [
            "side-a/recommendations.toml: recommendation 1: targets unknown parameter or dimension \"cultural\""
        ]
    );
}
