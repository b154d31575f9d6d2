//! Saves committed together (`storage::GroupCommit`): each caller hears of its own save
//! alone, what one refuses or breaks is undone without touching the others that stand,
//! and an acknowledged save is in the database.

use std::sync::mpsc;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use liaison::storage::{DbConn, DbPool, GroupCommit, StorageError, write_transaction};

use crate::test_db::TestDb;

/// How many saves each test sends at once.
const SAVES: usize = 12;

fn labels(pool: &DbPool) -> Vec<String> {
    let mut conn = pool.get().expect("a connection");
    let mut labels: Vec<String> = diesel::sql_query("SELECT label FROM group_rows")
        .load::<Label>(&mut conn)
        .expect("rows")
        .into_iter()
        .map(|l| l.label)
        .collect();
    labels.sort();
    labels
}

#[derive(QueryableByName)]
struct Label {
    #[diesel(sql_type = diesel::sql_types::Text)]
    label: String,
}

fn insert(conn: &mut DbConn, label: &str) -> Result<(), StorageError> {
    diesel::sql_query("INSERT INTO group_rows (label) VALUES ($1)")
        .bind::<diesel::sql_types::Text, _>(label)
        .execute(conn)?;
    Ok(())
}

/// What the n-th save does once it has written its row.
#[derive(Clone, Copy, PartialEq)]
enum Ending {
    Stands,
    Refused,
    Breaks,
}

/// What `send_together` leaves: each save's result, and the pool, runtime and writer
/// they went through.
struct Sent {
    results: Vec<Result<(), StorageError>>,
    pool: DbPool,
    runtime: tokio::runtime::Runtime,
    saves: GroupCommit,
}

/// Sends `SAVES` saves while a first one holds the writer, so that they wait together,
/// then lets them go.
fn send_together(db: &TestDb, ending: impl Fn(usize) -> Ending) -> Sent {
    let pool = db.pool();
    pool.get()
        .expect("a connection")
        .batch_execute("CREATE TABLE group_rows (label TEXT NOT NULL)")
        .expect("the table");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let saves = GroupCommit::start(&db.url, &pool).expect("the writer");
    let (open, gate) = mpsc::channel::<()>();
    let (started, running) = mpsc::channel::<()>();
    let results = runtime.block_on(async {
        let first = {
            let saves = saves.clone();
            tokio::spawn(async move {
                saves
                    .run(move |conn| {
                        started.send(()).expect("the test waits");
                        gate.recv().expect("the gate opens");
                        write_transaction(conn, |conn| insert(conn, "first"))
                    })
                    .await
            })
        };
        // Alone in its group: the others are sent once it runs.
        tokio::task::block_in_place(|| running.recv()).expect("the first save runs");
        let waiting: Vec<_> = (0..SAVES)
            .map(|n| {
                let (saves, ending) = (saves.clone(), ending(n));
                tokio::spawn(async move {
                    saves
                        .run(move |conn| {
                            write_transaction(conn, |conn| {
                                insert(conn, &format!("save {n:02}"))?;
                                match ending {
                                    Ending::Stands => Ok(()),
                                    Ending::Refused => Err(StorageError::Conflict(format!("{n}"))),
                                    Ending::Breaks => panic!("save {n} breaks"),
                                }
                            })
                        })
                        .await
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(200)).await;
        open.send(()).expect("the first save waits");
        first.await.expect("joined").expect("the first save stands");
        let mut results = Vec::new();
        for save in waiting {
            results.push(save.await.expect("joined"));
        }
        results
    });
    Sent {
        results,
        pool,
        runtime,
        saves,
    }
}

#[test]
fn a_refused_save_among_others_leaves_nothing_and_the_others_stand() {
    for db in TestDb::all() {
        let refused = |n: usize| n % 4 == 1;
        let Sent { results, pool, .. } = send_together(&db, |n| {
            if refused(n) {
                Ending::Refused
            } else {
                Ending::Stands
            }
        });
        let mut expected = vec!["first".to_owned()];
        for (n, result) in results.iter().enumerate() {
            if refused(n) {
                assert!(
                    matches!(result, Err(StorageError::Conflict(m)) if *m == n.to_string()),
                    "{db}: save {n} hears its own refusal: {result:?}"
                );
            } else {
                assert!(result.is_ok(), "{db}: save {n}: {result:?}");
                expected.push(format!("save {n:02}"));
            }
        }
        expected.sort();
        assert_eq!(labels(&pool), expected, "{db}");
    }
}

#[test]
fn a_save_that_breaks_is_never_acknowledged_and_the_writer_goes_on() {
    for db in TestDb::all() {
        let Sent {
            results,
            pool,
            runtime,
            saves,
        } = send_together(&db, |n| {
            if n == 5 {
                Ending::Breaks
            } else {
                Ending::Stands
            }
        });
        assert!(
            matches!(&results[5], Err(StorageError::NotCommitted(_))),
            "{db}: {:?}",
            results[5]
        );
        // Whatever shared its transaction is not committed either, and says so; what
        // was acknowledged is stored, and nothing else.
        let mut expected = vec!["first".to_owned()];
        for (n, result) in results.iter().enumerate() {
            match result {
                Ok(()) => expected.push(format!("save {n:02}")),
                Err(e) => assert!(matches!(e, StorageError::NotCommitted(_)), "{db}: {n}: {e}"),
            }
        }
        expected.sort();
        assert_eq!(labels(&pool), expected, "{db}");
        // The same writer takes the next save.
        runtime
            .block_on(saves.run(|conn| write_transaction(conn, |conn| insert(conn, "after"))))
            .expect("a save after the break");
        assert!(labels(&pool).contains(&"after".to_owned()), "{db}");
    }
}

#[test]
fn the_sqlite_writer_takes_none_of_the_pools_connections() {
    let db = TestDb::sqlite();
    let pool = liaison::storage::connect(&db.url, 1).expect("a pool of one");
    pool.get()
        .expect("a connection")
        .batch_execute("CREATE TABLE group_rows (label TEXT NOT NULL)")
        .expect("the table");
    let saves = GroupCommit::start(&db.url, &pool).expect("the writer");
    // A page being read holds the pool's only connection while a save comes in.
    let reading = pool.get().expect("the pool's connection");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime
        .block_on(saves.run(|conn| write_transaction(conn, |conn| insert(conn, "saved"))))
        .expect("the save commits beside the reader");
    drop(reading);
    assert_eq!(labels(&pool), ["saved"]);
}
