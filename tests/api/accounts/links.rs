//! Accounts added in the browser: the admin adds one, the mail with a one-time link
//! arrives at the SMTP server, the person chooses a password on the link's page and logs
//! in. Links work once, expire, are voided by newer ones, and an unknown, used or expired
//! link gets one and the same page; a refused password consumes nothing.

use diesel::prelude::*;
use liaison::accounts::Role;
use liaison::storage::schema::{analysts, audit_log, password_links};
use reqwest::header;
use serde_json::{Value, json};

use crate::helpers::{TestApp, client, csrf_token, deliver, location, log_in, spawn_app_with};
use crate::smtp::{Parsed, TestSmtp};
use crate::test_db::TestDb;

/// A password the rules accept.
const CHOSEN: &str = "velvet quarry mosaic tundra";

/// The token of the password link (`…/password/{token}`) in a mail's text.
pub fn password_token(text: &str) -> String {
    let start = text
        .find("/password/")
        .expect("a password link in the mail")
        + 10;
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// The app on `db`, mailing through `smtp`.
pub async fn app_mailing_to(db: TestDb, smtp: &TestSmtp) -> TestApp {
    let url = smtp.url();
    spawn_app_with(db, |s| s.smtp_url = url).await
}

/// Sends what is queued and returns the newest mail the server holds, decoded.
pub fn newest_mail(app: &TestApp, smtp: &TestSmtp) -> Parsed {
    let before = smtp.messages().len();
    assert_eq!(deliver(&app.db, smtp).sent, 1, "{}: one mail sent", app.db);
    let mails = smtp.wait_for(before + 1, crate::mail::WAIT);
    mails.last().expect("a mail").parse()
}

/// The password page of `token` as a new browser gets it: status and body.
async fn open_link(app: &TestApp, browser: &reqwest::Client, token: &str) -> (u16, String) {
    let page = browser
        .get(format!("{}/password/{token}", app.address))
        .send()
        .await
        .expect("sent");
    (page.status().as_u16(), page.text().await.expect("a body"))
}

/// Opens the link's page and sends its form with `password` and `again`.
async fn choose(
    app: &TestApp,
    browser: &reqwest::Client,
    token: &str,
    password: &str,
    again: &str,
) -> reqwest::Response {
    let (status, html) = open_link(app, browser, token).await;
    assert_eq!(status, 200, "{html}");
    let csrf = csrf_token(&html).expect("a CSRF field");
    browser
        .post(format!("{}/password/{token}", app.address))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("password", password),
            ("password_again", again),
        ])
        .send()
        .await
        .expect("sent")
}

fn audit(app: &TestApp) -> Vec<(String, String, String)> {
    audit_log::table
        .order(audit_log::id)
        .select((audit_log::actor, audit_log::action, audit_log::subject))
        .load(&mut app.db.conn())
        .expect("the audit log")
}

#[tokio::test]
async fn an_account_added_on_the_page_chooses_its_password_through_the_mailed_link_and_logs_in() {
    for db in TestDb::all() {
        let smtp = TestSmtp::start();
        let app = app_mailing_to(db, &smtp).await;
        let admin = app.logged_in(Role::Admin, &[]).await;

        let list = admin.page("/admin/analysts").await;
        for id in ["email", "role", "may_create_campaigns", "add-analyst"] {
            assert!(list.contains(&format!("id=\"{id}\"")), "{id}");
        }
        for field in ["email", "role", "may_create_campaigns"] {
            assert!(list.contains(&format!("<label for=\"{field}\"")), "{field}");
        }
        let added = admin
            .post_form(
                "/admin/analysts",
                "/admin/analysts",
                &[
                    ("email", " New.Analyst@Example.org "),
                    ("role", "analyst"),
                    ("may_create_campaigns", "yes"),
                ],
            )
            .await;
        assert_eq!(added.status(), 303, "{}", app.db);
        let account = location(&added);
        assert!(account.starts_with("/admin/analysts/"), "{account}");
        let page = admin.page(&account).await;
        assert!(page.contains("The account is added."), "{page}");
        assert!(page.contains("not set yet; link pending until"), "{page}");
        let stored: String = analysts::table
            .filter(analysts::email.eq("new.analyst@example.org"))
            .select(analysts::password_hash)
            .first(&mut app.db.conn())
            .expect("the account");
        assert!(
            !stored.starts_with("$argon2"),
            "no usable password: {stored}"
        );

        let mail = newest_mail(&app, &smtp);
        assert_eq!(mail.to, "new.analyst@example.org");
        assert_eq!(mail.subject, "Set your Liaison password");
        assert!(
            mail.text
                .contains("admin@test.invalid added you to Liaison as an analyst"),
            "{}",
            mail.text
        );
        let token = password_token(&mail.text);
        assert_eq!(token.len(), 43, "{}", mail.text);
        assert!(mail.html.contains(&format!("/password/{token}")));

        // A weak password and two different ones are refused, and the link still works.
        let browser = client();
        let weak = choose(&app, &browser, &token, "password1234", "password1234").await;
        assert_eq!(weak.status(), 422);
        let weak = weak.text().await.expect("a body");
        assert!(weak.contains("id=\"password-error\""), "{weak}");
        assert!(weak.contains("The password is too easy to guess"), "{weak}");
        let differ = choose(&app, &browser, &token, CHOSEN, "velvet quarry").await;
        assert_eq!(differ.status(), 422);
        let differ = differ.text().await.expect("a body");
        assert!(differ.contains("id=\"password_again-error\""), "{differ}");
        for id in ["password", "password_again", "set-password"] {
            assert!(differ.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(differ.contains("<label for=\"password_again\""));
        let unused: i64 = password_links::table
            .filter(password_links::used_at.is_null())
            .count()
            .get_result(&mut app.db.conn())
            .expect("links");
        assert_eq!(unused, 1, "{}: a refused password uses nothing", app.db);

        let set = choose(&app, &browser, &token, CHOSEN, CHOSEN).await;
        assert_eq!(set.status(), 303, "{}", app.db);
        assert_eq!(location(&set), "/login");
        let login = browser
            .get(format!("{}/login", app.address))
            .send()
            .await
            .expect("sent");
        let login = login.text().await.expect("a body");
        assert!(login.contains("id=\"password-set-notice\""), "{login}");

        // The link is used up; a used link and an unknown one get the same page.
        let (used, used_page) = open_link(&app, &client(), &token).await;
        assert_eq!(used, 404);
        assert!(used_page.contains("This link does not work"), "{used_page}");
        let unknown = "Qx7unknownTokenOfSomeoneWhoGuessedIt01234567";
        let (status, unknown_page) = open_link(&app, &client(), unknown).await;
        assert_eq!((status, unknown_page), (404, used_page));
        let again = post_without_page(&app, &token, CHOSEN).await;
        assert_eq!(again, 404, "{}: a second use", app.db);

        let logged_in = log_in(&app, &client(), "new.analyst@example.org", CHOSEN).await;
        assert_eq!(logged_in.status(), 303, "{}", app.db);
        assert_eq!(location(&logged_in), "/campaigns");

        let entries = audit(&app);
        let of = |action: &str| {
            entries
                .iter()
                .find(|(_, a, _)| a == action)
                .map(|(actor, _, subject)| (actor.as_str(), subject.as_str()))
        };
        let account_subject = "new.analyst@example.org";
        assert_eq!(
            of("analyst.create"),
            Some(("admin@test.invalid", account_subject))
        );
        assert_eq!(
            of("analyst.allow_create"),
            Some(("admin@test.invalid", account_subject))
        );
        assert_eq!(
            of("password_link.send"),
            Some(("admin@test.invalid", account_subject))
        );
        assert_eq!(of("password.set"), Some((account_subject, account_subject)));
    }
}

/// Posts the password form of `token` with a CSRF token from the login page: the answer
/// to a link that no longer shows its form.
async fn post_without_page(app: &TestApp, token: &str, password: &str) -> u16 {
    let browser = client();
    let csrf = crate::helpers::login_token(app, &browser).await;
    browser
        .post(format!("{}/password/{token}", app.address))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("password", password),
            ("password_again", password),
        ])
        .send()
        .await
        .expect("sent")
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_newer_link_voids_the_older_and_an_expired_link_works_no_more() {
    for db in TestDb::all() {
        let smtp = TestSmtp::start();
        let app = app_mailing_to(db, &smtp).await;
        let added = app
            .post_api(
                "/analysts",
                json!({"email": "late@example.org", "role": "admin"}),
            )
            .await;
        assert_eq!(added.status(), 201, "{}", app.db);
        let added: Value = added.json().await.expect("json");
        assert_eq!(added["password_set"], false);
        assert_eq!(added["role"], "admin");
        assert!(added["password_link_expires_at"].is_string(), "{added}");
        let id = added["id"].as_i64().expect("an id");
        let first = password_token(&newest_mail(&app, &smtp).text);

        let resent = app
            .post_api(&format!("/analysts/{id}/password-link"), Value::Null)
            .await;
        assert_eq!(resent.status(), 200, "{}", app.db);
        let mail = newest_mail(&app, &smtp);
        assert!(mail.text.contains("sent you a new link"), "{}", mail.text);
        let second = password_token(&mail.text);
        assert_ne!(first, second);
        assert_eq!(open_link(&app, &client(), &first).await.0, 404, "voided");
        assert_eq!(open_link(&app, &client(), &second).await.0, 200);

        // Expired: both times moved three days back.
        let past = chrono::Utc::now().naive_utc() - chrono::Duration::days(3);
        diesel::update(password_links::table.filter(password_links::used_at.is_null()))
            .set((
                password_links::created_at.eq(past),
                password_links::expires_at.eq(past + chrono::Duration::hours(72)),
            ))
            .execute(&mut app.db.conn())
            .expect("moved back");
        let (status, expired) = open_link(&app, &client(), &second).await;
        assert_eq!(status, 404, "{}", app.db);
        assert!(expired.contains("This link does not work"));
        assert_eq!(post_without_page(&app, &second, CHOSEN).await, 404);
        let shown: Value = app
            .api(reqwest::Method::GET, &format!("/analysts/{id}"), None)
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(shown["password_link_expires_at"], Value::Null, "{shown}");

        let resent = app
            .post_api(&format!("/analysts/{id}/password-link"), Value::Null)
            .await;
        assert_eq!(resent.status(), 200);
        let third = password_token(&newest_mail(&app, &smtp).text);
        let set = choose(&app, &client(), &third, CHOSEN, CHOSEN).await;
        assert_eq!(set.status(), 303, "{}", app.db);
        assert_eq!(
            log_in(&app, &client(), "late@example.org", CHOSEN)
                .await
                .status(),
            303
        );
        let sent = audit(&app)
            .iter()
            .filter(|(_, action, _)| action == "password_link.send")
            .count();
        assert_eq!(sent, 3, "{}", app.db);
    }
}

#[tokio::test]
async fn an_account_without_a_password_cannot_log_in_and_a_disabled_one_gets_no_link() {
    let smtp = TestSmtp::start();
    let app = app_mailing_to(TestDb::sqlite(), &smtp).await;
    let added = app
        .post_api("/analysts", json!({"email": "nopass@example.org"}))
        .await;
    assert_eq!(added.status(), 201);
    let id = added.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("an id");
    let token = password_token(&newest_mail(&app, &smtp).text);
    for tried in ["", "!no password set", CHOSEN] {
        let refused = log_in(&app, &client(), "nopass@example.org", tried).await;
        assert_eq!(refused.status(), 422, "{tried:?}");
    }
    let duplicate = app
        .post_api("/analysts", json!({"email": "NoPass@example.org"}))
        .await;
    assert_eq!(duplicate.status(), 409);
    let bad = app
        .post_api("/analysts", json!({"email": "not an address"}))
        .await;
    assert_eq!(bad.status(), 400);

    let disabled = app
        .post_api(&format!("/analysts/{id}/disable"), Value::Null)
        .await;
    assert_eq!(disabled.status(), 200);
    assert_eq!(open_link(&app, &client(), &token).await.0, 404);
    let resent = app
        .post_api(&format!("/analysts/{id}/password-link"), Value::Null)
        .await;
    assert_eq!(resent.status(), 409);
    let page = app.get(&format!("/password/{token}")).await;
    assert_eq!(
        page.headers()[header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
}
