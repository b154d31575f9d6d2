//! The API's admin token check, as an extractor: a handler that takes `Admin` is protected.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use sha2::{Digest, Sha256};

use super::{AppState, WebError};

/// Proof that the request carried the configured admin token.
pub struct Admin;

impl FromRequest for Admin {
    type Error = WebError;
    type Future = Ready<Result<Admin, WebError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let expected = req
            .app_data::<web::Data<AppState>>()
            .and_then(|state| state.settings.admin_token.clone());
        let given = req
            .headers()
            .get("Authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        ready(match (expected, given) {
            (Some(expected), Some(given)) if same(&expected, given) => Ok(Admin),
            _ => Err(WebError::Unauthorized),
        })
    }
}

/// Compares digests so the time taken says nothing about how much of the token matched.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}
