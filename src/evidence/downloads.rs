//! Evidence files handed out: to the respondent of the response, and to an analyst, audited.

use super::{EvidenceError, EvidenceFile};
use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::ids::{CampaignId, ResponseId};
use crate::storage::DbConn;
use crate::storage::evidence as stored;

/// File `file_id` of question `question_id` of `response`, for its respondent.
pub fn file_for_respondent(
    conn: &mut DbConn,
    response: ResponseId,
    question_id: &str,
    file_id: i64,
) -> Result<EvidenceFile, EvidenceError> {
    stored::file(conn, response.get(), file_id)?
        .filter(|f| f.info.question_id == question_id)
        .ok_or(EvidenceError::NotFound)
}

/// File `file_id` of `response` of `campaign`, for an analyst who may read the campaign's
/// rows; the audit log records that `actor` downloaded it (`evidence.download`). A file
/// of another response, or a response of another campaign, is [`EvidenceError::NotFound`].
pub fn download_for_analyst(
    conn: &mut DbConn,
    campaign: CampaignId,
    response: ResponseId,
    file_id: i64,
    actor: &Actor,
) -> Result<EvidenceFile, EvidenceError> {
    let placed = crate::storage::campaign_responses::placed(conn, response.get())?;
    if placed.is_none_or(|p| p.campaign_id != campaign.get()) {
        return Err(EvidenceError::NotFound);
    }
    let file = stored::file(conn, response.get(), file_id)?.ok_or(EvidenceError::NotFound)?;
    // The file's id, never its name: a name may name a person, the log outlives it.
    let detail = format!("campaign:{campaign}, evidence file {file_id}");
    audit::record(
        conn,
        actor,
        AuditAction::EvidenceDownload,
        &AuditSubject::Response(response),
        Some(&detail),
    )?;
    Ok(file)
}
