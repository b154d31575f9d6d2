//! The evidence form as a browser sends it, the files a test sends through it (a real PDF
//! and PNG made here, a program), and what a test checks of a download.

use reqwest::header;

use crate::helpers::csrf_token;
use crate::respondent::Respondent;

pub const BOUNDARY: &str = "liaison-evidence-boundary";

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
pub fn program() -> Vec<u8> {
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
pub async fn remove(r: &Respondent, href: &str, token: &str) -> reqwest::Response {
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
