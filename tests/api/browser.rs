//! End to end in headless Chromium: from the invitation mail that reached a real
//! SMTP server, through the survey pages, to the result page and its radar chart.

mod driver;

use std::time::Duration;

use diesel::prelude::*;
use liaison::mail::{Mailer, RetryPolicy, send_pending};
use liaison::storage::schema::responses;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app_with};
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;
use driver::Browser;

#[tokio::test]
async fn the_browser_harness_reads_the_health_page() {
    let Some(browser) = driver::launch().await else {
        return;
    };
    let app = spawn_app_with(TestDb::sqlite(), |_| {}).await;
    browser.goto(&format!("{}/health", app.address)).await;
    let body = browser.text_of("body").await;
    eprintln!("health page: {body:?}");
    assert!(!body.is_empty());
    browser.quit().await;
}

#[tokio::test]
async fn a_respondent_answers_through_the_browser_from_the_invitation_mail_to_the_result() {
    let Some(browser) = driver::launch().await else {
        return;
    };
    let smtp = TestSmtp::start();
    let app = spawn_app_with(TestDb::sqlite(), |s| s.smtp_url = smtp.url()).await;
    let link = invitation_link(&app, &smtp).await;

    // The first visit: two sections, then "save and continue later".
    browser.goto(&link).await;
    browser.click("#start").await;
    assert_eq!(browser.path().await, format!("{}/s/1", path_of(&link)));
    answer_every_question(&browser, None).await;
    browser.click("#next").await;
    assert_eq!(browser.path().await, format!("{}/s/2", path_of(&link)));
    answer_every_question(&browser, None).await;
    browser.click("#save").await;
    assert!(
        browser.is_visible("#saved-notice").await,
        "no saved notice on {}",
        browser.describe().await
    );

    // Away and back with the same link: the survey goes on where it stopped.
    browser.goto("about:blank").await;
    browser.goto(&link).await;
    browser.click("#start").await;
    assert_eq!(browser.path().await, format!("{}/s/3", path_of(&link)));

    // One question left out: the page says which and keeps the other answers.
    let skipped = answer_every_question(&browser, Some(2)).await;
    browser.click("#next").await;
    assert_eq!(browser.path().await, format!("{}/s/3", path_of(&link)));
    for shown in [
        "#error-summary".to_owned(),
        format!("#{}-error", skipped.id),
    ] {
        assert!(
            browser.is_visible(&shown).await,
            "{shown} not shown on {}",
            browser.describe().await
        );
    }
    assert_answers_kept(&browser, &skipped).await;
    browser
        .find(&skipped.radio(2))
        .await
        .click()
        .await
        .expect("a click");
    browser.click("#next").await;
    assert_eq!(browser.path().await, format!("{}/s/4", path_of(&link)));
    answer_every_question(&browser, None).await;
    browser.click("#next").await;

    // Review, submit, result.
    assert_eq!(browser.path().await, format!("{}/review", path_of(&link)));
    browser.click("#submit").await;
    assert_eq!(browser.path().await, format!("{}/result", path_of(&link)));
    let tier = browser.text_of("#tier").await;
    assert!(!tier.trim().is_empty(), "{}", browser.describe().await);
    assert_radar_loaded(&browser, &app).await;
    browser.quit().await;

    let mut conn = app.db.conn();
    let states: Vec<String> = responses::table
        .select(responses::state)
        .load(&mut *conn)
        .expect("the responses");
    assert_eq!(states, ["submitted"]);
}

/// A campaign with one CSIRT invited and the mail delivered: the link in it,
/// pointed at the test app (the mail's base URL has no port).
async fn invitation_link(app: &TestApp, smtp: &TestSmtp) -> String {
    let created = app
        .post_api(
            "/campaigns",
            json!({"name": "Maturity 2027", "questionnaires": ["csirt-maturity"], "closes_on": "2099-01-31"}),
        )
        .await;
    assert_eq!(created.status(), 201);
    let id = created.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("an id");
    let participant = json!([{"email": "desk@csirt-a.example.org", "name": "Incident Desk",
        "organisation": "CSIRT A", "type": "csirt", "country": "AT", "language": "en"}]);
    let imported = app
        .post_api(&format!("/campaigns/{id}/participants"), participant)
        .await;
    assert_eq!(imported.status(), 200);
    let invited = app
        .post_api(&format!("/campaigns/{id}/invitations"), json!(null))
        .await;
    assert_eq!(invited.status(), 200);
    deliver(&app.db, smtp);
    let mail = smtp.wait_for(1, Duration::from_secs(10))[0].parse();
    let start = mail.text.find("/r/").expect("a link in the mail");
    let path: String = mail.text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != ')')
        .collect();
    format!("{}{path}", app.address)
}

fn deliver(db: &TestDb, smtp: &TestSmtp) {
    let mailer =
        Mailer::from_settings(&smtp.url(), "Liaison <liaison@test.invalid>").expect("a mailer");
    let policy = RetryPolicy {
        max_attempts: 3,
        first_retry: chrono::Duration::seconds(1),
    };
    let report = send_pending(&db.pool(), &mailer, &policy, None, &|_| {}).expect("sending runs");
    assert_eq!(report.sent, 1);
}

fn path_of(link: &str) -> &str {
    let after_scheme = link.find("://").map_or(0, |i| i + 3);
    link[after_scheme..]
        .find('/')
        .map_or("/", |i| &link[after_scheme + i..])
}

/// A question on the page, known by its radios' name `q.{id}`.
struct Question {
    id: String,
    /// The level clicked, or `None` for the one left out.
    level: Option<u8>,
}

impl Question {
    fn radio(&self, level: u8) -> String {
        format!("#q-{}-{level}", self.id)
    }
}

/// Clicks a level (1, 2, 3, 1, …) for every question of the section, except the
/// `leave_out`-th (0-based), which is returned; the last question otherwise.
async fn answer_every_question(browser: &Browser, leave_out: Option<usize>) -> Question {
    let questions = questions_on_page(browser).await;
    assert!(!questions.is_empty(), "{}", browser.describe().await);
    let mut left = None;
    for (i, id) in questions.iter().enumerate() {
        if Some(i) == leave_out {
            left = Some(Question {
                id: id.clone(),
                level: None,
            });
            continue;
        }
        let level = u8::try_from(i % 3 + 1).expect("a small level");
        let question = Question {
            id: id.clone(),
            level: Some(level),
        };
        browser
            .find(&question.radio(level))
            .await
            .click()
            .await
            .expect("a click");
    }
    left.unwrap_or(Question {
        id: questions[questions.len() - 1].clone(),
        level: None,
    })
}

/// The question ids of the section form, in page order.
async fn questions_on_page(browser: &Browser) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for radio in browser.find_all("#section-form input[type=radio]").await {
        let name = radio
            .attr("name")
            .await
            .expect("a name")
            .unwrap_or_default();
        let id = name.strip_prefix("q.").unwrap_or(&name).to_owned();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// After the refused "next", every question but `skipped` still has its level.
async fn assert_answers_kept(browser: &Browser, skipped: &Question) {
    let questions = questions_on_page(browser).await;
    for (i, id) in questions.iter().enumerate() {
        let level = u8::try_from(i % 3 + 1).expect("a small level");
        let question = Question {
            id: id.clone(),
            level: (id != &skipped.id).then_some(level),
        };
        let Some(level) = question.level else {
            continue;
        };
        let checked = browser
            .find(&question.radio(level))
            .await
            .is_selected()
            .await
            .expect("a radio's state");
        assert!(checked, "{id} lost its answer {level} after the refusal");
    }
}

/// The radar image shows in the page, and its URL serves a real PNG.
async fn assert_radar_loaded(browser: &Browser, app: &TestApp) {
    let radar = browser.find("#radar").await;
    let width = browser
        .client
        .execute(
            "const img = document.getElementById('radar');
             return img.complete ? img.naturalWidth : 0;",
            vec![],
        )
        .await
        .expect("the script runs");
    assert!(
        width.as_u64().is_some_and(|w| w > 0),
        "the radar image did not load (naturalWidth {width})"
    );
    let src = radar.attr("src").await.expect("src").expect("a src");
    let url = if src.starts_with('/') {
        format!("{}{src}", app.address)
    } else {
        src
    };
    let png = app
        .client
        .get(&url)
        .send()
        .await
        .expect("the radar URL answers");
    assert_eq!(png.status(), 200, "{url}");
    let bytes = png.bytes().await.expect("the radar's bytes");
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{url} is not a PNG"
    );
    assert!(bytes.len() > 1000, "{url}: a {}-byte PNG", bytes.len());
}
