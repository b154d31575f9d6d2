//! Review by the campaign's team, the analyst's side over HTTP: the reviewer flag set by
//! admins (page and API, audited), the review form of a response's page and its
//! refusals, the API's review route, the history that shows every step, and reports that
//! say which responses they rest on.

mod api;
mod form;
mod reports;
mod reviewer_flag;

use liaison::accounts::Role;
use liaison::ids::ResponseId;
use liaison::responses::{self, ResponseState};
use liaison::storage::analysts;
use liaison::storage::campaigns::{CampaignSettings, set_settings};

use crate::fixtures::{MATURITY, questionnaire};
use crate::helpers::{ANALYST_PASSWORD, Session, TestApp, spawn_app};
use crate::responses::{Seeded, seed};

/// A campaign (of `crate::responses::seed`: a submitted maturity response of Austria, a
/// submitted cooperation response of the police) that requires review or not, and a
/// reviewer assigned to it.
pub struct Review {
    pub app: TestApp,
    pub seeded: Seeded,
    pub reviewer_email: String,
    pub reviewer_token: String,
}

impl Review {
    pub async fn new(review_required: bool) -> Review {
        let app = spawn_app().await;
        let seeded = seed(&mut app.db.conn(), "rv");
        let settings = CampaignSettings {
            review_required: Some(review_required),
            ..CampaignSettings::default()
        };
        set_settings(&mut app.db.conn(), seeded.campaign, &settings).expect("settings");
        let reviewer = app.add_analyst("reviewer@test.invalid", Role::Analyst, &[seeded.campaign]);
        let mut conn = app.db.conn();
        let id = analysts::find_by_email(&mut conn, &reviewer.email)
            .expect("found")
            .expect("there")
            .id;
        analysts::set_reviewer(&mut conn, id, seeded.campaign, true).expect("reviewer");
        drop(conn);
        Review {
            app,
            seeded,
            reviewer_email: reviewer.email,
            reviewer_token: reviewer.api_token,
        }
    }

    /// The reviewer, logged in.
    pub async fn reviewer(&self) -> Session {
        self.app
            .log_in_as(&self.reviewer_email, ANALYST_PASSWORD)
            .await
    }

    /// The page of Austria's response.
    pub fn page(&self) -> String {
        format!(
            "/campaigns/{}/responses/{}",
            self.seeded.campaign, self.seeded.austria
        )
    }

    /// Where the review form posts.
    pub fn action(&self) -> String {
        format!("{}/review", self.page())
    }

    /// The state of `response` now.
    pub fn state(&self, response: i64) -> ResponseState {
        responses::view(&mut self.app.db.conn(), ResponseId(response))
            .expect("the response")
            .response
            .state
    }

    /// How many review comments `response` has.
    pub fn comments(&self, response: i64) -> usize {
        liaison::storage::review_comments::of_response(&mut self.app.db.conn(), response)
            .expect("comments")
            .len()
    }
}

/// The first two questions of the maturity questionnaire.
pub fn two_questions() -> [String; 2] {
    let mut ids = questionnaire(MATURITY)
        .questions()
        .map(|q| q.id().to_owned());
    [ids.next().expect("one"), ids.next().expect("two")]
}
