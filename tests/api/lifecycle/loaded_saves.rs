//! A page saved with the answers its request loaded: written against those, without
//! reading them again, only while the response is still at the revision it was loaded at;
//! decided again on the stored answers once another write moved it on.

use liaison::ids::ResponseId;
use liaison::questionnaire::Answer;
use liaison::responses::{self, Known, Response};
use liaison::storage::responses::{LoadedAnswers, load_answers_as_read};
use liaison::storage::{Backend, DbConn};

use super::{World, at};
use crate::statements::statements_of;
use crate::test_db::TestDb;

/// The response and its answers as a page request reads them.
fn loaded(conn: &mut DbConn, id: ResponseId) -> (Response, LoadedAnswers) {
    let response = responses::view(conn, id).expect("view").response;
    let (_, texts) = load_answers_as_read(conn, id.get()).expect("answers");
    (response, texts)
}

#[test]
fn a_save_loaded_before_another_write_is_written_against_the_answers_that_write_left() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 1, at(0));
        let (stale, stale_answers) = loaded(&mut conn, id);
        // Another tab saves the first section between this page's load and its save.
        let who = world.respondent(0);
        responses::save_section(&mut conn, &who, 0, &world.answers(2), world.link(0), at(5))
            .expect("the other tab's save");

        let known = Known {
            response: &stale,
            answers: Some(&stale_answers),
        };
        let saved = responses::save_section_with_replies(
            &mut conn,
            &who,
            Some(known),
            0,
            &world.answers(3),
            &[],
            world.link(0),
            at(10),
        )
        .expect("a draft takes answers");

        let view = responses::view(&mut conn, id).expect("view");
        assert_eq!(saved.revision, view.response.revision, "{db}");
        let first = world.questionnaire.sections()[0].questions();
        let last: Vec<_> = view.changes.iter().filter(|c| c.at == at(10)).collect();
        assert_eq!(last.len(), first.len(), "{db}: one row per changed answer");
        for change in last {
            assert_eq!(
                (&change.old, &change.new),
                (
                    &Some(Answer::Choice("2".into())),
                    &Some(Answer::Choice("3".into()))
                ),
                "{db}: {} was 2 when this save was made, whatever its page read",
                change.question_id
            );
            assert_eq!(
                view.answers.get(&change.question_id),
                Some(&Answer::Choice("3".into())),
                "{db}"
            );
        }
    }
}

#[test]
fn a_save_loaded_at_the_stored_revision_reads_no_answer_again_and_on_postgresql_is_one_statement() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let id = world.save_all(&mut conn, 0, 1, at(0));
        let (response, answers) = loaded(&mut conn, id);
        let who = world.respondent(0);
        let (saved, ran) = statements_of(&mut conn, |conn| {
            let known = Known {
                response: &response,
                answers: Some(&answers),
            };
            responses::save_section_with_replies(
                conn,
                &who,
                Some(known),
                0,
                &world.answers(2),
                &[],
                world.link(0),
                at(5),
            )
        });
        let saved = saved.expect("a draft takes answers");
        assert_eq!(saved.revision, response.revision + 1, "{db}");
        let reads: Vec<&String> = ran
            .iter()
            .filter(|sql| sql.to_uppercase().starts_with("SELECT"))
            .collect();
        assert!(reads.is_empty(), "{db}: read again:\n{reads:#?}");
        if db.backend == Backend::Postgres {
            assert_eq!(
                ran.len(),
                1,
                "{db}: one statement, no transaction:\n{ran:#?}"
            );
        }
        let view = responses::view(&mut conn, id).expect("view");
        let first = world.questionnaire.sections()[0].questions();
        assert!(
            first
                .iter()
                .all(|q| view.answers.get(q.id()) == Some(&Answer::Choice("2".into()))),
            "{db}: the section saved"
        );
        let history = view.changes.iter().filter(|c| c.at == at(5)).count();
        assert_eq!(history, first.len(), "{db}: and its history");
    }
}
