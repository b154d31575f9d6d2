//! A matrix question read from one field per cell, checked, shown again and displayed.

use super::*;
use crate::survey::{FieldProblem, SectionForm, check_section, display_answer, read_section};

fn grid() -> Questionnaire {
    crate::questionnaire::fixtures::matrix_questionnaire("grid", "any")
}

fn cells(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(cell, value)| (format!("q.sod.{cell}"), (*value).to_owned()))
        .collect()
}

fn read(pairs: &[(&str, &str)]) -> (Answers, Vec<crate::survey::FieldError>) {
    let q = grid();
    read_section(&q, section(&q, "who"), &cells(pairs))
}

#[test]
fn each_cell_is_read_from_its_own_field_and_stray_cells_are_ignored() {
    let (answers, errors) = read(&[
        ("collect.csirt", "responsible"),
        ("judge.court", " dont_know "),
        ("judge.police", "responsible"),
        ("nothing", "responsible"),
        ("collect.court", ""),
    ]);
    assert!(errors.is_empty(), "{errors:?}");
    let Some(Answer::Cells(got)) = answers.get("sod") else {
        panic!("no cells in {answers:?}");
    };
    assert_eq!(got.len(), 2);
    assert_eq!(
        got["collect"].get("csirt").map(String::as_str),
        Some("responsible")
    );
    assert_eq!(
        got["collect"].get("court"),
        None,
        "a blank cell is no answer"
    );
    assert_eq!(
        got["judge"].get("court").map(String::as_str),
        Some("dont_know")
    );
    let json = serde_json::to_string(&answers["sod"]).expect("json");
    assert_eq!(
        json,
        r#"{"cells":{"collect":{"csirt":"responsible"},"judge":{"court":"dont_know"}}}"#
    );
}

#[test]
fn a_value_that_is_no_choice_or_a_cell_sent_twice_is_refused() {
    let (answers, errors) = read(&[("collect.csirt", "accountable")]);
    assert_eq!(errors[0].problem, FieldProblem::NotAnOption);
    assert_eq!(errors[0].raw.as_deref(), Some("accountable"));
    assert!(answers.is_empty());
    let (_, errors) = read(&[
        ("collect.csirt", "responsible"),
        ("collect.csirt", "dont_know"),
    ]);
    assert_eq!(errors[0].problem, FieldProblem::SeveralValues);
}

#[test]
fn a_required_matrix_needs_every_cell_and_says_how_many_are_left() {
    let q = grid();
    let who = section(&q, "who");
    let (answers, _) = read(&[("collect.csirt", "responsible")]);
    let errors = check_section(&q, who, &answers);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].problem, FieldProblem::CellsLeft(3));
    assert!(
        errors[0].message("en").contains("3 are still blank"),
        "{}",
        errors[0].message("en")
    );
    assert!(errors[0].message("de").contains("3 sind noch leer"));
    let (none, _) = read(&[]);
    assert_eq!(
        check_section(&q, who, &none)[0].problem,
        FieldProblem::Required
    );
    let all = [
        ("collect.csirt", "responsible"),
        ("collect.court", "dont_know"),
        ("judge.csirt", "dont_know"),
        ("judge.court", "responsible"),
    ];
    let (full, _) = read(&all);
    assert!(check_section(&q, who, &full).is_empty());
}

#[test]
fn stored_cells_fill_the_form_again_and_read_as_labels() {
    let q = grid();
    let who = section(&q, "who");
    let (answers, _) = read(&[
        ("collect.csirt", "responsible"),
        ("judge.court", "dont_know"),
    ]);
    let form = SectionForm::from_answers(who, &answers);
    assert_eq!(
        form.fields("sod").sub_values("collect.csirt"),
        ["responsible"]
    );
    assert_eq!(form.read(who).0, answers);
    let question = q.question("sod").expect("sod");
    assert_eq!(
        display_answer(question, &answers["sod"], "de"),
        "Sammeln: CSIRT Verantwortlich; Urteilen: Gericht Weiß nicht"
    );
}
