//! A page save runs a fixed number of statements on every backend, however many of its
//! answers change: the changed answers and their history rows go in one statement each,
//! not one (or, on SQLite, a savepoint and one) per answer; and every one of them is
//! prepared once per connection, not parsed again on every save.

use super::{World, at};
use crate::statements::{statements_and_preparations_of, statements_of};
use crate::test_db::TestDb;
use liaison::responses;

#[test]
fn a_page_save_runs_as_many_statements_for_many_changed_answers_as_for_few() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let sections = world.questionnaire.sections();
        let sizes: Vec<usize> = sections.iter().map(|s| s.questions().len()).collect();
        let smallest = (0..sizes.len())
            .min_by_key(|&i| sizes[i])
            .expect("sections");
        let largest = (0..sizes.len())
            .max_by_key(|&i| sizes[i])
            .expect("sections");
        assert!(sizes[largest] > sizes[smallest] + 5, "{sizes:?}");
        let who = world.respondent(0);
        let link = world.link(0);
        // Every answer stored once, so that each save below replaces all of its page's.
        world.save_all(&mut conn, 0, 3, at(0));
        let mut count = |section: usize, level: u8, minutes: i64| {
            let answers = world.answers(level);
            let (saved, statements) = statements_of(&mut conn, |conn| {
                responses::save_section(conn, &who, section, &answers, link, at(minutes))
            });
            saved.expect("a draft takes answers");
            statements
        };
        let few = count(smallest, 1, 5);
        let many = count(largest, 1, 10);
        assert_eq!(
            few.len(),
            many.len(),
            "{db}: {} answers changed took {} statements, {} took {}:\n{}",
            sizes[smallest],
            few.len(),
            sizes[largest],
            many.len(),
            many.join("\n")
        );
    }
}

#[test]
fn every_statement_of_a_page_save_is_prepared_once_per_connection() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let world = World::new(&mut conn);
        let who = world.respondent(0);
        let link = world.link(0);
        world.save_all(&mut conn, 0, 3, at(0));
        let largest = (0..world.questionnaire.sections().len())
            .max_by_key(|&i| world.questionnaire.sections()[i].questions().len())
            .expect("sections");
        // A connection of its own, whose cache holds nothing yet.
        let mut fresh = db.conn();
        let mut save = |level: u8, minutes: i64| {
            let answers = world.answers(level);
            let (saved, ran, kept) = statements_and_preparations_of(&mut fresh, |conn| {
                responses::save_section(conn, &who, largest, &answers, link, at(minutes))
            });
            saved.expect("a draft takes answers");
            (ran, kept)
        };
        let (_, kept_first) = save(1, 5);
        let (ran, kept_second) = save(2, 10);
        // Transaction control goes as plain text, never prepared.
        let control = ["BEGIN", "COMMIT", "SAVEPOINT", "RELEASE", "ROLLBACK"];
        let statement = |sql: &&String| !control.iter().any(|c| sql.to_uppercase().starts_with(c));
        let prepared_again: Vec<&String> = ran
            .iter()
            .filter(statement)
            .filter(|sql| !kept_first.contains(sql))
            .collect();
        assert!(
            ran.iter().filter(statement).count() >= 3,
            "{db}: the save read and wrote its answers:\n{}",
            ran.join("\n")
        );
        assert!(
            prepared_again.is_empty() && kept_second.iter().filter(statement).count() == 0,
            "{db}: a second save prepared {} statement(s) anew:\n{}",
            prepared_again.len(),
            prepared_again
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
