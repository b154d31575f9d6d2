//! Required questions, ranges and lengths checked for visible questions only.

use super::*;
use crate::survey::{FieldError, FieldProblem, check_section, merge, submit_section};

fn check(section_id: &str, all: &Answers) -> Vec<FieldError> {
    let q = fixture();
    check_section(&q, section(&q, section_id), all)
}

fn problems(errors: &[FieldError]) -> Vec<(&str, &FieldProblem)> {
    errors
        .iter()
        .map(|e| (e.question_id.as_str(), &e.problem))
        .collect()
}

#[test]
fn a_complete_response_has_no_problems() {
    let q = fixture();
    for s in q.sections() {
        assert_eq!(check_section(&q, s, &complete()), []);
    }
}

#[test]
fn a_required_question_without_an_answer_is_reported_and_an_optional_one_is_not() {
    let errors = check("about", &Answers::new());
    assert_eq!(
        errors,
        [FieldError::new("country", FieldProblem::Required, None)]
    );
}

#[test]
fn an_empty_answer_counts_as_missing() {
    let all = answers(&[
        ("procedure", choice("1")),
        ("agreement", choice("yes")),
        ("scope", choices(&[])),
    ]);
    assert_eq!(
        problems(&check("practice", &all)),
        [("scope", &FieldProblem::Required)]
    );
}

#[test]
fn an_option_that_stands_alone_is_refused_beside_others_and_accepted_alone() {
    let with = |chosen: &[&str]| {
        answers(&[
            ("procedure", choice("1")),
            ("agreement", choice("yes")),
            ("scope", choices(chosen)),
        ])
    };
    let errors = check("practice", &with(&["data", "none"]));
    assert_eq!(problems(&errors), [("scope", &errors[0].problem)]);
    assert!(matches!(errors[0].problem, FieldProblem::NotAlone(_)));
    assert!(errors[0].message("en").contains("“None of these”"));
    assert!(errors[0].message("de").contains("„Nichts davon“"));
    assert_eq!(check("practice", &with(&["none"])), []);
    assert_eq!(check("practice", &with(&["data", "contacts"])), []);
}

#[test]
fn a_text_with_a_control_character_is_refused_but_tabs_and_line_breaks_are_not() {
    let with = |text: &str| {
        answers(&[
            ("country", choice("AT")),
            ("comment", Answer::Text(text.to_owned())),
        ])
    };
    let errors = check("about", &with("a\0b"));
    assert_eq!(
        problems(&errors),
        [("comment", &FieldProblem::ControlCharacter)]
    );
    assert_eq!(check("about", &with("a\tb\nc")), []);
}

#[test]
fn a_number_outside_its_range_is_reported_with_the_limit() {
    let low = answers(&[("country", choice("AT")), ("staff", Answer::Number(-1.0))]);
    assert_eq!(
        check("about", &low),
        [FieldError::new(
            "staff",
            FieldProblem::BelowMin(0.0),
            Some("-1".to_owned())
        )]
    );
    let high = answers(&[("country", choice("AT")), ("staff", Answer::Number(100.5))]);
    assert_eq!(
        problems(&check("about", &high)),
        [("staff", &FieldProblem::AboveMax(100.0))]
    );
    let edge = answers(&[("country", choice("AT")), ("staff", Answer::Number(100.0))]);
    assert_eq!(check("about", &edge), []);
}

#[test]
fn a_scale_answer_outside_its_range_is_reported() {
    let mut all = complete();
    all.insert("trust".to_owned(), Answer::Number(9.0));
    assert_eq!(
        problems(&check("practice", &all)),
        [("trust", &FieldProblem::AboveMax(5.0))]
    );
}

#[test]
fn a_text_longer_than_its_max_length_is_reported_counting_characters_not_bytes() {
    let mut all = complete();
    all.insert("comment".to_owned(), Answer::Text("ä".repeat(10)));
    assert_eq!(check("about", &all), []);
    all.insert("comment".to_owned(), Answer::Text("ä".repeat(11)));
    let expected = FieldError::new(
        "comment",
        FieldProblem::TooLong { max: 10 },
        Some("ä".repeat(11)),
    );
    assert_eq!(check("about", &all), [expected]);
}

#[test]
fn a_hidden_question_is_not_required() {
    let all = answers(&[("procedure", choice("0")), ("agreement", choice("no"))]);
    assert_eq!(check("practice", &all), []);
    assert_eq!(check("follow-up", &all), []);
}

#[test]
fn a_question_shown_by_an_earlier_answer_is_required() {
    let all = answers(&[("procedure", choice("0")), ("agreement", choice("yes"))]);
    assert_eq!(
        problems(&check("practice", &all)),
        [("scope", &FieldProblem::Required)]
    );
    assert_eq!(
        problems(&check("follow-up", &all)),
        [("signed", &FieldProblem::Required)]
    );
}

#[test]
fn the_shipped_questionnaire_asks_for_the_agreement_scope_only_when_there_is_an_agreement() {
    let q = shipped("csirt-le-cooperation-csirt");
    let legal = section(&q, "legal");
    let base = answers(&[
        ("legal-basis-sharing", choice("clear")),
        ("reporting-obligation", choice("dont-know")),
        ("mandate-le", choice("dont-know")),
    ]);
    let with = |agreement: &str| {
        let mut all = base.clone();
        all.insert("written-agreement".to_owned(), choice(agreement));
        check_section(&q, legal, &all)
    };
    assert_eq!(with("none"), []);
    assert_eq!(
        problems(&with("formal")),
        [("agreement-scope", &FieldProblem::Required)]
    );
}

#[test]
fn submitting_a_page_merges_checks_and_keeps_what_was_typed() {
    let q = fixture();
    let about = section(&q, "about");
    let stored = answers(&[("procedure", choice("1"))]);
    let outcome = submit_section(
        &q,
        about,
        &stored,
        &fields(&[("country", "at"), ("staff", "150,5")]),
    );
    assert!(!outcome.is_accepted());
    let expected = FieldError::new(
        "staff",
        FieldProblem::AboveMax(100.0),
        Some("150,5".to_owned()),
    );
    assert_eq!(outcome.errors, [expected]);
    assert_eq!(outcome.form.value("staff"), "150,5");
    assert_eq!(outcome.answers.get("country"), Some(&choice("AT")));
    assert_eq!(outcome.answers.get("procedure"), Some(&choice("1")));
}

#[test]
fn submitting_a_page_reports_an_unreadable_required_answer_once() {
    let q = fixture();
    let outcome = submit_section(
        &q,
        section(&q, "about"),
        &Answers::new(),
        &fields(&[("country", "UK")]),
    );
    let expected = FieldError::new(
        "country",
        FieldProblem::UnknownCountry,
        Some("UK".to_owned()),
    );
    assert_eq!(outcome.errors, [expected]);
}

#[test]
fn submitting_a_page_drops_answers_and_problems_of_the_questions_it_hides() {
    let q = fixture();
    let practice = section(&q, "practice");
    let stored = complete();
    let submitted = fields(&[("procedure", "2"), ("agreement", "no"), ("scope", "bogus")]);
    let outcome = submit_section(&q, practice, &stored, &submitted);
    assert!(outcome.is_accepted(), "{:?}", outcome.errors);
    assert!(!outcome.answers.contains_key("scope"));
    assert!(
        !outcome.answers.contains_key("signed"),
        "the follow-up is hidden too"
    );
    assert!(
        !outcome.answers.contains_key("trust"),
        "left empty on this page"
    );
    assert_eq!(outcome.answers.get("country"), Some(&choice("AT")));
}

#[test]
fn checking_the_merged_answers_sees_the_pages_own_show_if() {
    let q = fixture();
    let practice = section(&q, "practice");
    let stored = answers(&[("agreement", choice("no"))]);
    let page = answers(&[("procedure", choice("4")), ("agreement", choice("yes"))]);
    let all = merge(&stored, practice, page);
    assert_eq!(
        problems(&check_section(&q, practice, &all)),
        [("scope", &FieldProblem::Required)]
    );
}

#[test]
fn a_number_without_declared_limits_still_has_sane_ones() {
    use crate::survey::NUMBER_LIMIT;
    let with = |n: f64| {
        let all = answers(&[("agreement", choice("yes")), ("signed", Answer::Number(n))]);
        problems(&check("follow-up", &all))
            .into_iter()
            .map(|(id, p)| (id.to_owned(), p.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(with(2019.0), []);
    assert_eq!(with(NUMBER_LIMIT), []);
    assert_eq!(
        with(1e300),
        [("signed".to_owned(), FieldProblem::AboveMax(NUMBER_LIMIT))]
    );
    assert_eq!(
        with(-1e13),
        [("signed".to_owned(), FieldProblem::BelowMin(-NUMBER_LIMIT))]
    );
}
