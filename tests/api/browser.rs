//! End to end in headless Chromium: from the invitation mail that reached a real
//! SMTP server, through the survey pages, to the result page and its radar chart; then
//! the analyst's login, dashboard and report downloads. [`walkthrough`] runs a whole
//! campaign, from its creation in the browser to the reports' ZIP and workbook, and
//! [`pages`] checks every page with axe-core at a phone's width and a laptop's.

mod analyst;
mod assessment_cycle;
mod axe;
mod chromedriver;
mod delegation;
mod demo_round;
mod driver;
mod matrix;
mod pages;
mod peer_review;
mod results;
mod review_analyst;
mod review_respondent;
mod setup;
mod survey;
mod walkthrough;

use std::time::Duration;

use diesel::prelude::*;
use liaison::storage::schema::{answers, responses};
use serde_json::json;

use crate::helpers::{TestApp, deliver, spawn_app_with};
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;
use analyst::{Analyst, Overall};
use survey::Survey;

/// csirt-maturity's questions: SIM3's 44 parameters and O-6, all required.
const QUESTIONS: i64 = 45;
/// The respondent's organisation, which the row-level scores name.
const ORGANISATION: &str = "CSIRT A";

#[tokio::test]
async fn a_respondent_answers_through_the_browser_and_the_analyst_downloads_the_reports() {
    let Some(browser) = driver::launch().await else {
        return;
    };
    let smtp = TestSmtp::start();
    let reports = tempfile::tempdir().expect("a reports folder");
    let reports_dir = reports.path().to_path_buf();
    let app = spawn_app_with(TestDb::sqlite(), |s| {
        s.smtp_url = smtp.url();
        s.reports_dir = reports_dir;
    })
    .await;
    let (campaign, link) = invite_one_csirt(&app, &smtp).await;
    let analyst = Analyst::assigned_to(&browser, &app, campaign);
    analyst.log_in_and_open_the_campaign().await;
    assert_eq!(analyst.overall().await, Overall::of(1, 0, 0, "0 %"));

    let survey = Survey {
        browser: &browser,
        link: &link,
    };
    survey.answer_two_sections_and_save().await;
    survey.come_back_later_to(3).await;
    survey.forget_a_question_then_answer_it().await;
    survey.answer_the_last_section_and_submit().await;
    survey.see_the_result(&app).await;

    analyst.reopen_the_dashboard().await;
    assert_eq!(analyst.overall().await, Overall::of(1, 1, 1, "100 %"));
    analyst.build_the_reports().await;
    assert_eq!(analyst.tlp_banner().await, "TLP:GREEN");
    let scores = String::from_utf8(analyst.download("scores.csv").await).expect("UTF-8");
    assert!(scores.starts_with("# TLP:GREEN"), "scores.csv: {scores}");
    assert!(scores.contains(ORGANISATION), "scores.csv: {scores}");
    let (tiers, shown_width) = analyst.open_chart("tiers.png").await;
    assert_drawn_png(&tiers, shown_width);
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

/// The PNG decodes, as wide as the browser showed it, with a drawing on it rather than
/// a blank canvas.
fn assert_drawn_png(bytes: &[u8], shown_width: u64) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a PNG header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let frame = reader.next_frame(&mut pixels).expect("one frame");
    assert_eq!(u64::from(frame.width), shown_width);
    let channels = frame.color_type.samples();
    let inked = pixels[..frame.buffer_size()]
        .chunks_exact(channels)
        .filter(|p| p.iter().take(3).any(|&c| c < 240))
        .count();
    let all = (frame.width * frame.height) as usize;
    assert!(
        inked * 100 > all,
        "tiers.png is nearly blank: {inked} of {all} pixels drawn"
    );
}

/// A GREEN campaign with one CSIRT invited and the mail delivered: the campaign's id
/// and the link in the mail, pointed at the test app (the mail's base URL has no port).
async fn invite_one_csirt(app: &TestApp, smtp: &TestSmtp) -> (i64, String) {
    invite_one_csirt_to(app, smtp, false).await
}

/// [`invite_one_csirt`], to a campaign that requires review when `review_required`.
async fn invite_one_csirt_to(
    app: &TestApp,
    smtp: &TestSmtp,
    review_required: bool,
) -> (i64, String) {
    let campaign = json!({"name": "Maturity 2027", "questionnaires": ["csirt-maturity"],
        "closes_on": "2099-01-31", "tlp": "GREEN", "review_required": review_required});
    let id = app.create_campaign(campaign).await;
    let participant = json!([{"email": "desk@csirt-a.example.org", "name": "Incident Desk",
        "organisation": ORGANISATION, "type": "csirt", "country": "AT", "language": "en"}]);
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
    (id, survey::link_in(&mail.text, &app.address))
}

#[tokio::test]
async fn a_respondent_changes_only_the_flagged_answers_in_the_browser_and_submits_again() {
    let Some(browser) = driver::launch().await else {
        return;
    };
    let app = crate::helpers::spawn_app().await;
    let mut sent_back = crate::review_pages::submitted_on(&app, true, "en").await;
    sent_back.request_changes(&app);
    let (a, b, locked) = crate::review_pages::questions();
    let link = format!("{}{}", app.address, sent_back.respondent.path);
    let steps = review_respondent::SentBack {
        browser: &browser,
        link: &link,
        flagged: [&a, &b],
        locked: &locked,
    };
    steps.open_the_link_after_a_change_request().await;
    steps.see_only_the_flagged_answers_open().await;
    steps
        .change_them_and_reply("Our on-call team runs it.")
        .await;
    steps.resubmit().await;
    steps.see_the_review_status("Awaiting review").await;
    browser.quit().await;
    let mut conn = app.db.conn();
    let answers = liaison::storage::responses::load_answers(&mut conn, sent_back.response.get())
        .expect("answers");
    let level = |n: &str| Some(liaison::questionnaire::Answer::Choice(n.to_owned()));
    assert_eq!(answers.get(&a).cloned(), level("3"));
    assert_eq!(answers.get(&b).cloned(), level("1"));
    let replies =
        liaison::storage::review_comments::of_response(&mut conn, sent_back.response.get())
            .expect("comments");
    assert!(
        replies
            .iter()
            .any(|c| c.body.as_deref() == Some("Our on-call team runs it.")),
        "the reply is kept"
    );
}
