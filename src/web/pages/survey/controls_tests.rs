//! Every question of the shipped questionnaires drawn on a section page: the control
//! its kind maps to, under the field name the form reader reads.

use askama::Template;

use super::*;
use crate::questionnaire::Catalogue;
use crate::survey::FieldProblem;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::Chrome;
use crate::web::pages::survey::views::SectionPage;

fn page(questions: Vec<QuestionView>) -> String {
    SectionPage {
        chrome: Chrome::respondent(
            crate::web::i18n::ui("en"),
            "Campaign",
            crate::campaigns::Tlp::Amber,
            Vec::new(),
            "token",
        ),
        number: 1,
        total: 1,
        section_title: "Section".to_owned(),
        intro: None,
        action: "/r/x/s/1".to_owned(),
        questions,
        errors: FormErrors::new(),
        not_saved: false,
        preview: None,
        evidence: Default::default(),
        locked: Default::default(),
        notes: Default::default(),
        review_words: crate::web::pages::survey::review_words::review_words("en"),
        reply_max: crate::responses::review::COMMENT_MAX_CHARS,
    }
    .render()
    .expect("the section page renders")
}

/// What the page must hold for `question`'s control.
fn expected(question: &Question) -> String {
    let (id, name) = (question.id(), field_name(question.id()));
    match question.kind() {
        Kind::Level { .. } | Kind::Single { .. } | Kind::Scale { .. } => {
            format!(r#"<input type="radio" name="{name}" value="#)
        }
        Kind::Multi { .. } => format!(r#"<input type="checkbox" name="{name}" value="#),
        Kind::Number { .. } => format!(r#"inputmode="decimal" name="{name}" id="q-{id}""#),
        Kind::Text { max_length, .. } => {
            format!(r#"<textarea name="{name}" id="q-{id}" rows="5" maxlength="{max_length}""#)
        }
        Kind::Country => format!(r#"<select name="{name}" id="q-{id}""#),
        Kind::Matrix(matrix) => {
            let (row, column) = (&matrix.rows()[0], &matrix.columns()[0]);
            format!(
                r#"<select name="{name}.{row}.{column}" id="q-{id}-{row}-{column}" aria-labelledby="q-{id}-row-{row} q-{id}-col-{column}">"#,
                row = row.id(),
                column = column.id()
            )
        }
    }
}

#[test]
fn every_shipped_question_is_drawn_with_its_kinds_control() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let catalogue = Catalogue::load(&dir).expect("the shipped questionnaires load");
    for questionnaire in catalogue.iter() {
        for section in questionnaire.sections() {
            let views = section
                .questions()
                .iter()
                .map(|q| question_view(q, None, None, "en"))
                .collect();
            let html = page(views);
            for question in section.questions() {
                let want = expected(question);
                assert!(html.contains(&want), "{}: {want}", question.id());
            }
        }
    }
}

#[test]
fn a_refused_value_is_shown_again_as_typed_and_an_answer_is_checked() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let catalogue = Catalogue::load(&dir).expect("the shipped questionnaires load");
    let questionnaire = catalogue.get("csirt-le-cooperation-lea").expect("shipped");
    let number = questionnaire
        .questions()
        .find(|q| matches!(q.kind(), Kind::Number { .. }))
        .expect("a number question");
    let refused = FieldError::new(
        number.id(),
        FieldProblem::NotANumber,
        Some("12<".to_owned()),
    );
    let html = page(vec![question_view(number, None, Some(&refused), "en")]);
    assert!(html.contains(r#"value="12&#60;""#), "{html}");
    let single = questionnaire
        .questions()
        .find(|q| matches!(q.kind(), Kind::Single { .. }))
        .expect("a single question");
    let chosen = single.kind().options()[1].value().to_owned();
    let html = page(vec![question_view(
        single,
        Some(&Answer::Choice(chosen.clone())),
        None,
        "en",
    )]);
    assert!(html.contains(&format!(
        r#"value="{chosen}" id="q-{}-{chosen}" checked>"#,
        single.id()
    )));
    assert_eq!(
        error_anchor(questionnaire, single.id()),
        format!("q-{}-{}", single.id(), single.kind().options()[0].value())
    );
}

#[test]
fn a_questions_non_answers_are_drawn_in_its_own_field_and_checked_when_given() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let catalogue = Catalogue::load(&dir).expect("the shipped questionnaires load");
    let maturity = catalogue.get("csirt-maturity").expect("shipped");
    let level = maturity.question("O-1").expect("O-1");
    let dont_know = Answer::NonAnswer(crate::questionnaire::NonAnswer::DontKnow);
    let html = page(vec![question_view(level, Some(&dont_know), None, "en")]);
    assert!(
        html.contains(
            r#"<input type="radio" name="q.O-1" value="dont_know" id="q-O-1-dont_know" checked>"#
        ),
        "{html}"
    );
    assert!(html.contains(r#"<label for="q-O-1-dont_know">Don&#39;t know</label>"#));
    assert!(html.contains(
        r#"<input type="radio" name="q.O-1" value="prefer_not_to_say" id="q-O-1-prefer_not_to_say">"#
    ));
    assert!(!html.contains(r#"value="2" id="q-O-1-2" checked"#));
    // A multi question ticked both ways comes back with every tick, as checkboxes.
    let cooperation = catalogue
        .get("csirt-le-cooperation-csirt")
        .expect("shipped");
    let multi = cooperation.question("rsit-classes").expect("rsit-classes");
    let both = Answer::Choices(vec!["fraud".to_owned(), "dont_know".to_owned()]);
    let html = page(vec![question_view(multi, Some(&both), None, "de")]);
    assert!(html.contains(r#"value="fraud" id="q-rsit-classes-fraud" checked>"#));
    assert!(html.contains(
        r#"<input type="checkbox" name="q.rsit-classes" value="dont_know" id="q-rsit-classes-dont_know" checked>"#
    ));
    assert!(html.contains("Weiß nicht"));
    // A context question offers none.
    let country = cooperation.question("country").expect("country");
    let html = page(vec![question_view(country, None, None, "en")]);
    assert!(!html.contains("dont_know"));
}
