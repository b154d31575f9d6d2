//! A campaign's invitation and reminder text: the page and the API that read, change and
//! preview it, and the mails `invite` and `remind` then write, from every door, arriving
//! at a real SMTP server.

mod api;
mod delivery;
mod page;

use liaison::accounts::Role;
use serde_json::{Value, json};

use crate::helpers::{Session, TestApp};

/// A cooperation campaign (CSIRT questionnaire in English and German, LEA in English)
/// with a German-speaking CSIRT participant and an English-speaking LEA one; its id.
async fn campaign(app: &TestApp) -> i64 {
    let campaign = app
        .create_campaign(json!({
            "name": "Cooperation 2027",
            "questionnaires": ["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"],
            "closes_on": "2099-01-31",
            "tlp": "GREEN",
        }))
        .await;
    let rows = json!([
        {"email": "desk@csirt.example.org", "name": "Kim Desk", "organisation": "CERT-Land",
         "type": "csirt", "country": "AT", "language": "de"},
        {"email": "unit@lea.example.org", "name": "Sam Unit", "organisation": "Cyber Unit",
         "type": "lea", "country": "BE", "language": "en"},
    ]);
    let imported = app
        .post_api(&format!("/campaigns/{campaign}/participants"), rows)
        .await;
    assert_eq!(imported.status(), 200);
    campaign
}

/// The campaign's wordings as the API lists them.
async fn texts(app: &TestApp, campaign: i64) -> Vec<Value> {
    let listed = app
        .api(
            reqwest::Method::GET,
            &format!("/campaigns/{campaign}/mail-texts"),
            None,
        )
        .await;
    assert_eq!(listed.status(), 200);
    listed.json().await.expect("json")
}

/// The one wording of `kind` in `language`.
fn text<'a>(texts: &'a [Value], kind: &str, language: &str) -> &'a Value {
    texts
        .iter()
        .find(|t| t["kind"] == kind && t["language"] == language)
        .unwrap_or_else(|| panic!("no {kind} in {language}: {texts:?}"))
}

/// A new [`campaign`] and an admin's browser to send its page's form.
async fn campaign_and_admin(app: &TestApp) -> (i64, Session) {
    let campaign = campaign(app).await;
    (campaign, app.logged_in(Role::Admin, &[]).await)
}

/// Every field of the page's form as the page prefills it (read through the API), with
/// `changed` typed over it, and `button` (`save=all` or `preview=<kind>.<language>`).
async fn form(
    app: &TestApp,
    campaign: i64,
    changed: &[(&str, &str)],
    button: (&str, &str),
) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for t in texts(app, campaign).await {
        for part in ["subject", "opening"] {
            let name = format!(
                "{}.{}.{part}",
                t["kind"].as_str().unwrap(),
                t["language"].as_str().unwrap()
            );
            let value = changed.iter().find(|(n, _)| *n == name).map_or_else(
                || t[part].as_str().unwrap().to_owned(),
                |(_, v)| (*v).to_owned(),
            );
            fields.push((name, value));
        }
    }
    fields.push((button.0.to_owned(), button.1.to_owned()));
    fields
}

/// Posts the page's [`form`], `changed` typed over it and `button` pressed, as a browser
/// would.
async fn post_page(
    app: &TestApp,
    browser: &Session,
    campaign: i64,
    changed: &[(&str, &str)],
    button: (&str, &str),
) -> reqwest::Response {
    let fields = form(app, campaign, changed, button).await;
    let path = format!("/campaigns/{campaign}/mail-text");
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    browser.post_form(&path, &path, &fields).await
}

/// Whether every kind and language of the campaign still has the shipped wording.
async fn all_shipped(app: &TestApp, campaign: i64) -> bool {
    texts(app, campaign)
        .await
        .iter()
        .all(|t| t["custom"] == false)
}

/// Asserts a refused or previewed text left nothing behind: no custom wording, no audit entry.
async fn assert_nothing_saved(app: &TestApp, campaign: i64) {
    assert!(all_shipped(app, campaign).await);
    assert!(audited(app, "mail_texts.save").is_empty());
}

/// Every audit entry of this action, oldest first: (actor, subject, detail).
fn audited(app: &TestApp, action: &str) -> Vec<(String, String, Option<String>)> {
    crate::helpers::audited(app, action)
        .into_iter()
        .map(|e| (e.actor, e.subject, e.detail))
        .collect()
}

/// The custom wording the tests save, in English.
const SUBJECT: &str = "{campaign}: we would value your view, {name}";
const OPENING: &str = "Dear colleagues at {organisation},\n\n{sender} asks every member of \
    the network for an hour of their time.";
