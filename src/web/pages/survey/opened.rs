//! The visit a respondent page opens, as an extractor: [`Opened`] reads the `{token}` and
//! the `?lang=` choice and loads the visit once, and [`Opened::page`] answers, for every
//! page, a token that opens nothing with the one 404 page and a visit in the other phase
//! with a redirect to the pages it belongs to.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::web::{AppState, WebError};

use super::pages::PageQuery;
use super::visit::Visit;
use super::{load_for, not_found, see_other};

/// Which pages a page is among: those for answering, or those shown once submitted.
#[derive(Clone, Copy)]
pub(super) enum Phase {
    Answering,
    Submitted,
}

/// The route's `{token}`; other segments are the handler's to read.
#[derive(Deserialize)]
struct TokenSegment {
    token: String,
}

/// What the token of a respondent page opens, loaded before the handler runs.
pub(super) struct Opened {
    req: HttpRequest,
    visit: Option<Visit>,
}

impl Opened {
    /// The page `render` draws of the visit, when a page of `phase` fits it; otherwise
    /// the answer instead of the page: 404 for a token that opens nothing, or a redirect
    /// to the pages of the phase the response is in.
    pub(super) fn page(
        self,
        phase: Phase,
        render: impl FnOnce(Visit, &HttpRequest) -> Result<HttpResponse, WebError>,
    ) -> Result<HttpResponse, WebError> {
        match self.into_phase(phase) {
            Ok((visit, req)) => render(visit, &req),
            Err(answer) => Ok(*answer),
        }
    }

    /// The visit and its request when a page of `phase` fits it; otherwise the answer
    /// [`Opened::page`] gives instead, for handlers with more to load before rendering.
    pub(super) fn into_phase(
        self,
        phase: Phase,
    ) -> Result<(Visit, HttpRequest), Box<HttpResponse>> {
        let Some(visit) = self.visit else {
            return Err(Box::new(not_found(&self.req)));
        };
        // A colleague's link opens nothing once the response takes no answers.
        if visit.delegation.is_some() && !visit.is_editable() {
            return Err(Box::new(not_found(&self.req)));
        }
        // After a change request both fit: the flagged answers take changes, and the
        // result (with the review's status) stays in reach.
        let fits = match phase {
            Phase::Answering => visit.is_editable(),
            Phase::Submitted => visit.was_submitted(),
        };
        match (phase, fits) {
            (_, true) => Ok((visit, self.req)),
            (Phase::Answering, false) => Err(Box::new(see_other(&visit.path("result")))),
            (Phase::Submitted, false) => Err(Box::new(see_other(&visit.path("")))),
        }
    }
}

impl FromRequest for Opened {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        // The same extractors, in the same order, as the handlers took before loading.
        let parts = <(
            web::Data<AppState>,
            web::Path<TokenSegment>,
            web::Query<PageQuery>,
        )>::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let (state, segment, query) = parts.await?;
            let language = query.into_inner().lang;
            let visit = load_for(&state, &req, segment.into_inner().token, language).await?;
            Ok(Opened { req, visit })
        })
    }
}
