//! Peer review in the JSON API: admins list and create peer-reviewer accounts and give a
//! submitted, consented response to one (`/peer-reviewers`, `/responses/{response_id}/
//! peer-reviewers`); a response's view carries its peer and agreed levels
//! ([`PeerReviewView`]). Every rule is `peer_review`'s, as for the pages.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::peer_review::{self, Comparison, NewPeerReviewer};
use crate::questionnaire::Questionnaire;
use crate::responses::reading::tier_name;
use crate::storage::peer_review::{self as stored, LevelKind, PeerReviewer};
use crate::storage::{DbConn, StorageError, analysts};
use crate::web::admin::ApiAdmin;
use crate::web::api::json::ApiJson;
use crate::web::api::refusals::NoToken;
use crate::web::error::ErrorBody;
use crate::web::{AppState, WebError, with_conn};

const ADMIN_ONLY: &str = "The token's analyst is not an admin";

/// A peer-reviewer account.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PeerReviewerView {
    /// The account's id (an analyst account that sees only the responses given to it).
    id: i64,
    email: String,
    /// ISO 3166-1 alpha-2, upper case.
    country: String,
    organisation: String,
    /// The ids of the responses given to it, newest first.
    responses: Vec<i64>,
}

fn view(
    conn: &mut DbConn,
    peer: PeerReviewer,
    email: String,
) -> Result<PeerReviewerView, StorageError> {
    Ok(PeerReviewerView {
        responses: stored::responses_of_peer(conn, peer.analyst_id)?,
        id: peer.analyst_id,
        email,
        country: peer.country,
        organisation: peer.organisation,
    })
}

/// The body of `POST /api/v1/peer-reviewers`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPeerReviewerRequest {
    /// The account's address; it gets the mail with the password link.
    #[schema(min_length = 3, max_length = 254, pattern = r"^[^@\s]+@[^@\s]+$")]
    email: String,
    /// The peer's country: its ISO 3166-1 alpha-2 code, e.g. DE.
    country: String,
    /// The peer's organisation, 1 to 200 characters.
    #[schema(min_length = 1, max_length = 200)]
    organisation: String,
}

/// The body of `POST /api/v1/responses/{response_id}/peer-reviewers`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GiveResponseRequest {
    /// The id of the peer-reviewer account to give the response to.
    peer_reviewer_id: i64,
}

/// The `{response_id}` of a response's path.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ResponsePath {
    /// The response's id
    response_id: i64,
}

/// `GET /api/v1/peer-reviewers`
#[utoipa::path(
    get,
    path = "/api/v1/peer-reviewers",
    tag = "peer review",
    summary = "Every peer-reviewer account (admins only)",
    responses(
        (status = 200, description = "The peer reviewers, by e-mail address", body = [PeerReviewerView]),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn list_peer_reviewers(
    _admin: ApiAdmin,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let views = with_conn(&state, |conn| {
        let mut views = Vec::new();
        for (peer, email) in stored::list_peer_reviewers(conn)? {
            views.push(view(conn, peer, email)?);
        }
        Ok(views)
    })
    .await?;
    Ok(HttpResponse::Ok().json(views))
}

/// `POST /api/v1/peer-reviewers`
#[utoipa::path(
    post,
    path = "/api/v1/peer-reviewers",
    tag = "peer review",
    summary = "Create a peer-reviewer account and mail it a link to set its password (admins only)",
    description = "A peer reviewer logs in as an analyst does but sees only the responses given to it: no campaign, report or other response, and no use of this API.",
    request_body = NewPeerReviewerRequest,
    responses(
        (status = 201, description = "The new peer reviewer; the mail with its link is queued", body = PeerReviewerView),
        (status = 400, description = "Not an e-mail address, an unknown country, an empty or too long organisation, or the body is not what this endpoint takes", body = ErrorBody),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 409, description = "An account with this address exists", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn create_peer_reviewer(
    admin: ApiAdmin,
    state: web::Data<AppState>,
    request: ApiJson<NewPeerReviewerRequest>,
) -> Result<HttpResponse, WebError> {
    let (analyst, base_url) = (admin.analyst().clone(), state.settings.base_url.clone());
    let request = request.0;
    let created = with_conn(&state, move |conn| {
        let new = NewPeerReviewer {
            email: &request.email,
            country: &request.country,
            organisation: &request.organisation,
        };
        let row = peer_review::create_peer_reviewer(conn, &analyst, &new, &base_url)?;
        let peer = stored::peer_reviewer(conn, row.id)?
            .ok_or_else(|| StorageError::not_found("peer reviewer", row.id))?;
        Ok(view(conn, peer, row.email)?)
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// `POST /api/v1/responses/{response_id}/peer-reviewers`
#[utoipa::path(
    post,
    path = "/api/v1/responses/{response_id}/peer-reviewers",
    tag = "peer review",
    summary = "Give a response to a peer reviewer (admins only)",
    description = "Refused for a response not yet submitted, without its team's consent (given on its result page), and for a peer of the team's own country. The peer gets a mail (`peer_review`) through the outbox.",
    params(ResponsePath),
    request_body = GiveResponseRequest,
    responses(
        (status = 201, description = "Given; the peer's mail is queued", body = PeerReviewerView),
        (status = 200, description = "The peer had the response already; nothing changed", body = PeerReviewerView),
        (status = 400, description = "The body is not what this endpoint takes", body = ErrorBody),
        NoToken,
        (status = 403, description = ADMIN_ONLY, body = ErrorBody),
        (status = 404, description = "No such response, or no such peer reviewer", body = ErrorBody),
        (status = 409, description = "Not submitted, no consent from its team, or a peer of the team's own country", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn give_response(
    admin: ApiAdmin,
    state: web::Data<AppState>,
    path: web::Path<ResponsePath>,
    request: ApiJson<GiveResponseRequest>,
) -> Result<HttpResponse, WebError> {
    let (analyst, base_url) = (admin.analyst().clone(), state.settings.base_url.clone());
    let (response, peer) = (path.response_id, request.peer_reviewer_id);
    let (given, view) = with_conn(&state, move |conn| {
        let given = peer_review::give_response(conn, &analyst, response, peer, &base_url)?;
        let row = stored::peer_reviewer(conn, peer)?
            .ok_or_else(|| StorageError::not_found("peer reviewer", peer))?;
        let email = analysts::get_analyst(conn, peer)?.email;
        Ok((given, view(conn, row, email)?))
    })
    .await?;
    Ok(if given {
        HttpResponse::Created().json(view)
    } else {
        HttpResponse::Ok().json(view)
    })
}

/// One parameter's levels.
#[derive(Serialize, utoipa::ToSchema)]
pub struct LevelView {
    parameter: String,
    /// The self-assessed level; null when unanswered.
    own: Option<f64>,
    /// The level the peers recorded; null when they did not assess it.
    peer: Option<i32>,
    /// The peers' justification of their level.
    peer_justification: Option<String>,
    /// The level agreed afterwards, which reports use; null until recorded.
    agreed: Option<i32>,
}

/// A response's peer review: the levels side by side and the tier each set reaches
/// (`not yet basic` below the first; null without a tier table or, for `agreed_tier`,
/// before agreed levels).
#[derive(Serialize, utoipa::ToSchema)]
pub struct PeerReviewView {
    levels: Vec<LevelView>,
    self_tier: Option<String>,
    peer_tier: Option<String>,
    agreed_tier: Option<String>,
}

/// The peer review of `response`; `None` before any peer level.
pub(super) fn peer_review_view(
    conn: &mut DbConn,
    q: &Questionnaire,
    answers: &crate::questionnaire::Answers,
    response: i64,
) -> Result<Option<PeerReviewView>, StorageError> {
    let Some(c): Option<Comparison> = peer_review::comparison_of(conn, q, answers, response)?
    else {
        return Ok(None);
    };
    let justifications = stored::current_levels(conn, response, LevelKind::Peer)?;
    let tier = |t: Option<Option<crate::questionnaire::TierId>>| {
        t.map(|t| t.map_or_else(|| "not yet basic".to_owned(), |id| tier_name(q, id, "en")))
    };
    let any_agreed = c.rows.iter().any(|r| r.agreed.is_some());
    Ok(Some(PeerReviewView {
        levels: c
            .rows
            .iter()
            .map(|r| LevelView {
                parameter: r.parameter.clone(),
                own: r.own,
                peer: r.peer,
                peer_justification: justifications
                    .get(&r.parameter)
                    .map(|l| l.justification.clone()),
                agreed: r.agreed,
            })
            .collect(),
        self_tier: tier(c.own_tier),
        peer_tier: tier(c.peer_tier),
        agreed_tier: if any_agreed {
            tier(c.agreed_tier)
        } else {
            None
        },
    }))
}
