//! The response lifecycle through its one owner, `liaison::responses`, on every backend:
//! each transition leaves one event with its actor in the same transaction, a refused
//! change writes nothing, and reading a response has no side effects.

mod answer_history;
mod loaded_saves;
mod refusals;
mod review;
mod statements;
mod view;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use liaison::campaigns::Tlp;
use liaison::ids::{InvitationId, ResponseId};
use liaison::participants::OrganisationKind;
use liaison::questionnaire::{Answer, Answers, Catalogue, Questionnaire};
use liaison::responses::{self, Actor, Respondent, ResponseError, ResponseEvent, ResponseState};
use liaison::storage::campaigns::{NewCampaign, QuestionnaireChoice, create_campaign};
use liaison::storage::invitations::create_invitation;
use liaison::storage::organisations::{NewOrganisation, find_or_create_organisation};
use liaison::storage::participants::{NewParticipant, add_participant};
use liaison::storage::questionnaires::record_catalogue;
use liaison::storage::{self, DbConn};

use crate::helpers::shipped_questionnaires;
use crate::test_db::TestDb;

const MATURITY: &str = "csirt-maturity";

/// A campaign asking CSIRTs the shipped maturity questionnaire, and invitations for
/// two teams of it.
struct World {
    questionnaire: Questionnaire,
    invitations: [InvitationId; 2],
}

impl World {
    fn new(conn: &mut DbConn) -> World {
        let catalogue = Catalogue::load(&shipped_questionnaires()).expect("questionnaires");
        record_catalogue(conn, &catalogue).expect("record questionnaires");
        let questionnaire = catalogue.get(MATURITY).expect("maturity").clone();
        let campaign = create_campaign(
            conn,
            &NewCampaign {
                name: "Maturity 2026".to_owned(),
                tlp: Tlp::Amber,
                sender_organisation: "ENISA".to_owned(),
                closes_on: NaiveDate::from_ymd_opt(2030, 6, 30).expect("a date"),
                questionnaires: vec![QuestionnaireChoice {
                    audience: OrganisationKind::Csirt,
                    questionnaire_id: MATURITY.to_owned(),
                    questionnaire_version: questionnaire.version().to_owned(),
                }],
            },
        )
        .expect("campaign");
        let invitations = ["one", "two"].map(|team| {
            let org = find_or_create_organisation(
                conn,
                &NewOrganisation {
                    name: &format!("Team {team}"),
                    kind: OrganisationKind::Csirt,
                    country: "AT",
                },
            )
            .expect("organisation");
            let email = format!("{team}@example.org");
            let participant = add_participant(
                conn,
                &NewParticipant {
                    campaign_id: campaign.campaign.id,
                    organisation_id: org.id,
                    email: &email,
                    name: team,
                    audience: OrganisationKind::Csirt,
                    language: None,
                },
            )
            .expect("participant");
            let invitation =
                create_invitation(conn, participant.id, &format!("hash-{team}")).expect("invite");
            InvitationId(invitation.id)
        });
        World {
            questionnaire,
            invitations,
        }
    }

    fn respondent(&self, which: usize) -> Respondent<'_> {
        Respondent {
            invitation: self.invitations[which],
            questionnaire: &self.questionnaire,
            language: "en",
        }
    }

    /// An answer at `level` to every question: a complete response.
    fn answers(&self, level: u8) -> Answers {
        let all: Answers = self
            .questionnaire
            .questions()
            .map(|q| (q.id().to_owned(), Answer::Choice(level.to_string())))
            .collect();
        self.questionnaire.visible_answers(&all)
    }

    /// Saves every section of respondent `which` through its link; returns the response.
    fn save_all(
        &self,
        conn: &mut DbConn,
        which: usize,
        level: u8,
        at: NaiveDateTime,
    ) -> ResponseId {
        let who = self.respondent(which);
        let answers = self.answers(level);
        let mut id = None;
        for section in 0..self.questionnaire.sections().len() {
            let saved =
                responses::save_section(conn, &who, section, &answers, self.link(which), at)
                    .expect("a draft takes answers");
            id = Some(ResponseId(saved.id));
        }
        id.expect("the questionnaire has sections")
    }

    fn link(&self, which: usize) -> Actor {
        Actor::Link(self.invitations[which])
    }
}

/// A time in whole seconds, as both backends keep it.
fn at(minutes: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 2)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("a time")
        + Duration::minutes(minutes)
}

#[test]
fn each_transition_leaves_one_event_with_its_actor_and_time() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 3, at(0));
        // Saving more answers is no transition: still only the creation.
        world.save_all(&mut conn, 0, 2, at(5));
        let creation = ResponseEvent {
            from: None,
            to: ResponseState::Draft,
            actor: world.link(0),
            at: at(0),
        };
        assert_eq!(
            responses::history(&mut conn, id).expect("history"),
            [creation],
            "{db}"
        );

        let q = &world.questionnaire;
        let submitted = responses::submit(&mut conn, id, q, world.link(0), at(10)).expect("submit");
        assert_eq!(submitted.state, ResponseState::Submitted, "{db}");
        assert_eq!(submitted.submitted_at, Some(at(10)), "{db}");
        let submit = ResponseEvent {
            from: Some(ResponseState::Draft),
            to: ResponseState::Submitted,
            actor: world.link(0),
            at: at(10),
        };
        let view = responses::view(&mut conn, id).expect("view");
        assert_eq!(view.events, [creation, submit], "{db}");
        assert_eq!(view.answers, world.answers(2), "{db}: the last save counts");
    }
}

#[test]
fn an_analyst_and_the_demo_are_recorded_as_such() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let who = world.respondent(1);
        let started = responses::start(&mut conn, &who, Actor::Demo, at(0)).expect("start");
        let id = ResponseId(started.id);
        world.save_all(&mut conn, 1, 4, at(1));
        let analyst = Actor::Analyst(liaison::ids::AnalystId(42));
        let q = &world.questionnaire;
        responses::submit(&mut conn, id, q, analyst, at(2)).expect("submit");
        let actors: Vec<Actor> = responses::history(&mut conn, id)
            .expect("history")
            .into_iter()
            .map(|e| e.actor)
            .collect();
        assert_eq!(actors, [Actor::Demo, analyst], "{db}");
    }
}

#[test]
fn a_submit_whose_transaction_rolls_back_leaves_no_event_and_a_draft() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 3, at(0));
        let q = &world.questionnaire;
        let failed = storage::write_transaction(&mut conn, |conn| {
            responses::submit(conn, id, q, world.link(0), at(10))?;
            // What follows the submit in the caller's transaction fails (the receipt, say).
            Err::<(), _>(ResponseError::Incomplete(id))
        });
        assert!(failed.is_err(), "{db}");
        let view = responses::view(&mut conn, id).expect("view");
        assert_eq!(view.response.state, ResponseState::Draft, "{db}");
        assert_eq!(view.response.submitted_at, None, "{db}");
        assert_eq!(view.events.len(), 1, "{db}: only the creation");
    }
}
