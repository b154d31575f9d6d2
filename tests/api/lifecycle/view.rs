//! Reading a response as an analyst: no link marked opened, no response started, no
//! event written, nothing stamped. And the states as the database keeps them.

use diesel::prelude::*;
use liaison::ids::ResponseId;
use liaison::responses;
use liaison::storage::DbConn;
use liaison::storage::schema::{invitations, response_events, responses as responses_table};

use super::{World, at};
use crate::test_db::TestDb;

/// Every row the lifecycle could touch, as it stands.
#[derive(Debug, PartialEq)]
struct Snapshot {
    opened: Vec<Option<chrono::NaiveDateTime>>,
    responses: Vec<(i64, String, chrono::NaiveDateTime)>,
    events: i64,
}

fn snapshot(conn: &mut DbConn) -> Snapshot {
    Snapshot {
        opened: invitations::table
            .order(invitations::id)
            .select(invitations::opened_at)
            .load(conn)
            .expect("invitations"),
        responses: responses_table::table
            .order(responses_table::id)
            .select((
                responses_table::id,
                responses_table::state,
                responses_table::updated_at,
            ))
            .load(conn)
            .expect("responses"),
        events: response_events::table
            .count()
            .get_result(conn)
            .expect("events"),
    }
}

#[test]
fn viewing_a_link_never_answered_starts_nothing_and_marks_nothing_opened() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let before = snapshot(&mut conn);
        assert!(before.responses.is_empty(), "{db}");
        for invitation in world.invitations {
            let view = responses::view_of_invitation(&mut conn, invitation).expect("view");
            assert!(view.is_none(), "{db}");
        }
        let after = snapshot(&mut conn);
        assert_eq!(after, before, "{db}");
        assert!(after.opened.iter().all(Option::is_none), "{db}");
        assert_eq!(after.events, 0, "{db}");
    }
}

#[test]
fn viewing_a_response_reads_its_answers_and_history_and_changes_nothing() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 3, at(0));
        let before = snapshot(&mut conn);

        let by_id = responses::view(&mut conn, id).expect("view");
        let by_link = responses::view_of_invitation(&mut conn, world.invitations[0])
            .expect("view")
            .expect("a started response");
        assert_eq!(by_id.answers, world.answers(3), "{db}");
        assert_eq!(by_id.events.len(), 1, "{db}");
        assert_eq!(by_link.response, by_id.response, "{db}");
        assert_eq!(snapshot(&mut conn), before, "{db}");
    }
}

#[test]
fn viewing_a_response_that_does_not_exist_is_not_found() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        World::new(&mut conn);
        let missing = responses::view(&mut conn, ResponseId(4242));
        assert!(
            matches!(
                missing,
                Err(responses::ResponseError::Storage(
                    liaison::storage::StorageError::NotFound { .. }
                ))
            ),
            "{db}"
        );
    }
}

#[test]
fn the_database_keeps_any_state_word_and_only_the_domain_knows_which_exist() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 3, at(0));
        let set = |conn: &mut DbConn, state: &str| {
            diesel::update(responses_table::table.find(id.get()))
                .set((
                    responses_table::state.eq(state),
                    responses_table::submitted_at.eq(Some(at(1))),
                ))
                .execute(conn)
        };
        // A state to come needs no migration: the table takes the word…
        set(&mut conn, "withdrawn").expect("a state word is stored");
        // …and this build, which does not know it, refuses to read it.
        assert!(responses::view(&mut conn, id).is_err(), "{db}");
        assert!(set(&mut conn, "Not a word").is_err(), "{db}");
        // Only a draft was never submitted.
        let draft_with_date = diesel::update(responses_table::table.find(id.get()))
            .set(responses_table::state.eq("draft"))
            .execute(&mut conn);
        assert!(draft_with_date.is_err(), "{db}");
    }
}
