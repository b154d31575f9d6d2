//! `/account`: the logged-in analyst's own account: role, campaigns, and their API tokens,
//! which they create (the new token shown once, on the answer to the form, and nowhere
//! else: not stored in clear, not in an address or a cookie) and revoke.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::views::{CampaignChoice, TokenLine, account_notice};
use crate::accounts::{self, AccountError, Analyst};
use crate::storage::api_tokens::tokens_of;
use crate::storage::campaigns::list_campaigns;
use crate::web::auth::CurrentAnalyst;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html, html_with_status};
use crate::web::pages::notice::{AccountChange, Flash, Notice};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

/// Where the page lives, and where its forms lead back to.
const PATH: &str = "/account";

/// A token just created, shown this once.
struct NewToken {
    name: String,
    value: String,
}

#[derive(Template)]
#[template(path = "accounts/own.html", config = "assets/askama.toml")]
struct OwnPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    errors: FormErrors,
    email: String,
    role: String,
    admin: bool,
    may_create: bool,
    campaigns: Vec<CampaignChoice>,
    tokens: Vec<TokenLine>,
    revoke_base: &'static str,
    /// The name field as typed, after a refusal.
    token_name: String,
    new_token: Option<NewToken>,
}

/// `GET /account`
pub async fn show_own_account(
    CurrentAnalyst(analyst): CurrentAnalyst,
    csrf: CsrfToken,
    flash: Flash,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let mut page = page(&analyst, &csrf, &state).await?;
    page.notice = account_notice(&flash);
    Ok(flash.shown(html(page.render())?))
}

/// The create form.
#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token_name: String,
}

/// `POST /account/tokens`: creates the token and answers with the page showing it, once.
pub async fn create_token(
    CurrentAnalyst(analyst): CurrentAnalyst,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, WebError> {
    let name = form.into_inner().token_name;
    let (email, actor, typed) = (analyst.email().to_owned(), analyst.actor(), name.clone());
    let issued = with_conn(&state, move |conn| {
        match accounts::issue_api_token(conn, &email, &typed, &actor) {
            Ok(issued) => Ok(Ok(issued)),
            Err(AccountError::TokenName(e)) => Ok(Err(e)),
            Err(other) => Err(other.into()),
        }
    })
    .await?;
    let mut page = page(&analyst, &csrf, &state).await?;
    match issued {
        Ok(issued) => {
            page.new_token = Some(NewToken {
                name: issued.row.name.clone(),
                value: issued.token,
            });
            html(page.render())
        }
        Err(refusal) => {
            let message = format!("The token's name is {refusal}.");
            page.errors.add("token_name", None, message);
            page.token_name = name;
            html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

/// `POST /account/tokens/{token_id}/revoke`: only the analyst's own tokens; another's is
/// not found.
pub async fn revoke_token(
    CurrentAnalyst(analyst): CurrentAnalyst,
    flash: Flash,
    state: web::Data<AppState>,
    token: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let (id, token, actor) = (analyst.id(), token.into_inner(), analyst.actor());
    with_conn(&state, move |conn| {
        accounts::revoke_api_token(conn, id, token, &actor)?;
        Ok(())
    })
    .await?;
    let change = AccountChange::TokenRevoked;
    Ok(flash.redirect(PATH, Notice::Account { change }))
}

async fn page(
    analyst: &Analyst,
    csrf: &CsrfToken,
    state: &web::Data<AppState>,
) -> Result<OwnPage, WebError> {
    let id = analyst.id();
    let (campaigns, tokens) = with_conn(state, move |conn| {
        Ok((list_campaigns(conn)?, tokens_of(conn, id)?))
    })
    .await?;
    let campaigns = if analyst.is_admin() {
        Vec::new()
    } else {
        campaigns
            .into_iter()
            .filter(|c| analyst.rights_on(c.campaign.id.into()).is_some())
            .map(|c| CampaignChoice {
                id: c.campaign.id,
                name: c.campaign.name,
            })
            .collect()
    };
    Ok(OwnPage {
        chrome: Chrome::analyst(csrf.value(), Some(analyst)),
        notice: None,
        errors: FormErrors::new(),
        email: analyst.email().to_owned(),
        role: analyst.role().to_string(),
        admin: analyst.is_admin(),
        may_create: analyst.may_create_campaigns(),
        campaigns,
        tokens: tokens.iter().map(TokenLine::from).collect(),
        revoke_base: "/account/tokens",
        token_name: String::new(),
        new_token: None,
    })
}
