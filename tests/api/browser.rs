//! End to end in headless Chromium: from the invitation mail that reached a real
//! SMTP server, through the survey pages, to the result page and its radar chart.

mod driver;

use std::time::Duration;

use diesel::prelude::*;
use liaison::storage::schema::{answers, responses};
use serde_json::{Value, json};

use crate::helpers::{TestApp, deliver, spawn_app_with};
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;
use driver::Browser;

/// csirt-maturity's questions: SIM3's 44 parameters and O-6, all required.
const QUESTIONS: i64 = 45;
/// The question of section 3 the respondent forgets at first (its place on the page).
const FORGOTTEN: usize = 2;

#[tokio::test]
async fn a_respondent_answers_through_the_browser_from_the_invitation_mail_to_the_result() {
    let Some(browser) = driver::launch().await else {
        return;
    };
    let smtp = TestSmtp::start();
    let app = spawn_app_with(TestDb::sqlite(), |s| s.smtp_url = smtp.url()).await;
    let link = invitation_link(&app, &smtp).await;
    let survey = Survey {
        browser: &browser,
        link: &link,
    };

    survey.answer_two_sections_and_save().await;
    survey.come_back_later_to(3).await;
    survey.forget_a_question_then_answer_it().await;
    survey.answer_the_last_section_and_submit().await;
    survey.see_the_result(&app).await;
    browser.quit().await;

    let mut conn = app.db.conn();
    let states: Vec<String> = responses::table
        .select(responses::state)
        .load(&mut *conn)
        .expect("the responses");
    assert_eq!(states, ["submitted"]);
    let answered: i64 = answers::table
        .count()
        .get_result(&mut *conn)
        .expect("the answers");
    assert_eq!(answered, QUESTIONS);
}

/// A campaign with one CSIRT invited and the mail delivered: the link in it,
/// pointed at the test app (the mail's base URL has no port).
async fn invitation_link(app: &TestApp, smtp: &TestSmtp) -> String {
    let campaign = json!({"name": "Maturity 2027", "questionnaires": ["csirt-maturity"],
        "closes_on": "2099-01-31"});
    let created = app.post_api("/campaigns", campaign).await;
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
    assert_eq!(deliver(&app.db, smtp).sent, 1);
    let mail = smtp.wait_for(1, Duration::from_secs(10))[0].parse();
    // The test settings' base URL has no port: the path goes after the app's address.
    let base_url = "http://127.0.0.1";
    let start = mail
        .text
        .find(&format!("{base_url}/r/"))
        .expect("the survey link in the mail")
        + base_url.len();
    let path: String = mail.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
        .collect();
    format!("{}{path}", app.address)
}

/// One respondent's walk through the survey pages behind `link`.
struct Survey<'a> {
    browser: &'a Browser,
    link: &'a str,
}

impl Survey<'_> {
    async fn answer_two_sections_and_save(&self) {
        self.browser.goto(self.link).await;
        self.browser.click_through("#start").await;
        self.expect_page("s/1").await;
        self.answer_all_but(None).await;
        self.browser.click_through("#next").await;
        self.expect_page("s/2").await;
        self.answer_all_but(None).await;
        self.browser.click_through("#save").await;
        self.expect_page("").await;
        self.expect_shown("#saved-notice").await;
    }

    /// Leaves the site and opens the mail's link again: "continue" leads to `section`.
    async fn come_back_later_to(&self, section: usize) {
        self.browser.goto("about:blank").await;
        self.browser.goto(self.link).await;
        self.browser.click_through("#start").await;
        self.expect_page(&format!("s/{section}")).await;
    }

    /// "Next" with one question unanswered is refused, naming it and keeping the
    /// answers given; with it answered the survey moves on.
    async fn forget_a_question_then_answer_it(&self) {
        let questions = self.answer_all_but(Some(FORGOTTEN)).await;
        let forgotten = &questions[FORGOTTEN];
        self.browser.click_through("#next").await;
        self.expect_page("s/3").await;
        self.expect_shown("#error-summary").await;
        self.expect_shown(&format!("#q-{forgotten}-error")).await;
        for (i, question) in questions.iter().enumerate() {
            let kept = self.browser.find(&radio(question, level(i))).await;
            let checked = kept.is_selected().await.expect("a radio's state");
            assert_eq!(checked, i != FORGOTTEN, "{question} after the refusal");
        }
        self.browser.click(&label(forgotten, 2)).await;
        self.browser.click_through("#next").await;
        self.expect_page("s/4").await;
    }

    async fn answer_the_last_section_and_submit(&self) {
        self.answer_all_but(None).await;
        self.browser.click_through("#next").await;
        self.expect_page("review").await;
        self.browser.click_through("#submit").await;
        self.expect_page("result").await;
    }

    /// The tier is named, and the radar chart shows and is served as a real PNG.
    async fn see_the_result(&self, app: &TestApp) {
        let tier = self.browser.text_of("#tier").await;
        assert!(
            ["Basic", "Intermediate", "Advanced", "Not yet basic"].contains(&tier.trim()),
            "tier {tier:?} on {}",
            self.browser.describe().await
        );
        let width = self
            .browser
            .client
            .execute(
                "const radar = document.getElementById('radar');
                 return radar.complete ? radar.naturalWidth : 0;",
                vec![],
            )
            .await
            .expect("the script runs");
        assert!(
            width.as_u64().is_some_and(|w| w > 0),
            "the radar image did not load (naturalWidth {width})"
        );
        let radar = self.browser.find("#radar").await;
        let src = radar.attr("src").await.expect("src").expect("a src");
        assert_eq!(src, format!("{}/radar.png", path_of(self.link)));
        let png = app.get(&src).await;
        assert_eq!(png.status(), 200, "{src}");
        let bytes = png.bytes().await.expect("the radar's bytes");
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{src} is not a PNG"
        );
        assert!(bytes.len() > 5_000, "{src}: only {} bytes", bytes.len());
    }

    /// Clicks a level for every question of the section except the one at
    /// `skipped`; returns the question ids in page order.
    async fn answer_all_but(&self, skipped: Option<usize>) -> Vec<String> {
        let questions = self.questions().await;
        assert!(!questions.is_empty(), "{}", self.browser.describe().await);
        for (i, question) in questions.iter().enumerate() {
            if Some(i) != skipped {
                self.browser.click(&label(question, level(i))).await;
            }
        }
        questions
    }

    /// The ids of the section's questions, from their radios' names `q.{id}`.
    async fn questions(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for input in self
            .browser
            .find_all("#section-form input[type=radio]")
            .await
        {
            let name = input
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

    /// The browser shows `page` of this survey ("" for the welcome page).
    async fn expect_page(&self, page: &str) {
        let base = path_of(self.link);
        let expected = if page.is_empty() {
            base.to_owned()
        } else {
            format!("{base}/{page}")
        };
        let path = self.browser.path().await;
        assert_eq!(path, expected, "on {}", self.browser.describe().await);
    }

    async fn expect_shown(&self, css: &str) {
        assert!(
            self.browser.is_visible(css).await,
            "{css} not shown on {}",
            self.browser.describe().await
        );
    }
}

/// The level clicked for the `i`-th question of a section: 1, 2, 3, 1, …
fn level(i: usize) -> usize {
    i % 3 + 1
}

fn radio(question: &str, level: usize) -> String {
    format!("#q-{question}-{level}")
}

/// A level's label, which is what a person clicks (the styled page draws the
/// radio itself inside it).
fn label(question: &str, level: usize) -> String {
    format!("label[for=q-{question}-{level}]")
}

/// `/r/{token}` of `http://host:port/r/{token}`.
fn path_of(link: &str) -> &str {
    let host = link.find("://").map_or(0, |i| i + 3);
    link[host..].find('/').map_or("/", |i| &link[host + i..])
}
