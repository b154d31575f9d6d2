//! `/api/v1/tokens`: the API tokens of the token's own analyst.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::views::{NewTokenView, TokenView};
use crate::accounts;
use crate::storage::api_tokens::tokens_of;
use crate::web::api::json::ApiJson;
use crate::web::api::refusals::NoToken;
use crate::web::auth::ApiAnalyst;
use crate::web::error::ErrorBody;
use crate::web::{AppState, WebError, with_conn};

/// The `{token_id}` of one's own token.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TokenSegment {
    /// The token's id
    token_id: i64,
}

/// The body of `POST /api/v1/tokens`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTokenRequest {
    /// What the token is for, e.g. "reporting script": 1 to 200 characters, not blank,
    /// without line breaks, other control characters or bidirectional overrides.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    name: String,
}

/// `GET /api/v1/tokens`
#[utoipa::path(
    get,
    path = "/api/v1/tokens",
    tag = "accounts",
    summary = "The API tokens of the token's own analyst",
    responses(
        (status = 200, description = "The tokens, oldest first; never their values", body = [TokenView]),
        NoToken,
    ),
    security(("api_token" = []))
)]
pub async fn list_own_tokens(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let id = analyst.id();
    let tokens = with_conn(&state, move |conn| Ok(tokens_of(conn, id)?)).await?;
    let views: Vec<TokenView> = tokens.iter().map(TokenView::from).collect();
    Ok(HttpResponse::Ok().json(views))
}

/// `POST /api/v1/tokens`
#[utoipa::path(
    post,
    path = "/api/v1/tokens",
    tag = "accounts",
    summary = "Create an API token for the token's own analyst",
    description = "The answer holds the new token's value, once: only its SHA-256 is stored.",
    request_body = NewTokenRequest,
    responses(
        (status = 201, description = "The new token, with its value", body = NewTokenView),
        (status = 400, description = "Not a name, or the body is not what this endpoint takes", body = ErrorBody),
        NoToken,
    ),
    security(("api_token" = []))
)]
pub async fn create_own_token(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    request: ApiJson<NewTokenRequest>,
) -> Result<HttpResponse, WebError> {
    let (email, actor) = (analyst.email().to_owned(), analyst.actor());
    let name = request.0.name;
    let issued = with_conn(&state, move |conn| {
        Ok(accounts::issue_api_token(conn, &email, &name, &actor)?)
    })
    .await?;
    Ok(HttpResponse::Created().json(NewTokenView::new(&issued.row, issued.token)))
}

/// `DELETE /api/v1/tokens/{token_id}`
#[utoipa::path(
    delete,
    path = "/api/v1/tokens/{token_id}",
    tag = "accounts",
    summary = "Revoke one of the token's own analyst's API tokens",
    description = "It may be the token of the request itself, which then stops working.",
    params(TokenSegment),
    responses(
        (status = 200, description = "The revoked token", body = TokenView),
        NoToken,
        (status = 404, description = "No such token of the token's analyst", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn revoke_own_token(
    ApiAnalyst(analyst): ApiAnalyst,
    state: web::Data<AppState>,
    path: web::Path<TokenSegment>,
) -> Result<HttpResponse, WebError> {
    let (id, token, actor) = (analyst.id(), path.token_id, analyst.actor());
    let revoked = with_conn(&state, move |conn| {
        Ok(accounts::revoke_api_token(conn, id, token, &actor)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(TokenView::from(&revoked)))
}
