//! The one reader of `multipart/form-data` forms (a participant list as CSV, evidence
//! files): it checks the form's CSRF token itself and keeps every part within its limits.
//!
//! The CSRF middleware never reads a multipart body: it refuses one (400) on every path not
//! listed with [`CsrfProtection::accepting_uploads_at`](crate::web::security::CsrfProtection)
//! and lets the listed ones through unchecked. So the form's first part must be the hidden
//! `csrf_token` field (browsers send parts in the order of the form), and [`read_upload`]
//! compares it, in constant time, with the token the middleware has bound to this browser's
//! cookie (the same comparison the middleware makes for other forms) before it reads on.
//! A refusal is 403 "this form has expired", as for every other form.

use actix_multipart::{Field, Multipart};
use actix_web::http::StatusCode;
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use futures_util::StreamExt;

use crate::web::security::{CSRF_FIELD, form_expired_page};

/// Far more than a CSRF token takes; what is longer is no token.
const MAX_TOKEN_BYTES: usize = 512;

/// How large the parts of one upload may be.
#[derive(Debug, Clone, Copy)]
pub struct UploadLimits {
    /// A text field's value.
    pub field_bytes: usize,
    /// One file.
    pub file_bytes: usize,
    /// The whole form, every part after the CSRF token counted.
    pub total_bytes: usize,
}

impl UploadLimits {
    /// Room for a participant list of some ten thousand rows or a scanned document.
    pub const DEFAULT: UploadLimits = UploadLimits {
        field_bytes: 64 * 1024,
        file_bytes: 10 * 1024 * 1024,
        total_bytes: 20 * 1024 * 1024,
    };
}

/// A form as read: its text fields and its files, each in the order sent.
#[derive(Debug, Default)]
pub struct UploadedForm {
    pub fields: Vec<(String, String)>,
    pub files: Vec<UploadedFile>,
}

/// One file of a form.
#[derive(Debug)]
pub struct UploadedFile {
    /// The form field it came in.
    pub field: String,
    /// The name the browser gave, as sent: never a path to write to.
    pub file_name: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// Why a form was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum UploadError {
    /// The first part is not a CSRF token this browser was given.
    Csrf,
    /// A part, or the whole form, is larger than its limit.
    TooLarge { field: String, limit: usize },
    /// Not a form this reader can read; says which part.
    Malformed(String),
}

impl UploadError {
    /// The answer: the 403 page of an expired form, or the words of a 413 or 400 that the
    /// error-page layer puts into the site's layout.
    pub fn response(&self, req: &HttpRequest) -> HttpResponse {
        let (status, words) = match self {
            UploadError::Csrf => return form_expired_page(req),
            UploadError::TooLarge { field, limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "“{field}” is too large: at most {} can be sent.",
                    in_units(*limit)
                ),
            ),
            UploadError::Malformed(what) => (
                StatusCode::BAD_REQUEST,
                format!("The form could not be read: {what}."),
            ),
        };
        HttpResponse::build(status)
            .content_type("text/plain; charset=utf-8")
            .body(words)
    }
}

/// Reads `form` within `limits`, after checking its CSRF token.
pub async fn read_upload(
    req: &HttpRequest,
    mut form: Multipart,
    limits: &UploadLimits,
) -> Result<UploadedForm, UploadError> {
    let expected = req
        .extensions()
        .get::<actix_csrf_middleware::CsrfToken>()
        .map(|t| t.0.clone())
        .ok_or(UploadError::Csrf)?;
    let mut total = 0;
    let mut read = UploadedForm::default();
    let mut first = true;
    while let Some(field) = form.next().await {
        let field = field.map_err(|e| UploadError::Malformed(e.to_string()))?;
        let name = field
            .name()
            .ok_or_else(|| UploadError::Malformed("a part has no name".into()))?
            .to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_owned);
        if first {
            first = false;
            // The token does not count against the form's total.
            let token = read_part(field, &name, MAX_TOKEN_BYTES, &mut 0, usize::MAX).await;
            let given = token.map_err(|_| UploadError::Csrf)?;
            let genuine = name == CSRF_FIELD
                && file_name.is_none()
                && actix_csrf_middleware::eq_tokens(expected.as_bytes(), &given);
            if !genuine {
                return Err(UploadError::Csrf);
            }
            continue;
        }
        match file_name {
            Some(file_name) => {
                let content_type = field.content_type().map(ToString::to_string);
                let bytes = read_part(
                    field,
                    &name,
                    limits.file_bytes,
                    &mut total,
                    limits.total_bytes,
                )
                .await?;
                read.files.push(UploadedFile {
                    field: name,
                    file_name,
                    content_type,
                    bytes,
                });
            }
            None => {
                let bytes = read_part(
                    field,
                    &name,
                    limits.field_bytes,
                    &mut total,
                    limits.total_bytes,
                )
                .await?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| UploadError::Malformed(format!("“{name}” is not UTF-8 text")))?;
                read.fields.push((name, text));
            }
        }
    }
    if first {
        return Err(UploadError::Csrf);
    }
    Ok(read)
}

/// One part's bytes, refused as soon as they pass `limit` or the form passes its total.
async fn read_part(
    mut field: Field,
    name: &str,
    limit: usize,
    total: &mut usize,
    total_limit: usize,
) -> Result<Vec<u8>, UploadError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|e| UploadError::Malformed(format!("“{name}”: {e}")))?;
        *total += chunk.len();
        let too_large = |limit| UploadError::TooLarge {
            field: name.to_owned(),
            limit,
        };
        if bytes.len() + chunk.len() > limit {
            return Err(too_large(limit));
        }
        if *total > total_limit {
            return Err(too_large(total_limit));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// `10 MB`, `64 KB` or `512 bytes`.
fn in_units(bytes: usize) -> String {
    match bytes {
        b if b >= 1024 * 1024 && b % (1024 * 1024) == 0 => format!("{} MB", b / (1024 * 1024)),
        b if b >= 1024 && b % 1024 == 0 => format!("{} KB", b / 1024),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
#[path = "upload_tests.rs"]
mod tests;
