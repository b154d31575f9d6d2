//! Counterparts that agreed to share (see `crate::disclosure`): in a few smaller countries
//! of the demo's cooperation campaign, whose single CSIRT, unit and prosecution office the
//! k rule would otherwise hide, every handed-in response consents. Their result pages then
//! show each other's gaps, and the reports mark their country's gap "shared by consent".

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::ids::ResponseId;
use crate::storage::campaigns::CampaignDetails;
use crate::storage::report_rows::submitted_rows;
use crate::storage::{DbConn, StorageError, gap_consents, now, write_transaction};

/// The countries whose organisations consent.
const CONSENTING: [&str; 4] = ["EE", "LU", "SI", "MT"];

/// Gives the consent of every handed-in response of `campaign` from [`CONSENTING`].
pub(super) fn seed(conn: &mut DbConn, campaign: &CampaignDetails) -> Result<usize, StorageError> {
    let rows = submitted_rows(conn, campaign.campaign.id)?;
    let mut given = 0;
    for row in rows
        .responses
        .iter()
        .filter(|r| CONSENTING.contains(&r.country.as_str()))
    {
        write_transaction(conn, |conn| {
            if gap_consents::give(conn, row.response_id, now())? {
                audit::record(
                    conn,
                    &Actor::System,
                    AuditAction::GapConsent,
                    &AuditSubject::Response(ResponseId(row.response_id)),
                    Some("demo"),
                )?;
                given += 1;
            }
            Ok::<_, StorageError>(())
        })?;
    }
    Ok(given)
}
