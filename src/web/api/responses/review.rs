//! `POST /api/v1/campaigns/{id}/responses/{response_id}/review`: a reviewer sends a
//! response back with answers flagged "please change", or accepts it.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::problems::FieldProblem;
use crate::responses::{COMMENT_MAX_CHARS, CommentInput, Decision, ResponseError};
use crate::web::access::{ApiCampaign, CampaignSegment};
use crate::web::api::json::ApiJson;
use crate::web::api::refusals::NoToken;
use crate::web::error::ErrorBody;
use crate::web::response_reading::ResponseSegment;
use crate::web::review_decision::decide;
use crate::web::{AppState, WebError};

/// What the reviewer decides.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionName {
    /// Send it back: the flagged answers open again for the respondent, who gets one mail.
    RequestChanges,
    /// Accept it: final, and from now on it counts in the reports.
    Accept,
}

/// One comment on an answer.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewComment {
    /// The id of a question of the response's questionnaire.
    #[schema(min_length = 1, max_length = 200)]
    question: String,
    /// The comment, shown to the respondent beside the answer (at most 5000 characters);
    /// empty for a flag without words.
    #[serde(default)]
    #[schema(max_length = 5000)]
    body: String,
    /// Whether the answer is to change: only flagged answers open again.
    #[serde(default)]
    please_change: bool,
}

/// The body of a review.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    decision: DecisionName,
    /// At most one per question (the last one counts); a comment with neither words nor a
    /// flag is left out. A change request flags at least one answer.
    #[serde(default)]
    comments: Vec<ReviewComment>,
}

/// One step of a response's review.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReviewEntryView {
    pub(super) at: DateTime<Utc>,
    /// changes_requested, accepted, resubmitted (decisions and resubmissions), comment or
    /// reply.
    pub(super) kind: String,
    /// The reviewer's e-mail address, or "respondent".
    pub(super) by: String,
    /// The question of a comment or reply; null for a decision.
    pub(super) question_id: Option<String>,
    /// The words; null for a decision, a flag without words, or once retention erased them.
    pub(super) body: Option<String>,
    /// Whether a comment asked for the answer to change.
    pub(super) please_change: bool,
}

/// An answer sent back for changes.
#[derive(Serialize, utoipa::ToSchema)]
pub struct OpenFlagView {
    pub(super) question_id: String,
    /// The reviewer's comment; null for a flag without words.
    pub(super) comment: Option<String>,
    /// The respondent's replies, oldest first.
    pub(super) replies: Vec<String>,
}

/// A decision taken.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReviewedView {
    response: i64,
    /// The response's state now: `changes_requested` or `accepted`.
    state: String,
    /// The questions sent back for changes, in questionnaire order; empty for an acceptance.
    flagged: Vec<String>,
}

/// `POST /api/v1/campaigns/{id}/responses/{response_id}/review`
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/responses/{response_id}/review",
    tag = "responses",
    summary = "Send a response back for changes, with comments, or accept it (the campaign's reviewers only)",
    description = "Only for a campaign that requires review, by an account assigned to it \
        as a reviewer (admins too), while the response is submitted or resubmitted. A \
        change request opens the flagged answers (and only those) to the respondent and \
        mails them once; an acceptance makes the response final and counted in the \
        reports. Every comment and decision is kept in the response's history and the \
        decision in the audit log (`response.request_changes`, `response.accept`).",
    params(CampaignSegment,
        ("response_id" = i64, Path, description = "A response of the campaign")),
    request_body = ReviewRequest,
    responses(
        (status = 200, description = "The decision is taken", body = ReviewedView),
        (status = 400, description = "The body is not what this endpoint takes", body = ErrorBody),
        NoToken,
        (status = 403, description = "The token's analyst is not a reviewer of the campaign", body = ErrorBody),
        (status = 404, description = "No such campaign or response, or not one the token's analyst may see", body = ErrorBody),
        (status = 409, description = "The campaign does not require review, or the response awaits no decision (a draft, sent back, or accepted)", body = ErrorBody),
        (status = 422, description = "A change request that flags no answer, a comment on a question the questionnaire lacks, or a comment too long; `problems` names the field", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn review_response(
    access: ApiCampaign,
    state: web::Data<AppState>,
    path: web::Path<ResponseSegment>,
    request: ApiJson<ReviewRequest>,
) -> Result<HttpResponse, WebError> {
    let request = request.0;
    let decision = match request.decision {
        DecisionName::RequestChanges => Decision::RequestChanges,
        DecisionName::Accept => Decision::Accept,
    };
    let comments: Vec<CommentInput> = request
        .comments
        .iter()
        .map(|c| CommentInput {
            question: c.question.clone(),
            body: c.body.clone(),
            please_change: c.please_change,
        })
        .collect();
    match decide(&state, &access, path.response_id, decision, comments).await? {
        Ok(reviewed) => Ok(HttpResponse::Ok().json(ReviewedView {
            response: reviewed.response.id,
            state: reviewed.response.state.to_string(),
            flagged: reviewed.flagged,
        })),
        Err(refusal) => Err(problem(&request.comments, refusal)),
    }
}

/// A refusal as the API answers it, a 422 naming the comment's field.
fn problem(comments: &[ReviewComment], refusal: ResponseError) -> WebError {
    let index = |q: &str| comments.iter().rposition(|c| c.question == q).unwrap_or(0);
    let field = match &refusal {
        ResponseError::NothingFlagged(_) => "comments".to_owned(),
        ResponseError::UnknownQuestion(q) => format!("comments[{}].question", index(q)),
        ResponseError::CommentTooLong(q) => format!("comments[{}].body", index(q)),
        _ => return refusal.into(),
    };
    let reason = match &refusal {
        ResponseError::NothingFlagged(_) => {
            "a change request must flag at least one answer \"please change\"".to_owned()
        }
        ResponseError::CommentTooLong(_) => {
            format!("a comment holds at most {COMMENT_MAX_CHARS} characters")
        }
        other => other.to_string(),
    };
    let problems = vec![FieldProblem::in_field(&field, reason)];
    WebError::Rejected {
        message: refusal.to_string(),
        problems: serde_json::to_value(problems).unwrap_or_default(),
    }
}
