//! Link tokens in the outbox: the stored bodies never hold one, the token waits
//! beside them only until the mail is sent, and afterwards no row of any table
//! holds a working token: neither a respondent's link nor a password link.

use liaison::storage::outbox;

use crate::helpers::{Cell, TestApp, deliver, every_cell, link_token, spawn_app_with};
use crate::respondent::invite;
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;

/// Every run of 43 link-token characters in the cells: what could be a token.
fn candidates(cells: &[Cell]) -> Vec<String> {
    let mut found: Vec<String> = cells
        .iter()
        .flat_map(|c| {
            c.value
                .split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'))
                .filter(|piece| piece.len() == 43)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

async fn status_of(app: &TestApp, path: &str) -> u16 {
    app.get(path).await.status().as_u16()
}

#[tokio::test]
async fn no_table_holds_a_working_link_token_once_the_mails_are_sent() {
    for db in TestDb::all() {
        let smtp = TestSmtp::start();
        let url = smtp.url();
        let app = spawn_app_with(db, |s| s.smtp_url = url).await;
        let r = invite(&app, &["csirt-maturity"], "csirt", "en").await;
        let added = app
            .post_api(
                "/analysts",
                serde_json::json!({"email": "links@example.org"}),
            )
            .await;
        assert_eq!(
            added.status(),
            201,
            "{}: an account with a password link",
            app.db
        );

        // Before sending, each token waits in outbox.link_token and nowhere else.
        let queued: Vec<String> = outbox::list(&mut app.db.conn(), None)
            .expect("the outbox")
            .into_iter()
            .filter_map(|m| m.link_token)
            .collect();
        assert_eq!(queued.len(), 2, "{}", app.db);
        let cells = every_cell(&app.db);
        assert!(
            cells.iter().any(|c| c.table == "outbox"),
            "{}: the scan reads the outbox",
            app.db
        );
        for cell in cells {
            for token in &queued {
                if cell.value.contains(token.as_str()) {
                    assert_eq!(
                        (cell.table.as_str(), cell.column.as_str()),
                        ("outbox", "link_token"),
                        "{}: a queued token is stored elsewhere too",
                        app.db
                    );
                }
            }
        }

        assert_eq!(deliver(&app.db, &smtp).sent, 2, "{}", app.db);
        for n in 1..=4 {
            assert_eq!(r.answer_levels(n, "4", "next").await.status(), 303);
        }
        assert_eq!(r.post("/submit", &[]).await.status(), 303);
        assert_eq!(deliver(&app.db, &smtp).sent, 1, "{}: the receipt", app.db);

        let mails = smtp.wait_for(3, crate::mail::WAIT);
        let (password_mails, respondent_mails): (Vec<_>, Vec<_>) = mails
            .iter()
            .map(|m| m.parse().text)
            .partition(|text| text.contains("/password/"));
        let password_token = crate::accounts::password_token(&password_mails[0]);
        assert_eq!(
            status_of(&app, &format!("/password/{password_token}")).await,
            200,
            "{}: the mailed password link works",
            app.db
        );
        let carried: Vec<String> = respondent_mails.iter().map(|t| link_token(t)).collect();
        for token in &carried {
            assert_eq!(token.len(), 43, "{token}");
            assert_eq!(
                status_of(&app, &format!("/r/{token}/result")).await,
                200,
                "{}: the mailed link works",
                app.db
            );
        }
        let cells = every_cell(&app.db);
        for cell in &cells {
            for token in carried.iter().chain([&password_token]) {
                assert!(
                    !cell.value.contains(token.as_str()),
                    "{}: {}.{} holds a mailed token after sending",
                    app.db,
                    cell.table,
                    cell.column
                );
            }
        }
        for candidate in candidates(&cells) {
            assert_eq!(
                status_of(&app, &format!("/r/{candidate}")).await,
                404,
                "{}: a stored value opens a questionnaire",
                app.db
            );
            assert_eq!(
                status_of(&app, &format!("/password/{candidate}")).await,
                404,
                "{}: a stored value opens a password page",
                app.db
            );
        }
    }
}
