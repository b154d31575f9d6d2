//! The answer history on every backend: each real change to an answer leaves one row
//! (question, before, after, who, when) in the transaction that makes it, saving the
//! same value again leaves none, submission keeps it, and the database refuses to delete
//! or rewrite a row except for retention's scrub.

use diesel::prelude::*;
use liaison::ids::{AnalystId, ResponseId};
use liaison::questionnaire::Answer;
use liaison::responses::{self, Actor, AnswerChange, ResponseError, ResponseState};
use liaison::storage::schema::answer_history;
use liaison::storage::{self, Backend, DbConn};

use super::{World, at};
use crate::test_db::TestDb;

fn level(l: &str) -> Option<Answer> {
    Some(Answer::Choice(l.to_owned()))
}

/// The history of the first question of the first section, and how many rows in all.
fn first_question(conn: &mut DbConn, world: &World, id: ResponseId) -> (Vec<AnswerChange>, usize) {
    let first = world.questionnaire.sections()[0].questions()[0].id();
    let all = responses::answer_history(conn, id).expect("the answer history");
    let total = all.len();
    (
        all.into_iter().filter(|c| c.question_id == first).collect(),
        total,
    )
}

#[test]
fn each_real_change_leaves_one_row_and_saving_the_same_again_none() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let questions = world.questionnaire.questions().count();
        let id = world.save_all(&mut conn, 0, 3, at(0));
        let (_, after_first) = first_question(&mut conn, &world, id);
        assert_eq!(
            after_first,
            world.answers(3).len(),
            "{db}: one row per answer"
        );

        world.save_all(&mut conn, 0, 3, at(5));
        let (_, unchanged) = first_question(&mut conn, &world, id);
        assert_eq!(
            unchanged, after_first,
            "{db}: the same values again write nothing"
        );

        world.save_all(&mut conn, 0, 1, at(10));
        let q = &world.questionnaire;
        responses::submit(&mut conn, id, q, world.link(0), at(20)).expect("submit");
        let (first, total) = first_question(&mut conn, &world, id);
        assert_eq!(
            total,
            2 * world.answers(1).len(),
            "{db}: {questions} questions"
        );
        let link = Some(world.link(0));
        assert_eq!(
            first,
            [
                AnswerChange {
                    question_id: first[0].question_id.clone(),
                    old: None,
                    new: level("3"),
                    values_erased: false,
                    actor: link,
                    at: at(0),
                },
                AnswerChange {
                    question_id: first[0].question_id.clone(),
                    old: level("3"),
                    new: level("1"),
                    values_erased: false,
                    actor: link,
                    at: at(10),
                },
            ],
            "{db}: kept after the submit"
        );
        let view = responses::view(&mut conn, id).expect("view");
        assert_eq!(view.changes.len(), total, "{db}: the view reads it");
    }
}

#[test]
fn answers_saved_by_an_analyst_name_the_analyst_and_a_removed_answer_reads_as_none() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 2, at(0));
        let first = world.questionnaire.sections()[0].questions()[0].id();
        let analyst = Actor::Analyst(AnalystId(5));
        let mut answers = world.answers(2);
        answers.remove(first);
        let saved = responses::save_answers(&mut conn, id, &[first], &answers, analyst, at(3))
            .expect("a draft takes answers");
        assert_eq!(saved.updated_at, at(3), "{db}");
        let (changes, _) = first_question(&mut conn, &world, id);
        let last = changes.last().expect("a change");
        assert_eq!(
            (&last.old, &last.new, last.actor),
            (&level("2"), &None, Some(analyst)),
            "{db}"
        );
        let stored = storage::responses::load_answers(&mut conn, id.get()).expect("answers");
        assert!(!stored.contains_key(first), "{db}: the answer is gone");
    }
}

#[test]
fn saving_answers_into_a_submitted_response_is_refused_and_records_nothing() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 2, at(0));
        let q = &world.questionnaire;
        responses::submit(&mut conn, id, q, world.link(0), at(1)).expect("submit");
        let before = responses::view(&mut conn, id).expect("view");
        let first = q.sections()[0].questions()[0].id();
        let refused = responses::save_answers(
            &mut conn,
            id,
            &[first],
            &world.answers(4),
            Actor::Demo,
            at(2),
        );
        assert!(
            matches!(
                refused,
                Err(ResponseError::NotEditable {
                    state: ResponseState::Submitted,
                    ..
                })
            ),
            "{db}: {refused:?}"
        );
        let after = responses::view(&mut conn, id).expect("view");
        assert_eq!(after.changes, before.changes, "{db}");
        assert_eq!(after.answers, before.answers, "{db}");
    }
}

#[test]
fn a_failure_after_the_history_is_written_rolls_back_the_answers_and_their_history() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 3, at(0));
        let before = responses::view(&mut conn, id).expect("view");
        let who = world.respondent(0);
        let failed = storage::write_transaction(&mut conn, |conn| {
            responses::save_section(conn, &who, 0, &world.answers(1), world.link(0), at(5))?;
            let (changes, _) = first_question(conn, &world, id);
            assert_eq!(changes.len(), 2, "the history is written inside");
            // What follows the save in the caller's transaction fails.
            Err::<(), _>(ResponseError::Incomplete(id))
        });
        assert!(failed.is_err(), "{db}");
        let after = responses::view(&mut conn, id).expect("view");
        assert_eq!(after.answers, before.answers, "{db}: answers rolled back");
        assert_eq!(after.changes, before.changes, "{db}: history rolled back");
        assert_eq!(after.response, before.response, "{db}");
    }
}

#[test]
fn a_history_row_that_cannot_be_written_fails_the_save_and_keeps_the_answers() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 3, at(0));
        let before = responses::view(&mut conn, id).expect("view");
        refuse_history_inserts(&mut conn, db.backend);
        let who = world.respondent(0);
        let saved =
            responses::save_section(&mut conn, &who, 0, &world.answers(1), world.link(0), at(5));
        assert!(saved.is_err(), "{db}: {saved:?}");
        let after = responses::view(&mut conn, id).expect("view");
        assert_eq!(after.answers, before.answers, "{db}: no answer changed");
        assert_eq!(after.changes, before.changes, "{db}");
        assert_eq!(after.response, before.response, "{db}: not stamped");
    }
}

/// A trigger that fails every insert into the history, as a full disk would.
fn refuse_history_inserts(conn: &mut DbConn, backend: Backend) {
    let statements: &[&str] = match backend {
        Backend::Sqlite => &[
            "CREATE TRIGGER refuse_history BEFORE INSERT ON answer_history \
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
        ],
        Backend::Postgres => &[
            "CREATE FUNCTION refuse_history() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
            "CREATE TRIGGER refuse_history BEFORE INSERT ON answer_history \
             FOR EACH ROW EXECUTE FUNCTION refuse_history()",
        ],
    };
    for sql in statements {
        diesel::sql_query(*sql).execute(conn).expect(sql);
    }
}

#[test]
fn the_database_refuses_to_delete_or_rewrite_history_but_lets_retention_scrub_it() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 3, at(0));
        let rows = answer_history::table.filter(answer_history::response_id.eq(id.get()));

        let deleted = diesel::delete(rows).execute(&mut conn);
        assert!(deleted.is_err(), "{db}: a delete is refused");
        let rewritten = diesel::update(rows)
            .set(answer_history::new_value.eq(Some(r#"{"choice":"4"}"#)))
            .execute(&mut conn);
        assert!(rewritten.is_err(), "{db}: a value is never rewritten");
        let backdated = diesel::update(rows)
            .set(answer_history::at.eq(at(-60)))
            .execute(&mut conn);
        assert!(backdated.is_err(), "{db}: nor its time");
        let reattributed = diesel::update(rows)
            .set(answer_history::actor_id.eq(Some(99_i64)))
            .execute(&mut conn);
        assert!(reattributed.is_err(), "{db}: nor who made it");
        let before = responses::answer_history(&mut conn, id).expect("history");
        assert!(
            before.iter().all(|c| c.actor == Some(world.link(0))),
            "{db}"
        );

        let first = world.questionnaire.sections()[0].questions()[0]
            .id()
            .to_owned();
        let personal = [first.clone()];
        let scrubbed = storage::answer_history::scrub(&mut conn, id.get(), &personal)
            .expect("retention's scrub is allowed");
        assert_eq!(
            (scrubbed.authors, scrubbed.values),
            (before.len(), 1),
            "{db}"
        );
        let after = responses::answer_history(&mut conn, id).expect("history");
        for (was, is) in before.iter().zip(&after) {
            assert_eq!(is.actor, None, "{db}");
            if is.question_id == first {
                assert!(is.values_erased && is.new.is_none(), "{db}: {is:?}");
            } else {
                assert_eq!(
                    (&is.old, &is.new, is.at),
                    (&was.old, &was.new, was.at),
                    "{db}"
                );
            }
        }
        let again = storage::answer_history::scrub(&mut conn, id.get(), &personal).expect("again");
        assert_eq!(
            (again.authors, again.values),
            (0, 0),
            "{db}: nothing left to do"
        );
        let restored = diesel::update(rows)
            .set(answer_history::values_erased.eq(false))
            .execute(&mut conn);
        assert!(restored.is_err(), "{db}: erased values stay erased");
    }
}
