//! Delegation in the browser: the contact hands one section to a colleague from their
//! welcome page; the mail with the colleague's own link reaches the SMTP server; the
//! colleague answers that section through it and says they have finished; the contact
//! sees it done, answers the rest and submits; the colleague's link is then dead, and the
//! analyst's view of the response names the colleague beside their answers.
//!
//! Each step is a `pub(super) async fn` so that a longer path (review, peer review) can
//! run the same steps on its own campaign.

use std::time::Duration;

use super::analyst::Analyst;
use super::driver::{self, Browser};
use super::survey::{Survey, path_of};
use crate::helpers::{TestApp, deliver, spawn_app_with};
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;

/// The colleague the contact asks, and the name the contact types for them.
const COLLEAGUE: &str = "deputy@csirt-a.example.org";
const COLLEAGUE_NAME: &str = "Deputy Desk";
/// The section handed out: the last of csirt-maturity's four.
const SECTION: usize = 4;
/// csirt-maturity's questions: SIM3's 44 parameters and O-6, all required.
const QUESTIONS: usize = 45;
const MAIL_TIMEOUT: Duration = Duration::from_secs(60);

#[tokio::test]
async fn a_contact_hands_a_section_to_a_colleague_who_answers_it_then_submits() {
    let Some(browser) = driver::launch().await else {
        return;
    };
    let smtp = TestSmtp::start();
    let app = spawn_app_with(TestDb::sqlite(), |s| s.smtp_url = smtp.url()).await;
    let (campaign, contact) = super::invite_one_csirt(&app, &smtp).await;

    let sent = smtp.messages().len();
    delegate_a_section(&browser, &contact, SECTION, COLLEAGUE, COLLEAGUE_NAME).await;
    let colleague = the_colleagues_link_arrives(&app, &smtp, sent, COLLEAGUE).await;
    the_colleague_answers_and_finishes(&browser, &colleague, SECTION).await;
    the_contact_sees_it_done_and_submits(&browser, &contact, COLLEAGUE, SECTION).await;
    the_colleagues_link_is_dead(&browser, &colleague).await;

    let analyst = Analyst::assigned_to(&browser, &app, campaign);
    analyst.log_in_and_open_the_campaign().await;
    analyst
        .open_the_response_of(super::ORGANISATION, QUESTIONS)
        .await;
    the_history_names_the_colleague(&browser, COLLEAGUE).await;
    browser.quit().await;
}

/// The contact opens their welcome page at `contact` (the full link of their invitation),
/// follows "Ask colleagues to answer sections", and asks `email` (named `name`) to answer
/// section `section` (1-based); the page then lists the colleague as invited.
pub(super) async fn delegate_a_section(
    browser: &Browser,
    contact: &str,
    section: usize,
    email: &str,
    name: &str,
) {
    browser.goto(contact).await;
    browser.click_through("#delegations-link").await;
    let page = format!("{}/delegations", path_of(contact));
    assert_eq!(browser.path().await, page, "{}", browser.describe().await);
    browser.type_into("#delegate-email", email).await;
    browser.type_into("#delegate-name", name).await;
    browser
        .click(&format!("label[for=delegate-section-{section}]"))
        .await;
    browser.click_through("#delegate").await;
    assert_eq!(browser.path().await, page, "{}", browser.describe().await);
    let row = row_of(browser, email).await;
    assert!(row.contains("invited"), "{row}");
}

/// The delegation mail to `email` reaches the SMTP server, as the `sent_before + 1`-th
/// mail, once the outbox is delivered; the colleague's link in it, pointed at `app`.
pub(super) async fn the_colleagues_link_arrives(
    app: &TestApp,
    smtp: &TestSmtp,
    sent_before: usize,
    email: &str,
) -> String {
    assert!(
        deliver(&app.db, smtp).sent >= 1,
        "the delegation mail is sent"
    );
    let mail = smtp.arrival_of(sent_before + 1, MAIL_TIMEOUT).await[sent_before].parse();
    assert!(mail.to.contains(email), "{}", mail.to);
    colleague_link_in(&mail.text, &app.address)
}

/// The colleague opens their link `colleague`: the welcome page offers section `section`
/// and no other; they answer it, "Next" leads back to their welcome page, and "I have
/// finished" ends with the thank-you page.
pub(super) async fn the_colleague_answers_and_finishes(
    browser: &Browser,
    colleague: &str,
    section: usize,
) {
    browser.goto(colleague).await;
    let offered = browser.find_all("#delegate-sections a").await;
    assert_eq!(offered.len(), 1, "{}", browser.describe().await);
    browser
        .click_through(&format!("#delegate-open-{section}"))
        .await;
    let own = path_of(colleague);
    assert_eq!(browser.path().await, format!("{own}/s/{section}"));
    let survey = Survey {
        browser,
        link: colleague,
    };
    survey.answer_all_but(None).await;
    browser.click_through("#next").await;
    assert_eq!(browser.path().await, own, "{}", browser.describe().await);
    browser.click_through("#delegation-done").await;
    assert!(
        browser.is_visible("#delegation-finished").await,
        "{}",
        browser.describe().await
    );
}

/// The contact's delegation page says the colleague `email` is done; the contact answers
/// every other section, passes section `section` (the colleague's answers) unchanged, and
/// submits: the result page.
pub(super) async fn the_contact_sees_it_done_and_submits(
    browser: &Browser,
    contact: &str,
    email: &str,
    section: usize,
) {
    browser.goto(&format!("{contact}/delegations")).await;
    let row = row_of(browser, email).await;
    assert!(row.contains("done"), "{row}");
    browser.click_through("#delegations-back").await;
    browser.click_through("#start").await;
    let survey = Survey {
        browser,
        link: contact,
    };
    let base = path_of(contact);
    loop {
        let path = browser.path().await;
        if path.ends_with("/review") {
            break;
        }
        if path != format!("{base}/s/{section}") {
            survey.answer_all_but(None).await;
        }
        browser.click_through("#next").await;
    }
    browser.click_through("#submit").await;
    assert_eq!(browser.path().await, format!("{base}/result"));
}

/// The colleague's link `colleague` now opens the page every dead link gets.
pub(super) async fn the_colleagues_link_is_dead(browser: &Browser, colleague: &str) {
    browser.goto(colleague).await;
    assert_eq!(browser.text_of("h1").await, "Page not found");
}

/// On the analyst's response page (already open), the changes to the answers name the
/// colleague `email`.
pub(super) async fn the_history_names_the_colleague(browser: &Browser, email: &str) {
    let history = browser.text_of("#answer-history").await;
    assert!(history.contains(&format!("colleague {email}")), "{history}");
}

/// The text of the contact's delegation row for `email`.
async fn row_of(browser: &Browser, email: &str) -> String {
    for row in browser.find_all("#delegations tbody tr").await {
        let text = row.text().await.expect("a row's text");
        if text.contains(email) {
            return text;
        }
    }
    panic!("no delegation to {email} on {}", browser.describe().await)
}

/// The colleague's link in a mail's text, pointed at the app at `address` (the test
/// settings' base URL has no port).
fn colleague_link_in(text: &str, address: &str) -> String {
    let base_url = "http://127.0.0.1";
    let start = text
        .find(&format!("{base_url}/d/"))
        .unwrap_or_else(|| panic!("no colleague's link in the mail:\n{text}"))
        + base_url.len();
    let path: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
        .collect();
    format!("{address}{path}")
}
