//! The service as a client sees it: health, the questionnaire list, and refusing bad files.

use serde_json::Value;

use crate::helpers::{shipped_questionnaires, spawn_app, spawn_app_on, test_settings};
use crate::test_db::TestDb;

#[tokio::test]
async fn health_answers_ok() {
    let app = spawn_app().await;
    let response = app.get_health().await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn the_questionnaire_list_shows_every_shipped_questionnaire() {
    let app = spawn_app().await;
    let response = app.get_questionnaires().await;
    assert_eq!(response.status(), 200);
    let list: Vec<Value> = response.json().await.expect("json");
    let ids: Vec<&str> = list.iter().filter_map(|q| q["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "csirt-le-cooperation-csirt",
            "csirt-le-cooperation-judiciary",
            "csirt-le-cooperation-lea",
            "csirt-maturity",
            "nis2-csirt"
        ]
    );
    let maturity = &list[3];
    assert_eq!(maturity["questions"], 45);
    assert_eq!(maturity["audience"], "csirt");
    assert_eq!(maturity["tier_tables"][0]["source"], "project baseline");
}

#[tokio::test]
async fn one_questionnaire_is_served_whole_and_an_unknown_one_is_not_found() {
    let app = spawn_app().await;
    let response = app.get_questionnaire("csirt-le-cooperation-lea").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(
        body["pairs_with"],
        serde_json::json!([
            "csirt-le-cooperation-csirt",
            "csirt-le-cooperation-judiciary"
        ])
    );
    let missing = app.get_questionnaire("no-such-thing").await;
    assert_eq!(missing.status(), 404);
    let body: Value = missing.json().await.expect("json");
    assert_eq!(body["error"], "no questionnaire \"no-such-thing\"");
}

#[tokio::test]
async fn the_service_starts_on_postgres_too() {
    let Some(db) = TestDb::postgres() else { return };
    let app = spawn_app_on(db).await;
    assert_eq!(app.get_questionnaires().await.status(), 200);
}

#[tokio::test]
async fn the_service_refuses_to_start_on_an_invalid_questionnaire() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&shipped_questionnaires(), dir.path());
    let tiers = dir.path().join("csirt-maturity/tiers.toml");
    let text =
        std::fs::read_to_string(&tiers)
            .expect("read")
            .replacen("\"O-1\" =", "\"O-99\" =", 1);
    std::fs::write(&tiers, text).expect("write");
    let db = TestDb::sqlite();
    let error = liaison::startup::Application::build(&test_settings(&db.url, dir.path()))
        .err()
        .expect("start-up is refused");
    let message = error.to_string();
    assert!(
        message.contains("csirt-maturity/tiers.toml: tier basic: names unknown parameter \"O-99\""),
        "{message}"
    );
}

/// Copies a two-level folder tree (questionnaire folders and their files).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
