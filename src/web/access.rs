//! The campaign a request is about, as an extractor: [`CampaignAccess`] reads the `{id}`
//! path segment and the caller (the bearer token for the API, the session for pages), asks
//! `accounts` what the caller may do with that campaign, and answers 404 when the answer
//! is nothing, in the very words a campaign that does not exist gets; so no answer tells
//! whether a campaign the caller may not see exists. Handlers that need more than seeing
//! the campaign ask [`CampaignAccess::require`], which refuses with the same 404.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::Deserialize;

use crate::accounts::{Analyst, CampaignRight};
use crate::audit::Actor;
use crate::ids::CampaignId;
use crate::storage::StorageError;

use super::WebError;
use super::auth::{ApiAnalyst, CurrentAnalyst};

/// A caller identified by an extractor of [`super::auth`].
pub trait Identity: FromRequest + 'static {
    /// The analyst behind the identity.
    fn into_analyst(self) -> Analyst;
}

impl Identity for ApiAnalyst {
    fn into_analyst(self) -> Analyst {
        self.0
    }
}

impl Identity for CurrentAnalyst {
    fn into_analyst(self) -> Analyst {
        self.0
    }
}

/// A campaign of the API, for the analyst of the bearer token.
pub type ApiCampaign = CampaignAccess<ApiAnalyst>;

/// A campaign of the pages, for the analyst of the session.
pub type PageCampaign = CampaignAccess<CurrentAnalyst>;

/// The campaign of the route's `{id}`, the analyst asking, and what they may do with it.
pub struct CampaignAccess<I> {
    id: CampaignId,
    analyst: Analyst,
    right: CampaignRight,
    identity: PhantomData<I>,
}

/// The route's `{id}`; other segments are the handler's to read. The API's operations on
/// one campaign name it in their `params(...)`, so the document describes the segment
/// this extractor reads.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub(in crate::web) struct CampaignSegment {
    /// The campaign's id
    #[param(value_type = i64)]
    id: CampaignId,
}

impl<I> CampaignAccess<I> {
    /// The campaign's id. The campaign may still not exist (an admin may ask for any id):
    /// loading it answers that, with the same 404.
    pub fn id(&self) -> CampaignId {
        self.id
    }

    /// Who is asking.
    pub fn analyst(&self) -> &Analyst {
        &self.analyst
    }

    /// Who is asking, as the audit log names them.
    pub fn actor(&self) -> Actor {
        self.analyst.actor()
    }

    /// Whether the caller has at least the grade `least`.
    pub fn allows(&self, least: CampaignRight) -> bool {
        self.right >= least
    }

    /// Refuses, as if the campaign did not exist, a caller below the grade `least`.
    pub fn require(&self, least: CampaignRight) -> Result<(), WebError> {
        if self.allows(least) {
            Ok(())
        } else {
            Err(not_found(self.id))
        }
    }
}

/// The answer to a campaign that does not exist.
fn not_found(id: CampaignId) -> WebError {
    StorageError::not_found("campaign", id).into()
}

impl<I: Identity> FromRequest for CampaignAccess<I> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        // Identity and path together, as handlers took them as separate parameters: an
        // identity refused at once wins over a malformed id (404 under the path's own
        // error handler), and on the API the token was checked before anything else.
        let both = <(I, web::Path<CampaignSegment>)>::from_request(req, payload);
        Box::pin(async move {
            let (identity, segment) = both.await?;
            let (analyst, id) = (identity.into_analyst(), segment.into_inner().id);
            let right = analyst.rights_on(id).ok_or_else(|| not_found(id))?;
            Ok(CampaignAccess {
                id,
                analyst,
                right,
                identity: PhantomData,
            })
        })
    }
}
