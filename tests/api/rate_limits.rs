//! The rate limits seen from outside: every spelling of a limited route that the router
//! accepts is counted, and behind a trusted reverse proxy every client has its own budget
//! and its own address in the audit log.

use std::net::IpAddr;

use liaison::config::TrustedProxies;
use liaison::storage::audit;
use reqwest::StatusCode;

use crate::helpers::{TestApp, login_token, spawn_app, spawn_app_on, spawn_app_with};
use crate::respondent::invite;
use crate::test_db::TestDb;

/// Login attempts one address may make before 429 (README: "5 at once").
const LOGIN_BURST: usize = 5;

/// Spellings of `POST /login`: percent-encoded letters (either case of hex), doubled and
/// trailing slashes, other letter cases, encoded slashes, a query.
const LOGIN_SPELLINGS: [&str; 13] = [
    "/login",
    "/log%69n",
    "/%6C%6F%67%69%6E",
    "/%6c%6f%67%69%6e",
    "/login?next=%2Fcampaigns",
    "/login/",
    "//login",
    "/login//",
    "/LOGIN",
    "/Login",
    "/LOG%49N",
    "/login%2F",
    "/%2Flogin",
];

/// A browser whose connections come from `address` (every 127.x.y.z reaches the app), so
/// each one has a budget of its own.
fn browser_from(address: &str) -> reqwest::Client {
    let address: IpAddr = address.parse().expect("a loopback address");
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(address)
        .build()
        .expect("a client")
}

/// One login attempt at `path` with an empty password (refused with 422 before any
/// hashing or audit entry, but counted), carrying `headers`.
async fn attempt(
    app: &TestApp,
    browser: &reqwest::Client,
    path: &str,
    token: &str,
    headers: &[(&str, &str)],
) -> StatusCode {
    attempt_with(app, browser, path, token, "", headers).await
}

/// One login attempt with `password`; a wrong one is written to the audit log.
async fn attempt_with(
    app: &TestApp,
    browser: &reqwest::Client,
    path: &str,
    token: &str,
    password: &str,
    headers: &[(&str, &str)],
) -> StatusCode {
    let mut request = browser.post(format!("{}{path}", app.address)).form(&[
        ("csrf_token", token),
        ("email", "x@test.invalid"),
        ("password", password),
    ]);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("sent").status()
}

/// What the audit log recorded as the client of each failed login, oldest first.
fn failed_login_clients(app: &TestApp) -> Vec<String> {
    let mut entries = audit::recent(&mut app.db.conn(), 100).expect("the audit log");
    entries.reverse();
    entries
        .into_iter()
        .filter(|e| e.action == "login.failed")
        .map(|e| e.detail.unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn every_spelling_of_the_login_route_that_reaches_it_is_counted() {
    let app = spawn_app().await;
    let mut reached = Vec::new();
    for (i, path) in LOGIN_SPELLINGS.iter().enumerate() {
        let browser = browser_from(&format!("127.0.1.{}", i + 1));
        let token = login_token(&app, &browser).await;
        let mut statuses = Vec::new();
        for _ in 0..=LOGIN_BURST {
            statuses.push(attempt(&app, &browser, path, &token, &[]).await);
        }
        // 422 is the login handler's answer; anything else never reached it.
        if statuses.contains(&StatusCode::UNPROCESSABLE_ENTITY) {
            assert_eq!(
                statuses[LOGIN_BURST],
                StatusCode::TOO_MANY_REQUESTS,
                "{path} reaches the login handler but is not counted: {statuses:?}"
            );
            reached.push(*path);
        } else {
            assert!(
                !statuses.iter().any(StatusCode::is_success),
                "{path}: {statuses:?}"
            );
        }
    }
    for path in ["/login", "/log%69n", "/%6c%6f%67%69%6e"] {
        assert!(reached.contains(&path), "{path} should reach the handler");
    }

    // Every spelling draws on the one budget of its address.
    let browser = browser_from("127.0.2.1");
    let token = login_token(&app, &browser).await;
    for path in &reached[..LOGIN_BURST] {
        let status = attempt(&app, &browser, path, &token, &[]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
    }
    let status = attempt(&app, &browser, "/login", &token, &[]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

/// Spellings of the respondent link `/r/{token}` and its pages.
fn respondent_spellings(link: &str) -> Vec<String> {
    let token = link.trim_start_matches("/r/");
    let (first, rest) = token.split_at(1);
    let first = format!("%{:02X}", first.as_bytes()[0]);
    vec![
        link.to_owned(),
        format!("/%72/{token}"),
        format!("/%72/{first}{rest}"),
        format!("/r/{first}{rest}"),
        format!("{link}/"),
        format!("/{link}"),
        format!("/r//{token}"),
        format!("/R/{token}"),
        format!("/r/{}", token.to_uppercase()),
        format!("{link}/review"),
        format!("{link}/%72eview"),
        format!("{link}/REVIEW"),
        format!("{link}//review"),
        format!("{link}/s/1"),
        format!("{link}/s/%31"),
        format!("{link}/radar.png"),
        format!("{link}/answers.csv"),
        format!("{link}?lang=de"),
    ]
}

#[tokio::test]
async fn every_spelling_of_a_respondent_page_that_reaches_the_pages_is_counted() {
    let app = spawn_app().await;
    let respondent = invite(&app, &["csirt-maturity"], "csirt", "en").await;
    let mut reached = Vec::new();
    for (i, path) in respondent_spellings(&respondent.path).iter().enumerate() {
        let browser = browser_from(&format!("127.0.3.{}", i + 1));
        let mut inside = false;
        let mut limited = false;
        // A burst of 60, then two a second: far fewer than 200 requests end in 429 unless
        // each one took longer than half a second.
        for _ in 0..200 {
            let response = browser
                .get(format!("{}{path}", app.address))
                .send()
                .await
                .expect("sent");
            if response.status() == StatusCode::TOO_MANY_REQUESTS {
                limited = true;
                break;
            }
            // Any address under /r/ that no page answers gets the same 404 page as an unknown
            // link, by design, so only an answer other than 404 proves a page was reached;
            // spellings with a changed token are expected to be counted all the same (below).
            inside |= response.status() != StatusCode::NOT_FOUND;
        }
        assert!(
            limited || !inside,
            "{path} reaches the respondent pages but is not counted"
        );
        if limited {
            reached.push(path.clone());
        }
    }
    let token = &respondent.path["/r/".len()..];
    for path in [
        respondent.path.clone(),
        format!("/%72{}", &respondent.path[2..]),
        format!("/r/{}", token.to_uppercase()),
        format!("{}/REVIEW", respondent.path),
        format!("{}/answers.csv", respondent.path),
    ]
    .iter()
    {
        assert!(reached.contains(path), "{path} should be counted");
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_budget_and_its_own_audit_address() {
    let db = TestDb::sqlite();
    let app = spawn_app_with(db, |settings| {
        settings.trusted_proxies = TrustedProxies::parse("127.0.0.1").expect("a valid list");
    })
    .await;
    // The tests' connections come from 127.0.0.1: here, the proxy.
    let proxy = browser_from("127.0.0.1");
    let token = login_token(&app, &proxy).await;
    let first = [("x-forwarded-for", "203.0.113.66, 198.51.100.1")];
    let mut statuses = vec![attempt_with(&app, &proxy, "/login", &token, "wrong", &first).await];
    for _ in 0..LOGIN_BURST {
        statuses.push(attempt(&app, &proxy, "/login", &token, &first).await);
    }
    assert_eq!(
        statuses[..LOGIN_BURST],
        [StatusCode::UNPROCESSABLE_ENTITY; LOGIN_BURST]
    );
    assert_eq!(statuses[LOGIN_BURST], StatusCode::TOO_MANY_REQUESTS);

    let second = [("forwarded", "for=198.51.100.2;proto=https")];
    let status = attempt_with(&app, &proxy, "/login", &token, "wrong", &second).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a budget of its own"
    );

    assert_eq!(failed_login_clients(&app), ["198.51.100.1", "198.51.100.2"]);
}

#[tokio::test]
async fn a_peer_that_is_not_a_trusted_proxy_cannot_forward_another_address() {
    let db = TestDb::sqlite();
    let app = spawn_app_with(db, |settings| {
        settings.trusted_proxies = TrustedProxies::parse("10.0.0.0/8").expect("a valid list");
    })
    .await;
    let browser = browser_from("127.0.0.1");
    let token = login_token(&app, &browser).await;
    let mut statuses = Vec::new();
    for i in 0..=LOGIN_BURST {
        let forged = format!("198.51.100.{}", i + 1);
        let headers = [
            ("x-forwarded-for", forged.as_str()),
            ("forwarded", &format!("for={forged}")),
        ];
        // The first attempt is a real one, for the audit log.
        let password = if i == 0 { "wrong" } else { "" };
        statuses.push(attempt_with(&app, &browser, "/login", &token, password, &headers).await);
    }
    assert_eq!(
        statuses[LOGIN_BURST],
        StatusCode::TOO_MANY_REQUESTS,
        "{statuses:?}"
    );
    assert_eq!(failed_login_clients(&app), ["127.0.0.1"]);
}

#[tokio::test]
async fn an_address_with_a_nul_byte_is_a_failed_login_and_is_audited_on_every_backend() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let browser = browser_from("127.0.9.1");
        let token = login_token(&app, &browser).await;
        let status = browser
            .post(format!("{}/login", app.address))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", "a\0b@x.example.org"),
                ("password", "not the password at all"),
            ])
            .send()
            .await
            .expect("sent")
            .status();
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let entries = audit::recent(&mut app.db.conn(), 10).expect("the audit log");
        assert!(
            entries
                .iter()
                .any(|e| e.action == "login.failed" && e.subject == "a\u{FFFD}b@x.example.org"),
            "{entries:?}"
        );
    }
}

#[tokio::test]
async fn every_spelling_of_a_password_link_page_that_reaches_it_is_counted() {
    let app = spawn_app().await;
    let added = app
        .post_api(
            "/analysts",
            serde_json::json!({"email": "limited@example.org"}),
        )
        .await;
    assert_eq!(added.status(), 201);
    // The link's token, still waiting beside its mail: its page answers 200.
    let token = liaison::storage::outbox::list(&mut app.db.conn(), None)
        .expect("the outbox")
        .into_iter()
        .find_map(|m| m.link_token)
        .expect("the queued link");
    let spellings = [
        format!("/password/{token}"),
        format!("/p%61ssword/{token}"),
        format!("/password/{token}/"),
        format!("/password//{token}"),
        format!("/PASSWORD/{token}"),
        format!("/password/{}", token.to_uppercase()),
    ];
    for (i, path) in spellings.iter().enumerate() {
        let browser = browser_from(&format!("127.0.4.{}", i + 1));
        let mut statuses = Vec::new();
        // A burst of 20, then one a second.
        for _ in 0..40 {
            let response = browser
                .get(format!("{}{path}", app.address))
                .send()
                .await
                .expect("sent");
            statuses.push(response.status());
            if response.status() == StatusCode::TOO_MANY_REQUESTS {
                break;
            }
        }
        // Only the link's own page answers 200; any other address answers 404.
        let reached = statuses.contains(&StatusCode::OK);
        let limited = statuses.contains(&StatusCode::TOO_MANY_REQUESTS);
        assert!(
            limited || !reached,
            "{path} reaches the page but is not counted: {statuses:?}"
        );
        if i < 2 {
            assert!(limited, "{path} should be counted: {statuses:?}");
        }
    }
}
