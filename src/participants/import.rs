//! Writing checked participants into a campaign: one transaction, adding
//! nobody twice.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use super::fields;
use super::problems::{ImportError, RowProblem};
use super::raw::TYPE;
use super::record::ParticipantRecord;
use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::campaigns::CampaignState;
use crate::ids::CampaignId;
use crate::participants::OrganisationKind;
use crate::storage::campaigns::{CampaignDetails, get_campaign};
use crate::storage::organisations::{NewOrganisation, find_or_create_organisation};
use crate::storage::participants::{NewParticipant, add_participant, participant_emails};
use crate::storage::{DbConn, StorageError};

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    /// Participants added to the campaign.
    pub added: usize,
    /// Participants whose e-mail address (ignoring case) the campaign already
    /// had; they were left as they were.
    pub already_present: usize,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.added == 1 { "" } else { "s" };
        write!(
            f,
            "{} participant{plural} added, {} already in the campaign",
            self.added, self.already_present
        )
    }
}

/// The audiences a campaign has a questionnaire for: what `check` needs.
pub fn audiences(campaign: &CampaignDetails) -> Vec<OrganisationKind> {
    campaign.questionnaires.iter().map(|q| q.audience).collect()
}

/// Adds checked participants to a campaign, all or none, in one transaction.
///
/// Each organisation (name, country and kind) is found or created. A
/// participant whose e-mail address the campaign already has, in any letter
/// case, is skipped and counted as already present, so importing the same list
/// twice adds nobody twice. Refuses a closed campaign, an unknown one
/// (`Storage(NotFound)`), and a record whose type the campaign has no
/// questionnaire for (records checked against another campaign). An import that is
/// written is audited as done by `actor`, in the same transaction.
pub fn import(
    conn: &mut DbConn,
    campaign_id: i64,
    records: &[ParticipantRecord],
    actor: &Actor,
) -> Result<ImportReport, ImportError> {
    crate::storage::write_transaction(conn, |conn| {
        // Read inside the transaction, so a campaign closed meanwhile is seen.
        let campaign = get_campaign(conn, campaign_id)?;
        refuse_closed(&campaign)?;
        let audiences = audiences(&campaign);
        let problems = records
            .iter()
            .filter_map(|r| {
                let reason = fields::audience(r.kind(), &audiences).err()?;
                Some(RowProblem::in_column(r.row(), TYPE, reason))
            })
            .collect();
        ImportError::unless_empty(problems)?;
        let report = add_all(conn, campaign_id, records)?;
        let subject = AuditSubject::Campaign(CampaignId(campaign_id));
        let detail = report.to_string();
        let action = AuditAction::ParticipantsImport;
        audit::record(conn, actor, action, &subject, Some(&detail))?;
        Ok(report)
    })
}

/// `Err(CampaignClosed)` if the campaign takes no more participants.
pub(super) fn refuse_closed(campaign: &CampaignDetails) -> Result<(), ImportError> {
    match campaign.campaign.state {
        CampaignState::Open => Ok(()),
        CampaignState::Closed => Err(ImportError::CampaignClosed(campaign.campaign.id)),
    }
}

fn add_all(
    conn: &mut DbConn,
    campaign_id: i64,
    records: &[ParticipantRecord],
) -> Result<ImportReport, ImportError> {
    let mut present: HashSet<String> = participant_emails(conn, campaign_id)?
        .iter()
        .map(|email| email.to_lowercase())
        .collect();
    // Lists name the same organisation on many rows; look each up once.
    let mut organisation_ids: HashMap<(&str, &str, OrganisationKind), i64> = HashMap::new();
    let mut report = ImportReport::default();
    for record in records {
        if !present.insert(record.email().to_lowercase()) {
            report.already_present += 1;
            continue;
        }
        let key = (record.organisation(), record.country(), record.kind());
        let organisation_id = match organisation_ids.get(&key) {
            Some(id) => *id,
            None => {
                let new = NewOrganisation {
                    name: record.organisation(),
                    kind: record.kind(),
                    country: record.country(),
                };
                let id = find_or_create_organisation(conn, &new)?.id;
                organisation_ids.insert(key, id);
                id
            }
        };
        let new = NewParticipant {
            campaign_id,
            organisation_id,
            email: record.email(),
            name: record.name(),
            audience: record.kind(),
            language: record.language(),
        };
        match add_participant(conn, &new) {
            Ok(_) => report.added += 1,
            // Another import added this address after we listed the present
            // ones; `add_participant` rolled back only its own insert.
            Err(StorageError::Conflict(_)) => report.already_present += 1,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(report)
}
