//! The routes that take multipart forms, as route patterns (`/campaigns/{id}/participants/
//! upload`), and how the CSRF middleware is told about them.
//!
//! The middleware lets a multipart request through unchecked (its handler checks the token
//! with `read_upload`) only on paths it is given, and it knows only exact paths and
//! prefixes. A pattern without `{…}` is given as its exact path. One with an id in it is
//! given as the prefix before its first `{…}` segment, which on its own would let multipart
//! requests through to every page under that prefix, forms whose handlers read no body and
//! check no token among them; so [`UploadRoutes::guard`] refuses those with 400 before the
//! middleware sees them, exactly as the middleware refuses a path it was never given.

use std::sync::Arc;

use actix_csrf_middleware::MultipartRoute;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ResourceDef, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::header;
use actix_web::middleware::{Next, from_fn};

use crate::web::WebError;

/// The upload routes, shared by every worker.
#[derive(Clone, Default)]
pub struct UploadRoutes {
    patterns: Arc<[ResourceDef]>,
}

impl UploadRoutes {
    pub(super) fn new(patterns: &[&str]) -> UploadRoutes {
        UploadRoutes {
            patterns: patterns.iter().map(|p| ResourceDef::new(*p)).collect(),
        }
    }

    /// What the crate is told: each pattern's exact path, or the prefix before its first
    /// dynamic segment.
    pub(super) fn crate_routes(&self) -> Vec<MultipartRoute> {
        self.patterns.iter().map(crate_route).collect()
    }

    /// Whether a multipart request to `path` must be refused here: the crate would let it
    /// through, but no pattern takes it.
    fn stray(&self, path: &str) -> bool {
        let let_through = self.crate_routes().iter().any(|r| matches(r, path));
        let_through && !self.patterns.iter().any(|p| p.is_match(path))
    }

    /// The middleware refusing stray multipart requests (see the module's documentation).
    pub fn guard<S, B>(
        &self,
    ) -> impl Transform<
        S,
        ServiceRequest,
        Response = ServiceResponse<EitherBody<B>>,
        Error = actix_web::Error,
        InitError = (),
    > + use<S, B>
    where
        S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>
            + 'static,
        B: MessageBody + 'static,
    {
        let routes = self.clone();
        from_fn(move |req: ServiceRequest, next: Next<B>| {
            let refused = is_multipart(&req) && routes.stray(req.path());
            async move {
                if refused {
                    let error = WebError::BadRequest("This address takes no file upload.".into());
                    return Ok(req.error_response(error).map_into_right_body());
                }
                Ok(next.call(req).await?.map_into_left_body())
            }
        })
    }
}

/// The route the crate matches for `pattern`.
fn crate_route(pattern: &ResourceDef) -> MultipartRoute {
    let text = pattern.pattern().unwrap_or_default();
    match text.find('{') {
        None => MultipartRoute::Exact(text.to_owned()),
        Some(at) => {
            let prefix = text[..at].trim_end_matches('/');
            MultipartRoute::Prefix(prefix.to_owned())
        }
    }
}

/// How the crate matches a route against a path (exact, or a prefix at a segment boundary).
fn matches(route: &MultipartRoute, path: &str) -> bool {
    match route {
        MultipartRoute::Exact(exact) => exact == path,
        MultipartRoute::Prefix(prefix) => path
            .strip_prefix(prefix.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/')),
    }
}

/// Whether the request says it carries a multipart form, as the crate judges it.
fn is_multipart(req: &ServiceRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const UPLOAD: &str = "/campaigns/{id}/participants/upload";

    #[test]
    fn a_pattern_with_an_id_is_given_as_its_prefix_and_narrowed_back() {
        let routes = UploadRoutes::new(&[UPLOAD, "/evidence"]);
        assert_eq!(
            routes.crate_routes(),
            vec![
                MultipartRoute::Prefix("/campaigns".into()),
                MultipartRoute::Exact("/evidence".into())
            ]
        );
        assert!(!routes.stray("/campaigns/7/participants/upload"));
        assert!(!routes.stray("/evidence"));
        assert!(routes.stray("/campaigns/7/invite"));
        assert!(routes.stray("/campaigns/7/participants/upload/more"));
        assert!(routes.stray("/campaigns"));
        // The crate refuses these itself: not under anything it was given.
        assert!(!routes.stray("/campaignsx/7/participants/upload"));
        assert!(!routes.stray("/login"));
    }
}
