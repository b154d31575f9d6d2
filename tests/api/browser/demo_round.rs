//! The next round as a new user meets it on the README's run command: `liaison serve --demo`
//! started as a real process, its printed respondent link of the maturity campaign opened in
//! Chromium. The respondent is offered last year's answers and takes them, answers one
//! parameter "Don't know", attaches a PDF to another, submits and sees how the scores moved;
//! the demo analyst then finds the evidence and the changes in the response's page and the
//! trend chart among the reports.

use std::time::Duration;

use super::analyst::{Analyst, Login};
use super::driver::Browser;
use super::survey::path_of;
use crate::evidence::small_pdf;
use crate::helpers::Binary;

/// The demo's maturity campaign: the first one it prints.
const MATURITY: i64 = 1;
/// The demo respondent's organisation, which answered the previous round too.
const ORGANISATION: &str = "Demo National CSIRT";
/// The parameter answered "Don't know", and the one the PDF backs.
const UNKNOWN: &str = "O-1";
const BACKED: &str = "O-2";
const PDF_NAME: &str = "constituency-2026.pdf";
/// Taking the offer writes dozens of answers, unoptimised, beside the rest of the suite.
const CARRY_TIMEOUT: Duration = Duration::from_secs(60);

/// The demo analyst's address and password, as the server printed them.
fn demo_login(printed: &str) -> (String, String) {
    let line = printed
        .lines()
        .find_map(|l| l.strip_prefix("demo analyst: "))
        .unwrap_or_else(|| panic!("no demo analyst in:\n{printed}"));
    let (email, password) = line
        .split_once(" / ")
        .unwrap_or_else(|| panic!("no password in {line:?}"));
    (email.trim().to_owned(), password.trim().to_owned())
}

#[tokio::test]
async fn a_demo_respondent_starts_from_last_year_answers_with_evidence_and_the_analyst_sees_it() {
    let Some(browser) = super::driver::launch().await else {
        return;
    };
    let server = Binary::start_demo();
    let link = server.printed_link(0);
    let pdf_file = server.dir.path().join(PDF_NAME);
    std::fs::write(&pdf_file, small_pdf()).expect("the PDF is written");

    take_last_years_answers(&browser, &link).await;
    attach_the_pdf(&browser, &pdf_file).await;
    submit(&browser, &link).await;

    let (email, password) = demo_login(&server.printed());
    let analyst = Analyst {
        browser: &browser,
        address: &server.address,
        login: Login {
            email: &email,
            password: &password,
        },
        campaign: MATURITY,
    };
    analyst.log_in_and_open_the_campaign().await;
    see_the_response(&browser, &server.address).await;
    analyst.reopen_the_dashboard().await;
    browser.click_through("#reports-link").await;
    let (trend, width) = analyst.open_chart("trend.png").await;
    assert!(
        trend.starts_with(b"\x89PNG\r\n\x1a\n"),
        "trend.png is a PNG"
    );
    assert!(width >= 600, "trend.png is {width} pixels wide");

    // The cooperation campaign's prosecutor answers in French, as the demo promises.
    browser.goto(&server.printed_prosecutor_link()).await;
    assert!(
        !browser.find_all("html[lang=fr]").await.is_empty(),
        "{}",
        browser.describe().await
    );
    assert!(
        browser
            .text_of("body")
            .await
            .contains("procureurs et aux juges"),
        "{}",
        browser.describe().await
    );
    browser.quit().await;
}

/// The welcome page offers the answers the organisation submitted in the previous round;
/// taking them says how many came along and leads into the survey.
async fn take_last_years_answers(browser: &Browser, link: &str) {
    browser.goto(link).await;
    assert!(
        browser.is_visible("#next-round-offer").await,
        "no offer on {}",
        browser.describe().await
    );
    assert!(
        !browser.is_visible("#start").await,
        "the offer replaces Start"
    );
    browser
        .click_through_within("#start-from-earlier", CARRY_TIMEOUT)
        .await;
    assert!(browser.path().await.ends_with("/carried"));
    let carried: usize = browser
        .text_of("#carried-number")
        .await
        .trim()
        .parse()
        .expect("a number of answers");
    assert!(carried >= 40, "only {carried} answers came along");
    // Everything came along, so going on leads past the sections to the review; the
    // respondent goes back to the first one to change it.
    browser.click_through("#go-on").await;
    browser.goto(&format!("{link}/s/1")).await;
    // Carried answers show ticked.
    assert!(
        browser
            .find_all("#section-form input[type=radio]:checked")
            .await
            .len()
            >= 5,
        "{}",
        browser.describe().await
    );
}

/// On the first section, "Don't know" for one parameter; then, from its evidence button,
/// a note and the PDF for another. The button saved the page, so the "Don't know" is still
/// there on the way back.
async fn attach_the_pdf(browser: &Browser, pdf: &std::path::Path) {
    let unknown = format!("q-{UNKNOWN}-dont_know");
    browser.click(&format!("label[for={unknown}]")).await;
    browser.click_through(&format!("#evidence-{BACKED}")).await;
    assert!(
        browser
            .path()
            .await
            .ends_with(&format!("/evidence/{BACKED}")),
        "{}",
        browser.describe().await
    );
    browser
        .type_into(
            "#evidence-note",
            "Constituency statement, board minutes 2026",
        )
        .await;
    browser.attach_file("#evidence-file", pdf).await;
    browser.click_through("#save-evidence").await;
    let listed = browser.text_of("#evidence-files").await;
    assert!(listed.contains(PDF_NAME), "{}", browser.describe().await);
    browser.click_through("#back-to-section").await;
    assert!(browser.path().await.ends_with("/s/1"));
    let link = browser.text_of(&format!("#evidence-{BACKED}")).await;
    assert!(link.contains("1 file"), "the section says so: {link:?}");
    assert!(
        browser.is_ticked(&format!("#{unknown}")).await,
        "the answer given before the evidence was saved"
    );
}

/// Every section as carried (with the "Don't know"), the review and the submission; the
/// result says how the scores moved since the previous round.
async fn submit(browser: &Browser, link: &str) {
    let mut sections = 0;
    while !browser.path().await.ends_with("/review") {
        browser.click_through("#next").await;
        sections += 1;
        assert!(
            sections < 20 && !browser.is_visible("#error-summary").await,
            "a carried section is refused: {}",
            browser.describe().await
        );
    }
    let review = browser.text_of("main").await;
    assert!(review.contains("Don't know"), "{review}");
    browser.click_through("#submit").await;
    assert_eq!(
        browser.path().await,
        format!("{}/result", path_of(link)),
        "{}",
        browser.describe().await
    );
    let since = browser.text_of("#since-last-round").await;
    assert!(since.contains('→'), "{since}");
    let tier = browser.text_of("#since-tier").await;
    assert!(tier.contains('→'), "{tier}");
    let gaps = browser.text_of("main").await;
    assert!(gaps.contains("unknown — counted as 0"), "{gaps}");
}

/// The response's page: the "Don't know", the PDF with its note (downloaded as an
/// attachment), and the changes: carried answers, then the one changed by hand.
async fn see_the_response(browser: &Browser, address: &str) {
    browser
        .goto(&format!(
            "{address}/campaigns/{MATURITY}/responses?per_page=500"
        ))
        .await;
    let mut href = None;
    for link in browser.find_all("#responses th a").await {
        if link.text().await.expect("a link's text").trim() == ORGANISATION {
            href = link.attr("href").await.expect("an href");
        }
    }
    let href = href.unwrap_or_else(|| panic!("no response of {ORGANISATION} is listed"));
    browser.goto(&format!("{address}{href}")).await;
    let evidence = browser.text_of(&format!("#evidence-{BACKED}")).await;
    assert!(evidence.contains("board minutes 2026"), "{evidence}");
    assert!(evidence.contains(PDF_NAME), "{evidence}");
    browser
        .click(&format!("#evidence-{BACKED} a[id^=evidence-file-]"))
        .await;
    let downloaded = browser.downloaded(PDF_NAME).await;
    assert_eq!(downloaded, small_pdf(), "the PDF comes back as it was sent");
    let history = browser.text_of("#answer-history").await;
    assert!(history.contains(UNKNOWN), "{history}");
    assert!(history.contains("Don't know"), "{history}");
    let rows = browser.find_all("#answer-history tbody tr").await.len();
    assert!(rows > 40, "carried answers and the change: {rows} rows");
}
