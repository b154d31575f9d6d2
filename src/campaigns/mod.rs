//! Campaigns: creating them from loaded questionnaires, and the rules that keep them sound.

mod follows;
mod request;

use chrono::NaiveDate;

use crate::accounts::Analyst;
use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::ids::CampaignId;
use crate::participants::OrganisationKind;
use crate::problems::{FieldProblem, Listed};
use crate::questionnaire::{Audience, Catalogue};
use crate::storage::campaigns::{self, CampaignDetails};
use crate::storage::{DbConn, StorageError};

pub use request::{CampaignRequest, Checked, PRIVACY_K_RANGE, check};

/// Why a campaign operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum CampaignError {
    /// The request is refused; every problem found, by field.
    #[error("{}", Listed(.0))]
    Invalid(Vec<FieldProblem>),
    #[error("campaign {0} not found")]
    NotFound(i64),
    #[error("campaign {0} is closed")]
    Closed(i64),
    /// The analyst may not create campaigns.
    #[error("{0} may not create campaigns; an admin can allow it (liaison analyst allow-create)")]
    NotAllowed(String),
    #[error(transparent)]
    Storage(StorageError),
}

impl CampaignError {
    /// A refusal of the request as a whole.
    pub(crate) fn general(reason: impl Into<String>) -> CampaignError {
        CampaignError::Invalid(vec![FieldProblem::general(reason)])
    }
}

impl From<StorageError> for CampaignError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound {
                what: "campaign",
                id,
            } => id.parse().map_or_else(
                |_| CampaignError::general(format!("campaign {id} not found")),
                CampaignError::NotFound,
            ),
            other => CampaignError::Storage(other),
        }
    }
}

/// The storage audience a questionnaire is sent to; `any` fits no single audience.
pub fn audience_of(audience: Audience) -> Option<OrganisationKind> {
    match audience {
        Audience::Csirt => Some(OrganisationKind::Csirt),
        Audience::Lea => Some(OrganisationKind::Lea),
        Audience::Judiciary => Some(OrganisationKind::Judiciary),
        Audience::Any => None,
    }
}

/// Checks a request against the loaded questionnaires and creates the campaign, audited
/// as done by `actor` in the same transaction.
pub fn create(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    request: &CampaignRequest,
    default_sender: &str,
    today: NaiveDate,
    actor: &Actor,
) -> Result<CampaignDetails, CampaignError> {
    let checked = check_with_follows(conn, catalogue, request, default_sender, today, None)?;
    store(conn, &checked, actor, None)
}

/// Creates the campaign as `analyst`, who must be allowed to
/// ([`Analyst::may_create_campaigns`]) and is assigned to it in the same transaction, so
/// that they can go on working with it.
pub fn create_as(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    request: &CampaignRequest,
    default_sender: &str,
    today: NaiveDate,
    analyst: &Analyst,
) -> Result<CampaignDetails, CampaignError> {
    if !analyst.may_create_campaigns() {
        return Err(CampaignError::NotAllowed(analyst.email().to_owned()));
    }
    let checked = check_with_follows(
        conn,
        catalogue,
        request,
        default_sender,
        today,
        Some(analyst),
    )?;
    store(conn, &checked, &analyst.actor(), Some(analyst.id()))
}

/// [`check`], and the campaign the request follows as `viewer` sees it (`None`: every
/// campaign): every problem of both, or the campaign to store.
fn check_with_follows(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    request: &CampaignRequest,
    default_sender: &str,
    today: NaiveDate,
    viewer: Option<&Analyst>,
) -> Result<Checked, CampaignError> {
    let checked = check(catalogue, request, default_sender, today);
    let follows = match request.follows {
        Some(id) => follows::check_follows(conn, catalogue, id, &request.questionnaires, viewer)?,
        None => Vec::new(),
    };
    match checked {
        Ok(checked) if follows.is_empty() => Ok(checked),
        Ok(_) => Err(CampaignError::Invalid(follows)),
        Err(mut problems) => {
            problems.extend(follows);
            Err(CampaignError::Invalid(problems))
        }
    }
}

/// Stores a checked campaign, its settings, its creator's assignment and the audit entry,
/// all or none.
fn store(
    conn: &mut DbConn,
    checked: &Checked,
    actor: &Actor,
    creator: Option<i64>,
) -> Result<CampaignDetails, CampaignError> {
    Ok(crate::storage::write_transaction(conn, |conn| {
        let created = campaigns::create_campaign(conn, &checked.campaign)?;
        let id = created.campaign.id;
        campaigns::set_follows(conn, id, checked.follows)?;
        crate::storage::peer_review::set_peer_review_nis2(conn, id, checked.peer_review_nis2)?;
        let details = campaigns::set_settings(conn, id, &checked.settings)?;
        if let Some(analyst) = creator {
            crate::storage::analysts::assign_campaign(conn, analyst, id)?;
        }
        let subject = AuditSubject::Campaign(CampaignId(id));
        audit::record(conn, actor, AuditAction::CampaignCreate, &subject, None)?;
        Ok::<_, StorageError>(details)
    })?)
}

/// Closes a campaign, audited as done by `actor` in the same transaction; its links stop
/// working. Closing a closed campaign changes nothing but is audited all the same.
pub fn close(
    conn: &mut DbConn,
    id: CampaignId,
    actor: &Actor,
) -> Result<CampaignDetails, StorageError> {
    crate::storage::write_transaction(conn, |conn| {
        let details = campaigns::close_campaign(conn, id.get())?;
        let subject = AuditSubject::Campaign(id);
        audit::record(conn, actor, AuditAction::CampaignClose, &subject, None)?;
        Ok(details)
    })
}

/// The campaign, if it exists and still takes answers on `today`.
pub fn open_campaign(
    conn: &mut DbConn,
    id: i64,
    today: NaiveDate,
) -> Result<CampaignDetails, CampaignError> {
    let details = campaigns::get_campaign(conn, id)?;
    if !takes_answers(&details.campaign, today) {
        return Err(CampaignError::Closed(id));
    }
    Ok(details)
}

/// Whether `campaign` still takes answers on `today`: not closed, and not past its last day.
pub fn takes_answers(campaign: &campaigns::Campaign, today: NaiveDate) -> bool {
    campaign.state != CampaignState::Closed && campaign.closes_on >= today
}

/// A questionnaire at the version a campaign uses: the loaded one when its version
/// matches, otherwise the stored snapshot of that version.
pub fn questionnaire_at(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    id: &str,
    version: &str,
) -> Result<std::sync::Arc<crate::questionnaire::Questionnaire>, StorageError> {
    if let Some(loaded) = catalogue.shared(id).filter(|q| q.version() == version) {
        return Ok(loaded);
    }
    let snapshot = crate::storage::questionnaires::get_snapshot(conn, id, version)?;
    crate::questionnaire::parse(&snapshot.sources()?)
        .map(std::sync::Arc::new)
        .map_err(|e| StorageError::Corrupt(e.to_string()))
}

crate::words::word_enum!(
    /// The Traffic Light Protocol label stamped on a campaign's results.
    Tlp, "TLP label", {
        /// Anyone may see it.
        Clear => "CLEAR",
        /// The community, not the public.
        Green => "GREEN",
        /// The recipients' organisations, need to know.
        Amber => "AMBER",
        /// Named recipients only.
        Red => "RED",
    }
);

crate::words::word_enum!(
    /// Whether a campaign still accepts responses.
    CampaignState, "campaign state", {
        /// Accepting responses.
        Open => "open",
        /// Closed; responses are final.
        Closed => "closed",
    }
);
