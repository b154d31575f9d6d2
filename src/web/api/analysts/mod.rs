//! The accounts API: admins list, add and manage accounts (`/analysts…`, 403 for anyone
//! else, before a body is read); every analyst lists, creates and revokes their own API
//! tokens (`/tokens…`). Every change goes through the `accounts` operation the pages and
//! the CLI use, which audits it.

mod assignments;
mod tokens;
mod views;

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::accounts::{self, AccountError, NewAccount};
use crate::storage::DbConn;
use crate::storage::api_tokens::tokens_of;
use crate::web::admin::ApiAdmin;
use crate::web::api::json::ApiJson;
use crate::web::api::refusals::NoToken;
use crate::web::error::ErrorBody;
use crate::web::{AppState, WebError, with_conn};

pub use assignments::*;
pub use tokens::*;
pub use views::{AnalystView, NewTokenView, RoleName, TokenView};

/// The `{id}` of an account's path.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct AnalystSegment {
    /// The account's id
    id: i64,
}

/// The `{id}` and `{token_id}` of one account's token.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct AccountTokenSegments {
    /// The account's id
    id: i64,
    /// The token's id
    token_id: i64,
}

/// The body of `POST /api/v1/analysts`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAnalystRequest {
    /// The new account's address; it gets the mail with the password link.
    #[schema(min_length = 3, max_length = 254, pattern = r"^[^@\s]+@[^@\s]+$")]
    email: String,
    /// `analyst` (the default) or `admin`.
    #[serde(default)]
    role: Option<RoleName>,
    /// Whether an analyst may create campaigns from the start (false by default).
    #[serde(default)]
    may_create_campaigns: Option<bool>,
}

/// The body of `PUT /api/v1/analysts/{id}/may-create-campaigns`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MayCreateRequest {
    /// Whether the account may create campaigns.
    allowed: bool,
}

const ADMIN_ONLY: &str = "The token's analyst is not an admin";

/// `GET /api/v1/analysts`
#[utoipa::path(
    get,
    path = "/api/v1/analysts",
    tag = "accounts",
    summary = "Every account (admins only)",
    responses(
        (status = 200, description = "The accounts, by e-mail address", body = [AnalystView]),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn list_analysts(
    _admin: ApiAdmin,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let all = with_conn(&state, |conn| Ok(accounts::overviews(conn)?)).await?;
    let views: Vec<AnalystView> = all.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(views))
}

/// `POST /api/v1/analysts`
#[utoipa::path(
    post,
    path = "/api/v1/analysts",
    tag = "accounts",
    summary = "Add an account and mail it a link to set its password (admins only)",
    description = "The account has no password until its owner chooses one through the one-time link mailed to them (valid 72 hours). No password travels by mail.",
    request_body = NewAnalystRequest,
    responses(
        (status = 201, description = "The new account; the mail with its link is queued", body = AnalystView),
        (status = 400, description = "Not an e-mail address, or the body is not what this endpoint takes", body = ErrorBody),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 409, description = "An account with this address exists", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn add_analyst(
    admin: ApiAdmin,
    state: web::Data<AppState>,
    request: ApiJson<NewAnalystRequest>,
) -> Result<HttpResponse, WebError> {
    let (actor, base_url) = (admin.analyst().actor(), state.settings.base_url.clone());
    let request = request.0;
    let view = with_conn(&state, move |conn| {
        let account = NewAccount {
            email: &request.email,
            role: request.role.unwrap_or(RoleName::Analyst).into(),
            may_create_campaigns: request.may_create_campaigns.unwrap_or(false),
        };
        let row = accounts::invite_analyst(conn, &account, &actor, &base_url)?;
        Ok(accounts::overview(conn, row.id)?)
    })
    .await?;
    Ok(HttpResponse::Created().json(AnalystView::from(view)))
}

/// `GET /api/v1/analysts/{id}`
#[utoipa::path(
    get,
    path = "/api/v1/analysts/{id}",
    tag = "accounts",
    summary = "One account (admins only)",
    params(AnalystSegment),
    responses(
        (status = 200, description = "The account", body = AnalystView),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn show_analyst(
    _admin: ApiAdmin,
    state: web::Data<AppState>,
    path: web::Path<AnalystSegment>,
) -> Result<HttpResponse, WebError> {
    let id = path.id;
    let view = with_conn(&state, move |conn| Ok(accounts::overview(conn, id)?)).await?;
    Ok(HttpResponse::Ok().json(AnalystView::from(view)))
}

/// `POST /api/v1/analysts/{id}/disable`
#[utoipa::path(
    post,
    path = "/api/v1/analysts/{id}/disable",
    tag = "accounts",
    summary = "Disable an account: no more logins, sessions, API tokens or password links (admins only)",
    params(AnalystSegment),
    responses(
        (status = 200, description = "The disabled account", body = AnalystView),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
        (status = 409, description = "It is the token's own account", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn disable_analyst(
    admin: ApiAdmin,
    state: web::Data<AppState>,
    path: web::Path<AnalystSegment>,
) -> Result<HttpResponse, WebError> {
    let actor = admin.analyst().actor();
    change_account(&state, path.id, move |conn, email| {
        accounts::disable_analyst(conn, email, &actor)
    })
    .await
}

/// `PUT /api/v1/analysts/{id}/may-create-campaigns`
#[utoipa::path(
    put,
    path = "/api/v1/analysts/{id}/may-create-campaigns",
    tag = "accounts",
    summary = "Allow or forbid an account to create campaigns (admins only)",
    params(AnalystSegment),
    request_body = MayCreateRequest,
    responses(
        (status = 200, description = "The account as it now is", body = AnalystView),
        (status = 400, description = "The body is not what this endpoint takes", body = ErrorBody),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn set_may_create(
    admin: ApiAdmin,
    state: web::Data<AppState>,
    path: web::Path<AnalystSegment>,
    request: ApiJson<MayCreateRequest>,
) -> Result<HttpResponse, WebError> {
    let (allowed, actor) = (request.allowed, admin.analyst().actor());
    change_account(&state, path.id, move |conn, email| {
        accounts::allow_campaign_creation(conn, email, allowed, &actor)
    })
    .await
}

/// `POST /api/v1/analysts/{id}/password-link`
#[utoipa::path(
    post,
    path = "/api/v1/analysts/{id}/password-link",
    tag = "accounts",
    summary = "Mail an account a new one-time link to set its password (admins only)",
    description = "For an account that has not set its password yet, or forgot it. Earlier links stop working; a password already set keeps working until the link is used.",
    params(AnalystSegment),
    responses(
        (status = 200, description = "The account; the mail with the link is queued", body = AnalystView),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
        (status = 409, description = "The account is disabled", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn send_password_link(
    admin: ApiAdmin,
    state: web::Data<AppState>,
    path: web::Path<AnalystSegment>,
) -> Result<HttpResponse, WebError> {
    let (id, actor) = (path.id, admin.analyst().actor());
    let base_url = state.settings.base_url.clone();
    change_account(&state, id, move |conn, _| {
        accounts::send_password_link(conn, id, &actor, &base_url)
    })
    .await
}

/// `GET /api/v1/analysts/{id}/tokens`
#[utoipa::path(
    get,
    path = "/api/v1/analysts/{id}/tokens",
    tag = "accounts",
    summary = "An account's API tokens, revoked ones included (admins only)",
    params(AnalystSegment),
    responses(
        (status = 200, description = "The tokens, oldest first; never their values", body = [TokenView]),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn list_analyst_tokens(
    _admin: ApiAdmin,
    state: web::Data<AppState>,
    path: web::Path<AnalystSegment>,
) -> Result<HttpResponse, WebError> {
    let id = path.id;
    let tokens = with_conn(&state, move |conn| {
        accounts::account(conn, id)?;
        Ok(tokens_of(conn, id)?)
    })
    .await?;
    let views: Vec<TokenView> = tokens.iter().map(TokenView::from).collect();
    Ok(HttpResponse::Ok().json(views))
}

/// `DELETE /api/v1/analysts/{id}/tokens/{token_id}`
#[utoipa::path(
    delete,
    path = "/api/v1/analysts/{id}/tokens/{token_id}",
    tag = "accounts",
    summary = "Revoke an account's API token (admins only)",
    params(AccountTokenSegments),
    responses(
        (status = 200, description = "The revoked token", body = TokenView),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 404, description = "No such account, or no such token of it", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn revoke_analyst_token(
    admin: ApiAdmin,
    state: web::Data<AppState>,
    path: web::Path<AccountTokenSegments>,
) -> Result<HttpResponse, WebError> {
    let (id, token, actor) = (path.id, path.token_id, admin.analyst().actor());
    let revoked = with_conn(&state, move |conn| {
        Ok(accounts::revoke_api_token(conn, id, token, &actor)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(TokenView::from(&revoked)))
}

/// Makes `change` to the account `id` (given its address, as the `accounts` operations
/// name accounts) and answers the account as it then is; 404 for no such account.
async fn change_account<T: Send + 'static>(
    state: &web::Data<AppState>,
    id: i64,
    change: impl FnOnce(&mut DbConn, &str) -> Result<T, AccountError> + Send + 'static,
) -> Result<HttpResponse, WebError> {
    let view = with_conn(state, move |conn| {
        let row = accounts::account(conn, id)?;
        change(conn, &row.email)?;
        Ok(accounts::overview(conn, id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(AnalystView::from(view)))
}
