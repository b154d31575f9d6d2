//! `spawn_app`: the real application on a free port with a fresh database, and one method per endpoint.
//! Forms are in [`forms`], what a page's form offers (its CSRF field, first options) in
//! [`fields`], accounts and logged-in browsers in [`sessions`].

mod binary;
mod cells;
mod fields;
mod forms;
mod sessions;

pub use binary::Binary;
pub use cells::{Cell, every_cell, holding};
pub use fields::{csrf_token, first_values};
pub use forms::{cell, client, cookies_from, escaped, location, log_in, login_token, post_form};
pub use sessions::{ANALYST_PASSWORD, Session};

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use liaison::accounts::Role;
use liaison::accounts::{Password, hash_password};
use liaison::config::Settings;
use liaison::startup::Application;
use liaison::storage::audit::AuditEntry;
use liaison::storage::{DbPool, analysts, api_tokens};

use crate::test_db::TestDb;

/// The admin account every test app has.
pub const ADMIN_EMAIL: &str = "admin@test.invalid";

/// The admin's password.
pub const ADMIN_PASSWORD: &str = "admin password for tests";

/// The admin's password hash, made once: argon2 is slow in a debug build.
static ADMIN_HASH: LazyLock<String> = LazyLock::new(|| {
    let password = Password::parse(ADMIN_PASSWORD, ADMIN_EMAIL).expect("a valid password");
    hash_password(&password).expect("hashing works")
});

/// A running application and what a test needs to talk to it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// The app's database, alive for as long as the app runs.
    pub db: TestDb,
    /// The admin's API token, which `api` and `post_api` send.
    pub api_token: String,
    /// The app's own reports folder (unless the test chose one), so no two tests
    /// write `<campaign id>/` into the same place.
    pub _reports: tempfile::TempDir,
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
        privacy_k: 3,
        log: "warn".to_owned(),
        smtp_url: "smtp://127.0.0.1:1".to_owned(),
        organisation: "Test Network Secretariat".to_owned(),
        mail_from: "Liaison <liaison@test.invalid>".to_owned(),
        mail_max_attempts: 3,
        mail_retry_seconds: 1,
        mail_poll_seconds: 0,
        mail_smtp_sessions: liaison::mail::outbox::DEFAULT_SMTP_SESSIONS,
        retention_interval_seconds: 0,
        trusted_proxies: Default::default(),
        evidence_max_file_bytes: 10 * 1024 * 1024,
        evidence_max_response_bytes: 50 * 1024 * 1024,
    }
}

/// Starts the app on `db` with the shipped questionnaires.
pub async fn spawn_app_on(db: TestDb) -> TestApp {
    spawn_app_with(db, |_| {}).await
}

/// Starts the app on `db` with settings changed by `adjust` (e.g. the SMTP server).
pub async fn spawn_app_with(db: TestDb, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = test_settings(&db.url, &shipped_questionnaires());
    let reports = tempfile::tempdir().expect("a reports folder");
    settings.reports_dir = reports.path().to_path_buf();
    adjust(&mut settings);
    let app = Application::build(&settings).expect("the application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let api_token = add_admin(app.pool());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::new(),
        db,
        api_token,
        _reports: reports,
    }
}

/// Creates the admin account and returns a fresh API token for it.
fn add_admin(pool: &DbPool) -> String {
    let mut conn = pool.get().expect("a connection");
    let admin = analysts::create_analyst(&mut conn, ADMIN_EMAIL, &ADMIN_HASH, Role::Admin)
        .expect("the admin account is created");
    api_tokens::create_api_token(&mut conn, admin.id, "tests")
        .expect("an API token")
        .token
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

    /// A request to the API carrying the admin's API token.
    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .request(method, format!("{}/api/v1{path}", self.address))
            .bearer_auth(&self.api_token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("the request reaches the app")
    }

    pub async fn post_api(&self, path: &str, body: serde_json::Value) -> reqwest::Response {
        self.api(reqwest::Method::POST, path, Some(body)).await
    }

    /// Creates the campaign `body` describes through the API, which must accept it; its id.
    pub async fn create_campaign(&self, body: serde_json::Value) -> i64 {
        let created = self.post_api("/campaigns", body).await;
        assert_eq!(created.status(), 201, "the campaign is created");
        created.json::<serde_json::Value>().await.expect("json")["id"]
            .as_i64()
            .expect("an id")
    }

    /// A maturity campaign named `name`, open until 2099, created through the API; its id.
    pub async fn new_campaign(&self, name: &str) -> i64 {
        let body = serde_json::json!({
            "name": name,
            "questionnaires": ["csirt-maturity"],
            "closes_on": "2099-01-31",
        });
        self.create_campaign(body).await
    }

    /// The campaign `id` as the API shows it.
    pub async fn campaign_json(&self, id: i64) -> serde_json::Value {
        self.api(reqwest::Method::GET, &format!("/campaigns/{id}"), None)
            .await
            .json()
            .await
            .expect("json")
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

/// Sends what waits in the outbox of `db` to the test SMTP server.
pub fn deliver(db: &TestDb, smtp: &crate::smtp::TestSmtp) -> liaison::mail::SendReport {
    let mailer =
        liaison::mail::Mailer::from_settings(&smtp.url(), "Liaison <liaison@test.invalid>")
            .expect("a mailer");
    let policy = liaison::mail::RetryPolicy {
        max_attempts: 3,
        first_retry: chrono::Duration::seconds(1),
    };
    liaison::mail::send_pending(&db.pool(), &mailer, &policy, None, &|_| {}).expect("sending runs")
}

/// The token of the first respondent link (`…/r/{token}`) in a mail's text.
pub fn link_token(text: &str) -> String {
    let start = text.find("/r/").expect("a link in the mail") + 3;
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// Every entry of the audit log as (action, subject), oldest first.
pub fn audit_actions(app: &TestApp) -> Vec<(String, String)> {
    use diesel::prelude::*;
    use liaison::storage::schema::audit_log;
    audit_log::table
        .order(audit_log::id)
        .select((audit_log::action, audit_log::subject))
        .load(&mut app.db.conn())
        .expect("the audit log")
}

/// Every entry of the audit log recording `action`, oldest first.
pub fn audited(app: &TestApp, action: &str) -> Vec<AuditEntry> {
    use diesel::prelude::*;
    use liaison::storage::schema::audit_log;
    audit_log::table
        .filter(audit_log::action.eq(action))
        .order(audit_log::id)
        .select(AuditEntry::as_select())
        .load(&mut app.db.conn())
        .expect("the audit log")
}
