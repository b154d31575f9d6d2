//! Form field names: built and taken apart the same way, and a sub-field that a
//! question's kind does not take ignored like any field of no question.

use super::*;
use crate::survey::{FieldName, SectionForm, field_name, read_section, sub_field_name};

fn named(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

#[test]
fn a_field_name_reads_back_as_its_question_and_sub() {
    assert_eq!(field_name("O-1"), "q.O-1");
    assert_eq!(sub_field_name("roles", "row_2"), "q.roles.row_2");
    assert_eq!(
        FieldName::parse(&field_name("O-1")),
        Some(FieldName {
            question_id: "O-1",
            sub: None
        })
    );
    assert_eq!(
        FieldName::parse(&sub_field_name("roles", "row_2")),
        Some(FieldName {
            question_id: "roles",
            sub: Some("row_2")
        })
    );
}

#[test]
fn the_first_dot_after_the_prefix_ends_the_question_id() {
    // Question ids never hold a dot, so whatever follows the first one is the sub.
    assert_eq!(
        FieldName::parse("q.roles.a.b"),
        Some(FieldName {
            question_id: "roles",
            sub: Some("a.b")
        })
    );
}

#[test]
fn a_name_without_a_question_is_no_question_field() {
    for name in [
        "csrf_token",
        "action",
        "q.",
        "q..x",
        "q.roles.",
        "Q.roles",
        "qroles",
    ] {
        assert_eq!(FieldName::parse(name), None, "{name}");
    }
}

#[test]
fn a_sub_field_of_a_kind_that_takes_none_is_ignored_like_an_unknown_field() {
    let q = fixture();
    let about = section(&q, "about");
    let practice = section(&q, "practice");
    let submitted = named(&[
        ("q.staff.extra", "oops"),
        ("q.country.x", "nowhere"),
        ("q.comment.1", "hidden"),
        ("q.nobody", "x"),
        ("q.staff", "7"),
    ]);
    let (answers, errors) = read_section(&q, about, &submitted);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(answers, super::answers(&[("staff", Answer::Number(7.0))]));
    let form = SectionForm::from_fields(about, &submitted);
    assert_eq!(form.values("staff"), ["7"]);
    assert!(form.fields("staff").sub_values("extra").is_empty());
    assert_eq!(form.values("country"), Vec::<String>::new());
    assert_eq!(form.values("comment"), Vec::<String>::new());
    // A multi question's several values come through its own field, never a sub-field.
    let boxes = named(&[("q.scope.data", "data"), ("q.scope", "contacts")]);
    let (answers, errors) = read_section(&q, practice, &boxes);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        answers,
        super::answers(&[("scope", choices(&["contacts"]))])
    );
}

#[test]
fn an_unreadable_sub_field_of_a_kind_that_takes_none_belongs_to_no_question() {
    let q = fixture();
    let about = section(&q, "about");
    let mut outcome = crate::survey::submit_section(&q, about, &Answers::new(), &[]);
    let before = outcome.errors.clone();
    let elsewhere = outcome.refuse_unreadable(about, &["q.staff.extra".to_owned()]);
    assert!(elsewhere, "reported as a field of no question");
    assert_eq!(outcome.errors, before, "no question refused for it");
    assert!(!outcome.refuse_unreadable(about, &["q.staff".to_owned()]));
    assert!(
        outcome
            .errors
            .iter()
            .any(|e| e.question_id == "staff" && e.problem == crate::survey::FieldProblem::NotText)
    );
}
