//! The next round: a campaign follows another (`follows`: through the API, the create page
//! and the CLI), an organisation that submitted in an earlier round is offered its last
//! answers (`offer`), and its result shows the change since (`since`); the demo seeds
//! such a round (`demo`).

mod demo;
mod follows;
mod offer;
mod since;

use diesel::prelude::*;
use liaison::questionnaire::Answers;
use liaison::storage::schema::{invitations, participants, responses};
use serde_json::json;

use crate::fixtures::{CampaignBuilder, ParticipantBuilder, ResponseBuilder};
use crate::helpers::TestApp;
use crate::respondent::{Participant, Respondent, invite_to};

/// The organisation that answered the earlier round.
const TEAM: &str = "Team X";

/// Campaign `name` of the shipped questionnaire `questionnaire`, built in storage, where
/// `TEAM` submitted `answers` and "Team Y" only left a draft of them; its id.
fn earlier_round(app: &TestApp, name: &str, questionnaire: &str, answers: Answers) -> i64 {
    CampaignBuilder::new(name)
        .questionnaire(questionnaire)
        .participant(
            ParticipantBuilder::new("last-year@team-x.example.org")
                .organisation(TEAM)
                .response(ResponseBuilder::submitted(answers.clone())),
        )
        .participant(
            ParticipantBuilder::new("last-year@team-y.example.org")
                .organisation("Team Y")
                .response(ResponseBuilder::draft(answers)),
        )
        .build(&mut app.db.conn())
        .id()
}

/// A campaign of the loaded `questionnaire` following `earlier`, made through the API.
async fn next_round(app: &TestApp, questionnaire: &str, earlier: i64) -> i64 {
    app.create_campaign(json!({
        "name": "Next round",
        "questionnaires": [questionnaire],
        "closes_on": "2099-01-31",
        "follows": earlier,
    }))
    .await
}

/// A CSIRT of `organisation`, new to the campaign (its address differs from last year's),
/// invited to `campaign`.
async fn invited(app: &TestApp, campaign: i64, organisation: &str) -> Respondent {
    let email = format!(
        "desk-{campaign}@{}.example.org",
        organisation.to_lowercase().replace(' ', "-")
    );
    let who = Participant {
        email: &email,
        organisation,
        kind: "csirt",
        language: "en",
    };
    invite_to(app, campaign, &who).await
}

/// The stored answers of `campaign`'s only response; none when it was not started.
fn stored_answers(app: &TestApp, campaign: i64) -> Answers {
    let mut conn = app.db.conn();
    let response: Option<i64> = responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign))
        .select(responses::id)
        .first(&mut conn)
        .optional()
        .expect("the responses");
    response.map_or_else(Answers::new, |id| {
        liaison::storage::responses::load_answers(&mut conn, id).expect("the answers")
    })
}
