//! The respondent's side of the journey: the survey pages behind the mail's link, from
//! the welcome page to the result.

use super::driver::Browser;
use crate::helpers::TestApp;

/// The question of section 3 the respondent forgets at first (its place on the page).
const FORGOTTEN: usize = 2;

/// One respondent's walk through the survey pages behind `link`.
pub struct Survey<'a> {
    pub browser: &'a Browser,
    pub link: &'a str,
}

impl Survey<'_> {
    pub async fn answer_two_sections_and_save(&self) {
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
    pub async fn come_back_later_to(&self, section: usize) {
        self.browser.goto("about:blank").await;
        self.browser.goto(self.link).await;
        self.browser.click_through("#start").await;
        self.expect_page(&format!("s/{section}")).await;
    }

    /// "Next" with one question unanswered is refused, naming it and keeping the
    /// answers given; with it answered the survey moves on.
    pub async fn forget_a_question_then_answer_it(&self) {
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

    /// Opens the mail's link and answers section after section until the review, then
    /// submits: lands on the result page.
    pub async fn answer_every_section_and_submit(&self) {
        self.browser.goto(self.link).await;
        self.browser.click_through("#start").await;
        let mut section = 1;
        loop {
            self.expect_page(&format!("s/{section}")).await;
            self.answer_all_but(None).await;
            self.browser.click_through("#next").await;
            if self.browser.path().await.ends_with("/review") {
                break;
            }
            section += 1;
        }
        self.browser.click_through("#submit").await;
        self.expect_page("result").await;
    }

    pub async fn answer_the_last_section_and_submit(&self) {
        self.answer_all_but(None).await;
        self.browser.click_through("#next").await;
        self.expect_page("review").await;
        self.browser.click_through("#submit").await;
        self.expect_page("result").await;
    }

    /// The tier is named, and the radar chart shows and is served as a real PNG.
    pub async fn see_the_result(&self, app: &TestApp) {
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
    pub(super) async fn answer_all_but(&self, skipped: Option<usize>) -> Vec<String> {
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

/// The survey link in a mail's text, pointed at the app at `address`: the test settings'
/// base URL has no port, so the link's path goes after the app's address.
pub fn link_in(text: &str, address: &str) -> String {
    let base_url = "http://127.0.0.1";
    let start = text
        .find(&format!("{base_url}/r/"))
        .unwrap_or_else(|| panic!("no survey link in the mail:\n{text}"))
        + base_url.len();
    let path: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
        .collect();
    format!("{address}{path}")
}

/// `/r/{token}` of `http://host:port/r/{token}`.
pub(super) fn path_of(link: &str) -> &str {
    let host = link.find("://").map_or(0, |i| i + 3);
    link[host..].find('/').map_or("/", |i| &link[host + i..])
}
