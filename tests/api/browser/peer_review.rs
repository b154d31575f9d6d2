//! Peer review at the browser, as small steps a full-path test can reuse: the team agrees on
//! its result page; an admin gives the response to a peer reviewer of another country; the
//! peer logs in, lands on its own page and records levels with justifications; the team's
//! result page then shows its self-assessed and the peer-assessed tier side by side.

use liaison::accounts::Role;
use liaison::invitations::Token;
use liaison::storage::{analysts, invitations, now, peer_review, responses};

use super::analyst::{Login, expect_path, log_out};
use super::driver::Browser;
use crate::fixtures::{CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder};
use crate::fixtures::{parameter_answers, questionnaire};
use crate::helpers::{ANALYST_PASSWORD, TestApp, spawn_app};

pub(super) const ADMIN: &str = "admin@secretariat.example.org";
pub(super) const PEER: &str = "reviewer@cert.example.de";

/// What the steps act on.
pub(super) struct PeerWorld {
    /// The team's own link to its result.
    pub link: String,
    pub response: i64,
    pub peer: i64,
}

/// A maturity campaign with one submitted response of an Austrian team at level 2 (its
/// link known), an admin, and a German peer reviewer.
pub(super) fn peer_world(app: &TestApp) -> PeerWorld {
    let mut conn = app.db.conn();
    let answers = parameter_answers(questionnaire(MATURITY), |_| "2");
    let built = CampaignBuilder::new("Maturity 2027")
        .questionnaire(MATURITY)
        .participant(
            ParticipantBuilder::new("desk@cert.example.at")
                .country("AT")
                .response(ResponseBuilder::submitted(answers)),
        )
        .build(&mut conn);
    let response = built.participants[0].response.expect("a response").get();
    let invitation = responses::get(&mut conn, response)
        .expect("response")
        .invitation_id;
    let token = Token::generate();
    invitations::replace_token(&mut conn, invitation, &token.hash()).expect("a known token");
    drop(conn);
    app.add_analyst(ADMIN, Role::Admin, &[]);
    app.add_analyst(PEER, Role::Analyst, &[]);
    let mut conn = app.db.conn();
    let peer = analysts::find_by_email(&mut conn, PEER)
        .expect("read")
        .expect("the peer's account");
    peer_review::create_peer_reviewer(&mut conn, peer.id, "DE", "CERT of Germany", now())
        .expect("a peer reviewer");
    PeerWorld {
        link: format!("{}/r/{}", app.address, token.as_str()),
        response,
        peer: peer.id,
    }
}

/// The team agrees on its result page that peers may see its answers and evidence.
pub(super) async fn team_consents(browser: &Browser, link: &str) {
    browser.goto(&format!("{link}/result")).await;
    browser.click_through("#peer-consent").await;
    assert!(
        browser.is_visible("#peer-consent-given").await,
        "{}",
        browser.describe().await
    );
    assert!(browser.is_visible("#peer-consent-withdraw").await);
}

/// Logs in through the login page, wherever it leads.
async fn log_in_as(browser: &Browser, address: &str, login: Login<'_>) {
    browser.goto(&format!("{address}/login")).await;
    browser.type_into("#email", login.email).await;
    browser.type_into("#password", login.password).await;
    browser.click_through("#log-in").await;
}

/// An admin gives the response to the peer on the peer reviewers' page; then logs out.
pub(super) async fn admin_gives_the_response(browser: &Browser, address: &str, w: &PeerWorld) {
    let login = Login {
        email: ADMIN,
        password: ANALYST_PASSWORD,
    };
    log_in_as(browser, address, login).await;
    browser.click_through("#nav-peer-reviewers").await;
    expect_path(browser, "/admin/peer-reviewers").await;
    browser.choose("#response", &w.response.to_string()).await;
    browser.choose("#peer", &w.peer.to_string()).await;
    browser.click_through("#give-response").await;
    let notice = browser.text_of("#status-notice").await;
    assert!(notice.contains("given"), "{notice}");
    let given = browser
        .text_of(&format!("#peer-reviewer-{}-responses", w.peer))
        .await;
    assert!(given.contains(&w.response.to_string()), "{given}");
    log_out(browser).await;
}

/// The peer logs in, lands on its list, opens the response and records two levels with
/// their justifications; a level without one is refused first, the typed values kept.
pub(super) async fn peer_records_levels(browser: &Browser, address: &str, w: &PeerWorld) {
    let login = Login {
        email: PEER,
        password: ANALYST_PASSWORD,
    };
    log_in_as(browser, address, login).await;
    expect_path(browser, "/peer").await;
    browser
        .click_through(&format!("#peer-response-{}-link", w.response))
        .await;
    expect_path(browser, &format!("/peer/responses/{}", w.response)).await;
    browser.choose("#level-O-1", "4").await;
    browser.choose("#level-O-2", "4").await;
    browser
        .type_into("#justification-O-1", "The mandate was shown, signed.")
        .await;
    browser.click_through("#save-peer-levels").await;
    assert!(
        browser.is_visible("#justification-O-2-error").await,
        "{}",
        browser.describe().await
    );
    assert_eq!(browser.value_of("#level-O-1").await, "4");
    assert_eq!(
        browser.value_of("#justification-O-1").await,
        "The mandate was shown, signed."
    );
    browser
        .type_into("#justification-O-2", "The constituency is documented.")
        .await;
    browser.click_through("#save-peer-levels").await;
    let notice = browser.text_of("#status-notice").await;
    assert!(notice.contains("saved"), "{notice}");
    log_out(browser).await;
}

/// The team's result page shows the levels side by side and a tier under each.
pub(super) async fn result_shows_both_tiers(browser: &Browser, link: &str) {
    browser.goto(&format!("{link}/result")).await;
    assert!(browser.is_visible("#self-and-peer").await);
    let own = browser.text_of("#self-tier").await;
    let peer = browser.text_of("#peer-tier").await;
    assert!(
        !own.trim().is_empty() && !peer.trim().is_empty(),
        "{own} / {peer}"
    );
    assert!(browser.is_visible("#peer-consent-in-use").await);
}

#[tokio::test]
async fn a_team_agrees_a_peer_of_another_country_records_levels_and_the_result_shows_both() {
    let Some(browser) = super::driver::launch().await else {
        return;
    };
    let app = spawn_app().await;
    let w = peer_world(&app);
    team_consents(&browser, &w.link).await;
    admin_gives_the_response(&browser, &app.address, &w).await;
    peer_records_levels(&browser, &app.address, &w).await;
    result_shows_both_tiers(&browser, &w.link).await;
    browser.quit().await;
}

/// What the page checks open: a maturity result of a peer-reviewed response (its path),
/// its campaign and response. The response was agreed to, given to [`PEER`] (of Finland),
/// who recorded levels; the app's admin is the campaign's reviewer.
pub(super) struct ReviewedPages {
    pub result: String,
    /// The result of another maturity response, whose team has not agreed yet.
    pub unconsented: String,
    pub campaign: i64,
    pub response: i64,
}

/// Seeds [`ReviewedPages`] through the rules, as the steps above would at the browser.
pub(super) async fn reviewed_pages(app: &TestApp) -> ReviewedPages {
    use liaison::accounts::Analyst;
    use liaison::peer_review as rules;
    use liaison::storage::peer_review::NewLevel;

    let q = questionnaire(MATURITY);
    let invited = crate::respondent::invite(app, &[MATURITY], "csirt", "en").await;
    let campaign = invited.campaign;
    let invitation = crate::result_page::invitation_of(app, &invited);
    let other = crate::respondent::invite(app, &[MATURITY], "csirt", "en").await;
    let other_invitation = crate::result_page::invitation_of(app, &other);
    app.add_analyst(PEER, Role::Analyst, &[]);
    let mut conn = app.db.conn();
    let response = ResponseBuilder::submitted(crate::fixtures::every_answer(q, 2.0, "AT"))
        .build(&mut conn, invitation, q)
        .get();
    ResponseBuilder::submitted(crate::fixtures::every_answer(q, 3.0, "AT")).build(
        &mut conn,
        other_invitation,
        q,
    );
    rules::give_consent(&mut conn, response, invitation.get()).expect("consent");
    let peer = analysts::find_by_email(&mut conn, PEER)
        .expect("read")
        .expect("the peer's account");
    peer_review::create_peer_reviewer(&mut conn, peer.id, "FI", "CERT of Finland", now())
        .expect("a peer reviewer");
    let admin = analysts::find_by_email(&mut conn, crate::helpers::ADMIN_EMAIL)
        .expect("read")
        .expect("the admin");
    let admin_principal = Analyst::new(&admin, []);
    rules::give_response(
        &mut conn,
        &admin_principal,
        response,
        peer.id,
        "http://127.0.0.1",
    )
    .expect("given");
    let peer_principal = Analyst::new(&peer, []).as_peer_reviewer();
    let levels = vec![NewLevel {
        question_id: "O-1".to_owned(),
        level: 1,
        justification: "Only a draft mandate was shown.".to_owned(),
    }];
    rules::record_peer_levels(&mut conn, &peer_principal, response, &levels).expect("levels");
    analysts::assign_campaign(&mut conn, admin.id, campaign).expect("assigned");
    analysts::set_reviewer(&mut conn, admin.id, campaign, true).expect("reviewer");
    ReviewedPages {
        result: format!("{}/result", invited.path),
        unconsented: format!("{}/result", other.path),
        campaign,
        response,
    }
}

/// The peer reviewer's login, for the page checks.
pub(super) const PEER_LOGIN: (&str, &str) = (PEER, ANALYST_PASSWORD);
