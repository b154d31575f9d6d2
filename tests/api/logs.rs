//! Link tokens never reach the log: the real `liaison serve` binary, logging everything at
//! `trace`, is visited the ways a respondent, a careless mail client and a stranger would,
//! and its captured stderr must not contain a token in any spelling, nor the CSRF key.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use liaison::storage::signing_keys::{CSRF, get_or_create};
use liaison::telemetry::fingerprint;
use reqwest::header;

use crate::helpers::{Binary, spawn_app};
use crate::helpers::{client, cookies_from, csrf_token};
use crate::respondent::invite;

/// `text` with every byte percent-encoded, as a mail client or proxy might send it.
fn percent_encoded(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test]
async fn no_link_token_appears_in_the_log_whatever_happens_on_its_pages() {
    let app = spawn_app().await;
    let respondent = invite(&app, &["csirt-maturity"], "csirt", "en").await;
    let token = respondent.path.trim_start_matches("/r/").to_owned();
    let unknown = "Qx7unknownTokenOfSomeoneWhoMistypedIt0123456";
    let binary = Binary::start(&app.db.url);
    let at = |path: &str| format!("{}{path}", binary.address);
    let browser = client();

    // A successful visit, then a form sent with its CSRF token.
    let page = browser
        .get(at(&format!("/r/{token}/s/1")))
        .send()
        .await
        .expect("sent");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("a body");
    let csrf = csrf_token(&html).expect("a CSRF token on the page");
    let saved = browser
        .post(at(&format!("/r/{token}/s/1")))
        .form(&[("action", "save"), ("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("sent");
    assert_eq!(saved.status(), 303);

    // The CSRF refusal, and the CSRF middleware's own warning about a body it cannot read.
    let cookie = cookies_from(
        &client()
            .get(at(&format!("/r/{token}")))
            .send()
            .await
            .expect("sent"),
    );
    let refused = client()
        .post(at(&format!("/r/{token}/s/1?lang=de")))
        .header(header::COOKIE, &cookie)
        .form(&[("action", "save")])
        .send()
        .await
        .expect("sent");
    assert_eq!(refused.status(), 403);
    let unreadable = client()
        .post(at(&format!("/r/{token}/s/1")))
        .header(header::COOKIE, &cookie)
        .header(header::CONTENT_TYPE, "text/plain")
        .body("csrf_token=nothing")
        .send()
        .await
        .expect("sent");
    assert_eq!(unreadable.status(), 403);

    // Bad section numbers, an unknown token and a percent-encoded one.
    for path in [
        format!("/r/{token}/s/99"),
        format!("/r/{token}/s/not-a-number"),
        format!("/r/{unknown}"),
        format!("/r/{unknown}/s/1"),
        format!("/r/{}", percent_encoded(&token)),
        format!("/r/{}/s/99", percent_encoded(&token)),
        format!("/%72/{token}"),
        format!("/r/{token}/no-such-page"),
        format!("/login?next=/r/{token}"),
        format!("/login?next=%2Fr%2F{token}"),
        // Spellings that do not start the token right after `/r/`, or encode it twice.
        format!("/r%252F{token}"),
        format!("/r/./{token}"),
        format!("/r/{token}/../{token}"),
        format!("/r%5C{token}"),
        format!("/login?next=%252Fr%252F{token}"),
        format!("/nope/{token}"),
    ] {
        get_with_referer(&at(&path), &at(&format!("/r/{token}/review"))).await;
    }

    let log = binary.stop();
    assert!(
        log.contains("unsupported request content type"),
        "the CSRF middleware's `log` records are captured:\n{log}"
    );
    assert!(log.contains("form refused"), "{log}");
    // Every request is in the access log, by its redacted path.
    let link = format!("/r/[{}]", fingerprint(&token));
    for page in ["/s/1?lang=de", "/s/99", "/s/not-a-number", "/no-such-page"] {
        assert!(log.contains(&format!("{link}{page} ")), "{page}:\n{log}");
    }
    assert!(
        log.contains(&format!("/r/[{}]/s/1 ", fingerprint(unknown))),
        "{log}"
    );
    assert!(
        log.contains(&format!("/%72/[{}] ", fingerprint(&token))),
        "{log}"
    );
    assert!(
        log.contains(&format!("next=%2Fr%2F[{}] ", fingerprint(&token))),
        "{log}"
    );
    let key = get_or_create(&mut app.db.conn(), CSRF).expect("the CSRF key");
    let key_hex: String = key.bytes().iter().map(|b| format!("{b:02x}")).collect();
    for secret in [
        token.as_str(),
        unknown,
        &percent_encoded(&token),
        &token[..20],
        &token[token.len() - 20..],
        &URL_SAFE_NO_PAD.encode(key.bytes()),
        &STANDARD.encode(key.bytes()),
        &key_hex,
        &format!("{:?}", key.bytes())[..20],
    ] {
        let line = log.lines().find(|l| l.contains(secret));
        assert!(line.is_none(), "{secret} is in the log: {line:?}");
    }
}

#[tokio::test]
async fn no_password_link_token_appears_in_the_log_whatever_happens_on_its_page() {
    let smtp = crate::smtp::TestSmtp::start();
    let app = crate::accounts::links::app_mailing_to(crate::test_db::TestDb::sqlite(), &smtp).await;
    let added = app
        .post_api(
            "/analysts",
            serde_json::json!({"email": "logged@example.org"}),
        )
        .await;
    assert_eq!(added.status(), 201);
    let token =
        crate::accounts::password_token(&crate::accounts::links::newest_mail(&app, &smtp).text);
    let binary = Binary::start(&app.db.url);
    let at = |path: &str| format!("{}{path}", binary.address);
    let browser = client();

    let page = browser
        .get(at(&format!("/password/{token}")))
        .send()
        .await
        .expect("sent");
    assert_eq!(page.status(), 200);
    let csrf = csrf_token(&page.text().await.expect("a body")).expect("a CSRF field");
    // A refused password, a form without its CSRF token, then the password set.
    for (password, csrf) in [
        ("password1234", csrf.as_str()),
        ("velvet quarry mosaic tundra", ""),
        ("velvet quarry mosaic tundra", csrf.as_str()),
    ] {
        let sent = browser
            .post(at(&format!("/password/{token}")))
            .form(&[
                ("csrf_token", csrf),
                ("password", password),
                ("password_again", password),
            ])
            .send()
            .await
            .expect("sent");
        assert_ne!(sent.status(), 500);
    }
    for path in [
        format!("/password/{token}"),
        format!("/password/{}", percent_encoded(&token)),
        format!("/password/{token}/more"),
        format!("/login?next=/password/{token}"),
        format!("/password%2F{token}"),
    ] {
        get_with_referer(&at(&path), &at(&format!("/password/{token}"))).await;
    }

    let log = binary.stop();
    assert!(
        log.contains(&format!("/password/[{}] ", fingerprint(&token))),
        "the access log names the page by the token's fingerprint:\n{log}"
    );
    for secret in [
        token.as_str(),
        &percent_encoded(&token),
        &token[..20],
        &token[token.len() - 20..],
    ] {
        let line = log.lines().find(|l| l.contains(secret));
        assert!(line.is_none(), "{secret} is in the log: {line:?}");
    }
}

/// Asks for `url` as a browser coming from `referer` would (both may hold a token, and
/// both reach the log); whatever the answer, it is not a crash.
async fn get_with_referer(url: &str, referer: &str) {
    let response = client()
        .get(url)
        .header(header::REFERER, referer)
        .send()
        .await
        .expect("sent");
    assert_ne!(response.status(), 500, "{url}");
}
