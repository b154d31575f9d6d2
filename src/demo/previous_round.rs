//! The demo's earlier round of the maturity campaign: a year before it, closed, answered
//! by the same organisations a little less mature, and by the demo respondent's own
//! organisation, so that the next round's offer to start from the last answers, the change
//! since on the result page and the trend across rounds all show.

use chrono::{Days, Duration, NaiveDateTime};
use rand::SeedableRng;
use rand::rngs::StdRng;

use super::answering::{Reach, through_the_form};
use super::synthetic::{self, Draw};
use super::{DemoError, SENDER, demo_organisation};
use crate::campaigns::Tlp;
use crate::ids::{InvitationId, ResponseId};
use crate::invitations::Token;
use crate::participants::OrganisationKind;
use crate::questionnaire::Questionnaire;
use crate::responses::{self, Actor, Respondent, ResponseError};
use crate::storage::campaigns::{self, CampaignDetails, CampaignSettings, NewCampaign};
use crate::storage::participants::{self, NewParticipant};
use crate::storage::{DbConn, invitations, write_transaction};

/// The earlier round's name.
pub(super) const NAME: &str = "CSIRT maturity self-assessment, previous round (demo)";

/// How much less mature the organisations were a year before.
const LOWER: f64 = 0.5;

/// Seeds the round before `next` (the demo's maturity campaign, just created with its
/// synthetic respondents) and makes `next` follow it; the earlier round, as stored.
pub(super) fn seed(
    conn: &mut DbConn,
    next: &CampaignDetails,
    questionnaires: &[(OrganisationKind, Questionnaire)],
) -> Result<CampaignDetails, DemoError> {
    let now = synthetic::now();
    let year_ago = now - Duration::days(365);
    let new = NewCampaign {
        name: NAME.to_owned(),
        tlp: Tlp::Amber,
        sender_organisation: SENDER.to_owned(),
        closes_on: year_ago.date() + Days::new(1),
        questionnaires: next
            .questionnaires
            .iter()
            .map(|q| campaigns::QuestionnaireChoice {
                audience: q.audience,
                questionnaire_id: q.questionnaire_id.clone(),
                questionnaire_version: q.questionnaire_version.clone(),
            })
            .collect(),
    };
    let earlier = campaigns::create_campaign(conn, &new)?;
    let id = earlier.campaign.id;
    // Kept for two years, so the demo's earlier round is not erased the day it is seeded.
    let settings = CampaignSettings {
        retention_days: Some(730),
        ..CampaignSettings::default()
    };
    campaigns::set_settings(conn, id, &settings)?;
    // The same random draw as the next round, a little lower: the same organisations,
    // the same progress, each somewhat less mature a year before.
    let draw = Draw {
        lower: LOWER,
        ..Draw::of(next)
    };
    synthetic::populate(conn, &earlier, questionnaires, year_ago, draw)?;
    for (kind, questionnaire) in questionnaires {
        if *kind == OrganisationKind::Csirt {
            demo_organisation_answered(conn, &earlier, questionnaire, year_ago)?;
        }
    }
    write_transaction(conn, |conn| {
        let opened = year_ago - Duration::days(60);
        campaigns::set_past_dates(conn, id, opened, new.closes_on, year_ago)?;
        campaigns::set_follows(conn, next.campaign.id, Some(id))
    })?;
    Ok(campaigns::get_campaign(conn, id)?)
}

/// The demo respondent's organisation submitted the earlier round, around level 1.5.
fn demo_organisation_answered(
    conn: &mut DbConn,
    earlier: &CampaignDetails,
    questionnaire: &Questionnaire,
    submitted_at: NaiveDateTime,
) -> Result<(), DemoError> {
    let mut rng = StdRng::seed_from_u64(2025);
    let wanted = synthetic::answers_for(questionnaire, "LU", 1.5, &mut rng);
    let answers = through_the_form(questionnaire, &wanted, Reach::AllSections)?;
    let written = write_transaction(conn, |conn| {
        let organisation = demo_organisation(conn)?;
        let email = format!("demo-respondent-{}@example.org", earlier.campaign.id);
        let participant = participants::add_participant(
            conn,
            &NewParticipant {
                campaign_id: earlier.campaign.id,
                organisation_id: organisation.id,
                email: &email,
                name: "Demo respondent",
                audience: OrganisationKind::Csirt,
                language: Some("en"),
            },
        )?;
        // The link of a round long closed opens nothing: its token is thrown away.
        let invitation =
            invitations::create_invitation(conn, participant.id, &Token::generate().hash())?;
        let invitation = InvitationId(invitation.id);
        let who = Respondent {
            invitation,
            questionnaire,
            language: "en",
        };
        let saved_at = submitted_at - Duration::hours(1);
        let mut response = None;
        for section in 0..questionnaire.sections().len() {
            let saved =
                responses::save_section(conn, &who, section, &answers, Actor::Demo, saved_at)?;
            response = Some(ResponseId(saved.id));
        }
        if let Some(id) = response {
            responses::submit(conn, id, questionnaire, Actor::Demo, submitted_at)?;
        }
        Ok::<_, ResponseError>(())
    });
    Ok(written?)
}
