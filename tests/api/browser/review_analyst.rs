//! The reviewer at the browser: logs in, comments on two answers of a submitted response
//! and marks them "please change", sends it back; later (after the respondent's
//! resubmission, which the full-path test drives) accepts it. Each step is a function of
//! its own, for the full-path test to call.

use liaison::accounts::Role;
use liaison::ids::ResponseId;
use liaison::responses::{self, ResponseState};
use liaison::storage::analysts;
use liaison::storage::campaigns::{CampaignSettings, set_settings};

use super::analyst::{Login, expect_path, log_in};
use super::driver::Browser;
use crate::fixtures::{
    CampaignBuilder, ParticipantBuilder, ResponseBuilder, every_answer, questionnaire,
};
use crate::helpers::{ANALYST_PASSWORD, TestApp, spawn_app};

/// A reviewer of one campaign, at the browser.
pub struct Reviewer<'a> {
    pub browser: &'a Browser,
    pub address: &'a str,
    pub login: Login<'a>,
    pub campaign: i64,
}

impl Reviewer<'_> {
    fn response_path(&self, response: i64) -> String {
        format!("/campaigns/{}/responses/{response}", self.campaign)
    }

    /// Logs in through the login form.
    pub(super) async fn log_in(&self) {
        log_in(self.browser, self.address, self.login).await;
    }

    /// Opens the response, comments on `questions` with `comments`, ticks "please change"
    /// on each and sends the response back; the page then says so and shows the flags.
    pub(super) async fn request_changes(
        &self,
        response: i64,
        questions: &[&str],
        comments: &[&str],
    ) {
        let b = self.browser;
        b.goto(&format!("{}{}", self.address, self.response_path(response)))
            .await;
        assert!(b.is_visible("#review-form").await, "{}", b.describe().await);
        for (q, text) in questions.iter().zip(comments) {
            b.type_into(&format!("#comment-{q}"), text).await;
            b.click(&format!("label[for=change-{q}]")).await;
        }
        b.click_through("#request-changes").await;
        expect_path(b, &self.response_path(response)).await;
        let notice = b.text_of("#status-notice").await;
        assert!(notice.contains("sent back for changes"), "{notice}");
        for q in questions {
            assert!(b.is_visible(&format!("#flag-{q}")).await, "flag of {q}");
        }
        let history = b.text_of("#review-history").await;
        for text in comments {
            assert!(history.contains(text), "{text} in {history}");
        }
    }

    /// Opens the response (submitted or resubmitted) and accepts it.
    pub(super) async fn accept(&self, response: i64) {
        let b = self.browser;
        b.goto(&format!("{}{}", self.address, self.response_path(response)))
            .await;
        b.click_through("#accept").await;
        expect_path(b, &self.response_path(response)).await;
        let notice = b.text_of("#status-notice").await;
        assert!(notice.contains("accepted"), "{notice}");
        assert!(
            b.find_all("#review-form").await.is_empty(),
            "no form once it is final"
        );
    }
}

/// A campaign that requires review with one submitted maturity response, and a reviewer
/// account; the campaign's and the response's ids.
pub(super) fn reviewed_campaign(app: &TestApp, reviewer_email: &str) -> (i64, i64) {
    let maturity = questionnaire("csirt-maturity");
    let mut conn = app.db.conn();
    let built = CampaignBuilder::new("Under review")
        .questionnaire("csirt-maturity")
        .participant(
            ParticipantBuilder::new("desk@reviewed.example.org")
                .organisation("CERT Reviewed")
                .response(ResponseBuilder::submitted(every_answer(
                    maturity, 2.0, "AT",
                ))),
        )
        .build(&mut conn);
    let (campaign, response) = (built.id(), built.participants[0].response_id());
    let settings = CampaignSettings {
        review_required: Some(true),
        ..CampaignSettings::default()
    };
    set_settings(&mut conn, campaign, &settings).expect("settings");
    drop(conn);
    app.add_analyst(reviewer_email, Role::Analyst, &[campaign]);
    let mut conn = app.db.conn();
    let id = analysts::find_by_email(&mut conn, reviewer_email)
        .expect("found")
        .expect("there")
        .id;
    analysts::set_reviewer(&mut conn, id, campaign, true).expect("reviewer");
    (campaign, response)
}

#[tokio::test]
async fn a_reviewer_sends_two_answers_back_and_later_accepts_the_response() {
    let Some(browser) = super::driver::launch().await else {
        return;
    };
    let app = spawn_app().await;
    let email = "reviewer@secretariat.example.org";
    let (campaign, response) = reviewed_campaign(&app, email);
    let reviewer = Reviewer {
        browser: &browser,
        address: &app.address,
        login: Login {
            email,
            password: ANALYST_PASSWORD,
        },
        campaign,
    };
    reviewer.log_in().await;
    let mut ids = questionnaire("csirt-maturity")
        .questions()
        .map(|q| q.id().to_owned());
    let (a, b) = (ids.next().expect("one"), ids.next().expect("two"));
    reviewer
        .request_changes(
            response,
            &[&a, &b],
            &["Which document says so?", "Please check this level."],
        )
        .await;
    let state = |app: &TestApp| {
        responses::view(&mut app.db.conn(), ResponseId(response))
            .expect("the response")
            .response
            .state
    };
    assert_eq!(state(&app), ResponseState::ChangesRequested);
    // The respondent's side resubmits (driven through its pages in the full-path test).
    let q = questionnaire("csirt-maturity");
    let invitation = responses::view(&mut app.db.conn(), ResponseId(response))
        .expect("the response")
        .response
        .invitation_id;
    responses::submit(
        &mut app.db.conn(),
        ResponseId(response),
        q,
        responses::Actor::Link(liaison::ids::InvitationId(invitation)),
        liaison::storage::now(),
    )
    .expect("resubmitted");
    assert_eq!(state(&app), ResponseState::Resubmitted);
    reviewer.accept(response).await;
    assert_eq!(state(&app), ResponseState::Accepted);
    browser.quit().await;
}
