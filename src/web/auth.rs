//! Who is asking, as extractors: a handler that takes [`ApiAnalyst`] (API, bearer token) or
//! [`CurrentAnalyst`] (pages, session cookie) only runs for a logged-in analyst.
//!
//! Both only establish identity; what the analyst may do with a campaign is the business
//! of [`super::access::CampaignAccess`], built on them.

use std::future::Future;
use std::pin::Pin;

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, web};

use crate::accounts::{self, Analyst};
use crate::storage::sessions::SESSION_LIFETIME;

use super::{AppState, WebError, with_conn};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "liaison_session";

/// Where pages send a visitor who is not logged in.
pub const LOGIN_PATH: &str = "/login";

type LocalFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>>>>;

/// The analyst an API request's `Authorization: Bearer <token>` belongs to; 401 otherwise.
///
/// [`require_api_analyst`] wraps every route that takes it and has already checked the
/// token, before any other extractor read the body; this only hands the result over. Off
/// such a route it checks the token itself.
#[derive(Clone)]
pub struct ApiAnalyst(pub Analyst);

impl FromRequest for ApiAnalyst {
    type Error = WebError;
    type Future = LocalFuture<ApiAnalyst, WebError>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let checked = req.extensions().get::<ApiAnalyst>().cloned();
        let req = req.clone();
        Box::pin(async move {
            match checked {
                Some(analyst) => Ok(analyst),
                None => api_analyst(&req).await,
            }
        })
    }
}

/// Middleware for the token-only API: answers 401 unless the bearer token is valid, before
/// the route's handler (and so its body extractors) runs; passes the [`ApiAnalyst`] on.
pub async fn require_api_analyst(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let analyst = api_analyst(req.request()).await?;
    req.extensions_mut().insert(analyst);
    next.call(req).await
}

async fn api_analyst(req: &HttpRequest) -> Result<ApiAnalyst, WebError> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned());
    let (Some(state), Some(token)) = (state, token) else {
        return Err(WebError::Unauthorized);
    };
    with_conn(&state, move |conn| {
        Ok(accounts::analyst_for_api_token(conn, &token)?)
    })
    .await?
    .ok_or(WebError::Unauthorized)
    .and_then(|analyst| {
        // The API serves analysts only: a peer reviewer's token is refused everywhere.
        if analyst.is_peer_reviewer() {
            Err(WebError::Forbidden(PEERS_REFUSED.to_owned()))
        } else {
            Ok(ApiAnalyst(analyst))
        }
    })
}

/// What the API tells a peer reviewer's token.
const PEERS_REFUSED: &str = "Peer-reviewer accounts have no use of the API.";

/// The analyst whose session cookie came with a page request; otherwise the visitor is sent
/// to the login page (303).
pub struct CurrentAnalyst(pub Analyst);

impl FromRequest for CurrentAnalyst {
    type Error = actix_web::Error;
    type Future = LocalFuture<CurrentAnalyst, actix_web::Error>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let account = session_account(req);
        Box::pin(async move {
            let analyst = account.await?;
            // A peer reviewer sees none of the analysts' pages: each is as absent to it as
            // a page that does not exist.
            if analyst.is_peer_reviewer() {
                return Err(peer_refused().into());
            }
            Ok(CurrentAnalyst(analyst))
        })
    }
}

/// The account whose session cookie came with a page request; a visitor without one is
/// sent to the login page.
fn session_account(req: &HttpRequest) -> LocalFuture<Analyst, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let token = session_token(req);
    Box::pin(async move {
        let (Some(state), Some(token)) = (state, token) else {
            return Err(to_login());
        };
        let found = with_conn(&state, move |conn| {
            Ok(accounts::analyst_for_session(conn, &token)?)
        })
        .await?;
        found.ok_or_else(to_login)
    })
}

/// The peer reviewer whose session cookie came with a page request: the only caller of the
/// `/peer` pages. Anyone else logged in gets a 404; a visitor not logged in, the login page.
pub struct CurrentPeer(pub Analyst);

impl FromRequest for CurrentPeer {
    type Error = actix_web::Error;
    type Future = LocalFuture<CurrentPeer, actix_web::Error>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let account = session_account(req);
        Box::pin(async move {
            let analyst = account.await?;
            if !analyst.is_peer_reviewer() {
                return Err(peer_refused().into());
            }
            Ok(CurrentPeer(analyst))
        })
    }
}

/// The answer to a page or route outside what the caller's kind of account sees.
fn peer_refused() -> WebError {
    WebError::NotFound("There is no such page.".to_owned())
}

/// The session token in the request's cookie, if any.
pub fn session_token(req: &HttpRequest) -> Option<String> {
    req.cookie(SESSION_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

fn to_login() -> actix_web::Error {
    let response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, LOGIN_PATH))
        .finish();
    InternalError::from_response("login required", response).into()
}

/// The session cookie: `HttpOnly`, `SameSite=Lax`, `Path=/`, and `Secure` when the service
/// is reached over HTTPS. It lasts as long as the session row.
pub fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    let max_age = time::Duration::seconds(SESSION_LIFETIME.num_seconds());
    Cookie::build(SESSION_COOKIE, token)
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .max_age(max_age)
        .finish()
}

/// A cookie that makes the browser forget the session.
pub fn expired_session_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = session_cookie(String::new(), secure);
    cookie.make_removal();
    cookie
}

/// Whether cookies should be `Secure`: when the public address is HTTPS.
pub fn secure_cookies(state: &AppState) -> bool {
    state.settings.base_url.starts_with("https://")
}
