//! `/password/{token}`: the page a password link leads to. Choosing a password there uses
//! the link up and leads to the login page.
//!
//! An unknown, used, voided or expired link (or one of a disabled account) gets one and the
//! same page, so nothing tells a stranger whether a guessed token ever existed.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::accounts::{self, AccountError, MIN_PASSWORD_CHARS, PASSWORD_LINK_PATH};
use crate::web::auth::LOGIN_PATH;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html, html_with_status};
use crate::web::pages::notice::{Flash, Notice};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

#[derive(Template)]
#[template(path = "accounts/password.html", config = "assets/askama.toml")]
struct PasswordPage {
    chrome: Chrome,
    errors: FormErrors,
    email: String,
    action: String,
    min_chars: usize,
}

#[derive(Template)]
#[template(path = "accounts/link_unusable.html", config = "assets/askama.toml")]
struct UnusablePage {
    chrome: Chrome,
}

/// The form's fields.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

/// `GET /password/{token}`
pub async fn show_password_form(
    csrf: CsrfToken,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let lookup = token.clone();
    let account = with_conn(&state, move |conn| {
        Ok(accounts::password_link_account(conn, &lookup)?)
    })
    .await?;
    match account {
        Some(row) => html(form_page(&csrf, &token, row.email).render()),
        None => unusable(),
    }
}

/// `POST /password/{token}`: sets the password and leads to the login page; a refused
/// password comes back beside its field with the link still working.
pub async fn set_password(
    csrf: CsrfToken,
    flash: Flash,
    state: web::Data<AppState>,
    token: web::Path<String>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let PasswordForm {
        password,
        password_again,
    } = form.into_inner();
    let lookup = token.clone();
    let outcome = with_conn(&state, move |conn| {
        let Some(row) = accounts::password_link_account(conn, &lookup)? else {
            return Ok(Err(None));
        };
        let mut errors = FormErrors::new();
        if password.is_empty() {
            errors.add("password", None, "Choose a password.");
        } else if password != password_again {
            errors.add(
                "password_again",
                None,
                "The two passwords differ; type the same password twice.",
            );
        }
        if !errors.is_empty() {
            return Ok(Err(Some((row.email, errors))));
        }
        match accounts::set_password_with_link(conn, &lookup, &password) {
            Ok(_) => Ok(Ok(())),
            Err(AccountError::WeakPassword(reason)) => {
                errors.add("password", None, sentence(&reason.to_string()));
                Ok(Err(Some((row.email, errors))))
            }
            Err(AccountError::UnusableLink) => Ok(Err(None)),
            Err(other) => Err(other.into()),
        }
    })
    .await?;
    match outcome {
        Ok(()) => Ok(flash.redirect(LOGIN_PATH, Notice::PasswordSet)),
        Err(Some((email, errors))) => {
            let mut page = form_page(&csrf, &token, email);
            page.errors = errors;
            html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(None) => unusable(),
    }
}

fn form_page(csrf: &CsrfToken, token: &str, email: String) -> PasswordPage {
    PasswordPage {
        chrome: Chrome::analyst(csrf.value(), None),
        errors: FormErrors::new(),
        email,
        action: format!("{PASSWORD_LINK_PATH}{token}"),
        min_chars: MIN_PASSWORD_CHARS,
    }
}

/// The one page every link that does not work gets.
fn unusable() -> Result<HttpResponse, WebError> {
    let page = UnusablePage {
        chrome: Chrome::analyst("", None),
    };
    html_with_status(page.render(), StatusCode::NOT_FOUND)
}

/// A refusal's words as a sentence: capital first letter, full stop.
fn sentence(words: &str) -> String {
    let mut chars = words.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default();
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}
