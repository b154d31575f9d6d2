//! Analyst accounts: the CLI, the login page and the session cookie; `api` covers who sees
//! what through the API, `storage` the account tables on every backend, `links` adding an
//! account whose owner chooses the password through a mailed link, `admin_pages` the
//! admins' pages and API, `tokens` API tokens made and revoked in the browser and the API.

mod admin_pages;
mod api;
pub mod links;

pub use links::password_token;
mod passwords;
mod storage;
mod tokens;

use std::io::Write;
use std::process::{Command, Stdio};

use diesel::prelude::*;
use liaison::storage::schema::{audit_log, sessions};
use reqwest::header::SET_COOKIE;

use crate::helpers::{TestApp, client, csrf_token, location, log_in, spawn_app};

const PASSWORD: &str = "a long enough passphrase";

/// Runs `liaison analyst ARGS` on the app's database with `stdin` piped in.
fn analyst_cli(app: &TestApp, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .arg("analyst")
        .args(args)
        .env("LIAISON_DATABASE_URL", &app.db.url)
        .env("LIAISON_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("a stdin pipe")
        .write_all(stdin.as_bytes())
        .expect("the password is written");
    child.wait_with_output().expect("the binary ends")
}

fn stdout_of(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Sends `request` (for an analyst page) and asserts it is sent to the login page.
async fn assert_sent_to_login(request: reqwest::RequestBuilder) {
    let page = request.send().await.expect("sent");
    assert_eq!(page.status(), 303);
    assert_eq!(location(&page), "/login");
}

#[tokio::test]
async fn an_analyst_added_on_the_command_line_logs_in_and_out_through_the_pages() {
    let app = spawn_app().await;
    let added = analyst_cli(&app, &["add", "Ana@Example.org"], &format!("{PASSWORD}\n"));
    assert!(stdout_of(&added).contains("added analyst ana@example.org"));
    let browser = client();

    let login = log_in(&app, &browser, "ana@example.org", PASSWORD).await;
    assert_eq!(login.status(), 303);
    assert_eq!(location(&login), "/campaigns");
    let page = browser
        .get(format!("{}/campaigns", app.address))
        .send()
        .await
        .expect("sent");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("a body");
    assert!(html.contains("Signed in as ana@example.org"), "{html}");
    assert!(html.contains("id=\"no-campaigns\""), "{html}");

    let token = csrf_token(&html).expect("the logout form's CSRF field");
    let logout = browser
        .post(format!("{}/logout", app.address))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("sent");
    assert_eq!(logout.status(), 303);
    assert_sent_to_login(browser.get(format!("{}/campaigns", app.address))).await;

    let mut conn = app.db.conn();
    let actions: Vec<String> = audit_log::table
        .order(audit_log::id)
        .select(audit_log::action)
        .load(&mut conn)
        .expect("the audit log");
    assert_eq!(actions, ["analyst.create", "login", "logout"]);
}

#[tokio::test]
async fn the_command_line_refuses_a_duplicate_address_a_weak_password_and_an_unknown_campaign() {
    let app = spawn_app().await;
    let weak = analyst_cli(&app, &["add", "bo@example.org"], "short\n");
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least 12 characters"));
    let duplicate = analyst_cli(
        &app,
        &["add", "ADMIN@test.invalid"],
        &format!("{PASSWORD}\n"),
    );
    assert!(!duplicate.status.success());
    assert!(String::from_utf8_lossy(&duplicate.stderr).contains("already exists"));
    let unknown = analyst_cli(
        &app,
        &["assign", "admin@test.invalid", "--campaign", "99"],
        "",
    );
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("campaign 99 does not exist"));
    let listed = stdout_of(&analyst_cli(&app, &["list"], ""));
    assert!(
        listed.contains("admin@test.invalid  [admin]  all campaigns"),
        "{listed}"
    );
    assert!(!listed.contains("bo@example.org"));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer() {
    let app = spawn_app().await;
    let browser = client();
    let wrong = log_in(
        &app,
        &browser,
        crate::helpers::ADMIN_EMAIL,
        "not the password at all",
    )
    .await;
    assert_eq!(wrong.status(), 422);
    assert!(
        wrong
            .headers()
            .get(SET_COOKIE)
            .is_none_or(|c| !c.to_str().unwrap_or("").contains("liaison_session"))
    );
    let wrong = wrong.text().await.expect("a body");
    assert!(wrong.contains("The e-mail address or the password is not correct."));
    let unknown = log_in(
        &app,
        &browser,
        "nobody@test.invalid",
        "not the password at all",
    )
    .await;
    assert_eq!(unknown.status(), 422);
    let unknown = unknown.text().await.expect("a body");
    let same = |html: &str, email: &str| {
        let token = csrf_token(html).unwrap_or_default();
        html.replace(&token, "TOKEN").replace(email, "EMAIL")
    };
    assert_eq!(
        same(&wrong, crate::helpers::ADMIN_EMAIL),
        same(&unknown, "nobody@test.invalid")
    );
}

#[tokio::test]
async fn the_session_cookie_is_httponly_samesite_lax_and_holds_no_stored_value() {
    let app = spawn_app().await;
    let login = log_in(
        &app,
        &client(),
        crate::helpers::ADMIN_EMAIL,
        crate::helpers::ADMIN_PASSWORD,
    )
    .await;
    assert_eq!(login.status(), 303);
    let cookie = login
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("liaison_session="))
        .expect("a session cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        cookie.contains("Path=/") && !cookie.contains("Secure"),
        "{cookie}"
    );
    let value = cookie["liaison_session=".len()..]
        .split(';')
        .next()
        .unwrap_or_default();
    let ids: Vec<String> = sessions::table
        .select(sessions::id)
        .load(&mut app.db.conn())
        .expect("sessions");
    assert_eq!(ids.len(), 1);
    assert_ne!(ids[0], value, "only the hash of the cookie is stored");
}

#[tokio::test]
async fn too_many_login_attempts_are_refused_with_429() {
    let app = spawn_app().await;
    let browser = client();
    let form = browser
        .get(format!("{}/login", app.address))
        .send()
        .await
        .expect("sent");
    let token = csrf_token(&form.text().await.expect("a body")).expect("a CSRF field");
    let mut statuses = Vec::new();
    for _ in 0..7 {
        // An empty password is refused before any hashing, but still counts.
        let response = browser
            .post(format!("{}/login", app.address))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", "x@test.invalid"),
                ("password", ""),
            ])
            .send()
            .await
            .expect("sent");
        statuses.push(response.status().as_u16());
    }
    assert_eq!(&statuses[..5], &[422; 5]);
    assert_eq!(statuses[6], 429, "{statuses:?}");
}

#[tokio::test]
async fn the_command_line_invites_an_account_that_chooses_its_password_through_a_link() {
    let app = spawn_app().await;
    let invited = analyst_cli(&app, &["invite", "Carol@Example.org", "--admin"], "");
    let printed = stdout_of(&invited);
    assert!(
        printed.contains("added admin carol@example.org"),
        "{printed}"
    );
    let mails = liaison::storage::outbox::list(&mut app.db.conn(), None).expect("the outbox");
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].kind, liaison::mail::OutboxKind::PasswordLink);
    assert_eq!(mails[0].recipient, "carol@example.org");
    assert!(
        mails[0]
            .body_text
            .contains("An administrator (from the command line) added you"),
        "{}",
        mails[0].body_text
    );
    assert!(mails[0].body_text.contains("/password/{{link_token}}"));
    let listed = stdout_of(&analyst_cli(&app, &["list"], ""));
    assert!(
        listed.contains("carol@example.org  [admin]  all campaigns  no password yet"),
        "{listed}"
    );
}
