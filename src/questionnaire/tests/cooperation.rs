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

/// `cooperation` with `pairs_with` as a list of `others`.
fn mirrored(id: &str, audience: &str, others: &[&str], pair: &str) -> Sources {
    let mut sources = cooperation(id, audience, "OTHER", pair);
    let list: Vec<String> = others.iter().map(|o| format!("\"{o}\"")).collect();
    sources.files[0].1 = sources.files[0].1.replace(
        "pairs_with = \"OTHER\"",
        &format!("pairs_with = [{}]", list.join(", ")),
    );
    sources
}

#[test]
fn three_audiences_mirror_each_other_and_a_key_needs_only_one_counterpart() {
    let catalogue = Catalogue::from_sources(vec![
        mirrored("side-a", "csirt", &["side-b", "side-c"], "named-contact"),
        mirrored("side-b", "lea", &["side-a", "side-c"], "named-contact"),
        // Asked of the judiciary alone with the CSIRTs: the LEAs lack it, and may.
        mirrored(
            "side-c",
            "judiciary",
            &["side-a", "side-b"],
            "named-contact",
        ),
    ])
    .expect("valid");
    assert_eq!(catalogue.len(), 3);
    let c = catalogue.get("side-c").expect("side-c");
    assert_eq!(c.pairs_with(), ["side-a", "side-b"]);
}

#[test]
fn a_pair_key_no_mirror_asks_is_refused_naming_every_mirror() {
    let errors = Catalogue::from_sources(vec![
        mirrored("side-a", "csirt", &["side-b", "side-c"], "named-contact"),
        mirrored("side-b", "lea", &["side-a", "side-c"], "named-contact"),
        mirrored("side-c", "judiciary", &["side-a", "side-b"], "duty-desk"),
    ])
    .expect_err("side-c's key is nowhere else");
    assert_eq!(
        messages(errors),
        [
            "side-c/questionnaire.toml: question contact: pair \"duty-desk\" has no counterpart in questionnaire \"side-a\" or \"side-b\"",
        ]
    );
}

#[test]
fn mirrors_must_be_of_other_audiences_listed_once_and_point_back() {
    let errors = Catalogue::from_sources(vec![
        mirrored("side-a", "csirt", &["side-b", "side-c"], "named-contact"),
        mirrored("side-b", "lea", &["side-a"], "named-contact"),
        mirrored("side-c", "csirt", &["side-a"], "named-contact"),
    ])
    .expect_err("side-b does not point back to side-a's second mirror, side-c is a CSIRT");
    let found = messages(errors);
    assert!(
        found.contains(
            &"side-a/questionnaire.toml: pairs_with names \"side-c\", whose audience csirt is already on this side or another mirror's".to_owned()
        ),
        "{found:?}"
    );
    assert!(
        found.contains(
            &"side-c/questionnaire.toml: pairs_with names \"side-a\", whose audience csirt is already on this side or another mirror's".to_owned()
        ),
        "{found:?}"
    );
    for (list, problem) in [
        (
            &["side-b", "side-b"][..],
            "pairs_with names \"side-b\" twice",
        ),
        (&["side-a"][..], "pairs_with names the questionnaire itself"),
        (&[][..], "pairs_with must name at least one questionnaire"),
    ] {
        let broken = mirrored("side-a", "csirt", list, "named-contact");
        let errors = messages(parse(&broken).expect_err(problem));
        assert_eq!(errors, [format!("side-a/questionnaire.toml: {problem}")]);
    }
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
