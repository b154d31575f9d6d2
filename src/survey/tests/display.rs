//! Messages for every problem in English and German, and answers as the review page shows them.

use super::*;
use crate::survey::{FieldProblem, display_answer};

fn every_problem() -> [FieldProblem; 8] {
    [
        FieldProblem::Required,
        FieldProblem::NotAnOption,
        FieldProblem::NotANumber,
        FieldProblem::NotAWholeNumber,
        FieldProblem::BelowMin(0.0),
        FieldProblem::AboveMax(100.0),
        FieldProblem::TooLong { max: 2000 },
        FieldProblem::UnknownCountry,
    ]
}

#[test]
fn every_problem_has_an_english_and_a_german_message() {
    for problem in every_problem() {
        let english = problem.message("en");
        let german = problem.message("de");
        assert!(
            english.ends_with('.') && german.ends_with('.'),
            "{problem:?}"
        );
        assert_ne!(english, german, "{problem:?}");
    }
}

#[test]
fn the_required_message_reads_naturally_in_both_languages() {
    assert_eq!(
        FieldProblem::Required.message("en"),
        "This question needs an answer."
    );
    assert_eq!(
        FieldProblem::Required.message("de"),
        "Diese Frage muss beantwortet werden."
    );
}

#[test]
fn limits_are_written_without_a_trailing_zero() {
    assert_eq!(
        FieldProblem::AboveMax(100.0).message("en"),
        "Enter a number no larger than 100."
    );
    assert_eq!(
        FieldProblem::BelowMin(0.0).message("en"),
        "Enter a number no smaller than 0."
    );
    assert_eq!(
        FieldProblem::AboveMax(2.5).message("de"),
        "Geben Sie eine Zahl ein, die nicht größer als 2,5 ist."
    );
    assert_eq!(
        FieldProblem::TooLong { max: 2000 }.message("de"),
        "Kürzen Sie Ihre Antwort auf höchstens 2000 Zeichen."
    );
}

#[test]
fn an_unknown_language_falls_back_to_english() {
    for problem in every_problem() {
        assert_eq!(problem.message("it"), problem.message("en"));
    }
}

#[test]
fn french_has_a_message_of_its_own_for_every_problem() {
    for problem in every_problem() {
        assert_ne!(problem.message("fr"), problem.message("en"), "{problem:?}");
    }
    assert_eq!(
        FieldProblem::BelowMin(2.5).message("fr"),
        FieldProblem::BelowMin(2.5)
            .message("fr")
            .replace("2.5", "2,5"),
        "French writes a decimal comma"
    );
}

#[test]
fn problems_serialise_for_the_json_api() {
    let json = |p: &FieldProblem| serde_json::to_string(p).expect("serialises");
    assert_eq!(json(&FieldProblem::Required), r#""required""#);
    assert_eq!(json(&FieldProblem::AboveMax(5.0)), r#"{"above_max":5.0}"#);
    assert_eq!(
        json(&FieldProblem::TooLong { max: 10 }),
        r#"{"too_long":{"max":10}}"#
    );
}

fn shown(question_id: &str, answer: &Answer, language: &str) -> String {
    let q = fixture();
    let question = q.question(question_id).expect("a fixture question");
    display_answer(question, answer, language)
}

#[test]
fn choices_are_shown_by_their_labels_in_the_language() {
    assert_eq!(shown("procedure", &choice("2"), "en"), "written");
    assert_eq!(shown("procedure", &choice("2"), "de"), "schriftlich");
    assert_eq!(shown("agreement", &choice("dont-know"), "de"), "Weiß nicht");
    assert_eq!(shown("agreement", &choice("dont-know"), "fr"), "Don't know");
    let scope = choices(&["data", "training"]);
    assert_eq!(shown("scope", &scope, "en"), "Data; Training");
    assert_eq!(shown("scope", &scope, "de"), "Daten; Schulung");
}

#[test]
fn an_option_the_question_no_longer_has_is_shown_as_its_value() {
    assert_eq!(shown("agreement", &choice("perhaps"), "en"), "perhaps");
}

#[test]
fn numbers_and_scales_read_naturally() {
    assert_eq!(shown("staff", &Answer::Number(12.0), "en"), "12 FTE");
    assert_eq!(shown("staff", &Answer::Number(12.5), "en"), "12.5 FTE");
    assert_eq!(shown("staff", &Answer::Number(12.5), "de"), "12,5 FTE");
    assert_eq!(shown("signed", &Answer::Number(2019.0), "en"), "2019");
    assert_eq!(shown("signed", &Answer::Number(-0.0), "en"), "0");
    assert_eq!(shown("trust", &Answer::Number(3.0), "en"), "3 of 1–5");
    assert_eq!(shown("trust", &Answer::Number(3.0), "de"), "3 von 1–5");
}

#[test]
fn a_country_is_shown_as_its_code_and_text_as_written() {
    assert_eq!(shown("country", &choice("AT"), "de"), "AT");
    let text = Answer::Text("two\nlines".to_owned());
    assert_eq!(shown("comment", &text, "en"), "two\nlines");
}

#[test]
fn the_shipped_german_questionnaire_shows_german_labels() {
    let q = shipped("csirt-le-cooperation-csirt");
    let question = q.question("written-agreement").expect("a shipped question");
    assert_eq!(display_answer(question, &choice("none"), "de"), "Nein");
    assert_eq!(display_answer(question, &choice("none"), "en"), "No");
}
