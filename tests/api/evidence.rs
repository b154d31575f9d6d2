//! Evidence through a real respondent link: the page under each question, uploads of real
//! files (a PDF and a PNG made here), refusals beside the field with the typed note kept,
//! removal, downloads as attachments, and the read-only page after submission. Analysts'
//! access and retention are in the submodules.

mod analysts;
mod reports;
mod retention;

use reqwest::header;

use crate::fixtures::{MATURITY, questionnaire};
use crate::helpers::{TestApp, csrf_token, escaped, location, spawn_app, spawn_app_with};
use crate::respondent::{Respondent, invite};
use crate::test_db::TestDb;

const BOUNDARY: &str = "liaison-evidence-boundary";

/// The first question of the maturity questionnaire, on its first section.
fn first_question() -> &'static str {
    questionnaire(MATURITY).sections()[0].questions()[0].id()
}

/// A small but complete PDF of one page saying "Evidence", with a correct cross-reference
/// table, as a document program writes one.
pub fn small_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length 41 >>\nstream\nBT /F1 18 Tf 20 40 Td (Evidence) Tj ET\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ];
    let mut pdf = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A real 4×4 PNG, encoded by the `png` crate.
pub fn small_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, 4, 4);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("a PNG header");
        writer
            .write_image_data(&[200u8; 4 * 4 * 3])
            .expect("PNG data");
    }
    bytes
}

/// A Windows program's first bytes (the `MZ` header with a PE signature).
fn program() -> Vec<u8> {
    let mut exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0".to_vec();
    exe.resize(0x80, 0);
    exe[0x3C] = 0x80;
    exe.extend_from_slice(b"PE\0\0\x4C\x01");
    exe.resize(1024, 0);
    exe
}

/// The evidence form as a browser sends it: the CSRF token first, then the note, the box
/// when ticked, and each file (an empty file field sends a nameless, empty part).
pub fn evidence_form(token: &str, note: &str, personal: bool, files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    let mut field = |name: &str, value: &str| {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    };
    field("csrf_token", token);
    field("note", note);
    if personal {
        field("personal", "yes");
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; \
                 filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Sends the evidence form of `question` from the respondent's browser, with the token of
/// the page it was on.
pub async fn send_evidence(
    r: &Respondent,
    question: &str,
    note: &str,
    personal: bool,
    files: &[(&str, &[u8])],
) -> reqwest::Response {
    let page = r.text(&format!("/evidence/{question}")).await;
    let token = csrf_token(&page).expect("the evidence form's CSRF field");
    send_evidence_with(r, question, &token, note, personal, files).await
}

/// Sends the evidence form of `question` with the CSRF `token` of an earlier page.
pub async fn send_evidence_with(
    r: &Respondent,
    question: &str,
    token: &str,
    note: &str,
    personal: bool,
    files: &[(&str, &[u8])],
) -> reqwest::Response {
    r.client
        .post(format!("{}{}/evidence/{question}", r.address, r.path))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(evidence_form(token, note, personal, files))
        .send()
        .await
        .expect("sent")
}

/// The `href` of every file download listed on `html` (addresses ending in a file's id).
pub fn download_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.contains("/evidence/"))
        .filter(|href| {
            href.rsplit('/')
                .next()
                .is_some_and(|id| id.parse::<i64>().is_ok())
        })
        .map(str::to_owned)
        .collect()
}

/// Downloads `href` from `client` at `address`.
pub async fn fetch(client: &reqwest::Client, address: &str, href: &str) -> reqwest::Response {
    client
        .get(format!("{address}{href}"))
        .send()
        .await
        .expect("sent")
}

/// Sends the remove button of the file downloaded from `href`, with the CSRF `token`.
async fn remove(r: &Respondent, href: &str, token: &str) -> reqwest::Response {
    r.client
        .post(format!("{}{href}/remove", r.address))
        .form(&[("csrf_token", token)])
        .send()
        .await
        .expect("sent")
}

/// Asserts that `response` is `bytes` as an attachment named `name` of type `media_type`.
pub async fn assert_attachment(
    response: reqwest::Response,
    name: &str,
    media_type: &str,
    bytes: &[u8],
) {
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let disposition = headers[header::CONTENT_DISPOSITION]
        .to_str()
        .expect("ascii");
    assert!(
        disposition.starts_with(&format!("attachment; filename=\"{name}\"")),
        "{disposition}"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CONTENT_TYPE], media_type);
    assert!(
        headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii")
            .starts_with("sandbox"),
    );
    assert_eq!(response.bytes().await.expect("a body").as_ref(), bytes);
}

#[tokio::test]
async fn a_respondent_attaches_a_pdf_and_a_png_with_a_note_and_downloads_them() {
    let app = spawn_app().await;
    let r = invite(&app, &[MATURITY], "csirt", "en").await;
    let question = first_question();
    let section = r.text("/s/1").await;
    assert!(
        section.contains(&format!("id=\"evidence-{question}\">Add evidence</a>")),
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
