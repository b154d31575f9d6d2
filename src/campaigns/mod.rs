//! Campaigns: creating them from loaded questionnaires, and the rules that keep them sound.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::ids::CampaignId;
use crate::participants::OrganisationKind;
use crate::problems::{FieldProblem, Listed};
use crate::questionnaire::{Audience, Catalogue};
use crate::storage::campaigns::{self, CampaignDetails, NewCampaign, QuestionnaireChoice};
use crate::storage::{DbConn, StorageError};
use crate::text::{Label, LabelError};

/// What a user asks for when creating a campaign (CLI flags or the API's JSON body).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignRequest {
    /// Shown to analysts and respondents: 1 to 200 characters, not blank, without line
    /// breaks, other control characters or bidirectional overrides.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// Questionnaire ids, at most one per audience.
    #[schema(min_items = 1)]
    pub questionnaires: Vec<String>,
    /// The last day answers are accepted.
    pub closes_on: NaiveDate,
    /// CLEAR, GREEN, AMBER (the default) or RED.
    #[schema(schema_with = tlp_schema)]
    pub tlp: Option<String>,
    /// Who the invitations come from; the configured organisation when absent.
    /// The same rules as `name`.
    pub sender_organisation: Option<String>,
}

/// The TLP labels a request may name, from the one list storage keeps; or none.
fn tlp_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    let labels = Tlp::ALL.iter().map(|t| serde_json::Value::from(t.as_str()));
    ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
            Type::String,
            Type::Null,
        ]))
        .enum_values(Some(labels.chain([serde_json::Value::Null])))
        .description(Some("CLEAR, GREEN, AMBER (the default) or RED"))
        .build()
}

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
    #[error(transparent)]
    Storage(StorageError),
}

impl CampaignError {
    /// A refusal of one field's value.
    fn field(field: &str, reason: impl Into<String>) -> CampaignError {
        CampaignError::Invalid(vec![FieldProblem::in_field(field, reason)])
    }

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
    let name = Label::parse(&request.name).map_err(|e| match e {
        LabelError::Empty => CampaignError::field("name", "a campaign needs a name"),
        other => CampaignError::field("name", other.to_string()),
    })?;
    if request.closes_on < today {
        return Err(CampaignError::field(
            "closes_on",
            format!("{} has already passed", request.closes_on),
        ));
    }
    let tlp = match &request.tlp {
        None => Tlp::Amber,
        Some(label) => label
            .trim()
            .to_uppercase()
            .trim_start_matches("TLP:")
            .parse()
            .map_err(|_| {
                CampaignError::field(
                    "tlp",
                    format!("unknown label \"{label}\" (expected CLEAR, GREEN, AMBER or RED)"),
                )
            })?,
    };
    if request.questionnaires.is_empty() {
        return Err(CampaignError::field(
            "questionnaires",
            "name at least one questionnaire",
        ));
    }
    let mut choices: Vec<QuestionnaireChoice> = Vec::new();
    for id in &request.questionnaires {
        let questionnaire = catalogue.get(id).ok_or_else(|| {
            let known: Vec<&str> = catalogue.iter().map(|q| q.id()).collect();
            CampaignError::field(
                "questionnaires",
                format!(
                    "unknown questionnaire \"{id}\" (loaded: {})",
                    known.join(", ")
                ),
            )
        })?;
        let audience = audience_of(questionnaire.audience()).ok_or_else(|| {
            CampaignError::field(
                "questionnaires",
                format!(
                    "\"{id}\" is for any audience; a campaign needs one questionnaire per audience"
                ),
            )
        })?;
        if let Some(other) = choices.iter().find(|c| c.audience == audience) {
            return Err(CampaignError::field(
                "questionnaires",
                format!(
                    "\"{id}\" and \"{}\" are both for {audience}; a campaign holds one questionnaire per audience",
                    other.questionnaire_id
                ),
            ));
        }
        choices.push(QuestionnaireChoice {
            audience,
            questionnaire_id: questionnaire.id().to_owned(),
            questionnaire_version: questionnaire.version().to_owned(),
        });
    }
    let sender = sender_organisation(request.sender_organisation.as_deref(), default_sender)?;
    let new = NewCampaign {
        name: name.into_string(),
        tlp,
        sender_organisation: sender.into_string(),
        closes_on: request.closes_on,
        questionnaires: choices,
    };
    Ok(crate::storage::write_transaction(conn, |conn| {
        let details = campaigns::create_campaign(conn, &new)?;
        let subject = AuditSubject::Campaign(CampaignId(details.campaign.id));
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

/// The organisation a campaign's mails come from: the one asked for, or `default`
/// when none is; either must be a [`Label`], since it goes into mail headers.
fn sender_organisation(asked: Option<&str>, default: &str) -> Result<Label, CampaignError> {
    let (field, value) = match asked.filter(|s| !s.trim().is_empty()) {
        Some(asked) => ("sender_organisation", asked),
        None => ("the configured organisation", default),
    };
    Label::parse(value).map_err(|e| CampaignError::field(field, e.to_string()))
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
) -> Result<crate::questionnaire::Questionnaire, StorageError> {
    if let Some(loaded) = catalogue.get(id).filter(|q| q.version() == version) {
        return Ok(loaded.clone());
    }
    let snapshot = crate::storage::questionnaires::get_snapshot(conn, id, version)?;
    crate::questionnaire::parse(&snapshot.sources()?)
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
