//! A respondent's open page survives a restart and a second instance: every instance on one
//! database signs CSRF tokens with the key kept there.

use liaison::startup::Application;

use crate::helpers::csrf_token;
use crate::helpers::{shipped_questionnaires, spawn_app_on, test_settings};
use crate::respondent::invite;
use crate::test_db::TestDb;

/// Another instance (or the same one restarted) on `database_url`; returns its address.
fn start_instance(database_url: &str) -> String {
    let settings = test_settings(database_url, &shipped_questionnaires());
    let app = Application::build(&settings).expect("the second instance builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    address
}

#[tokio::test]
async fn a_page_served_by_one_instance_can_be_saved_through_another_and_after_a_restart() {
    for db in TestDb::all() {
        let url = db.url.clone();
        let first = spawn_app_on(db).await;
        let respondent = invite(&first, &["csirt-maturity"], "csirt", "en").await;
        let html = respondent.text("/s/1").await;
        let token = csrf_token(&html).expect("a form");
        for address in [start_instance(&url), start_instance(&url)] {
            // The browser keeps the cookies the first instance set: same host, other port.
            let saved = respondent
                .client
                .post(format!("{address}{}/s/1", respondent.path))
                .form(&[("action", "save"), ("csrf_token", token.as_str())])
                .send()
                .await
                .expect("sent");
            assert_eq!(saved.status(), 303, "{url}");
        }
    }
}
