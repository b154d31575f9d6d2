//! Questionnaire snapshots on every backend: a version never changes.

use std::path::Path;

use diesel::prelude::*;
use liaison::questionnaire::{self, Catalogue};
use liaison::storage::StorageError;
use liaison::storage::questionnaires::{
    NewQuestionnaireSnapshot, get_snapshot, record_catalogue, store_snapshot,
};
use liaison::storage::schema::questionnaire_snapshots;

use super::store;
use crate::test_db::TestDb;

#[test]
fn storing_different_content_under_a_stored_questionnaire_version_is_refused() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let original = store(
            &mut conn,
            "csirt-maturity",
            "1",
            r#"[["questionnaire.toml","a"]]"#,
        );
        let same_again = store(
            &mut conn,
            "csirt-maturity",
            "1",
            r#"[["questionnaire.toml","a"]]"#,
        );
        assert_eq!(
            original, same_again,
            "{db}: storing the same files again is a no-op"
        );

        let changed = NewQuestionnaireSnapshot::new(
            "csirt-maturity",
            "1",
            r#"[["questionnaire.toml","b"]]"#.to_owned(),
        );
        let err = store_snapshot(&mut conn, &changed).expect_err("changed content, same version");

        assert!(matches!(err, StorageError::Conflict(_)), "{db}: {err}");
        assert!(
            err.to_string().contains("csirt-maturity version 1"),
            "{db}: {err}"
        );
        assert_eq!(
            get_snapshot(&mut conn, "csirt-maturity", "1").expect("get"),
            original,
            "{db}"
        );
        let files = original.sources().expect("stored content decodes").files;
        assert_eq!(
            files,
            [("questionnaire.toml".to_owned(), "a".to_owned())],
            "{db}"
        );
    }
}

#[test]
fn recording_the_shipped_questionnaires_twice_keeps_one_readable_snapshot_each() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let catalogue = Catalogue::load(&dir).expect("the shipped questionnaires are valid");
    assert!(!catalogue.is_empty());
    for db in TestDb::all() {
        let mut conn = db.conn();
        record_catalogue(&mut conn, &catalogue).expect("first start");
        record_catalogue(&mut conn, &catalogue).expect("second start, same files");

        let stored: i64 = questionnaire_snapshots::table
            .count()
            .get_result(&mut conn)
            .expect("count");
        assert_eq!(stored, catalogue.len() as i64, "{db}");
        for questionnaire in catalogue.iter() {
            let snapshot = get_snapshot(&mut conn, questionnaire.id(), questionnaire.version())
                .expect("snapshot");
            let sources = snapshot.sources().expect("decodes");
            let reparsed = questionnaire::parse(&sources).expect("parses again");
            assert_eq!(reparsed.version(), questionnaire.version(), "{db}");
        }
    }
}
