//! Only admins manage accounts: [`Admin`] is the caller (API token or session) when they
//! are an admin, and 403 otherwise, decided by `accounts` (`can_manage_analysts`). On a
//! page the refusal becomes the 403 page in the site's layout, on the API a JSON error.
//!
//! Put it first among a handler's arguments: a caller who may not manage accounts is
//! refused before a body is read, whatever the body holds.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

use crate::accounts::Analyst;

use super::WebError;
use super::access::Identity;
use super::auth::{ApiAnalyst, CurrentAnalyst};

/// What a non-admin is told.
pub const ADMINS_ONLY: &str = "Only admins manage accounts.";

/// The calling admin.
pub struct Admin<I> {
    analyst: Analyst,
    identity: PhantomData<I>,
}

/// An admin of the API.
pub type ApiAdmin = Admin<ApiAnalyst>;

/// An admin of the pages.
pub type PageAdmin = Admin<CurrentAnalyst>;

impl<I> Admin<I> {
    pub fn analyst(&self) -> &Analyst {
        &self.analyst
    }
}

impl<I: Identity> FromRequest for Admin<I> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let identity = I::from_request(req, payload);
        Box::pin(async move {
            let analyst = identity.await.map_err(Into::into)?.into_analyst();
            if !analyst.can_manage_analysts() {
                return Err(WebError::Forbidden(ADMINS_ONLY.to_owned()).into());
            }
            Ok(Admin {
                analyst,
                identity: PhantomData,
            })
        })
    }
}
