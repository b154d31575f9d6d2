//! `non_answers` in files: the questionnaire's default, the per-question override, their
//! labels, and everything that is refused with the file and question named.

use super::*;

/// The fixture offering both non-answers on every question that can take them.
fn offering(extra_top: &str) -> String {
    MATURITY.replacen(
        "title = { en = \"Fixture\" }",
        &format!(
            "title = {{ en = \"Fixture\" }}\nnon_answers = [\"dont_know\", \"prefer_not_to_say\"]\n{extra_top}"
        ),
        1,
    )
}

fn offered(q: &Questionnaire, id: &str) -> Vec<NonAnswer> {
    q.question(id)
        .expect("a question")
        .non_answers()
        .iter()
        .map(|n| n.non_answer())
        .collect()
}

#[test]
fn the_files_non_answers_are_offered_by_every_question_that_can_take_them() {
    let q = maturity(&offering(""), TIERS, RECOMMENDATIONS).expect("valid");
    let both = [NonAnswer::DontKnow, NonAnswer::PreferNotToSay];
    assert_eq!(offered(&q, "O-1"), both);
    assert_eq!(offered(&q, "has-policy"), both);
    // A number question gives context: it is left blank rather than withheld.
    assert_eq!(offered(&q, "policy-year"), []);
    let label = q.question("O-1").expect("O-1").non_answers()[0].label();
    assert_eq!(label.get("en"), "Don't know");
}

#[test]
fn without_the_key_no_question_offers_a_non_answer() {
    let q = maturity(MATURITY, TIERS, RECOMMENDATIONS).expect("valid");
    assert!(q.questions().all(|q| q.non_answers().is_empty()));
}

#[test]
fn a_question_overrides_the_files_list_and_an_empty_list_offers_none() {
    let file = offering("").replacen(
        "name = \"Mandate\"",
        "name = \"Mandate\"\nnon_answers = [\"dont_know\"]",
        1,
    );
    let file = file.replacen(
        "id = \"has-policy\"",
        "id = \"has-policy\"\nnon_answers = []",
        1,
    );
    let q = maturity(&file, TIERS, RECOMMENDATIONS).expect("valid");
    assert_eq!(offered(&q, "O-1"), [NonAnswer::DontKnow]);
    assert_eq!(offered(&q, "has-policy"), []);
}

#[test]
fn an_unknown_non_answer_is_refused_naming_the_file_or_the_question() {
    let top = MATURITY.replacen(
        "title = { en = \"Fixture\" }",
        "title = { en = \"Fixture\" }\nnon_answers = [\"not_applicable\"]",
        1,
    );
    assert_eq!(
        refused(&top, TIERS, RECOMMENDATIONS),
        [
            "fixture/questionnaire.toml: non_answers names unknown non-answer \"not_applicable\" (expected dont_know or prefer_not_to_say)"
        ]
    );
    let own = MATURITY.replacen(
        "name = \"Mandate\"",
        "name = \"Mandate\"\nnon_answers = [\"dont_know\", \"dont_know\", \"n/a\"]",
        1,
    );
    assert_eq!(
        refused(&own, TIERS, RECOMMENDATIONS),
        [
            "fixture/questionnaire.toml: question O-1: non_answers names \"dont_know\" twice",
            "fixture/questionnaire.toml: question O-1: non_answers names unknown non-answer \"n/a\" (expected dont_know or prefer_not_to_say)",
        ]
    );
}

#[test]
fn a_context_question_offering_non_answers_is_refused() {
    let file = MATURITY.replacen(
        "kind = \"number\"",
        "kind = \"number\"\nnon_answers = [\"prefer_not_to_say\"]",
        1,
    );
    assert_eq!(
        refused(&file, TIERS, RECOMMENDATIONS),
        [
            "fixture/questionnaire.toml: question policy-year: non_answers apply only to level, single, multi and scale questions, not number (a context question can be left blank instead)"
        ]
    );
}

#[test]
fn an_option_named_like_an_offered_non_answer_is_refused() {
    let file = offering("").replacen("value = \"no\"", "value = \"dont_know\"", 1);
    let errors = refused(&file, TIERS, RECOMMENDATIONS);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "fixture/questionnaire.toml: question has-policy: option value \"dont_know\" is the name of a non-answer"
        ),
        "{errors:?}"
    );
}

#[test]
fn a_language_without_built_in_words_needs_its_labels_in_the_file() {
    let french = |q: &str| {
        q.replace("languages = [\"en\"]", "languages = [\"en\", \"fr\"]")
            .replace("{ en = \"", "{ fr = \"x\", en = \"")
    };
    // Offering nothing needs no words for non-answers.
    maturity(&french(MATURITY), &french(TIERS), RECOMMENDATIONS).expect("valid");
    let errors = refused(&french(&offering("")), &french(TIERS), RECOMMENDATIONS);
    assert_eq!(
        errors,
        [
            "fixture/questionnaire.toml: language \"fr\" is declared but the label of non-answer dont_know (Liaison has it in en and de; set it in non_answer_labels) has no text in it",
            "fixture/questionnaire.toml: language \"fr\" is declared but the label of non-answer prefer_not_to_say (Liaison has it in en and de; set it in non_answer_labels) has no text in it",
        ]
    );
    let labelled = offering(
        "non_answer_labels = { dont_know = { fr = \"Je ne sais pas\" }, prefer_not_to_say = { fr = \"Je préfère ne pas répondre\", en = \"Rather not say\" } }",
    );
    let q = maturity(&french(&labelled), &french(TIERS), RECOMMENDATIONS).expect("valid");
    let labels = q.question("O-1").expect("O-1").non_answers();
    assert_eq!(labels[0].label().get("fr"), "Je ne sais pas");
    assert_eq!(labels[0].label().get("en"), "Don't know");
    assert_eq!(labels[1].label().get("en"), "Rather not say");
}

#[test]
fn labels_of_unknown_non_answers_or_undeclared_languages_are_refused() {
    let file = offering(
        "non_answer_labels = { not_sure = { en = \"Not sure\" }, dont_know = { de = \"Weiß nicht\" } }",
    );
    assert_eq!(
        refused(&file, TIERS, RECOMMENDATIONS),
        [
            "fixture/questionnaire.toml: non_answer_labels names unknown non-answer \"not_sure\" (expected dont_know or prefer_not_to_say)",
            "fixture/questionnaire.toml: the label of non-answer dont_know has a text in \"de\", which the questionnaire does not declare",
        ]
    );
}

#[test]
fn a_non_answer_is_stored_as_what_it_is_and_shows_no_follow_up() {
    let json = serde_json::to_string(&Answer::NonAnswer(NonAnswer::DontKnow)).expect("json");
    assert_eq!(json, r#"{"non_answer":"dont_know"}"#);
    let back: Answer = serde_json::from_str(r#"{"non_answer":"prefer_not_to_say"}"#).expect("read");
    assert_eq!(back, Answer::NonAnswer(NonAnswer::PreferNotToSay));
    let q = maturity(&offering(""), TIERS, RECOMMENDATIONS).expect("valid");
    let follow_up = q.question("policy-year").expect("policy-year");
    let mut answers = Answers::new();
    answers.insert("has-policy".into(), Answer::Choice("yes".into()));
    assert!(q.is_visible(follow_up, &answers));
    answers.insert("has-policy".into(), Answer::NonAnswer(NonAnswer::DontKnow));
    assert!(!q.is_visible(follow_up, &answers));
}
