//! The API: the same wordings, changes and previews as the page, as JSON.

use liaison::accounts::Role;
use reqwest::Method;
use serde_json::{Value, json};

use super::{OPENING, SUBJECT, assert_nothing_saved, audited, campaign, text, texts};
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_api_lists_changes_and_previews_the_wordings() {
    let app = spawn_app().await;
    let campaign = campaign(&app).await;
    let path = format!("/campaigns/{campaign}/mail-texts");

    let listed = texts(&app, campaign).await;
    assert_eq!(
        listed.len(),
        4,
        "two kinds in English and German: {listed:?}"
    );
    let reminder = text(&listed, "reminder", "en");
    assert_eq!(
        reminder["subject"],
        "Reminder: {campaign} — {questionnaire}"
    );
    assert_eq!(reminder["custom"], false);

    let body =
        json!([{"kind": "reminder", "language": "en", "subject": SUBJECT, "opening": OPENING}]);
    let saved = app.api(Method::PUT, &path, Some(body)).await;
    assert_eq!(saved.status(), 200);
    let saved: Vec<Value> = saved.json().await.expect("json");
    assert_eq!(text(&saved, "reminder", "en")["custom"], true);
    assert_eq!(text(&saved, "reminder", "en")["opening"], OPENING);
    assert_eq!(text(&saved, "invitation", "en")["custom"], false);
    assert_eq!(
        audited(&app, "mail_texts.save"),
        [(
            "admin@test.invalid".to_owned(),
            format!("campaign:{campaign}"),
            Some("reminder/en: custom".to_owned())
        )]
    );

    // The shipped text sent back returns the wording to it.
    let shipped = json!([{"kind": "reminder", "language": "en",
        "subject": "Reminder: {campaign} — {questionnaire}",
        "opening": text(&listed, "reminder", "en")["opening"]}]);
    let back: Vec<Value> = app
        .api(Method::PUT, &path, Some(shipped))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(text(&back, "reminder", "en")["custom"], false);

    let preview = app
        .post_api(
            &format!("{path}/preview"),
            json!({"kind": "invitation", "language": "en", "subject": SUBJECT, "opening": OPENING}),
        )
        .await;
    assert_eq!(preview.status(), 200);
    let mail: Value = preview.json().await.expect("json");
    assert_eq!(
        mail["subject"],
        "Cooperation 2027: we would value your view, Alex Example"
    );
    assert_eq!(mail["audience"], "csirt");
    let text_part = mail["text"].as_str().expect("text");
    assert!(
        text_part
            .contains("Dear colleagues at Example organisation,\n\nTest Network Secretariat asks"),
        "{text_part}"
    );
    assert!(text_part.contains("TLP:GREEN"));
    assert!(
        mail["html"]
            .as_str()
            .expect("html")
            .contains("<p>Dear colleagues at Example organisation,</p>")
    );
    assert_eq!(
        text(&texts(&app, campaign).await, "invitation", "en")["custom"],
        false
    );
}

#[tokio::test]
async fn refused_wordings_get_400_with_every_problem_by_field_and_change_nothing() {
    let app = spawn_app().await;
    let campaign = campaign(&app).await;
    let path = format!("/campaigns/{campaign}/mail-texts");
    let body = json!([
        {"kind": "invitation", "language": "en", "subject": "", "opening": "Line\u{7}"},
        {"kind": "reminder", "language": "fr", "subject": "S", "opening": "O"},
        {"kind": "receipt", "language": "en", "subject": "S", "opening": "O"},
    ]);
    let refused = app.api(Method::PUT, &path, Some(body)).await;
    assert_eq!(refused.status(), 400);
    let refused: Value = refused.json().await.expect("json");
    assert_eq!(
        refused["fields"],
        json!([
            {"field": "invitation.en.subject", "reason": "enter a subject"},
            {"field": "invitation.en.opening", "reason": "contains a control character (U+0007) in line 1 at character 5; remove it"},
            {"field": null, "reason": "language \"fr\" is not one of this campaign's mail languages (en, de)"},
            {"field": null, "reason": "unknown kind \"receipt\" (expected invitation or reminder)"},
        ])
    );
    let twice = json!([
        {"kind": "invitation", "language": "en", "subject": "A", "opening": "B"},
        {"kind": "invitation", "language": "en", "subject": "C", "opening": "D"},
    ]);
    assert_eq!(app.api(Method::PUT, &path, Some(twice)).await.status(), 400);
    let not_a_list = app
        .api(Method::PUT, &path, Some(json!({"kind": "invitation"})))
        .await;
    assert_eq!(not_a_list.status(), 400);
    let preview = app
        .post_api(
            &format!("{path}/preview"),
            json!({"kind": "invitation", "language": "en", "subject": "A\nB", "opening": "O"}),
        )
        .await;
    assert_eq!(preview.status(), 400);
    assert_nothing_saved(&app, campaign).await;
}

#[tokio::test]
async fn another_analysts_campaign_answers_404_on_every_mail_text_route() {
    let app = spawn_app().await;
    let (theirs, other) = (campaign(&app).await, app.new_campaign("Other").await);
    let token = app
        .add_analyst("ana@example.org", Role::Analyst, &[theirs])
        .api_token;
    let input = json!({"kind": "invitation", "language": "en", "subject": "S", "opening": "O"});
    for (method, path, body) in [
        (Method::GET, "/mail-texts", None),
        (Method::PUT, "/mail-texts", Some(json!([input.clone()]))),
        (Method::POST, "/mail-texts/preview", Some(input.clone())),
    ] {
        for (id, status) in [(other, 404), (theirs, 200)] {
            let mut request = app
                .client
                .request(
                    method.clone(),
                    format!("{}/api/v1/campaigns/{id}{path}", app.address),
                )
                .bearer_auth(&token);
            if let Some(body) = &body {
                request = request.json(body);
            }
            let answer = request.send().await.expect("sent");
            assert_eq!(answer.status(), status, "{method} {path} on {id}");
        }
    }
}
