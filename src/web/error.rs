//! `WebError`: the one error type that becomes an HTTP response. Causes go to the log, not the client.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use serde_json::Value;

use crate::campaigns::CampaignError;
use crate::invitations::InvitationError;
use crate::participants::ImportError;
use crate::problems::{FieldProblem, Listed};
use crate::storage::StorageError;

/// Every way a request can fail, by the status it earns.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{0}")]
    BadRequest(String),
    #[error("a valid API token is required (Authorization: Bearer …)")]
    Unauthorized,
    /// A known caller asking for something their account may not do.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// Input that was read but refused, with the problems found (e.g. rows of an import).
    #[error("{message}")]
    Rejected { message: String, problems: Value },
    /// A request whose fields were refused (400): every problem, by field.
    #[error("{}", Listed(.0))]
    Fields(Vec<FieldProblem>),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

/// The body of every API error: `{"error": "…"}`, plus `problems` for a refused list (422).
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong, for a person to read.
    error: String,
    /// Every problem found in a refused participant list, in row order.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<crate::participants::RowProblem>>)]
    problems: Option<Value>,
    /// Every field of a refused request (400) and what is wrong with it; `error` says the
    /// same in one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<Vec<FieldProblem>>,
}

impl ErrorBody {
    /// A body with only a message.
    pub fn new(error: String) -> Self {
        ErrorBody {
            error,
            problems: None,
            fields: None,
        }
    }
}

impl WebError {
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        WebError::Internal(cause.into())
    }
}

impl From<StorageError> for WebError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound { .. } => WebError::NotFound(e.to_string()),
            StorageError::Conflict(message) => WebError::Conflict(message),
            other => WebError::internal(other),
        }
    }
}

impl From<CampaignError> for WebError {
    fn from(e: CampaignError) -> Self {
        match e {
            CampaignError::Invalid(problems) => WebError::Fields(problems),
            CampaignError::NotFound(_) => WebError::NotFound(e.to_string()),
            CampaignError::Closed(_) => WebError::Conflict(e.to_string()),
            CampaignError::NotAllowed(_) => WebError::Forbidden(e.to_string()),
            CampaignError::Storage(e) => e.into(),
        }
    }
}

impl From<InvitationError> for WebError {
    fn from(e: InvitationError) -> Self {
        match e {
            InvitationError::Campaign(e) => e.into(),
            InvitationError::NotFound(message) => WebError::NotFound(message),
            InvitationError::Storage(e) => e.into(),
            InvitationError::Mail(e) => WebError::internal(e),
        }
    }
}

impl From<crate::responses::ResponseError> for WebError {
    fn from(e: crate::responses::ResponseError) -> Self {
        use crate::responses::ResponseError as E;
        match e {
            E::NotEditable { .. } => WebError::Conflict(e.to_string()),
            E::Incomplete(_) | E::NoSuchSection(_) => WebError::BadRequest(e.to_string()),
            // Another invitation's response answers as if there were none.
            E::NotYours { .. } => WebError::NotFound(e.to_string()),
            E::ReviewNotRequired(_) | E::Locked { .. } => WebError::Conflict(e.to_string()),
            E::NotReviewer { .. } => WebError::Forbidden(e.to_string()),
            E::NothingFlagged(_) | E::UnknownQuestion(_) | E::CommentTooLong(_) => {
                let problem = crate::problems::FieldProblem::in_field("comments", e.to_string());
                WebError::Rejected {
                    message: e.to_string(),
                    problems: serde_json::to_value(vec![problem]).unwrap_or_default(),
                }
            }
            E::Storage(e) => e.into(),
        }
    }
}

impl From<crate::accounts::AccountError> for WebError {
    fn from(e: crate::accounts::AccountError) -> Self {
        use crate::accounts::AccountError as E;
        use crate::problems::FieldProblem as P;
        match e {
            E::InvalidEmail(_) => WebError::Fields(vec![P::in_field("email", e.to_string())]),
            E::WeakPassword(_) => WebError::Fields(vec![P::in_field("password", e.to_string())]),
            E::TokenName(_) => WebError::Fields(vec![P::in_field("name", e.to_string())]),
            E::DuplicateEmail(_) | E::Disabled(_) | E::OwnAccount => {
                WebError::Conflict(e.to_string())
            }
            E::UnknownAnalyst(_)
            | E::UnknownAnalystId(_)
            | E::UnknownCampaign(_)
            | E::UnknownToken(_)
            | E::UnusableLink => WebError::NotFound(e.to_string()),
            E::Storage(e) => e.into(),
            E::Hash(_) | E::Mail(_) => WebError::internal(e),
        }
    }
}

impl From<crate::peer_review::PeerReviewError> for WebError {
    fn from(e: crate::peer_review::PeerReviewError) -> Self {
        use crate::peer_review::PeerReviewError as E;
        use crate::problems::FieldProblem as P;
        match e {
            E::Fields(problems) => WebError::Fields(
                problems
                    .into_iter()
                    .map(|(field, reason)| {
                        if field.is_empty() {
                            P::general(reason)
                        } else {
                            P::in_field(&field, reason)
                        }
                    })
                    .collect(),
            ),
            E::NotSubmitted
            | E::NoConsent
            | E::SameCountry(_)
            | E::TooFewCountries(_)
            | E::NoPeerLevels
            | E::ConsentInUse => WebError::Conflict(e.to_string()),
            E::NotAdmin | E::NotReviewer => WebError::Forbidden(e.to_string()),
            // A response not given to the caller answers as one that does not exist.
            E::UnknownResponse(_) | E::NotAPeer => WebError::NotFound(e.to_string()),
            E::Account(e) => e.into(),
            E::Storage(e) => e.into(),
        }
    }
}

impl From<ImportError> for WebError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Invalid(ref problems) => WebError::Rejected {
                message: format!("nothing imported: {} problem(s) found", problems.len()),
                problems: serde_json::to_value(problems).unwrap_or_default(),
            },
            ImportError::CampaignClosed(_) => WebError::Conflict(e.to_string()),
            ImportError::Storage(e) => e.into(),
        }
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::BadRequest(_) | WebError::Fields(_) => StatusCode::BAD_REQUEST,
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Rejected { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let WebError::Internal(cause) = self {
            tracing::error!(error = ?cause, "request failed");
        }
        let body = match self {
            WebError::Rejected { message, problems } => ErrorBody {
                error: message.clone(),
                problems: Some(problems.clone()),
                fields: None,
            },
            WebError::Fields(fields) => ErrorBody {
                fields: Some(fields.clone()),
                ..ErrorBody::new(self.to_string())
            },
            other => ErrorBody::new(other.to_string()),
        };
        HttpResponse::build(self.status_code()).json(body)
    }
}
