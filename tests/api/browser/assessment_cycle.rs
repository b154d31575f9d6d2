//! The whole assessment cycle of one team in the browser, on a campaign that requires
//! review: the contact hands one section to a colleague, who answers it through their own
//! mailed link; the contact answers the rest and submits; a reviewer sends two answers back;
//! the fresh link in the mail opens only those two (a post forged from the page to change a
//! third is refused and changes nothing); the respondent changes them, replies and submits
//! again; the reviewer accepts and the result page says so; the team agrees to a peer
//! review, an admin gives the response to a peer of another country, the peer records
//! levels, and the result page shows the self-assessed and the peer tier side by side.

use std::time::Duration;

use diesel::prelude::*;
use liaison::accounts::Role;
use liaison::ids::ResponseId;
use liaison::responses::{self, ResponseState};
use liaison::storage::schema::responses as stored_responses;
use liaison::storage::{analysts, now, peer_review};
use serde_json::json;

use super::analyst::{Login, log_out};
use super::delegation::{
    delegate_a_section, the_colleague_answers_and_finishes, the_colleagues_link_arrives,
    the_colleagues_link_is_dead, the_contact_sees_it_done_and_submits,
};
use super::driver::{self, Browser};
use super::peer_review::{
    ADMIN, PEER, PeerWorld, admin_gives_the_response, peer_records_levels, result_shows_both_tiers,
    team_consents,
};
use super::review_analyst::Reviewer;
use super::review_respondent::SentBack;
use super::survey;
use crate::helpers::{ANALYST_PASSWORD, TestApp, deliver, spawn_app_with};
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;

const COLLEAGUE: &str = "deputy@csirt-a.example.org";
const COLLEAGUE_NAME: &str = "Deputy Desk";
/// The section the colleague answers: the last of csirt-maturity's four.
const DELEGATED: usize = 4;
const REVIEWER: &str = "reviewer@secretariat.example.org";
const MAIL_TIMEOUT: Duration = Duration::from_secs(60);

#[tokio::test]
async fn a_delegated_answer_is_reviewed_changed_accepted_and_peer_reviewed_in_the_browser() {
    let Some(browser) = driver::launch().await else {
        return;
    };
    let smtp = TestSmtp::start();
    let app = spawn_app_with(TestDb::sqlite(), |s| s.smtp_url = smtp.url()).await;
    let (campaign, contact) = super::invite_one_csirt_to(&app, &smtp, true).await;

    let sent = smtp.messages().len();
    delegate_a_section(&browser, &contact, DELEGATED, COLLEAGUE, COLLEAGUE_NAME).await;
    let colleague = the_colleagues_link_arrives(&app, &smtp, sent, COLLEAGUE).await;
    the_colleague_answers_and_finishes(&browser, &colleague, DELEGATED).await;
    the_contact_sees_it_done_and_submits(&browser, &contact, COLLEAGUE, DELEGATED).await;
    the_colleagues_link_is_dead(&browser, &colleague).await;
    let sent = smtp.messages().len();
    assert_eq!(deliver(&app.db, &smtp).sent, 1, "the receipt");
    smtp.arrival_of(sent + 1, MAIL_TIMEOUT).await;
    let response = the_only_response(&app);
    assert_eq!(state_of(&app, response), ResponseState::Submitted);

    let reviewer = a_reviewer_of(&browser, &app, campaign);
    reviewer.log_in().await;
    let (first, second, locked) = crate::review_pages::questions();
    let sent = smtp.messages().len();
    reviewer
        .request_changes(
            response,
            &[&first, &second],
            &["Which document shows this?", "Is this level still true?"],
        )
        .await;
    let link = the_change_request_arrives(&app, &smtp, sent).await;
    let dead = contact;

    let respondent = SentBack {
        browser: &browser,
        link: &link,
        flagged: [&first, &second],
        locked: &locked,
    };
    respondent.open_the_link_after_a_change_request().await;
    respondent.see_only_the_flagged_answers_open().await;
    a_forged_change_to_a_locked_answer_is_refused(&browser, &app, response, &locked).await;
    respondent
        .change_them_and_reply("The procedure was signed in May.")
        .await;
    respondent.resubmit().await;
    respondent.see_the_review_status("Awaiting review").await;
    assert_eq!(state_of(&app, response), ResponseState::Resubmitted);
    browser.goto(&dead).await;
    assert_eq!(
        browser.text_of("h1").await,
        "Page not found",
        "the old link"
    );

    reviewer.accept(response).await;
    assert_eq!(state_of(&app, response), ResponseState::Accepted);
    browser.goto(&format!("{link}/result")).await;
    respondent.see_the_review_status("accepted").await;
    browser.goto(&format!("{}/campaigns", app.address)).await;
    log_out(&browser).await;

    let world = a_peer_of_another_country(&app, &link, response);
    team_consents(&browser, &link).await;
    admin_gives_the_response(&browser, &app.address, &world).await;
    peer_records_levels(&browser, &app.address, &world).await;
    result_shows_both_tiers(&browser, &link).await;
    browser.quit().await;
}

/// The campaign's one response.
fn the_only_response(app: &TestApp) -> i64 {
    stored_responses::table
        .select(stored_responses::id)
        .load::<i64>(&mut app.db.conn())
        .expect("the responses")
        .into_iter()
        .next()
        .expect("a response")
}

fn state_of(app: &TestApp, response: i64) -> ResponseState {
    responses::view(&mut app.db.conn(), ResponseId(response))
        .expect("the response")
        .response
        .state
}

/// An analyst assigned to the campaign whom an admin made its reviewer.
fn a_reviewer_of<'a>(browser: &'a Browser, app: &'a TestApp, campaign: i64) -> Reviewer<'a> {
    app.add_analyst(REVIEWER, Role::Analyst, &[campaign]);
    let mut conn = app.db.conn();
    let id = analysts::find_by_email(&mut conn, REVIEWER)
        .expect("read")
        .expect("the reviewer's account")
        .id;
    analysts::set_reviewer(&mut conn, id, campaign, true).expect("made reviewer");
    Reviewer {
        browser,
        address: &app.address,
        login: Login {
            email: REVIEWER,
            password: ANALYST_PASSWORD,
        },
        campaign,
    }
}

/// The one mail of the change request reaches the respondent, with a fresh link.
async fn the_change_request_arrives(app: &TestApp, smtp: &TestSmtp, sent_before: usize) -> String {
    assert_eq!(deliver(&app.db, smtp).sent, 1, "one mail for the batch");
    let mail = smtp.arrival_of(sent_before + 1, MAIL_TIMEOUT).await[sent_before].parse();
    assert!(mail.to.contains("desk@csirt-a.example.org"), "{}", mail.to);
    survey::link_in(&mail.text, &app.address)
}

/// From the open section page, a script posts the page's own form (its CSRF field, the
/// browser's cookies) with a value for `locked` added: the answer is refused with the
/// conflict status, and nothing stored changes.
async fn a_forged_change_to_a_locked_answer_is_refused(
    browser: &Browser,
    app: &TestApp,
    response: i64,
    locked: &str,
) {
    let load = || {
        liaison::storage::responses::load_answers(&mut app.db.conn(), response).expect("answers")
    };
    let before = load();
    let status = browser
        .client
        .execute(
            "const form = document.getElementById('section-form');
             const data = new URLSearchParams(new FormData(form));
             data.set('q.' + arguments[0], '4');
             // Not `form.action`: the form's buttons are named `action`.
             return fetch(form.getAttribute('action'), {method: 'POST', body: data, redirect: 'manual'})
                 .then(r => r.status);",
            vec![json!(locked)],
        )
        .await
        .expect("the script runs");
    assert_eq!(status, json!(409), "a locked answer is refused");
    assert_eq!(load(), before, "nothing changed");
}

/// The admin and a German peer reviewer; the team (Austrian) is `response` behind `link`.
fn a_peer_of_another_country(app: &TestApp, link: &str, response: i64) -> PeerWorld {
    app.add_analyst(ADMIN, Role::Admin, &[]);
    app.add_analyst(PEER, Role::Analyst, &[]);
    let mut conn = app.db.conn();
    let peer = analysts::find_by_email(&mut conn, PEER)
        .expect("read")
        .expect("the peer's account");
    peer_review::create_peer_reviewer(&mut conn, peer.id, "DE", "CERT of Germany", now())
        .expect("a peer reviewer");
    PeerWorld {
        link: link.to_owned(),
        response,
        peer: peer.id,
    }
}
