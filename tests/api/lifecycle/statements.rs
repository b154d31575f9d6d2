//! A page save runs a fixed number of statements on every backend, however many of its
//! answers change: the changed answers and their history rows go in one statement each,
//! not one (or, on SQLite, a savepoint and one) per answer.

use super::{World, at};
use crate::statements::statements_of;
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
