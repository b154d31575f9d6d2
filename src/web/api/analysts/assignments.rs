//! Which campaigns an account is given, and which it reviews (admins only, audited by the
//! `accounts` operations).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::views::AnalystView;
use super::{ADMIN_ONLY, change_account};
use crate::accounts;
use crate::web::admin::ApiAdmin;
use crate::web::api::json::ApiJson;
use crate::web::api::refusals::NoToken;
use crate::web::error::ErrorBody;
use crate::web::{AppState, WebError};

/// The `{id}` and `{campaign_id}` of an assignment's path.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct AssignmentSegments {
    /// The account's id
    id: i64,
    /// The campaign's id
    campaign_id: i64,
}

/// The body of `PUT /api/v1/analysts/{id}/campaigns/{campaign_id}/reviewer`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewerRequest {
    /// Whether the account reviews the campaign's responses (sends them back for changes,
    /// accepts them). True assigns the campaign too when it is not assigned yet.
    reviewer: bool,
}

/// `PUT /api/v1/analysts/{id}/campaigns/{campaign_id}`
#[utoipa::path(
    put,
    path = "/api/v1/analysts/{id}/campaigns/{campaign_id}",
    tag = "accounts",
    summary = "Assign a campaign to an account (admins only)",
    params(AssignmentSegments),
    responses(
        (status = 200, description = "The account, the campaign among its campaigns", body = AnalystView),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 404, description = "No such account or campaign", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn assign_campaign(
    admin: ApiAdmin,
    state: web::Data<AppState>,
    path: web::Path<AssignmentSegments>,
) -> Result<HttpResponse, WebError> {
    let (campaign, actor) = (path.campaign_id, admin.analyst().actor());
    change_account(&state, path.id, move |conn, email| {
        accounts::assign_campaign(conn, email, campaign, &actor)
    })
    .await
}

/// `DELETE /api/v1/analysts/{id}/campaigns/{campaign_id}`
#[utoipa::path(
    delete,
    path = "/api/v1/analysts/{id}/campaigns/{campaign_id}",
    tag = "accounts",
    summary = "Take a campaign from an account (admins only)",
    description = "A campaign that was not assigned stays so; the answer is the same.",
    params(AssignmentSegments),
    responses(
        (status = 200, description = "The account, without the campaign", body = AnalystView),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn unassign_campaign(
    admin: ApiAdmin,
    state: web::Data<AppState>,
    path: web::Path<AssignmentSegments>,
) -> Result<HttpResponse, WebError> {
    let (campaign, actor) = (path.campaign_id, admin.analyst().actor());
    change_account(&state, path.id, move |conn, email| {
        accounts::unassign_campaign(conn, email, campaign, &actor)
    })
    .await
}

/// `PUT /api/v1/analysts/{id}/campaigns/{campaign_id}/reviewer`
#[utoipa::path(
    put,
    path = "/api/v1/analysts/{id}/campaigns/{campaign_id}/reviewer",
    tag = "accounts",
    summary = "Make an account a reviewer of a campaign's responses, or no longer one (admins only)",
    description = "A reviewer sends the responses of a campaign that requires review back \
        for changes, or accepts them. `reviewer: true` assigns the campaign too when it is \
        not assigned yet; `false` keeps the assignment and only takes the role away (a \
        campaign not assigned stays so). Admins review only campaigns assigned to them \
        this way. Recorded in the audit log (`campaign.reviewer`).",
    params(AssignmentSegments),
    request_body = ReviewerRequest,
    responses(
        (status = 200, description = "The account; `reviews` lists the campaigns it reviews", body = AnalystView),
        (status = 400, description = "The body is not what this endpoint takes", body = ErrorBody),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 404, description = "No such account or campaign", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn set_reviewer(
    admin: ApiAdmin,
    state: web::Data<AppState>,
    path: web::Path<AssignmentSegments>,
    request: ApiJson<ReviewerRequest>,
) -> Result<HttpResponse, WebError> {
    let (campaign, actor) = (path.campaign_id, admin.analyst().actor());
    let reviewer = request.reviewer;
    change_account(&state, path.id, move |conn, email| {
        accounts::set_campaign_reviewer(conn, email, campaign, reviewer, &actor)
    })
    .await
}
