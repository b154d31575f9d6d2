//! Methods no page takes never meet the CSRF check.
//!
//! The CSRF middleware refuses every PUT, PATCH and DELETE without a token, and it runs
//! before the router, so a `PUT /login` got the "form has expired" page instead of the
//! 405 any other wrong method gets. Pages take only GET and POST: a request with another
//! unsafe method cannot be a form being sent, so there is nothing to protect. It goes to
//! the router as an OPTIONS request, which no page route takes, and so gets the router's
//! own answer: 405 with the resource's `Allow`, or 404. The method asked is kept in the
//! request's extensions ([`AskedMethod`]) for the error page to name.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpRequest};

/// The method a request came with, where [`route_page_methods`] changed it.
#[derive(Clone, Debug)]
pub struct AskedMethod(pub Method);

/// The middleware; wrap it just outside the CSRF middleware.
pub async fn route_page_methods(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let page = !crate::web::is_api(req.request());
    let unsafe_method = matches!(*req.method(), Method::PUT | Method::PATCH | Method::DELETE);
    if page && unsafe_method {
        let asked = req.method().clone();
        req.extensions_mut().insert(AskedMethod(asked));
        req.head_mut().method = Method::OPTIONS;
    }
    next.call(req).await
}

/// The method the client asked with, whatever the router was handed.
pub fn asked_method(req: &HttpRequest) -> Method {
    req.extensions()
        .get::<AskedMethod>()
        .map_or_else(|| req.method().clone(), |a| a.0.clone())
}
