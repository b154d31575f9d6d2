//! A colleague's forged posts that reach past what their section page offers: evidence,
//! which stays with the contact, and answers to questions a `show_if` hides.

use super::{colleague, delegate};
use crate::helpers::{first_values, spawn_app};
use crate::respondent::invite;
use crate::survey::stored_answers;

const COOPERATION: &[&str] = &["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"];

#[tokio::test]
async fn a_forged_evidence_button_saves_the_section_and_opens_no_evidence_page() {
    let app = spawn_app().await;
    let r = invite(&app, COOPERATION, "csirt", "en").await;
    delegate(&r, "deputy@team.example.org", &["3"]).await;
    let c = colleague(&app, &r, "deputy@team.example.org");
    let page = c.text("/s/3").await;
    assert!(!page.contains("evidence:"), "no evidence button: {page}");
    let mut fields = first_values(&page);
    let question = fields[0].0.trim_start_matches("q.").to_owned();
    fields.push(("action".into(), format!("evidence:{question}")));
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let saved = c.post("/s/3", &borrowed).await;
    assert_eq!(saved.status(), 303);
    assert_eq!(
        saved.headers()["location"],
        format!("{}/s/3", c.path).as_str()
    );
    assert!(stored_answers(&app, &r).await.contains_key(&question));
    assert_eq!(c.get(&format!("/evidence/{question}")).await.status(), 404);
    let upload = c
        .post(&format!("/evidence/{question}"), &[("note", "forged")])
        .await;
    assert_eq!(upload.status(), 404);
}

#[tokio::test]
async fn a_colleagues_answer_to_a_question_show_if_hides_is_discarded() {
    let app = spawn_app().await;
    let r = invite(&app, COOPERATION, "csirt", "en").await;
    delegate(&r, "deputy@team.example.org", &["3"]).await;
    let c = colleague(&app, &r, "deputy@team.example.org");
    let html = c.text("/s/3").await;
    assert!(
        !html.contains("q.agreement-scope"),
        "hidden without agreement"
    );
    let mut fields = first_values(&html);
    fields.retain(|(n, _)| n != "q.written-agreement");
    fields.push(("q.written-agreement".into(), "none".into()));
    fields.push(("q.agreement-scope".into(), "handling".into()));
    fields.push(("action".into(), "save".into()));
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(c.post("/s/3", &borrowed).await.status(), 303);
    let stored = stored_answers(&app, &r).await;
    assert!(stored.contains_key("written-agreement"));
    assert!(!stored.contains_key("agreement-scope"));
}
