//! Refused links cost the same: an unknown token, a revoked link and a closed campaign's link
//! run the very same queries before the same 404, so timing cannot tell them apart.

use liaison::invitations::{self, Token};
use serde_json::json;

use crate::helpers::spawn_app_on;
use crate::respondent::invite;
use crate::statements::statements_of;
use crate::test_db::TestDb;

/// The SQL (without bound values) of every query `invitations::open` runs for `token`.
fn queries_to_open(db: &TestDb, token: &str) -> (bool, Vec<String>) {
    let today = chrono::Utc::now().date_naive();
    let (opened, queries) = statements_of(&mut db.conn(), |conn| {
        invitations::open(conn, token, today).expect("the lookup runs")
    });
    (opened.is_some(), queries)
}

#[tokio::test]
async fn unknown_revoked_and_closed_links_run_the_same_queries() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let revoked = invite(&app, &["csirt-maturity"], "csirt", "en").await;
        let email = format!("desk-{}@csirt.example.org", revoked.campaign);
        let path = format!("/campaigns/{}/invitations/revoke", revoked.campaign);
        assert_eq!(
            app.post_api(&path, json!({"email": email})).await.status(),
            200
        );
        let closed = invite(&app, &["csirt-maturity"], "csirt", "en").await;
        let path = format!("/campaigns/{}/close", closed.campaign);
        assert_eq!(app.post_api(&path, json!(null)).await.status(), 200);
        let valid = invite(&app, &["csirt-maturity"], "csirt", "en").await;
        let token_of = |path: &str| path.trim_start_matches("/r/").to_owned();

        let (opened, unknown) = queries_to_open(&app.db, Token::generate().as_str());
        assert!(!opened && !unknown.is_empty(), "{}", app.db);
        for refused in [&revoked, &closed] {
            let (opened, queries) = queries_to_open(&app.db, &token_of(&refused.path));
            assert!(!opened, "{}", app.db);
            assert_eq!(queries, unknown, "{}: {}", app.db, refused.path);
        }
        let (opened, queries) = queries_to_open(&app.db, &token_of(&valid.path));
        assert!(opened, "{}", app.db);
        assert!(
            queries.starts_with(&unknown),
            "{}: a working link starts the same way",
            app.db
        );
    }
}
