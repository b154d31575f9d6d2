//! Merging a page's answers, where a respondent resumes, and when a response is complete.

use super::*;
use crate::survey::{
    first_unanswered_section, is_complete, merge, next_section, previous_section,
    section_has_visible_questions, visible_questions,
};

fn without(ids: &[&str]) -> Answers {
    let mut all = complete();
    all.retain(|id, _| !ids.contains(&id.as_str()));
    all
}

#[test]
fn merging_replaces_the_sections_answers_and_keeps_the_others() {
    let q = fixture();
    let stored = answers(&[("country", choice("AT")), ("agreement", choice("no"))]);
    let page = answers(&[("agreement", choice("yes")), ("scope", choices(&["data"]))]);
    let merged = merge(&stored, section(&q, "practice"), page);
    let expected = answers(&[
        ("country", choice("AT")),
        ("agreement", choice("yes")),
        ("scope", choices(&["data"])),
    ]);
    assert_eq!(merged, expected);
}

#[test]
fn merging_drops_an_answer_the_page_no_longer_gives() {
    let q = fixture();
    let merged = merge(
        &complete(),
        section(&q, "about"),
        answers(&[("country", choice("DE"))]),
    );
    assert_eq!(merged.get("country"), Some(&choice("DE")));
    assert!(!merged.contains_key("staff"));
    assert!(!merged.contains_key("comment"));
    assert_eq!(merged.get("trust"), Some(&Answer::Number(4.0)));
}

#[test]
fn merging_ignores_answers_to_questions_of_other_sections() {
    let q = fixture();
    let page = answers(&[("country", choice("DE")), ("agreement", choice("yes"))]);
    let merged = merge(&Answers::new(), section(&q, "about"), page);
    assert_eq!(merged, answers(&[("country", choice("DE"))]));
}

#[test]
fn a_fresh_response_starts_at_the_first_section() {
    assert_eq!(
        first_unanswered_section(&fixture(), &Answers::new()),
        Some(0)
    );
}

#[test]
fn resuming_goes_to_the_first_section_with_a_required_question_unanswered() {
    let q = fixture();
    // The first section lacks only optional answers; the second a required one.
    assert_eq!(
        first_unanswered_section(&q, &without(&["staff", "procedure"])),
        Some(1)
    );
    assert_eq!(
        first_unanswered_section(&q, &without(&["staff", "signed"])),
        Some(2)
    );
}

#[test]
fn with_every_required_question_answered_resuming_goes_to_the_first_optional_gap() {
    let q = fixture();
    assert_eq!(
        first_unanswered_section(&q, &without(&["trust", "comment"])),
        Some(0)
    );
    assert_eq!(first_unanswered_section(&q, &without(&["trust"])), Some(1));
}

#[test]
fn a_fully_answered_response_goes_to_review() {
    let q = fixture();
    assert_eq!(first_unanswered_section(&q, &complete()), None);
    let mut no_agreement = without(&["scope", "signed"]);
    no_agreement.insert("agreement".to_owned(), choice("no"));
    assert_eq!(first_unanswered_section(&q, &no_agreement), None);
}

#[test]
fn a_response_is_complete_when_every_visible_required_question_is_answered() {
    let q = fixture();
    assert!(is_complete(&q, &complete()));
    assert!(is_complete(&q, &without(&["staff", "comment", "trust"])));
    assert!(!is_complete(&q, &without(&["signed"])));
    let mut no_agreement = without(&["scope", "signed"]);
    no_agreement.insert("agreement".to_owned(), choice("dont-know"));
    assert!(is_complete(&q, &no_agreement));
    assert!(!is_complete(&q, &Answers::new()));
}

#[test]
fn hidden_questions_are_not_shown() {
    let q = fixture();
    let practice = section(&q, "practice");
    let shown = |all: &Answers| -> Vec<String> {
        visible_questions(&q, practice, all)
            .iter()
            .map(|question| question.id().to_owned())
            .collect()
    };
    assert_eq!(shown(&Answers::new()), ["procedure", "agreement", "trust"]);
    assert_eq!(
        shown(&complete()),
        ["procedure", "agreement", "scope", "trust"]
    );
}

#[test]
fn a_section_whose_questions_are_all_hidden_is_skipped() {
    let q = fixture();
    let hidden = answers(&[("agreement", choice("no"))]);
    assert!(!section_has_visible_questions(
        &q,
        section(&q, "follow-up"),
        &hidden
    ));
    assert!(section_has_visible_questions(
        &q,
        section(&q, "follow-up"),
        &complete()
    ));
    assert_eq!(next_section(&q, 0, &hidden), Some(1));
    assert_eq!(next_section(&q, 1, &hidden), None);
    assert_eq!(next_section(&q, 1, &complete()), Some(2));
    assert_eq!(previous_section(&q, 3, &hidden), Some(1));
    assert_eq!(previous_section(&q, 3, &complete()), Some(2));
    assert_eq!(previous_section(&q, 0, &hidden), None);
}

#[test]
fn the_maturity_questionnaire_resumes_after_the_answered_sections() {
    let q = shipped("csirt-maturity");
    let mut all = Answers::new();
    for (index, s) in q.sections().iter().enumerate() {
        assert_eq!(first_unanswered_section(&q, &all), Some(index));
        assert!(!is_complete(&q, &all));
        for question in s.questions() {
            all.insert(question.id().to_owned(), choice("2"));
        }
    }
    assert_eq!(first_unanswered_section(&q, &all), None);
    assert!(is_complete(&q, &all));
}
