//! The participants page, driven as a browser would: the list and its filters, uploading a
//! CSV list (multipart, its CSRF token first), adding one participant by hand, revoking an
//! invitation, the sample list; who may see it; and the API's filtered list. `upload`
//! covers the upload form, `changes` the add and revoke forms.

mod changes;
mod upload;

use liaison::accounts::Role;
use liaison::storage::participants::count_participants;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, audit_actions, cell, csrf_token, location, spawn_app};

/// The sample list shipped for users to start from: twelve participants.
const SAMPLE: &[u8] = include_bytes!("../../assets/participants-sample.csv");

const HEADER: &str = "email,name,organisation,type,country,language";

const BOUNDARY: &str = "participants-page-test";

/// A campaign asking CSIRTs and LEAs, created through the API; its id.
async fn two_audience_campaign(app: &TestApp) -> i64 {
    app.create_campaign(json!({
        "name": "Cooperation 2027",
        "questionnaires": ["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"],
        "closes_on": "2099-01-31",
    }))
    .await
}

fn page_path(campaign: i64) -> String {
    format!("/campaigns/{campaign}/participants")
}

/// A multipart body: the CSRF token first (when given), then the file.
fn multipart(token: Option<&str>, file_name: &str, content_type: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(token) = token {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Sends `body` as a multipart form to `path` from `browser`.
async fn post_multipart(
    app: &TestApp,
    browser: &Session,
    path: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    browser
        .post(format!("{}{path}", app.address))
        .header(
            CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .expect("sent")
}

/// Uploads `bytes` as a CSV file with the token of the participants page.
async fn upload(
    app: &TestApp,
    browser: &Session,
    campaign: i64,
    bytes: &[u8],
) -> reqwest::Response {
    let token = csrf_token(&browser.page(&page_path(campaign)).await).expect("a CSRF field");
    let body = multipart(Some(&token), "list.csv", "text/csv", bytes);
    post_multipart(
        app,
        browser,
        &format!("{}/upload", page_path(campaign)),
        body,
    )
    .await
}

/// The page a redirect leads to, as the browser sees it.
async fn follow(browser: &Session, response: &reqwest::Response) -> String {
    let to = location(response);
    browser.page(to.split('#').next().unwrap_or_default()).await
}

fn participants_of(app: &TestApp, campaign: i64) -> i64 {
    count_participants(&mut app.db.conn(), campaign).expect("count")
}

#[tokio::test]
async fn filters_pick_by_audience_country_and_state_on_the_page_and_in_the_api() {
    let app = spawn_app().await;
    let campaign = two_audience_campaign(&app).await;
    let browser = app.logged_in(Role::Admin, &[]).await;
    let imported = upload(&app, &browser, campaign, SAMPLE).await;
    assert_eq!(imported.status(), 303);
    // One participant invited, so that the states differ.
    let email = "incident-desk@alpine-csirt.example.org";
    {
        let mut conn = app.db.conn();
        let p = liaison::storage::participants::list_participants(&mut conn, campaign)
            .expect("listed")
            .into_iter()
            .find(|p| p.email == email)
            .expect("the desk");
        liaison::storage::invitations::create_invitation(&mut conn, p.id, "hash-for-test")
            .expect("invited");
    }

    let path = page_path(campaign);
    let html = browser
        .page(&format!("{path}?audience=lea&country=de&state="))
        .await;
    assert_eq!(
        cell(&html, "shown-count"),
        "Showing 1 of 12 participant(s)."
    );
    assert!(html.contains("liaison@lka-musterland.example.org"));
    assert!(
        html.contains("<option value=\"lea\" selected>lea</option>"),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"DE\" selected>DE</option>"),
        "{html}"
    );

    let html = browser.page(&format!("{path}?state=invited")).await;
    assert_eq!(
        cell(&html, "shown-count"),
        "Showing 1 of 12 participant(s)."
    );
    assert!(html.contains(email));
    let html = browser
        .page(&format!("{path}?state=not_invited&country=AT"))
        .await;
    assert_eq!(
        cell(&html, "shown-count"),
        "Showing 1 of 12 participant(s)."
    );
    let refused = browser.fetch(&format!("{path}?state=finished")).await;
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.expect("html").contains("<html"));

    let api = |query: &str| {
        let app = &app;
        let query = query.to_owned();
        async move {
            let response = app
                .api(
                    reqwest::Method::GET,
                    &format!("/campaigns/{campaign}/participants{query}"),
                    None,
                )
                .await;
            (
                response.status().as_u16(),
                response.json::<Value>().await.expect("json"),
            )
        }
    };
    let (status, all) = api("").await;
    assert_eq!((status, all.as_array().map(Vec::len)), (200, Some(12)));
    let (_, lea_de) = api("?audience=lea&country=DE").await;
    assert_eq!(lea_de.as_array().map(Vec::len), Some(1));
    assert_eq!(
        lea_de[0]["organisation"],
        "State Criminal Police Office Musterland, Cybercrime Division"
    );
    assert_eq!(lea_de[0]["country"], "DE");
    assert_eq!(lea_de[0]["state"], "not_invited");
    let (_, invited) = api("?state=invited").await;
    assert_eq!(invited.as_array().map(Vec::len), Some(1));
    assert_eq!(invited[0]["email"], email);
    assert_eq!(invited[0]["invitation"], "pending");
    let (status, refused) = api("?audience=police").await;
    assert_eq!(status, 400);
    assert_eq!(refused["fields"][0]["field"], "audience");

    let doc: Value = app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    let parameters = &doc["paths"]["/api/v1/campaigns/{id}/participants"]["get"]["parameters"];
    let documented = |name: &str| {
        let all = parameters.as_array().expect("parameters");
        all.iter().find(|p| p["name"] == name).cloned().expect(name)
    };
    assert_eq!(documented("state")["in"], "query");
    let states = documented("state")["schema"]["enum"].clone();
    assert_eq!(
        states,
        json!([
            "not_invited",
            "invited",
            "in_progress",
            "submitted",
            "revoked"
        ])
    );
    assert_eq!(
        documented("audience")["schema"]["enum"],
        json!(["csirt", "lea", "judiciary"])
    );
    assert_eq!(documented("country")["in"], "query");
}

#[tokio::test]
async fn the_sample_list_downloads_as_a_csv_attachment() {
    let app = spawn_app().await;
    let campaign = two_audience_campaign(&app).await;
    let browser = app.logged_in(Role::Admin, &[]).await;
    let html = browser.page(&page_path(campaign)).await;
    assert!(html.contains("href=\"/participants-sample.csv\""));
    let sample = browser.fetch("/participants-sample.csv").await;
    assert_eq!(sample.status(), 200);
    assert_eq!(sample.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(
        sample.headers()[CONTENT_DISPOSITION],
        "attachment; filename=\"participants-sample.csv\""
    );
    assert_eq!(sample.bytes().await.expect("bytes").as_ref(), SAMPLE);
}

#[tokio::test]
async fn an_analyst_not_assigned_finds_no_page_and_changes_nothing() {
    let app = spawn_app().await;
    let campaign = two_audience_campaign(&app).await;
    let other = app.new_campaign("Another").await;
    let outsider = app.logged_in(Role::Analyst, &[other]).await;
    let path = page_path(campaign);
    let page = outsider.fetch(&path).await;
    assert_eq!(page.status(), 404);
    let token = csrf_token(&outsider.page(&page_path(other)).await).expect("a token");
    let add = outsider
        .post(format!("{}{path}/add", app.address))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "x@csirt.example.org"),
            ("name", "X"),
            ("organisation", "X"),
            ("type", "csirt"),
            ("country", "AT"),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(add.status(), 404);
    let body = multipart(Some(&token), "list.csv", "text/csv", SAMPLE);
    let uploaded = post_multipart(&app, &outsider, &format!("{path}/upload"), body).await;
    assert_eq!(uploaded.status(), 404);
    assert_eq!(participants_of(&app, campaign), 0);
}
