//! Section forms a browser would not send, over HTTP: a body that is not UTF-8, several
//! values for a question that takes one, numbers beyond any sane range. Each gets the
//! section page again (422) naming the question, with the other answers kept.

use super::COOPERATION;
use crate::helpers::csrf_token;
use crate::helpers::spawn_app;
use crate::respondent::{Respondent, invite};

/// Posts `encoded` (already url-encoded, possibly not UTF-8) to section 1 with the form's token.
async fn post_raw(r: &Respondent, encoded: &[u8]) -> reqwest::Response {
    let html = r.text("/s/1").await;
    let token = csrf_token(&html).expect("a CSRF field");
    let mut body = serde_urlencoded::to_string([("csrf_token", token)])
        .expect("encoded")
        .into_bytes();
    body.push(b'&');
    body.extend_from_slice(encoded);
    r.client
        .post(format!("{}{}/s/1", r.address, r.path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("sent")
}

/// The refused page: 422, HTML, with a field error for `question`, returned whole.
async fn refused_page(response: reqwest::Response, question: &str) -> String {
    assert_eq!(response.status(), 422);
    let html_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    assert!(html_type, "an HTML page");
    let html = response.text().await.expect("html");
    assert!(html.contains("id=\"error-summary\""), "{html}");
    assert!(
        html.contains(&format!("id=\"q-{question}-error\"")),
        "{html}"
    );
    html
}

#[tokio::test]
async fn an_answer_that_is_not_utf8_is_named_on_the_section_page_not_replaced() {
    let app = spawn_app().await;
    let r = invite(&app, COOPERATION, "csirt", "en").await;
    let sent = post_raw(
        &r,
        b"q.country=AT&q.team-size=12&q.context-comment=caf%E9+%FF&action=next",
    )
    .await;
    let html = refused_page(sent, "context-comment").await;
    assert!(
        html.contains("This answer could not be read (it was not sent as UTF-8 text)"),
        "{html}"
    );
    assert!(!html.contains('\u{FFFD}'), "no replacement characters");
    assert!(html.contains("value=\"12\""), "the typed number is kept");
    assert!(
        html.contains("value=\"AT\" selected"),
        "the country is kept"
    );

    // A field that belongs to no question is still reported, on the same page.
    let sent = post_raw(&r, b"q.country=AT&%FF=1&action=next").await;
    assert_eq!(sent.status(), 422);
    let html = sent.text().await.expect("html");
    assert!(html.contains("could not be read"), "{html}");
    assert_eq!(r.get("/s/2").await.status(), 200, "the link still works");
}

#[tokio::test]
async fn several_values_for_a_question_that_takes_one_are_refused_naming_it() {
    let app = spawn_app().await;
    let r = invite(&app, COOPERATION, "csirt", "en").await;
    let sent = r
        .post(
            "/s/1",
            &[
                ("q.country", "AT"),
                ("q.team-size", "12"),
                ("q.team-size", "13"),
                ("q.context-comment", "first"),
                ("action", "next"),
            ],
        )
        .await;
    let html = refused_page(sent, "team-size").await;
    assert!(
        html.contains("Give only one answer to this question."),
        "{html}"
    );
    assert!(
        html.contains("value=\"12\""),
        "what was typed first is shown again"
    );
    assert!(html.contains(">first</textarea>"), "other answers are kept");

    let sent = r
        .post(
            "/s/1",
            &[("q.country", "AT"), ("q.country", "DE"), ("action", "save")],
        )
        .await;
    refused_page(sent, "country").await;
}

#[tokio::test]
async fn numbers_beyond_a_sane_range_are_refused_even_without_a_declared_maximum() {
    let app = spawn_app().await;
    let r = invite(&app, COOPERATION, "csirt", "en").await;
    let huge = format!("1{}", "0".repeat(300));
    for (typed, message) in [
        (
            huge.as_str(),
            "Enter a number no larger than 1000000000000.",
        ),
        ("1e400", "Enter a number, for example 12 or 2.5."),
        (&"9".repeat(400), "Enter a number, for example 12 or 2.5."),
    ] {
        let sent = r
            .post(
                "/s/1",
                &[
                    ("q.country", "AT"),
                    ("q.team-size", typed),
                    ("action", "next"),
                ],
            )
            .await;
        let html = refused_page(sent, "team-size").await;
        assert!(html.contains(message), "{typed}: {html}");
    }
    let sent = r
        .post(
            "/s/1",
            &[
                ("q.country", "AT"),
                ("q.team-size", "250"),
                ("action", "next"),
            ],
        )
        .await;
    assert_eq!(sent.status(), 303, "an ordinary number is taken");
}
