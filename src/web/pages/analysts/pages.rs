//! The login and logout handlers and the campaign list page.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::accounts;
use crate::storage::campaigns::list_campaigns as stored_campaigns;
use crate::web::auth::{
    CurrentAnalyst, LOGIN_PATH, expired_session_cookie, secure_cookies, session_cookie,
    session_token,
};
use crate::web::client::audit_address;
use crate::web::pages::static_files::stylesheet_href;
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

/// Where a successful login leads.
const HOME_PATH: &str = "/campaigns";

/// The one message for every refused login: it never says which part was wrong.
const LOGIN_REFUSED: &str = "The e-mail address or the password is not correct.";

/// What every analyst page's frame shows.
pub(super) struct Chrome {
    pub(super) stylesheet: &'static str,
    pub(super) csrf: String,
    pub(super) signed_in_as: Option<String>,
}

impl Chrome {
    pub(super) fn new(csrf: &CsrfToken, signed_in_as: Option<&str>) -> Chrome {
        Chrome {
            stylesheet: stylesheet_href(),
            csrf: csrf.value().to_owned(),
            signed_in_as: signed_in_as.map(str::to_owned),
        }
    }
}

/// A problem with one field, linked from the summary at the top.
struct FieldError {
    field: &'static str,
    message: &'static str,
}

#[derive(Template)]
#[template(path = "analyst/login.html", config = "assets/askama.toml")]
struct LoginPage {
    chrome: Chrome,
    email: String,
    email_error: Option<&'static str>,
    password_error: Option<&'static str>,
    errors: Vec<FieldError>,
    logged_out: bool,
}

impl LoginPage {
    fn blank(csrf: &CsrfToken, logged_out: bool) -> LoginPage {
        LoginPage {
            chrome: Chrome::new(csrf, None),
            email: String::new(),
            email_error: None,
            password_error: None,
            errors: Vec::new(),
            logged_out,
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
}

#[derive(Template)]
#[template(path = "analyst/campaigns.html", config = "assets/askama.toml")]
struct CampaignsPage {
    chrome: Chrome,
    campaigns: Vec<CampaignRow>,
}

/// Query of `GET /login`: `?logged_out=1` after logging out.
#[derive(Deserialize)]
pub struct LoginQuery {
    logged_out: Option<u8>,
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
pub async fn show_login(
    csrf: CsrfToken,
    query: web::Query<LoginQuery>,
) -> Result<HttpResponse, WebError> {
    html(
        LoginPage::blank(&csrf, query.logged_out.is_some()).render(),
        StatusCode::OK,
    )
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
        page.email_error = Some("Enter your e-mail address.");
    }
    if password.is_empty() {
        page.password_error = Some("Enter your password.");
    }
    if page.email_error.is_none() && page.password_error.is_none() {
        let client = audit_address(&req, &state.settings.trusted_proxies);
        let (email, password) = (page.email.clone(), password);
        let login = with_conn(&state, move |conn| {
            accounts::log_in(conn, &email, &password, &client).map_err(WebError::internal)
        })
        .await?;
        if let Some(login) = login {
            let cookie = session_cookie(login.session.token, secure_cookies(&state));
            return Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, HOME_PATH))
                .cookie(cookie)
                .finish());
        }
        page.password_error = Some(LOGIN_REFUSED);
    }
    page.errors = [
        ("email", page.email_error),
        ("password", page.password_error),
    ]
    .into_iter()
    .filter_map(|(field, message)| message.map(|message| FieldError { field, message }))
    .collect();
    html(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
}

/// `POST /logout`: ends the session (if any) and clears the cookie.
pub async fn log_out(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    if let Some(token) = session_token(&req) {
        let client = audit_address(&req, &state.settings.trusted_proxies);
        with_conn(&state, move |conn| {
            Ok(accounts::log_out(conn, &token, &client)?)
        })
        .await?;
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("{LOGIN_PATH}?logged_out=1")))
        .cookie(expired_session_cookie(secure_cookies(&state)))
        .finish())
}

/// `GET /campaigns`: the campaigns the analyst may see, newest first.
pub async fn list_campaigns(
    CurrentAnalyst(analyst): CurrentAnalyst,
    csrf: CsrfToken,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let all = with_conn(&state, |conn| Ok(stored_campaigns(conn)?)).await?;
    let campaigns = all
        .into_iter()
        .map(|d| d.campaign)
        .filter(|c| analyst.can_see_campaign(c.id))
        .map(|c| CampaignRow {
            id: c.id,
            name: c.name,
            state: c.state.to_string(),
            tlp: c.tlp.to_string(),
            tlp_class: c.tlp.as_str().to_lowercase(),
            closes_on: c.closes_on.to_string(),
        })
        .collect();
    let page = CampaignsPage {
        chrome: Chrome::new(&csrf, Some(analyst.email())),
        campaigns,
    };
    html(page.render(), StatusCode::OK)
}

pub(super) fn html(
    rendered: askama::Result<String>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let body = rendered.map_err(WebError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}
