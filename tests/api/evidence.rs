//! Evidence through a real respondent link: the page under each question, uploads of real
//! files (a PDF and a PNG made here), refusals beside the field with the typed note kept,
//! removal, downloads as attachments, and the read-only page after submission. Analysts'
//! access and retention are in the submodules.

mod analysts;
mod forms;
mod reports;
mod retention;

use reqwest::header;

use crate::fixtures::{MATURITY, questionnaire};
use crate::helpers::{TestApp, csrf_token, escaped, location, spawn_app, spawn_app_with};
use crate::respondent::{Respondent, invite};
use crate::test_db::TestDb;

pub use forms::{
    BOUNDARY, assert_attachment, download_links, evidence_form, fetch, program, remove,
    send_evidence, send_evidence_with, small_pdf, small_png,
};

/// The first question of the maturity questionnaire, on its first section.
fn first_question() -> &'static str {
    questionnaire(MATURITY).sections()[0].questions()[0].id()
}

#[tokio::test]
async fn a_respondent_attaches_a_pdf_and_a_png_with_a_note_and_downloads_them() {
    let app = spawn_app().await;
    let r = invite(&app, &[MATURITY], "csirt", "en").await;
    let question = first_question();
    let section = r.text("/s/1").await;
    assert!(
        section.contains(&format!(
            "value=\"evidence:{question}\" id=\"evidence-{question}\">Add evidence</button>"
        )),
        "{section}"
    );

    let (pdf, png) = (small_pdf(), small_png());
    let note = "Incident policy v2 <approved> 2025";
    let files: [(&str, &[u8]); 2] = [("policy.pdf", &pdf), ("scans/org chart.png", &png)];
    let saved = send_evidence(&r, question, note, false, &files).await;
    assert_eq!(saved.status(), 303);
    assert_eq!(location(&saved), format!("{}/evidence/{question}", r.path));

    let page = r.text(&format!("/evidence/{question}")).await;
    assert!(page.contains("Your evidence is saved."), "{page}");
    assert!(page.contains(&escaped(note)), "the note is shown escaped");
    assert!(page.contains(">policy.pdf</a>") && page.contains(">org chart.png</a>"));
    let section = r.text("/s/1").await;
    assert!(
        section.contains("Evidence: 1 note, 2 files — add or change"),
        "{section}"
    );

    let links = download_links(&page);
    assert_eq!(links.len(), 2, "{links:?}");
    let pdf_download = fetch(&r.client, &r.address, &links[0]).await;
    assert_attachment(pdf_download, "policy.pdf", "application/pdf", &pdf).await;
    let png_download = fetch(&r.client, &r.address, &links[1]).await;
    assert_attachment(png_download, "org chart.png", "image/png", &png).await;

    // Removed, it is gone, and its address answers the link's 404 page.
    let token = csrf_token(&page).expect("a CSRF field");
    let removed = remove(&r, &links[1], &token).await;
    assert_eq!(removed.status(), 303);
    let page = r.text(&format!("/evidence/{question}")).await;
    assert!(page.contains("The file was removed.") && !page.contains("org chart.png"));
    assert_eq!(fetch(&r.client, &r.address, &links[1]).await.status(), 404);
}

/// A respondent of an app whose files may be 2 KB each and 4 KB per response.
async fn small_limits() -> (TestApp, Respondent) {
    let app = spawn_app_with(TestDb::sqlite(), |s| {
        s.evidence_max_file_bytes = 2048;
        s.evidence_max_response_bytes = 4096;
    })
    .await;
    let r = invite(&app, &[MATURITY], "csirt", "en").await;
    (app, r)
}

#[tokio::test]
async fn refused_files_are_named_beside_the_field_with_the_typed_note_kept() {
    let (_app, r) = small_limits().await;
    let question = first_question();
    let saved = send_evidence(&r, question, "Saved first", true, &[]).await;
    assert_eq!(saved.status(), 303);

    let typed = "Audit report 2024 (typed, not saved)";
    let exe = program();
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "setup.pdf",
            &exe,
            "“setup.pdf” is refused: its content looks like application/vnd.microsoft.portable-executable (.exe). Accepted are PDF, PNG, JPEG",
        ),
        ("empty.txt", b"", "“empty.txt” is empty: nothing was saved."),
        (
            "big.txt",
            &[b'a'; 3000],
            "“big.txt” is 3 KB; a file may be at most 2 KB.",
        ),
    ];
    for (name, bytes, message) in cases {
        let refused = send_evidence(&r, question, typed, false, &[(name, bytes)]).await;
        assert_eq!(refused.status(), 422, "{name}");
        let page = refused.text().await.expect("a page");
        assert!(page.contains(&escaped(message)), "{name}: {page}");
        assert!(
            page.contains("id=\"evidence-file-error\""),
            "{name}: beside the field"
        );
        assert!(
            page.contains("href=\"#evidence-file\""),
            "{name}: in the summary"
        );
        assert!(
            page.contains(&format!(">{typed}</textarea>")),
            "{name}: the note typed is kept"
        );
    }
    // Nothing of the refused forms was written: the note saved first is still there.
    let page = r.text(&format!("/evidence/{question}")).await;
    assert!(page.contains(">Saved first</textarea>"), "{page}");
    assert!(page.contains("id=\"evidence-personal\" checked"));
    assert!(page.contains("No files yet."));
}

#[tokio::test]
async fn files_past_the_response_budget_are_refused_saying_what_is_used() {
    let (_app, r) = small_limits().await;
    let (first, second) = (
        first_question(),
        questionnaire(MATURITY).sections()[0].questions()[1].id(),
    );
    let text = [b'x'; 2000];
    let saved = send_evidence(&r, first, "", false, &[("a.txt", &text), ("b.txt", &text)]).await;
    assert_eq!(saved.status(), 303);
    let refused = send_evidence(&r, second, "Kept", false, &[("c.txt", &[b'y'; 200])]).await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("a page");
    assert!(
        page.contains(&escaped("“c.txt” (200 bytes) does not fit: all files of a response together may take at most 4 KB, and 4 KB are used.")),
        "{page}"
    );
    assert!(page.contains(">Kept</textarea>"));
}

#[tokio::test]
async fn after_submission_the_evidence_is_shown_and_changes_are_refused() {
    let app = spawn_app().await;
    let r = invite(&app, &[MATURITY], "csirt", "en").await;
    let question = first_question();
    let pdf = small_pdf();
    assert_eq!(
        send_evidence(&r, question, "Policy", false, &[("p.pdf", &pdf)])
            .await
            .status(),
        303
    );
    // The page stays open in this browser while the response is submitted from another.
    let token = csrf_token(&r.text(&format!("/evidence/{question}")).await).expect("a CSRF field");
    let elsewhere = Respondent::at(&r.address, &r.path, r.campaign);
    for n in 1..=4 {
        assert_eq!(elsewhere.answer_levels(n, "2", "next").await.status(), 303);
    }
    assert_eq!(elsewhere.post("/submit", &[]).await.status(), 303);

    let page = r.text(&format!("/evidence/{question}")).await;
    assert!(page.contains("id=\"evidence-read-only\""), "{page}");
    assert!(!page.contains("id=\"evidence-form\"") && !page.contains("/remove"));
    let link = &download_links(&page)[0];
    assert_attachment(
        fetch(&r.client, &r.address, link).await,
        "p.pdf",
        "application/pdf",
        &pdf,
    )
    .await;

    let refused = send_evidence_with(&r, question, &token, "Changed", false, &[]).await;
    assert_eq!(refused.status(), 409);
    assert_eq!(remove(&r, link, &token).await.status(), 409);
    let page = r.text(&format!("/evidence/{question}")).await;
    assert!(page.contains(">Policy</p>"), "the note is unchanged");
}

#[tokio::test]
async fn an_unknown_question_or_file_gets_the_links_404_page() {
    let app = spawn_app().await;
    let r = invite(&app, &[MATURITY], "csirt", "en").await;
    assert_eq!(r.get("/evidence/NO-SUCH-QUESTION").await.status(), 404);
    assert_eq!(
        r.get(&format!("/evidence/{}/files/1", first_question()))
            .await
            .status(),
        404
    );
    // A multipart form to a respondent page that takes none is refused before any handler.
    let page = r.text("/s/1").await;
    let token = csrf_token(&page).expect("a CSRF field");
    let sent = r
        .client
        .post(format!("{}{}/s/1", r.address, r.path))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(evidence_form(&token, "x", false, &[]))
        .send()
        .await
        .expect("sent");
    assert_eq!(sent.status(), 400);
}

#[tokio::test]
async fn the_evidence_button_saves_the_pages_answers_before_the_evidence_page_opens() {
    let app = spawn_app().await;
    let r = invite(&app, &[MATURITY], "csirt", "en").await;
    let q = questionnaire(MATURITY);
    let (first, second) = (first_question(), q.sections()[0].questions()[1].id());
    // Enter in a field sends the form's first button: the page's "Next", not an evidence
    // button further down.
    let section = r.text("/s/1").await;
    let buttons: Vec<&str> = section
        .split("<button type=\"submit\" name=\"action\" value=\"")
        .skip(1)
        .filter_map(|b| b.split('"').next())
        .collect();
    assert_eq!(buttons.first(), Some(&"next"), "{buttons:?}");
    assert!(buttons.contains(&format!("evidence:{second}").as_str()));

    // A required answer still missing does not hold it up: only "Next" needs them all.
    let field = format!("q.{first}");
    let action = format!("evidence:{second}");
    let sent = r
        .post(
            "/s/1",
            &[(field.as_str(), "3"), ("action", action.as_str())],
        )
        .await;
    assert_eq!(sent.status(), 303);
    assert_eq!(location(&sent), format!("{}/evidence/{second}", r.path));
    let stored = crate::survey::stored_answers(&app, &r).await;
    assert_eq!(
        stored.get(first),
        Some(&liaison::questionnaire::Answer::Choice("3".into())),
        "the typed answer is saved"
    );

    // A button naming a question of another section, or none, saves and stays.
    let elsewhere = q.sections()[1].questions()[0].id();
    for forged in [
        format!("evidence:{elsewhere}"),
        "evidence:NO-SUCH".to_owned(),
    ] {
        let sent = r
            .post(
                "/s/1",
                &[(field.as_str(), "2"), ("action", forged.as_str())],
            )
            .await;
        assert_eq!(sent.status(), 303, "{forged}");
        assert_eq!(location(&sent), format!("{}/s/1", r.path), "{forged}");
    }
    // A value that is not an option is refused beside its field, as by every other button.
    let refused = r
        .post(
            "/s/1",
            &[(field.as_str(), "seven"), ("action", action.as_str())],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("a body");
    assert!(page.contains(&format!("id=\"q-{first}-error\"")), "{page}");
}
