//! `spawn_app`: the real application on a free port with a fresh database, and one method per endpoint.

use std::path::{Path, PathBuf};

use liaison::config::Settings;
use liaison::startup::Application;

use crate::test_db::TestDb;

/// A running application and what a test needs to talk to it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// Keeps the database alive for as long as the app runs.
    pub _db: TestDb,
}

/// The shipped questionnaires folder.
pub fn shipped_questionnaires() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires")
}

/// Settings for a test: port 0, the given database and questionnaires.
pub fn test_settings(database_url: &str, questionnaires: &Path) -> Settings {
    Settings {
        database_url: database_url.to_owned(),
        database_pool_size: 2,
        host: "127.0.0.1".to_owned(),
        port: 0,
        base_url: "http://127.0.0.1".to_owned(),
        questionnaires_dir: questionnaires.to_path_buf(),
        reports_dir: std::env::temp_dir(),
        log: "warn".to_owned(),
    }
}

/// Starts the app on `db` with the shipped questionnaires.
pub async fn spawn_app_on(db: TestDb) -> TestApp {
    let settings = test_settings(&db.url, &shipped_questionnaires());
    let app = Application::build(&settings).expect("the application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::new(),
        _db: db,
    }
}

/// Starts the app on a fresh SQLite database.
pub async fn spawn_app() -> TestApp {
    spawn_app_on(TestDb::sqlite()).await
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("the request reaches the app")
    }

    pub async fn get_health(&self) -> reqwest::Response {
        self.get("/health").await
    }

    pub async fn get_questionnaires(&self) -> reqwest::Response {
        self.get("/api/v1/questionnaires").await
    }

    pub async fn get_questionnaire(&self, id: &str) -> reqwest::Response {
        self.get(&format!("/api/v1/questionnaires/{id}")).await
    }
}
