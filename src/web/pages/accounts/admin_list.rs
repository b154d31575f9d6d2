//! `/admin/analysts`: every account, and the form that adds one (its password is set by
//! the person through the link mailed to them).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::views::{account_notice, creation_words, password_words};
use crate::accounts::{self, AccountError, NewAccount, Role};
use crate::storage::campaigns::list_campaigns;
use crate::web::admin::PageAdmin;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html, html_with_status};
use crate::web::pages::notice::{AccountChange, Flash, Notice};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

/// One account as the list shows it.
struct AccountLine {
    id: i64,
    email: String,
    role: String,
    state: &'static str,
    creates: &'static str,
    campaigns: String,
    password: String,
    tokens: i64,
}

#[derive(Template)]
#[template(path = "accounts/list.html", config = "assets/askama.toml")]
struct ListPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    accounts: Vec<AccountLine>,
    errors: FormErrors,
    /// The add form as typed.
    email: String,
    role: String,
    may_create: bool,
}

/// The add form's fields (the CSRF field is checked by the middleware).
#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    may_create_campaigns: Option<String>,
}

/// `GET /admin/analysts`
pub async fn show_accounts(
    admin: PageAdmin,
    csrf: CsrfToken,
    flash: Flash,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let mut page = page(&admin, &csrf, &state).await?;
    page.notice = account_notice(&flash);
    Ok(flash.shown(html(page.render())?))
}

/// `POST /admin/analysts`: adds the account and queues its password link; on a refusal
/// the list again with the problem beside its field and the form as typed.
pub async fn add_account(
    admin: PageAdmin,
    csrf: CsrfToken,
    flash: Flash,
    state: web::Data<AppState>,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let mut errors = FormErrors::new();
    let role = match form.role.parse::<Role>() {
        Ok(role) => Some(role),
        Err(_) => {
            errors.add("role", None, "Choose analyst or admin.");
            None
        }
    };
    let email = form.email.trim().to_owned();
    if email.is_empty() {
        errors.add("email", None, "Enter the e-mail address of the account.");
    }
    let may_create = form.may_create_campaigns.is_some();
    if let (Some(role), true) = (role, errors.is_empty()) {
        let (actor, base_url) = (admin.analyst().actor(), state.settings.base_url.clone());
        let address = email.clone();
        let added = with_conn(&state, move |conn| {
            let account = NewAccount {
                email: &address,
                role,
                may_create_campaigns: may_create,
            };
            match accounts::invite_analyst(conn, &account, &actor, &base_url) {
                Ok(row) => Ok(Ok(row)),
                Err(e @ (AccountError::InvalidEmail(_) | AccountError::DuplicateEmail(_))) => {
                    Ok(Err(e))
                }
                Err(other) => Err(other.into()),
            }
        })
        .await?;
        match added {
            Ok(row) => {
                let to = format!("/admin/analysts/{}", row.id);
                let notice = Notice::Account {
                    change: AccountChange::Added,
                };
                return Ok(flash.redirect(&to, notice));
            }
            Err(AccountError::DuplicateEmail(_)) => errors.add(
                "email",
                None,
                "An account with this e-mail address exists already.",
            ),
            Err(_) => errors.add(
                "email",
                None,
                "Enter an e-mail address such as name@example.org.",
            ),
        }
    }
    let mut page = page(&admin, &csrf, &state).await?;
    page.errors = errors;
    page.email = email;
    page.role = form.role;
    page.may_create = may_create;
    html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
}

/// The list with an empty add form.
async fn page(
    admin: &PageAdmin,
    csrf: &CsrfToken,
    state: &web::Data<AppState>,
) -> Result<ListPage, WebError> {
    let (all, campaigns) = with_conn(state, |conn| {
        Ok((accounts::overviews(conn)?, list_campaigns(conn)?))
    })
    .await?;
    let name_of = |id: i64| {
        campaigns
            .iter()
            .find(|c| c.campaign.id == id)
            .map_or_else(|| format!("campaign {id}"), |c| c.campaign.name.clone())
    };
    let accounts = all
        .iter()
        .map(|a| AccountLine {
            id: a.row.id,
            email: a.row.email.clone(),
            role: a.row.role.to_string(),
            state: if a.row.disabled_at.is_some() {
                "disabled"
            } else {
                "active"
            },
            creates: creation_words(a),
            campaigns: match (a.row.role, a.campaigns.is_empty()) {
                (Role::Admin, _) => "all (admin)".to_owned(),
                (Role::Analyst, true) => "none".to_owned(),
                (Role::Analyst, false) => a
                    .campaigns
                    .iter()
                    .map(|id| name_of(*id))
                    .collect::<Vec<_>>()
                    .join(", "),
            },
            password: password_words(a),
            tokens: a.live_tokens,
        })
        .collect();
    Ok(ListPage {
        chrome: Chrome::analyst(csrf.value(), Some(admin.analyst())),
        notice: None,
        accounts,
        errors: FormErrors::new(),
        email: String::new(),
        role: Role::Analyst.to_string(),
        may_create: false,
    })
}
