//! `/admin/analysts/{id}`: one account, and the forms that change it: a new password link,
//! campaign creation, campaigns assigned, API tokens revoked, and disabling it.
//!
//! A change that worked leads back here with a notice; a form that is refused comes back
//! (422) with the problem beside its field.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::views::{
    CampaignChoice, TokenLine, account_notice, creation_words, password_words, when,
};
use crate::accounts::{self, AccountError, Role};
use crate::storage::api_tokens::tokens_of;
use crate::storage::campaigns::list_campaigns;
use crate::web::admin::PageAdmin;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html, html_with_status};
use crate::web::pages::notice::{AccountChange, Flash, Notice};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

#[derive(Template)]
#[template(path = "accounts/detail.html", config = "assets/askama.toml")]
struct DetailPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    errors: FormErrors,
    id: i64,
    email: String,
    role: String,
    is_analyst: bool,
    enabled: bool,
    state: String,
    created: String,
    password: String,
    creates: &'static str,
    may_create: bool,
    /// The page's admin looks at their own account (which they may not disable).
    own: bool,
    assigned: Vec<CampaignChoice>,
    assignable: Vec<CampaignChoice>,
    /// The assigned campaigns whose responses the account reviews.
    reviews: Vec<i64>,
    tokens: Vec<TokenLine>,
    /// Where the token table's revoke forms post, before the token's id.
    revoke_base: String,
}

impl DetailPage {
    /// Whether the account reviews the responses of campaign `id`.
    fn reviews(&self, id: &i64) -> bool {
        self.reviews.contains(id)
    }
}

/// `GET /admin/analysts/{id}`
pub async fn show_account(
    admin: PageAdmin,
    csrf: CsrfToken,
    flash: Flash,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let mut page = page(&admin, &csrf, &state, id.into_inner()).await?;
    page.notice = account_notice(&flash);
    Ok(flash.shown(html(page.render())?))
}

/// The disable form: a ticked box says the admin means it.
#[derive(Deserialize)]
pub struct DisableForm {
    #[serde(default)]
    confirm: Option<String>,
}

/// `POST /admin/analysts/{id}/disable`
pub async fn disable_account(
    admin: PageAdmin,
    csrf: CsrfToken,
    flash: Flash,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<DisableForm>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    if form.confirm.is_none() {
        let message = "Tick the box to confirm that the account is to be disabled.";
        return refused(&admin, &csrf, &state, id, "confirm-disable", message).await;
    }
    let actor = admin.analyst().actor();
    with_conn(&state, move |conn| {
        let row = accounts::account(conn, id)?;
        accounts::disable_analyst(conn, &row.email, &actor)?;
        Ok(())
    })
    .await?;
    Ok(done(&flash, id, AccountChange::Disabled))
}

/// `POST /admin/analysts/{id}/password-link`
pub async fn send_password_link(
    admin: PageAdmin,
    flash: Flash,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let (actor, base_url) = (admin.analyst().actor(), state.settings.base_url.clone());
    with_conn(&state, move |conn| {
        accounts::send_password_link(conn, id, &actor, &base_url)?;
        Ok(())
    })
    .await?;
    Ok(done(&flash, id, AccountChange::LinkSent))
}

/// The campaign-creation form: `allowed` is `yes` or `no`.
#[derive(Deserialize)]
pub struct MayCreateForm {
    #[serde(default)]
    allowed: String,
}

/// `POST /admin/analysts/{id}/may-create-campaigns`
pub async fn set_may_create(
    admin: PageAdmin,
    flash: Flash,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<MayCreateForm>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let allowed = match form.allowed.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(WebError::BadRequest("allowed is yes or no".to_owned())),
    };
    let actor = admin.analyst().actor();
    with_conn(&state, move |conn| {
        let row = accounts::account(conn, id)?;
        accounts::allow_campaign_creation(conn, &row.email, allowed, &actor)?;
        Ok(())
    })
    .await?;
    let change = if allowed {
        AccountChange::CreationAllowed
    } else {
        AccountChange::CreationDisallowed
    };
    Ok(done(&flash, id, change))
}

/// The assign form: the campaign chosen, as its id, and whether the account reviews its
/// responses too (a ticked box).
#[derive(Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    campaign: String,
    #[serde(default)]
    reviewer: Option<String>,
}

/// `POST /admin/analysts/{id}/campaigns`
pub async fn assign_campaign(
    admin: PageAdmin,
    csrf: CsrfToken,
    flash: Flash,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<AssignForm>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let Ok(campaign) = form.campaign.trim().parse::<i64>() else {
        let message = "Choose a campaign to assign.";
        return refused(&admin, &csrf, &state, id, "campaign", message).await;
    };
    let actor = admin.analyst().actor();
    let reviewer = form.reviewer.is_some();
    let assigned = with_conn(&state, move |conn| {
        let row = accounts::account(conn, id)?;
        let done = if reviewer {
            accounts::set_campaign_reviewer(conn, &row.email, campaign, true, &actor)
        } else {
            accounts::assign_campaign(conn, &row.email, campaign, &actor)
        };
        match done {
            Err(AccountError::UnknownCampaign(_)) => Ok(false),
            other => other.map(|()| true).map_err(Into::into),
        }
    })
    .await?;
    if !assigned {
        let message = "That campaign does not exist (any more); choose another.";
        return refused(&admin, &csrf, &state, id, "campaign", message).await;
    }
    Ok(done(&flash, id, AccountChange::Assigned))
}

/// `POST /admin/analysts/{id}/campaigns/{campaign_id}/unassign`
pub async fn unassign_campaign(
    admin: PageAdmin,
    flash: Flash,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, WebError> {
    let (id, campaign) = path.into_inner();
    let actor = admin.analyst().actor();
    with_conn(&state, move |conn| {
        let row = accounts::account(conn, id)?;
        accounts::unassign_campaign(conn, &row.email, campaign, &actor)?;
        Ok(())
    })
    .await?;
    Ok(done(&flash, id, AccountChange::Unassigned))
}

/// `POST /admin/analysts/{id}/tokens/{token_id}/revoke`
pub async fn revoke_token(
    admin: PageAdmin,
    flash: Flash,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, WebError> {
    let (id, token) = path.into_inner();
    let actor = admin.analyst().actor();
    with_conn(&state, move |conn| {
        accounts::revoke_api_token(conn, id, token, &actor)?;
        Ok(())
    })
    .await?;
    Ok(done(&flash, id, AccountChange::TokenRevoked))
}

/// Back to the account's page, saying what was done.
pub(super) fn done(flash: &Flash, id: i64, change: AccountChange) -> HttpResponse {
    flash.redirect(&format!("/admin/analysts/{id}"), Notice::Account { change })
}

/// The account's page again (422), with `message` beside the field `anchor`.
async fn refused(
    admin: &PageAdmin,
    csrf: &CsrfToken,
    state: &web::Data<AppState>,
    id: i64,
    anchor: &str,
    message: &str,
) -> Result<HttpResponse, WebError> {
    let mut page = page(admin, csrf, state, id).await?;
    page.errors.add(anchor, None, message);
    html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
}

async fn page(
    admin: &PageAdmin,
    csrf: &CsrfToken,
    state: &web::Data<AppState>,
    id: i64,
) -> Result<DetailPage, WebError> {
    let (account, campaigns, tokens) = with_conn(state, move |conn| {
        let account = accounts::overview(conn, id)?;
        Ok((account, list_campaigns(conn)?, tokens_of(conn, id)?))
    })
    .await?;
    let (assigned, assignable): (Vec<_>, Vec<_>) = campaigns
        .into_iter()
        .map(|c| CampaignChoice {
            id: c.campaign.id,
            name: c.campaign.name,
        })
        .partition(|c| account.campaigns.contains(&c.id));
    let row = &account.row;
    Ok(DetailPage {
        chrome: Chrome::analyst(csrf.value(), Some(admin.analyst())),
        notice: None,
        errors: FormErrors::new(),
        id: row.id,
        email: row.email.clone(),
        role: row.role.to_string(),
        is_analyst: row.role == Role::Analyst,
        enabled: row.disabled_at.is_none(),
        state: row.disabled_at.map_or_else(
            || "active".to_owned(),
            |at| format!("disabled {}", when(at)),
        ),
        created: when(row.created_at),
        password: password_words(&account),
        creates: creation_words(&account),
        may_create: row.may_create_campaigns,
        own: row.id == admin.analyst().id(),
        assigned,
        assignable,
        reviews: account.reviews.clone(),
        tokens: tokens.iter().map(TokenLine::from).collect(),
        revoke_base: format!("/admin/analysts/{}/tokens", row.id),
    })
}
