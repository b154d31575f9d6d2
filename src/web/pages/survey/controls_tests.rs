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
