//! The login and logout handlers and the campaign list page.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::accounts;
use crate::storage::campaigns::list_campaigns as stored_campaigns;
use crate::storage::submissions::campaign_rates;
use crate::web::auth::{
    CurrentAnalyst, LOGIN_PATH, expired_session_cookie, secure_cookies, session_cookie,
    session_token,
};
use crate::web::client::audit_address;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html, html_with_status, tlp_class};
use crate::web::pages::notice::{Flash, Notice};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

/// Where a successful login leads.
const HOME_PATH: &str = "/campaigns";

/// Where a peer reviewer's login leads.
const PEER_HOME_PATH: &str = "/peer";

/// The one message for every refused login: it never says which part was wrong.
const LOGIN_REFUSED: &str = "The e-mail address or the password is not correct.";

#[derive(Template)]
#[template(path = "analyst/login.html", config = "assets/askama.toml")]
struct LoginPage {
    chrome: Chrome,
    email: String,
    errors: FormErrors,
    logged_out: bool,
    /// The visitor just set their password through a one-time link.
    password_set: bool,
}

impl LoginPage {
    fn blank(csrf: &CsrfToken, logged_out: bool) -> LoginPage {
        LoginPage {
            chrome: Chrome::analyst(csrf.value(), None),
            email: String::new(),
            errors: FormErrors::new(),
            logged_out,
            password_set: false,
        }
    }
}

/// A campaign as the list shows it.
struct CampaignRow {
    id: i64,
    name: String,
    state: String,
    tlp: String,
    tlp_class: String,
    closes_on: String,
    /// "40 %", or "–" before anyone is invited.
    rate: String,
}

#[derive(Template)]
#[template(path = "analyst/campaigns.html", config = "assets/askama.toml")]
struct CampaignsPage {
    chrome: Chrome,
    campaigns: Vec<CampaignRow>,
    /// Whether to offer the create-campaign page.
    may_create: bool,
}

/// The fields of the login form (the CSRF field is checked by the middleware).
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// `GET /login`
pub async fn show_login(csrf: CsrfToken, flash: Flash) -> Result<HttpResponse, WebError> {
    let logged_out = flash.notice() == Some(&Notice::LoggedOut);
    let mut page = LoginPage::blank(&csrf, logged_out);
    page.password_set = flash.notice() == Some(&Notice::PasswordSet);
    Ok(flash.shown(html(page.render())?))
}

/// `POST /login`: on success a new session cookie and a redirect to the campaign list; on
/// failure the form again, with the e-mail address kept and the password cleared.
pub async fn log_in(
    req: HttpRequest,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, WebError> {
    let LoginForm { email, password } = form.into_inner();
    let mut page = LoginPage::blank(&csrf, false);
    page.email = email.trim().to_owned();
    if page.email.is_empty() {
        page.errors.add("email", None, "Enter your e-mail address.");
    }
    if password.is_empty() {
        page.errors.add("password", None, "Enter your password.");
    }
    if page.errors.is_empty() {
        let client = audit_address(&req, &state.settings.trusted_proxies);
        let (email, password) = (page.email.clone(), password);
        let login = with_conn(&state, move |conn| {
            accounts::log_in(conn, &email, &password, &client).map_err(WebError::internal)
        })
        .await?;
        if let Some(login) = login {
            let cookie = session_cookie(login.session.token, secure_cookies(&state));
            // A peer reviewer sees only the responses given to it, on its own page.
            let home = if login.analyst.is_peer_reviewer() {
                PEER_HOME_PATH
            } else {
                HOME_PATH
            };
            return Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, home))
                .cookie(cookie)
                .finish());
        }
        page.errors.add("password", None, LOGIN_REFUSED);
    }
    html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
}

/// `POST /logout`: ends the session (if any) and clears the cookie.
pub async fn log_out(
    req: HttpRequest,
    state: web::Data<AppState>,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    if let Some(token) = session_token(&req) {
        let client = audit_address(&req, &state.settings.trusted_proxies);
        with_conn(&state, move |conn| {
            Ok(accounts::log_out(conn, &token, &client)?)
        })
        .await?;
    }
    let mut response = flash.redirect(LOGIN_PATH, Notice::LoggedOut);
    response
        .add_cookie(&expired_session_cookie(secure_cookies(&state)))
        .map_err(WebError::internal)?;
    Ok(response)
}

/// `GET /campaigns`: the campaigns the analyst may see, newest first, with their state,
/// deadline and response rate.
pub async fn list_campaigns(
    CurrentAnalyst(analyst): CurrentAnalyst,
    csrf: CsrfToken,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (all, rates) = with_conn(&state, |conn| {
        Ok((stored_campaigns(conn)?, campaign_rates(conn)?))
    })
    .await?;
    let rate_of = |id: i64| {
        rates
            .iter()
            .find(|(c, _)| *c == id)
            .and_then(|(_, tally)| tally.response_rate())
            .map_or_else(|| "–".to_owned(), |r| format!("{r} %"))
    };
    let campaigns = all
        .into_iter()
        .map(|d| d.campaign)
        .filter(|c| analyst.rights_on(c.id.into()).is_some())
        .map(|c| CampaignRow {
            rate: rate_of(c.id),
            id: c.id,
            name: c.name,
            state: c.state.to_string(),
            tlp: c.tlp.to_string(),
            tlp_class: tlp_class(c.tlp),
            closes_on: c.closes_on.to_string(),
        })
        .collect();
    let page = CampaignsPage {
        chrome: Chrome::analyst(csrf.value(), Some(&analyst)),
        campaigns,
        may_create: analyst.may_create_campaigns(),
    };
    html(page.render())
}
