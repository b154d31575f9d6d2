//! Who reads evidence: admins and the analysts assigned to the campaign, on the response
//! page and through the API, each download audited; an analyst of another campaign gets the
//! 404 of a file that does not exist, and no entry is written.

use liaison::accounts::Role;
use serde_json::Value;

use super::{assert_attachment, download_links, fetch, first_question, send_evidence, small_pdf};
use crate::fixtures::MATURITY;
use crate::helpers::{audited, spawn_app};
use crate::respondent::invite;

#[tokio::test]
async fn admins_and_assigned_analysts_read_and_download_evidence_and_each_download_is_audited() {
    let app = spawn_app().await;
    let r = invite(&app, &[MATURITY], "csirt", "en").await;
    let other_campaign = app.new_campaign("Someone else's").await;
    let question = first_question();
    let pdf = small_pdf();
    let note = "Board minutes, March 2025";
    let sent = send_evidence(&r, question, note, true, &[("minutes.pdf", &pdf)]).await;
    assert_eq!(sent.status(), 303);
    let listed: Value = app
        .api(
            reqwest::Method::GET,
            &format!("/campaigns/{}/responses", r.campaign),
            None,
        )
        .await
        .json()
        .await
        .expect("json");
    let response = listed["responses"][0]["id"].as_i64().expect("a response");
    let page_path = format!("/campaigns/{}/responses/{response}", r.campaign);

    // The response page shows the note and links the file.
    let admin = app.logged_in(Role::Admin, &[]).await;
    let html = admin.page(&page_path).await;
    assert!(
        html.contains(note) && html.contains("(names a person)"),
        "{html}"
    );
    let links = download_links(&html);
    assert_eq!(links.len(), 1, "{links:?}");
    let href = &links[0];
    assert!(
        href.starts_with(&format!("{page_path}/evidence/")),
        "{href}"
    );
    assert!(
        audited(&app, "evidence.download").is_empty(),
        "showing the page downloads nothing"
    );
    assert_attachment(
        admin.fetch(href).await,
        "minutes.pdf",
        "application/pdf",
        &pdf,
    )
    .await;

    let assigned = app.logged_in(Role::Analyst, &[r.campaign]).await;
    assert_attachment(
        assigned.fetch(href).await,
        "minutes.pdf",
        "application/pdf",
        &pdf,
    )
    .await;

    let entries = audited(&app, "evidence.download");
    assert_eq!(entries.len(), 2);
    let file = href.rsplit('/').next().expect("an id");
    assert_eq!(entries[0].actor, crate::helpers::ADMIN_EMAIL);
    assert_eq!(entries[0].subject, format!("response:{response}"));
    assert_eq!(
        entries[0].detail.as_deref(),
        Some(format!("campaign:{}, evidence file {file}", r.campaign).as_str())
    );
    assert!(entries[1].actor.starts_with("analyst-"));

    // Another campaign's analyst: the same 404 as a file that does not exist.
    let outsider = app.logged_in(Role::Analyst, &[other_campaign]).await;
    assert_eq!(outsider.fetch(href).await.status(), 404);
    let missing = format!("{page_path}/evidence/999999");
    assert_eq!(admin.fetch(&missing).await.status(), 404);
    // The file under another campaign's address is not found either.
    let elsewhere = href.replacen(
        &format!("/campaigns/{}/", r.campaign),
        &format!("/campaigns/{other_campaign}/"),
        1,
    );
    assert_eq!(admin.fetch(&elsewhere).await.status(), 404);
    assert_eq!(
        audited(&app, "evidence.download").len(),
        2,
        "refusals are not downloads"
    );

    // The API lists the evidence (never content) and downloads the file, audited too.
    let detail: Value = app
        .api(
            reqwest::Method::GET,
            &format!("/campaigns/{}/responses/{response}", r.campaign),
            None,
        )
        .await
        .json()
        .await
        .expect("json");
    let evidence = &detail["evidence"][0];
    assert_eq!(evidence["question_id"], question);
    assert_eq!(evidence["note"], note);
    assert_eq!(evidence["note_personal"], true);
    assert_eq!(evidence["files"][0]["name"], "minutes.pdf");
    assert_eq!(evidence["files"][0]["media_type"], "application/pdf");
    assert_eq!(evidence["files"][0]["size_bytes"], pdf.len());
    let api_path = format!(
        "/campaigns/{}/responses/{response}/evidence/{file}",
        r.campaign
    );
    let downloaded = app.api(reqwest::Method::GET, &api_path, None).await;
    assert_attachment(downloaded, "minutes.pdf", "application/pdf", &pdf).await;
    let stranger = app.add_analyst("stranger@test.invalid", Role::Analyst, &[other_campaign]);
    let refused = app.get_api_as(&stranger.api_token, &api_path).await;
    assert_eq!(refused.status(), 404);
    assert_eq!(audited(&app, "evidence.download").len(), 3);

    // The respondent's own link serves the same file, unaudited: it is theirs.
    let page = r.text(&format!("/evidence/{question}")).await;
    let own = fetch(&r.client, &r.address, &download_links(&page)[0]).await;
    assert_attachment(own, "minutes.pdf", "application/pdf", &pdf).await;
    assert_eq!(audited(&app, "evidence.download").len(), 3);
}
