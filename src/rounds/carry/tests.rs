//! Carrying answers between two versions of one questionnaire, and the change since.

use std::path::PathBuf;

use super::*;
use crate::questionnaire::{Answer, Category, Sources, parse};
use crate::rounds::{Move, change};
use crate::scoring::assess;

const VERSION_1: &str = r#"
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
  { value = "yes", label = { en = "Yes" } },
  { value = "no", label = { en = "No" } },
]

[[sections.questions]]
id = "policy-year"
kind = "number"
text = { en = "Since when?" }
show_if = { question = "has-policy", equals = "yes" }

[[sections.questions]]
id = "notes"
kind = "text"
max_length = 100
text = { en = "Anything else?" }

[[sections.questions]]
id = "staff"
kind = "number"
text = { en = "How many handlers?" }
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

fn questionnaire(text: &str) -> Questionnaire {
    parse(&Sources {
        folder: PathBuf::from("fixture"),
        files: vec![
            ("questionnaire.toml".to_owned(), text.to_owned()),
            ("tiers.toml".to_owned(), TIERS.to_owned()),
        ],
    })
    .unwrap_or_else(|e| panic!("a valid fixture: {e}"))
}

fn answers(pairs: &[(&str, Answer)]) -> Answers {
    pairs
        .iter()
        .map(|(id, a)| ((*id).to_owned(), a.clone()))
        .collect()
}

fn given() -> Answers {
    answers(&[
        ("O-1", Answer::Choice("2".into())),
        ("has-policy", Answer::Choice("yes".into())),
        ("policy-year", Answer::Number(2019.0)),
        (
            "notes",
            Answer::Text("A note of some sixty characters, give or take a few.".into()),
        ),
        ("staff", Answer::Number(12.0)),
    ])
}

fn fresh(plan: &CarryPlan) -> Vec<(&str, Fresh)> {
    plan.fresh
        .iter()
        .map(|f| (f.question_id.as_str(), f.why))
        .collect()
}

#[test]
fn the_same_version_carries_every_answer() {
    let q = questionnaire(VERSION_1);
    let plan = plan(&q, &q, &given());
    assert_eq!(plan.answers, given());
    assert!(plan.fresh.is_empty());
}

#[test]
fn a_removed_question_and_one_with_other_options_need_a_fresh_answer() {
    let v1 = questionnaire(VERSION_1);
    let v2 = VERSION_1
        .replace("version = \"1\"", "version = \"2\"")
        .replace("{ value = \"no\", label", "{ value = \"not-yet\", label")
        .replace(
            "\n[[sections.questions]]\nid = \"staff\"\nkind = \"number\"\ntext = { en = \"How many handlers?\" }\n",
            "",
        );
    let v2 = questionnaire(&v2);
    let plan = plan(&v1, &v2, &given());
    assert_eq!(
        fresh(&plan),
        [("has-policy", Fresh::Changed), ("staff", Fresh::Removed)]
    );
    // The number shown only after "yes" is not asked without that answer.
    let carried: Vec<&str> = plan.answers.keys().map(String::as_str).collect();
    assert_eq!(carried, ["O-1", "notes"]);
    assert_eq!(plan.carried_ids(), ["O-1", "notes"]);
}

#[test]
fn options_in_another_order_are_the_same_question() {
    let v1 = questionnaire(VERSION_1);
    let v2 = VERSION_1.replace(
        "  { value = \"yes\", label = { en = \"Yes\" } },\n  { value = \"no\", label = { en = \"No\" } },",
        "  { value = \"no\", label = { en = \"No\" } },\n  { value = \"yes\", label = { en = \"Yes\" } },",
    );
    assert_ne!(v2, VERSION_1, "the options were swapped");
    let plan = plan(&v1, &questionnaire(&v2), &given());
    assert!(plan.fresh.is_empty(), "{:?}", plan.fresh);
}

#[test]
fn another_kind_or_range_or_an_answer_the_checks_refuse_needs_a_fresh_answer() {
    let v1 = questionnaire(VERSION_1);
    let v2 = VERSION_1
        .replace(
            "id = \"staff\"\nkind = \"number\"",
            "id = \"staff\"\nkind = \"number\"\nmax = 50",
        )
        .replace("max_length = 100", "max_length = 20")
        .replace(
            "id = \"policy-year\"\nkind = \"number\"",
            "id = \"policy-year\"\nkind = \"text\"",
        );
    let plan = plan(&v1, &questionnaire(&v2), &given());
    let mut why = fresh(&plan);
    why.sort_by_key(|(id, _)| *id);
    assert_eq!(
        why,
        [
            ("notes", Fresh::Changed),
            ("policy-year", Fresh::Changed),
            ("staff", Fresh::Changed)
        ]
    );
    let carried: Vec<&str> = plan.answers.keys().map(String::as_str).collect();
    assert_eq!(carried, ["O-1", "has-policy"]);
}

#[test]
fn an_answer_hidden_in_the_earlier_round_stays_behind_unlisted() {
    let q = questionnaire(VERSION_1);
    let mut earlier = given();
    earlier.insert("has-policy".into(), Answer::Choice("no".into()));
    let plan = plan(&q, &q, &earlier);
    assert!(!plan.answers.contains_key("policy-year"));
    assert!(plan.fresh.is_empty());
}

#[test]
fn the_change_since_names_each_category_and_the_tier_then_and_now() {
    let q = questionnaire(VERSION_1);
    let tiers = q.default_tier_table();
    let then = assess(&q, tiers, &answers(&[("O-1", Answer::Choice("1".into()))]));
    let now = assess(&q, tiers, &answers(&[("O-1", Answer::Choice("2".into()))]));
    let moved = change(&then, &now);
    let organisation = moved
        .categories
        .iter()
        .find(|(c, _)| *c == Category::O)
        .map(|(_, m)| *m);
    assert_eq!(
        organisation,
        Some(Move {
            then: Some(1.0),
            now: Some(2.0)
        })
    );
    let tier = moved.tier.expect("both placed");
    assert_eq!(tier.then.map(|t| t.as_str()), Some("basic"));
    assert_eq!(tier.now.map(|t| t.as_str()), Some("intermediate"));
    assert!(moved.dimensions.is_empty());
}

#[test]
fn a_non_answer_the_new_version_no_longer_offers_needs_a_fresh_answer() {
    let offering = VERSION_1.replacen(
        "title = { en = \"Fixture\" }",
        "title = { en = \"Fixture\" }\nnon_answers = [\"dont_know\", \"prefer_not_to_say\"]",
        1,
    );
    let only_dont_know = VERSION_1.replacen(
        "title = { en = \"Fixture\" }",
        "title = { en = \"Fixture\" }\nnon_answers = [\"dont_know\"]",
        1,
    );
    let earlier = questionnaire(&offering);
    let mut given = given();
    given.insert(
        "O-1".to_owned(),
        Answer::NonAnswer(crate::questionnaire::NonAnswer::PreferNotToSay),
    );
    given.insert(
        "has-policy".to_owned(),
        Answer::NonAnswer(crate::questionnaire::NonAnswer::DontKnow),
    );
    for now in [questionnaire(&only_dont_know), questionnaire(VERSION_1)] {
        let plan = plan(&earlier, &now, &given);
        assert!(!plan.answers.contains_key("O-1"), "{plan:?}");
        assert!(fresh(&plan).contains(&("O-1", Fresh::Changed)), "{plan:?}");
    }
    // "Don't know" is still offered by the first, so it comes along there.
    let plan = plan(&earlier, &questionnaire(&only_dont_know), &given);
    assert!(plan.answers.contains_key("has-policy"), "{plan:?}");
    let plan = super::plan(&earlier, &questionnaire(VERSION_1), &given);
    assert!(!plan.answers.contains_key("has-policy"), "{plan:?}");
}
