//! Adapter between the respondent forms and the CSRF middleware of `web::security`, which
//! has already refused any POST without a valid token before a handler runs.

use actix_web::{FromRequest, HttpRequest};

use crate::web::security::CsrfToken;

/// The token to put in this page's forms.
pub fn csrf_value(req: &HttpRequest) -> String {
    CsrfToken::extract(req)
        .into_inner()
        .map(|t| t.value().to_owned())
        .unwrap_or_default()
}
