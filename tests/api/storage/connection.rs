//! Opening a database: clear refusals, and the per-connection SQLite settings.

use diesel::prelude::*;
use diesel::sql_types::Text;
use liaison::storage::{self, StorageError};

use crate::test_db::TestDb;

#[test]
fn connecting_again_to_a_migrated_database_works() {
    for db in TestDb::all() {
        let first = db.pool();
        let second = db.pool();
        assert!(second.get().is_ok() && first.get().is_ok(), "{db}");
    }
}

#[test]
fn an_unsupported_database_url_is_refused_with_the_schemes_that_work() {
    let err = storage::connect("mysql://root:secret@db/liaison", 2).expect_err("mysql");
    let message = err.to_string();
    assert!(
        matches!(err, StorageError::UnsupportedUrl { .. }),
        "{message}"
    );
    assert!(
        message.contains("postgres://") && message.contains("sqlite://"),
        "{message}"
    );
    assert!(!message.contains("secret"), "{message}");
}

#[test]
fn a_database_that_cannot_be_opened_is_named_without_its_password() {
    let err = storage::connect("postgres://liaison:secret@127.0.0.1:1/liaison", 2)
        .expect_err("nothing listens on port 1");
    let message = err.to_string();
    assert!(matches!(err, StorageError::Open { .. }), "{message}");
    assert!(
        message.starts_with("cannot open database at postgres://liaison:***@127.0.0.1:1/liaison: "),
        "{message}"
    );

    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("no-such-folder").join("liaison.sqlite");
    let err = storage::connect(&missing.display().to_string(), 2).expect_err("missing folder");
    assert!(err.to_string().contains("does not exist"), "{err}");
}

#[test]
fn pooled_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout() {
    let db = TestDb::sqlite();
    let mut conn = db.conn();
    #[derive(QueryableByName)]
    struct Setting {
        #[diesel(sql_type = Text)]
        value: String,
    }
    let mut setting = |pragma: &str| {
        diesel::sql_query(format!("SELECT CAST(({pragma}) AS TEXT) AS value"))
            .get_result::<Setting>(&mut conn)
            .map(|s| s.value)
            .unwrap_or_else(|e| panic!("{pragma}: {e}"))
    };
    assert_eq!(
        setting("SELECT journal_mode FROM pragma_journal_mode"),
        "wal"
    );
    assert_eq!(setting("SELECT foreign_keys FROM pragma_foreign_keys"), "1");
    assert_eq!(setting("SELECT timeout FROM pragma_busy_timeout"), "5000");
    // NORMAL is 1.
    assert_eq!(setting("SELECT synchronous FROM pragma_synchronous"), "1");
}
