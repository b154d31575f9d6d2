//! A reviewer's decision on one response of a campaign, for the response page and the API
//! alike: in one transaction, the decision (`responses::review`, which checks every rule),
//! the mail it causes and the audit entry. Only those who read the campaign's rows get as
//! far as the rules; anyone else, and a response of another campaign, gets the 404 of a
//! response that does not exist.

use crate::accounts::CampaignRight;
use crate::audit::{self, AuditAction, AuditSubject};
use crate::campaigns::questionnaire_at;
use crate::ids::{AnalystId, ResponseId};
use crate::responses::{self, CommentInput, Decision, ResponseError, Reviewed};
use crate::storage::campaign_responses::placed;
use crate::storage::{StorageError, now, write_transaction};
use crate::web::access::CampaignAccess;
use crate::web::{AppState, WebError, with_conn};

/// Takes `decision` on `response` with `comments`. The outer error is the request's (no
/// such campaign or response, storage); the inner one a refusal of the review's rules,
/// which the caller shows beside the form or as a problem.
pub(in crate::web) async fn decide<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
    response: ResponseId,
    decision: Decision,
    comments: Vec<CommentInput>,
) -> Result<Result<Reviewed, ResponseError>, WebError> {
    access.require(CampaignRight::ReadRows)?;
    let (campaign, actor) = (access.id(), access.actor());
    let reviewer = AnalystId(access.analyst().id());
    let catalogue = state.catalogue.clone();
    // Where the mails' links point.
    let base_url = state.settings.base_url.clone();
    with_conn(state, move |conn| {
        let outcome = write_transaction(conn, |conn| {
            let found = placed(conn, response.get())?
                .filter(|p| p.campaign_id == campaign.get())
                .ok_or_else(|| StorageError::not_found("response", response))?;
            let r = &found.response;
            let questionnaire = questionnaire_at(
                conn,
                &catalogue,
                &r.questionnaire_id,
                &r.questionnaire_version,
            )?;
            let at = now();
            let reviewed = responses::review(
                conn,
                response,
                reviewer,
                decision,
                &comments,
                &questionnaire,
                at,
            )?;
            let (action, detail) = match decision {
                Decision::RequestChanges => {
                    crate::invitations::queue_changes_requested(
                        conn, &catalogue, &base_url, response, at,
                    )?;
                    let flagged = reviewed.flagged.join(",");
                    (
                        AuditAction::ResponseRequestChanges,
                        format!("campaign:{campaign} flagged:{flagged}"),
                    )
                }
                Decision::Accept => {
                    crate::invitations::queue_accepted(conn, &catalogue, &base_url, response, at)?;
                    (AuditAction::ResponseAccept, format!("campaign:{campaign}"))
                }
            };
            let subject = AuditSubject::Response(response);
            audit::record(conn, &actor, action, &subject, Some(&detail))?;
            Ok(reviewed)
        });
        match outcome {
            Ok(reviewed) => Ok(Ok(reviewed)),
            Err(Failure::Refused(ResponseError::Storage(e))) => Err(e.into()),
            Err(Failure::Refused(refusal)) => Ok(Err(refusal)),
            Err(Failure::Mail(e)) => Err(e.into()),
        }
    })
    .await
}

/// Why a decision's transaction rolled back: the review's rules refused it, or the mail it
/// causes could not be written.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Refused(#[from] ResponseError),
    #[error(transparent)]
    Mail(#[from] crate::invitations::InvitationError),
}

impl From<diesel::result::Error> for Failure {
    fn from(e: diesel::result::Error) -> Self {
        Failure::Refused(e.into())
    }
}

impl From<StorageError> for Failure {
    fn from(e: StorageError) -> Self {
        Failure::Refused(e.into())
    }
}
