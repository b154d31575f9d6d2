//! Every kind of question read from form fields, and every unreadable value refused with its raw text.

use super::*;
use crate::questionnaire::{Kind, Matrix, Question};
use crate::survey::{FieldError, FieldProblem, SectionForm, read_section, sub_field_name};

fn read(section_id: &str, pairs: &[(&str, &str)]) -> (Answers, Vec<FieldError>) {
    let q = fixture();
    read_section(&q, section(&q, section_id), &fields(pairs))
}

fn refused(section_id: &str, pairs: &[(&str, &str)]) -> (Answers, FieldError) {
    let (answers, mut errors) = read(section_id, pairs);
    assert_eq!(errors.len(), 1, "one problem expected: {errors:?}");
    (answers, errors.remove(0))
}

#[test]
fn a_level_answer_is_read_as_its_level() {
    let (answers, errors) = read("practice", &[("procedure", "3")]);
    assert!(errors.is_empty());
    assert_eq!(answers, super::answers(&[("procedure", choice("3"))]));
}

#[test]
fn a_single_answer_is_read_as_its_option_value() {
    let (answers, errors) = read("practice", &[("agreement", " dont-know ")]);
    assert!(errors.is_empty());
    assert_eq!(answers.get("agreement"), Some(&choice("dont-know")));
}

#[test]
fn a_multi_answer_keeps_option_order_without_duplicates() {
    let pairs = [
        ("scope", "training"),
        ("scope", "data"),
        ("scope", "training"),
    ];
    let (answers, errors) = read("practice", &pairs);
    assert!(errors.is_empty());
    assert_eq!(answers.get("scope"), Some(&choices(&["data", "training"])));
}

#[test]
fn a_country_code_is_upper_cased() {
    let (answers, errors) = read("about", &[("country", " at ")]);
    assert!(errors.is_empty());
    assert_eq!(answers.get("country"), Some(&choice("AT")));
}

#[test]
fn a_scale_answer_is_read_as_a_whole_number() {
    for (raw, n) in [("1", 1.0), ("5", 5.0), ("4.0", 4.0), ("3,0", 3.0)] {
        let (answers, errors) = read("practice", &[("trust", raw)]);
        assert!(errors.is_empty(), "{raw}: {errors:?}");
        assert_eq!(answers.get("trust"), Some(&Answer::Number(n)), "{raw}");
    }
}

#[test]
fn a_number_accepts_a_decimal_point_or_a_decimal_comma() {
    for (raw, n) in [
        ("12", 12.0),
        ("12.5", 12.5),
        ("12,5", 12.5),
        (" -3 ", -3.0),
        (",5", 0.5),
    ] {
        let (answers, errors) = read("about", &[("staff", raw)]);
        assert!(errors.is_empty(), "{raw}: {errors:?}");
        assert_eq!(answers.get("staff"), Some(&Answer::Number(n)), "{raw}");
    }
}

#[test]
fn a_text_answer_is_trimmed_with_one_character_per_line_break() {
    let (answers, errors) = read("about", &[("comment", "  two\r\nlines \n")]);
    assert!(errors.is_empty());
    assert_eq!(
        answers.get("comment"),
        Some(&Answer::Text("two\nlines".to_owned()))
    );
}

#[test]
fn a_question_without_a_field_or_with_only_blanks_has_no_answer() {
    let pairs = [("country", ""), ("staff", "   "), ("comment", " \r\n ")];
    let (answers, errors) = read("about", &pairs);
    assert!(errors.is_empty());
    assert!(answers.is_empty());
    let (answers, errors) = read("practice", &[("scope", ""), ("scope", "")]);
    assert!(errors.is_empty());
    assert!(answers.is_empty());
}

#[test]
fn fields_of_other_sections_and_other_controls_are_ignored() {
    let q = fixture();
    let mut submitted = fields(&[("country", "DE"), ("procedure", "2")]);
    submitted.push(("csrf".to_owned(), "token".to_owned()));
    submitted.push(("country".to_owned(), "FR".to_owned()));
    let (answers, errors) = read_section(&q, section(&q, "about"), &submitted);
    assert!(errors.is_empty());
    assert_eq!(answers, super::answers(&[("country", choice("DE"))]));
}

#[test]
fn a_value_that_is_not_an_option_is_refused_with_its_raw_text() {
    for (id, raw) in [("procedure", "5"), ("agreement", "maybe")] {
        let (answers, error) = refused("practice", &[(id, raw)]);
        assert!(answers.is_empty());
        let expected = FieldError::new(id, FieldProblem::NotAnOption, Some(raw.to_owned()));
        assert_eq!(error, expected);
    }
}

#[test]
fn one_unknown_box_refuses_the_whole_multi_answer() {
    let (answers, error) = refused("practice", &[("scope", "data"), ("scope", "<b>x</b>")]);
    assert!(!answers.contains_key("scope"));
    assert_eq!(error.problem, FieldProblem::NotAnOption);
    assert_eq!(error.raw.as_deref(), Some("<b>x</b>"));
}

#[test]
fn an_unknown_country_is_refused_with_its_raw_text() {
    for raw in ["UK", "Austria", "XX", "AUT"] {
        let (answers, error) = refused("about", &[("country", raw), ("staff", "3")]);
        assert_eq!(error.problem, FieldProblem::UnknownCountry, "{raw}");
        assert_eq!(error.raw.as_deref(), Some(raw));
        assert_eq!(answers, super::answers(&[("staff", Answer::Number(3.0))]));
    }
}

#[test]
fn a_number_that_cannot_be_read_is_refused_with_its_raw_text() {
    for raw in [
        "twelve",
        "12 people",
        "1.2.3",
        "1,000.5",
        "1e3",
        "inf",
        "NaN",
        "-",
        ".",
    ] {
        let (answers, error) = refused("about", &[("staff", raw)]);
        assert!(answers.is_empty(), "{raw}");
        let expected = FieldError::new("staff", FieldProblem::NotANumber, Some(raw.to_owned()));
        assert_eq!(error, expected);
    }
}

#[test]
fn a_scale_needs_a_whole_number_within_its_range() {
    let cases = [
        ("3.5", FieldProblem::NotAWholeNumber),
        ("0", FieldProblem::BelowMin(1.0)),
        ("6", FieldProblem::AboveMax(5.0)),
        ("high", FieldProblem::NotANumber),
    ];
    for (raw, problem) in cases {
        let (answers, error) = refused("practice", &[("trust", raw)]);
        assert!(answers.is_empty(), "{raw}");
        assert_eq!(
            error,
            FieldError::new("trust", problem, Some(raw.to_owned()))
        );
    }
}

#[test]
fn a_number_outside_its_range_is_read_and_left_to_the_check() {
    let (answers, errors) = read("about", &[("staff", "150")]);
    assert!(errors.is_empty());
    assert_eq!(answers.get("staff"), Some(&Answer::Number(150.0)));
}

#[test]
fn the_form_keeps_what_was_entered_for_showing_the_page_again() {
    let q = fixture();
    let submitted = fields(&[("staff", "1,5"), ("scope", "contacts"), ("scope", "data")]);
    let form = SectionForm::from_fields(section(&q, "practice"), &submitted);
    assert_eq!(form.value("staff"), "", "not a question of this section");
    assert_eq!(form.values("scope"), ["contacts", "data"]);
    assert!(form.is_selected("scope", "data"));
    assert!(!form.is_selected("scope", "training"));
    let form = SectionForm::from_fields(section(&q, "about"), &submitted);
    assert_eq!(form.value("staff"), "1,5");
}

#[test]
fn the_form_shows_stored_answers_again_and_reads_them_back() {
    let q = fixture();
    let stored = complete();
    for s in q.sections() {
        let form = SectionForm::from_answers(s, &stored);
        let (answers, errors) = form.read(s);
        assert!(errors.is_empty(), "{errors:?}");
        let expected: Answers = stored
            .iter()
            .filter(|(id, _)| s.questions().iter().any(|q| q.id() == id.as_str()))
            .map(|(id, a)| (id.clone(), a.clone()))
            .collect();
        assert_eq!(answers, expected);
    }
    assert_eq!(
        SectionForm::from_answers(section(&q, "about"), &stored).value("staff"),
        "12.5"
    );
}

/// The fields a browser could send for `question`: its own, or one per matrix cell.
fn valid_fields(question: &Question) -> Vec<(String, String)> {
    let own = |value: String| vec![(format!("q.{}", question.id()), value)];
    match question.kind() {
        Kind::Level { options } | Kind::Single { options } | Kind::Multi { options, .. } => {
            own(options.last().expect("options").value().to_owned())
        }
        Kind::Scale { max, .. } => own(max.to_string()),
        Kind::Number { min, .. } => own(format!("{}", min.unwrap_or(0.0) + 1.5).replace('.', ",")),
        Kind::Text { .. } => own("Noted.".to_owned()),
        Kind::Country => own("de".to_owned()),
        Kind::Matrix(matrix) => {
            let last = matrix.choices().last().expect("choices").value();
            matrix
                .rows()
                .iter()
                .flat_map(|r| matrix.columns().iter().map(move |c| (r, c)))
                .map(|(r, c)| {
                    (
                        sub_field_name(question.id(), &Matrix::cell_sub(r.id(), c.id())),
                        last.to_owned(),
                    )
                })
                .collect()
        }
    }
}

#[test]
fn every_question_of_the_shipped_questionnaires_can_be_answered() {
    for id in [
        "csirt-maturity",
        "csirt-le-cooperation-csirt",
        "csirt-le-cooperation-lea",
        "csirt-le-cooperation-judiciary",
    ] {
        let q = shipped(id);
        for s in q.sections() {
            let submitted: Vec<(String, String)> =
                s.questions().iter().flat_map(valid_fields).collect();
            let (answers, errors) = read_section(&q, s, &submitted);
            assert!(errors.is_empty(), "{id}/{}: {errors:?}", s.id());
            assert_eq!(answers.len(), s.questions().len(), "{id}/{}", s.id());
        }
    }
}

#[test]
fn several_values_for_a_question_that_takes_one_are_refused_not_picked_from() {
    for (section_id, id, first, second) in [
        ("practice", "agreement", "yes", "no"),
        ("practice", "procedure", "1", "3"),
        ("practice", "trust", "2", "4"),
        ("about", "staff", "12", "13"),
        ("about", "comment", "short", "other"),
        ("about", "country", "AT", "DE"),
    ] {
        let (answers, error) = refused(section_id, &[(id, first), (id, second)]);
        assert_eq!(error.question_id, id);
        assert_eq!(error.problem, FieldProblem::SeveralValues, "{id}");
        assert_eq!(error.raw.as_deref(), Some(first), "{id}");
        assert!(!answers.contains_key(id), "{id}: no value kept");
    }
    // A blank second value is no second answer.
    let (answers, errors) = read("about", &[("staff", "12"), ("staff", " ")]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(answers.get("staff"), Some(&Answer::Number(12.0)));
}

#[test]
fn numbers_beyond_any_range_or_with_exponents_are_not_numbers() {
    for raw in ["1e400", "1E5", &"9".repeat(400), "inf", "NaN", "-1e400"] {
        let (_, error) = refused("about", &[("staff", raw)]);
        assert_eq!(error.problem, FieldProblem::NotANumber, "{raw}");
    }
}
