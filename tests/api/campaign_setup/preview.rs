//! The questionnaire preview: every section of every shipped questionnaire in every
//! language, drawn as the respondent's section page, with no form that could send answers.

use liaison::accounts::Role;
use liaison::questionnaire::Catalogue;

use crate::helpers::{client, escaped, shipped_questionnaires, spawn_app};

/// How many times `needle` occurs in `haystack`.
fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[tokio::test]
async fn every_section_of_every_questionnaire_previews_in_every_language_without_a_form() {
    let app = spawn_app().await;
    // Any analyst, even one with no campaign at all.
    let analyst = app.logged_in(Role::Analyst, &[]).await;
    let catalogue = Catalogue::load(&shipped_questionnaires()).expect("the shipped questionnaires");
    let mut pages = 0;
    for questionnaire in catalogue.iter() {
        let id = questionnaire.id();
        for language in questionnaire.languages() {
            let base = format!("/questionnaires/{id}/preview");
            let overview = analyst.page(&format!("{base}?lang={language}")).await;
            assert!(
                overview.contains(&format!(r#"<html lang="{language}">"#)),
                "{id}"
            );
            assert!(overview.contains("Preview — nothing is saved."), "{id}");
            let total = questionnaire.sections().len();
            assert_eq!(count(&overview, r#"id="preview-section-"#), total, "{id}");
            for (i, section) in questionnaire.sections().iter().enumerate() {
                let n = i + 1;
                let path = format!("{base}/s/{n}?lang={language}");
                let page = analyst.page(&path).await;
                pages += 1;
                assert!(page.contains(r#"id="preview-banner""#), "{path}");
                assert!(!page.contains("<form"), "{path}: a form");
                assert!(!page.contains("csrf_token"), "{path}");
                assert!(!page.contains("<button"), "{path}");
                let title = section.title().get(language);
                assert!(page.contains(&escaped(title)), "{path}: {title}");
                // Every question of the section, a conditional one included.
                assert_eq!(
                    count(&page, r#"<div class="question"#),
                    section.questions().len(),
                    "{path}"
                );
                for question in section.questions() {
                    let anchor = format!(r#"id="question-{}""#, question.id());
                    assert!(page.contains(&anchor), "{path}: {}", question.id());
                }
                let next = if n == total {
                    format!(r#"href="{base}?lang={language}" id="next""#)
                } else {
                    format!(r#"href="{base}/s/{}?lang={language}" id="next""#, n + 1)
                };
                assert!(page.contains(&next), "{path}: {next}");
                for other in questionnaire.languages() {
                    if other != language {
                        let switch = format!(r#"href="{base}/s/{n}?lang={other}""#);
                        assert!(page.contains(&switch), "{path}: {other}");
                    }
                }
            }
        }
    }
    assert!(pages > 20, "{pages}");
}

#[tokio::test]
async fn a_preview_wants_a_login_and_a_loaded_questionnaire_and_section() {
    let app = spawn_app().await;
    let anonymous = client()
        .get(format!(
            "{}/questionnaires/csirt-maturity/preview",
            app.address
        ))
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 303);
    let analyst = app.logged_in(Role::Analyst, &[]).await;
    for path in [
        "/questionnaires/no-such/preview",
        "/questionnaires/csirt-maturity/preview/s/0",
        "/questionnaires/csirt-maturity/preview/s/99",
        "/questionnaires/csirt-maturity/preview/s/x",
    ] {
        let missing = analyst.fetch(path).await;
        assert_eq!(missing.status(), 404, "{path}");
        let page = missing.text().await.expect("a body");
        assert!(page.starts_with("<!doctype html>"), "{path}: {page}");
    }
    // A language the questionnaire lacks shows its first.
    let page = analyst
        .page("/questionnaires/csirt-maturity/preview/s/1?lang=fr")
        .await;
    assert!(page.contains(r#"<html lang="en">"#));
    // Nothing was started or saved.
    use diesel::prelude::*;
    let responses: i64 = liaison::storage::schema::responses::table
        .count()
        .get_result(&mut app.db.conn())
        .expect("counted");
    assert_eq!(responses, 0);
}
