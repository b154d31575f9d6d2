use actix_web::body::to_bytes;
use actix_web::cookie::Cookie;
use actix_web::dev::Service;
use actix_web::test::{self, TestRequest};
use actix_web::{App, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::*;
use crate::storage::signing_keys::decode_for_tests;
use crate::web::security::{CsrfProtection, CsrfToken};

const LIMITS: UploadLimits = UploadLimits {
    field_bytes: 16,
    file_bytes: 32,
    total_bytes: 80,
};

const BOUNDARY: &str = "liaison-test-boundary";

/// What the test route answers: the fields and files read, one per line.
async fn upload(req: HttpRequest, form: Multipart) -> HttpResponse {
    match read_upload(&req, form, &LIMITS).await {
        Ok(read) => {
            let mut lines: Vec<String> = read
                .fields
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            for f in &read.files {
                let ct = f.content_type.clone().unwrap_or_default();
                let bytes = String::from_utf8_lossy(&f.bytes);
                lines.push(format!("{}:{}:{ct}:{bytes}", f.field, f.file_name));
            }
            HttpResponse::Ok().body(lines.join("\n"))
        }
        Err(e) => e.response(&req),
    }
}

/// A part of a multipart body: (name, file name, content).
type Part<'a> = (&'a str, Option<&'a str>, &'a str);

fn body(parts: &[Part<'_>]) -> String {
    let mut body = String::new();
    for (name, file, content) in parts {
        body.push_str(&format!("--{BOUNDARY}\r\n"));
        match file {
            Some(file) => body.push_str(&format!(
                "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\n\
                 Content-Type: text/csv\r\n\r\n"
            )),
            None => body.push_str(&format!(
                "Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"
            )),
        }
        body.push_str(content);
        body.push_str("\r\n");
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body
}

/// Sends `parts` to `path` as a browser that loaded the form would: with its cookies.
async fn send(path: &str, parts: &[Part<'_>], cookies: &[Cookie<'static>]) -> (u16, String) {
    let key = decode_for_tests(&URL_SAFE_NO_PAD.encode([9u8; 32]));
    let csrf = CsrfProtection::new("http://localhost", &key).accepting_uploads_at(&["/upload"]);
    let app = test::init_service(
        App::new()
            .wrap(csrf.middleware())
            .route("/upload", web::post().to(upload))
            .route("/elsewhere", web::post().to(upload)),
    )
    .await;
    let mut request = TestRequest::post()
        .uri(path)
        .insert_header((
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        ))
        .set_payload(body(parts));
    for c in cookies {
        request = request.cookie(c.clone());
    }
    let response = app.call(request.to_request()).await.expect("a response");
    let status = response.status().as_u16();
    let text = to_bytes(response.into_body()).await.expect("a body");
    (status, String::from_utf8_lossy(&text).into_owned())
}

/// The token and cookies a browser gets with a form page.
async fn form_page() -> (String, Vec<Cookie<'static>>) {
    let key = decode_for_tests(&URL_SAFE_NO_PAD.encode([9u8; 32]));
    let csrf = CsrfProtection::new("http://localhost", &key);
    let app = test::init_service(App::new().wrap(csrf.middleware()).route(
        "/form",
        web::get().to(|t: CsrfToken| async move { HttpResponse::Ok().body(t.value().to_owned()) }),
    ))
    .await;
    let response = app
        .call(TestRequest::get().uri("/form").to_request())
        .await
        .expect("a response");
    let cookies = response
        .response()
        .cookies()
        .map(Cookie::into_owned)
        .collect();
    let token = to_bytes(response.into_body()).await.expect("a body");
    (String::from_utf8_lossy(&token).into_owned(), cookies)
}

#[actix_web::test]
async fn a_good_upload_is_read_field_by_field() {
    let (token, cookies) = form_page().await;
    let parts = [
        (CSRF_FIELD, None, token.as_str()),
        ("note", None, "for review"),
        ("evidence", Some("list.csv"), "email,name\na@b.org,A"),
    ];
    let (status, text) = send("/upload", &parts, &cookies).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(
        text,
        "note=for review\nevidence:list.csv:text/csv:email,name\na@b.org,A"
    );
}

#[actix_web::test]
async fn a_part_over_its_limit_is_refused_naming_it() {
    let (token, cookies) = form_page().await;
    let big_file = "x".repeat(LIMITS.file_bytes + 1);
    let parts = [
        (CSRF_FIELD, None, token.as_str()),
        ("evidence", Some("big.csv"), big_file.as_str()),
    ];
    let (status, text) = send("/upload", &parts, &cookies).await;
    assert_eq!(status, 413);
    assert_eq!(
        text,
        "“evidence” is too large: at most 32 bytes can be sent."
    );
    let long_note = "y".repeat(LIMITS.field_bytes + 1);
    let parts = [
        (CSRF_FIELD, None, token.as_str()),
        ("note", None, long_note.as_str()),
    ];
    let (status, text) = send("/upload", &parts, &cookies).await;
    assert_eq!(status, 413);
    assert!(text.starts_with("“note” is too large"), "{text}");
}

#[actix_web::test]
async fn a_form_over_the_total_is_refused() {
    let (token, cookies) = form_page().await;
    let part = "z".repeat(LIMITS.file_bytes);
    let parts = [
        (CSRF_FIELD, None, token.as_str()),
        ("a", Some("a.csv"), part.as_str()),
        ("b", Some("b.csv"), part.as_str()),
        ("c", Some("c.csv"), part.as_str()),
    ];
    let (status, text) = send("/upload", &parts, &cookies).await;
    assert_eq!(status, 413);
    assert!(
        text.starts_with("“c” is too large: at most 80 bytes"),
        "{text}"
    );
}

#[actix_web::test]
async fn a_missing_late_or_wrong_token_is_refused_with_403() {
    let (token, cookies) = form_page().await;
    let file = ("evidence", Some("list.csv"), "email");
    let cases: [Vec<Part<'_>>; 3] = [
        vec![file],
        vec![file, (CSRF_FIELD, None, token.as_str())],
        vec![(CSRF_FIELD, None, "0.forged"), file],
    ];
    for parts in cases {
        let (status, text) = send("/upload", &parts, &cookies).await;
        assert_eq!(status, 403, "{parts:?}");
        assert!(text.contains("This form has expired"), "{text}");
    }
    // The right token from a browser without the matching cookie.
    let parts = [(CSRF_FIELD, None, token.as_str()), file];
    let (status, _) = send("/upload", &parts, &[]).await;
    assert_eq!(status, 403);
}

#[actix_web::test]
async fn a_path_not_listed_for_uploads_takes_no_multipart_form() {
    let (token, cookies) = form_page().await;
    let parts = [(CSRF_FIELD, None, token.as_str()), ("note", None, "x")];
    let (status, _) = send("/elsewhere", &parts, &cookies).await;
    assert_eq!(status, 400);
}
