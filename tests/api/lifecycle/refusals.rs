//! Refused changes: each is a typed error, and none writes anything.

use liaison::responses::{self, ResponseError, ResponseState};

use super::{World, at};
use crate::test_db::TestDb;

#[test]
fn a_second_submit_is_not_editable_and_writes_no_event() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 3, at(0));
        let q = &world.questionnaire;
        responses::submit(&mut conn, id, q, world.link(0), at(10)).expect("first submit");
        let before = responses::view(&mut conn, id).expect("view");

        let again = responses::submit(&mut conn, id, q, world.link(0), at(20));
        assert!(
            matches!(again, Err(ResponseError::NotEditable { response, state: ResponseState::Submitted }) if response == id),
            "{db}: {again:?}"
        );
        let after = responses::view(&mut conn, id).expect("view");
        assert_eq!(after.response, before.response, "{db}: submitted_at kept");
        assert_eq!(after.events, before.events, "{db}: no event");
    }
}

#[test]
fn a_save_on_a_submitted_response_changes_nothing() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 3, at(0));
        let q = &world.questionnaire;
        responses::submit(&mut conn, id, q, world.link(0), at(10)).expect("submit");
        let before = responses::view(&mut conn, id).expect("view");

        let who = world.respondent(0);
        let saved =
            responses::save_section(&mut conn, &who, 0, &world.answers(1), world.link(0), at(30));
        assert!(
            matches!(
                saved,
                Err(ResponseError::NotEditable {
                    state: ResponseState::Submitted,
                    ..
                })
            ),
            "{db}: {saved:?}"
        );
        let after = responses::view(&mut conn, id).expect("view");
        assert_eq!(after.response, before.response, "{db}: updated_at kept");
        assert_eq!(after.answers, before.answers, "{db}: answers kept");
        assert_eq!(after.events, before.events, "{db}: no event");
    }
}

#[test]
fn an_incomplete_response_stays_a_draft() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let who = world.respondent(0);
        let saved =
            responses::save_section(&mut conn, &who, 0, &world.answers(2), world.link(0), at(0))
                .expect("save");
        let id = liaison::ids::ResponseId(saved.id);
        let refused = responses::submit(&mut conn, id, &world.questionnaire, world.link(0), at(5));
        assert!(
            matches!(refused, Err(ResponseError::Incomplete(r)) if r == id),
            "{db}: {refused:?}"
        );
        let view = responses::view(&mut conn, id).expect("view");
        assert_eq!(view.response.state, ResponseState::Draft, "{db}");
        assert_eq!(view.events.len(), 1, "{db}: only the creation");
    }
}

#[test]
fn another_invitations_link_cannot_submit_a_response() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 3, at(0));
        let q = &world.questionnaire;
        let refused = responses::submit(&mut conn, id, q, world.link(1), at(5));
        assert!(
            matches!(refused, Err(ResponseError::NotYours { response, invitation }) if response == id && invitation == world.invitations[1]),
            "{db}: {refused:?}"
        );
        let view = responses::view(&mut conn, id).expect("view");
        assert_eq!(view.response.state, ResponseState::Draft, "{db}");
    }
}

#[test]
fn a_section_the_questionnaire_lacks_is_refused_before_anything_is_written() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let who = world.respondent(0);
        let beyond = world.questionnaire.sections().len();
        let refused = responses::save_section(
            &mut conn,
            &who,
            beyond,
            &world.answers(2),
            world.link(0),
            at(0),
        );
        assert!(
            matches!(refused, Err(ResponseError::NoSuchSection(s)) if s == beyond),
            "{db}"
        );
        let view = responses::view_of_invitation(&mut conn, world.invitations[0]).expect("view");
        assert!(view.is_none(), "{db}: no response started");
    }
}
