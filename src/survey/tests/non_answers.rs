//! Non-answers on a section page: read from the question's own field, satisfying
//! `required`, refused beside ticked options, and read back by name.

use super::*;
use crate::questionnaire::NonAnswer;
use crate::survey::{FieldProblem, SectionForm, check_section, display_answer, submit_section};

/// The fixture with both non-answers offered wherever they can be.
fn offering() -> Questionnaire {
    let file = FIXTURE.replacen(
        "title = { en = \"Fixture\", de = \"Testbogen\" }",
        "title = { en = \"Fixture\", de = \"Testbogen\" }\nnon_answers = [\"dont_know\", \"prefer_not_to_say\"]",
        1,
    );
    let sources = Sources {
        folder: PathBuf::from("fixture"),
        files: vec![("questionnaire.toml".to_owned(), file)],
    };
    parse(&sources).expect("the fixture is valid")
}

const DONT_KNOW: Answer = Answer::NonAnswer(NonAnswer::DontKnow);

#[test]
fn a_non_answer_is_read_from_the_questions_own_field_and_satisfies_required() {
    let q = offering();
    let practice = section(&q, "practice");
    let outcome = submit_section(
        &q,
        practice,
        &Answers::new(),
        &fields(&[
            ("procedure", "dont_know"),
            ("agreement", " prefer_not_to_say "),
            ("trust", "dont_know"),
        ]),
    );
    assert_eq!(outcome.errors, []);
    assert_eq!(outcome.answers.get("procedure"), Some(&DONT_KNOW));
    assert_eq!(
        outcome.answers.get("agreement"),
        Some(&Answer::NonAnswer(NonAnswer::PreferNotToSay))
    );
    assert_eq!(outcome.answers.get("trust"), Some(&DONT_KNOW));
    // Not knowing whether there is an agreement shows no question about its scope.
    assert!(check_section(&q, practice, &outcome.answers).is_empty());
    assert!(!outcome.answers.contains_key("scope"));
}

#[test]
fn a_non_answer_ticked_with_options_is_refused_and_every_tick_kept() {
    let q = offering();
    let stored = answers(&[("agreement", choice("yes"))]);
    let outcome = submit_section(
        &q,
        section(&q, "practice"),
        &stored,
        &fields(&[
            ("procedure", "2"),
            ("agreement", "yes"),
            ("scope", "data"),
            ("scope", "dont_know"),
        ]),
    );
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    let error = &outcome.errors[0];
    assert_eq!(error.question_id, "scope");
    match &error.problem {
        FieldProblem::NotAlone(label) => assert_eq!(label.get("en"), "Don't know"),
        other => panic!("{other:?}"),
    }
    assert!(
        error
            .message("en")
            .contains("“Don't know” cannot be ticked")
    );
    assert_eq!(
        outcome.answers.get("scope"),
        Some(&choices(&["data", "dont_know"]))
    );
    assert!(outcome.form.is_selected("scope", "data"));
    assert!(outcome.form.is_selected("scope", "dont_know"));
    // Both non-answers at once say two things as well.
    let both = submit_section(
        &q,
        section(&q, "practice"),
        &stored,
        &fields(&[
            ("agreement", "yes"),
            ("scope", "dont_know"),
            ("scope", "prefer_not_to_say"),
        ]),
    );
    assert!(
        both.errors
            .iter()
            .any(|e| e.question_id == "scope" && matches!(e.problem, FieldProblem::NotAlone(_)))
    );
    // Alone, it is the answer.
    let alone = submit_section(
        &q,
        section(&q, "practice"),
        &stored,
        &fields(&[("agreement", "yes"), ("scope", "dont_know")]),
    );
    assert_eq!(alone.answers.get("scope"), Some(&DONT_KNOW));
}

#[test]
fn a_question_that_offers_no_non_answer_refuses_one() {
    let q = fixture();
    let outcome = submit_section(
        &q,
        section(&q, "practice"),
        &Answers::new(),
        &fields(&[("procedure", "dont_know")]),
    );
    assert_eq!(outcome.errors[0].question_id, "procedure");
    assert_eq!(outcome.errors[0].problem, FieldProblem::NotAnOption);
    // Nor does a context question, whatever the file's default.
    let q = offering();
    let facts = submit_section(
        &q,
        section(&q, "about"),
        &Answers::new(),
        &fields(&[("country", "dont_know"), ("staff", "prefer_not_to_say")]),
    );
    let problems: Vec<_> = facts.errors.iter().map(|e| e.problem.clone()).collect();
    assert_eq!(
        problems,
        [FieldProblem::UnknownCountry, FieldProblem::NotANumber]
    );
}

#[test]
fn a_non_answer_reads_back_by_name_and_fills_its_field_again() {
    let q = offering();
    let procedure = q.question("procedure").expect("procedure");
    assert_eq!(display_answer(procedure, &DONT_KNOW, "en"), "Don't know");
    assert_eq!(display_answer(procedure, &DONT_KNOW, "de"), "Weiß nicht");
    let prefer = Answer::NonAnswer(NonAnswer::PreferNotToSay);
    assert_eq!(display_answer(procedure, &prefer, "de"), "Keine Angabe");
    // Stored against a version that does not offer it: still read by name.
    let plain = fixture();
    let old = plain.question("procedure").expect("procedure");
    assert_eq!(display_answer(old, &prefer, "de"), "Prefer not to say");
    let practice = section(&q, "practice");
    let form = SectionForm::from_answers(practice, &answers(&[("procedure", DONT_KNOW)]));
    assert_eq!(form.value("procedure"), "dont_know");
    assert_eq!(form.read(practice).0.get("procedure"), Some(&DONT_KNOW));
}

#[test]
fn a_stored_non_answer_its_question_does_not_offer_is_refused_by_the_checks() {
    // Given against a version that offered it, say, and now checked against one that
    // does not: the form could not send it, but stored or carried answers can hold it.
    let q = fixture();
    let practice = section(&q, "practice");
    let stored: Answers = [("procedure".to_owned(), DONT_KNOW)].into_iter().collect();
    let problems = check_section(&q, practice, &stored);
    assert!(
        problems
            .iter()
            .any(|e| e.question_id == "procedure" && e.problem == FieldProblem::NotAnOption),
        "{problems:?}"
    );
    let q = offering();
    let problems = check_section(&q, section(&q, "practice"), &stored);
    assert!(
        problems.iter().all(|e| e.question_id != "procedure"),
        "{problems:?}"
    );
}
