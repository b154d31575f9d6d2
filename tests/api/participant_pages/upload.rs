//! The participants page's upload form: a list with a bad row shows its problems and
//! imports nothing, a good one imports everyone; a missing or forged token, a file that is
//! not text, and a multipart form sent anywhere else are refused.

use liaison::accounts::Role;

use super::{
    HEADER, SAMPLE, audit_actions, cell, follow, location, multipart, page_path, participants_of,
    post_multipart, two_audience_campaign, upload,
};
use crate::helpers::{csrf_token, spawn_app, spawn_app_on};
use crate::test_db::TestDb;

#[tokio::test]
async fn a_list_with_one_bad_row_shows_its_problems_and_imports_nothing() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let campaign = two_audience_campaign(&app).await;
        let browser = app.logged_in(Role::Analyst, &[campaign]).await;
        let list = format!(
            "{HEADER}\na@csirt.example.org,Desk,CSIRT A,csirt,AT,de\nb@lea.example.org,Desk,Police B,lea,XX,en\n"
        );

        let refused = upload(&app, &browser, campaign, list.as_bytes()).await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.expect("html");
        assert!(html.contains("id=\"upload-problems\""), "{html}");
        assert!(
            html.contains("<th scope=\"row\">3</th><td>country</td>"),
            "{html}"
        );
        assert!(html.contains("unknown country &#34;XX&#34;"), "{html}");
        assert!(
            html.contains("href=\"#upload-problems\""),
            "the summary links to the table"
        );
        assert_eq!(participants_of(&app, campaign), 0, "nothing imported");
    }
}

#[tokio::test]
async fn a_good_list_imports_everyone_and_says_how_many() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let campaign = two_audience_campaign(&app).await;
        let browser = app.logged_in(Role::Analyst, &[campaign]).await;

        let imported = upload(&app, &browser, campaign, SAMPLE).await;
        assert_eq!(imported.status(), 303);
        assert_eq!(
            location(&imported),
            format!("/campaigns/{campaign}/participants#status")
        );
        let html = follow(&browser, &imported).await;
        assert_eq!(cell(&html, "status-notice"), "12 added, 0 already present.");
        assert_eq!(
            cell(&html, "shown-count"),
            "Showing 12 of 12 participant(s)."
        );
        assert_eq!(participants_of(&app, campaign), 12);

        let again = upload(&app, &browser, campaign, SAMPLE).await;
        let html = follow(&browser, &again).await;
        assert_eq!(cell(&html, "status-notice"), "0 added, 12 already present.");
        let subject = format!("campaign:{campaign}");
        let imports = audit_actions(&app)
            .into_iter()
            .filter(|a| *a == ("participants.import".to_owned(), subject.clone()))
            .count();
        assert_eq!(imports, 2);
    }
}

#[tokio::test]
async fn an_upload_without_its_token_or_with_a_forged_one_imports_nothing() {
    let app = spawn_app().await;
    let campaign = two_audience_campaign(&app).await;
    let browser = app.logged_in(Role::Admin, &[]).await;
    browser.page(&page_path(campaign)).await;
    let path = format!("{}/upload", page_path(campaign));
    for token in [None, Some("0.forged")] {
        let body = multipart(token, "list.csv", "text/csv", SAMPLE);
        let refused = post_multipart(&app, &browser, &path, body).await;
        assert_eq!(refused.status(), 403, "{token:?}");
        let html = refused.text().await.expect("html");
        assert!(html.contains("This form has expired"), "{html}");
    }
    // Any other page under /campaigns takes no multipart form, token or not.
    let token = csrf_token(&browser.page(&page_path(campaign)).await).expect("a token");
    let body = multipart(Some(&token), "list.csv", "text/csv", SAMPLE);
    let invite = format!("/campaigns/{campaign}/invite");
    let refused = post_multipart(&app, &browser, &invite, body).await;
    assert_eq!(refused.status(), 400);
    assert_eq!(participants_of(&app, campaign), 0);
}

#[tokio::test]
async fn a_file_that_is_not_text_is_refused_naming_it_and_its_type() {
    let app = spawn_app().await;
    let campaign = two_audience_campaign(&app).await;
    let browser = app.logged_in(Role::Admin, &[]).await;
    let token = csrf_token(&browser.page(&page_path(campaign)).await).expect("a token");
    let path = format!("{}/upload", page_path(campaign));
    let spreadsheet = b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe";
    let body = multipart(
        Some(&token),
        "list.xlsx",
        "application/vnd.ms-excel",
        spreadsheet,
    );
    let refused = post_multipart(&app, &browser, &path, body).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("html");
    assert_eq!(
        cell(&html, "upload-file-error"),
        "“list.xlsx” (sent as application/vnd.ms-excel) is not a CSV file: its content is not \
         UTF-8 text. Save the list from your spreadsheet as “CSV UTF-8” and upload that file."
    );
    assert!(html.contains("aria-describedby=\"upload-file-error\""));
    assert_eq!(participants_of(&app, campaign), 0);
}
