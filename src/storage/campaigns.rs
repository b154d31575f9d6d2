//! Campaigns and the questionnaire version each of their audiences answers; the series of
//! rounds they form, in the `rounds` module.

mod rounds;

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::questionnaires::find_snapshot;
use super::schema::{campaign_questionnaires, campaigns};
use super::{DbConn, StorageError};
use crate::campaigns::CampaignState;
use crate::campaigns::Tlp;
use crate::participants::OrganisationKind;

pub use rounds::{EarlierResponse, earlier_response, loops, rounds, set_follows, set_past_dates};

/// A stored campaign.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = campaigns)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub tlp: Tlp,
    pub state: CampaignState,
    /// Who the invitations come from, as shown to respondents.
    pub sender_organisation: String,
    pub closes_on: NaiveDate,
    pub created_at: NaiveDateTime,
    /// Set exactly when `state` is closed.
    pub closed_at: Option<NaiveDateTime>,
    /// The campaign's own privacy threshold (at least 3); `None` follows the configured one.
    pub privacy_k: Option<i32>,
    /// The languages offered to respondents, comma-separated; `None` (campaigns made before
    /// the choice existed) offers every language of the campaign's questionnaires.
    pub languages: Option<String>,
    /// Days after it closes that its participants' personal data is kept
    /// (`retention::RETENTION_DAYS_RANGE`).
    pub retention_days: i32,
    /// When its participants' personal data was erased (`retention::run`); `None` until then.
    pub erased_at: Option<NaiveDateTime>,
    /// The campaign this one is the next round of; `None` for a first round.
    pub follows_id: Option<i64>,
    /// Whether a reviewer must accept each response before it counts in reports.
    pub review_required: bool,
    /// Whether its peer reviews follow NIS2: peers from at least two other countries.
    pub peer_review_nis2: bool,
}

impl Campaign {
    /// The privacy threshold of the campaign's reports: its own, else `configured`.
    pub fn privacy_k_or(&self, configured: usize) -> usize {
        self.privacy_k
            .and_then(|k| usize::try_from(k).ok())
            .unwrap_or(configured)
    }

    /// The languages the campaign offers, in the order chosen; `None` when it offers every
    /// language of its questionnaires.
    pub fn offered_languages(&self) -> Option<Vec<&str>> {
        self.languages.as_deref().map(|l| l.split(',').collect())
    }

    /// Whether respondents may answer in `language` (when their questionnaire has it).
    pub fn offers(&self, language: &str) -> bool {
        self.offered_languages()
            .is_none_or(|offered| offered.contains(&language))
    }
}

/// The questionnaire version one audience of a campaign answers.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable, Associations)]
#[diesel(table_name = campaign_questionnaires)]
#[diesel(primary_key(campaign_id, audience))]
#[diesel(belongs_to(Campaign))]
pub struct CampaignQuestionnaire {
    pub campaign_id: i64,
    pub audience: OrganisationKind,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
}

/// A campaign with its questionnaires, ordered by audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignDetails {
    pub campaign: Campaign,
    pub questionnaires: Vec<CampaignQuestionnaire>,
}

/// Which questionnaire version an audience of a new campaign answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionnaireChoice {
    pub audience: OrganisationKind,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
}

/// A campaign to create; it starts open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCampaign {
    pub name: String,
    pub tlp: Tlp,
    pub sender_organisation: String,
    pub closes_on: NaiveDate,
    /// At most one per audience; each version must already be stored as a
    /// snapshot (see `questionnaires::store_snapshot`).
    pub questionnaires: Vec<QuestionnaireChoice>,
}

/// What a campaign decides for itself beyond its questionnaires: its privacy threshold
/// and the languages it offers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CampaignSettings {
    /// At least 3; `None` follows the configured threshold.
    pub privacy_k: Option<i32>,
    /// Language codes; `None` offers every language of the campaign's questionnaires.
    pub languages: Option<Vec<String>>,
    /// Days its participants' personal data is kept after it closes; `None` keeps what it
    /// has (365 days for a new campaign).
    pub retention_days: Option<i32>,
    /// Whether a reviewer must accept each response before it counts; `None` keeps what it
    /// has (no review for a new campaign).
    pub review_required: Option<bool>,
}

#[derive(Insertable)]
#[diesel(table_name = campaigns)]
struct CampaignRow<'a> {
    name: &'a str,
    tlp: Tlp,
    state: CampaignState,
    sender_organisation: &'a str,
    closes_on: NaiveDate,
    created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = campaign_questionnaires)]
struct CampaignQuestionnaireRow<'a> {
    campaign_id: i64,
    audience: OrganisationKind,
    questionnaire_id: &'a str,
    questionnaire_version: &'a str,
}

/// Creates a campaign with its questionnaires in one transaction.
///
/// Refuses an audience listed twice (`Conflict`) and a questionnaire version
/// that has no snapshot (`NotFound`).
pub fn create_campaign(
    conn: &mut DbConn,
    new: &NewCampaign,
) -> Result<CampaignDetails, StorageError> {
    let mut audiences = HashSet::new();
    if let Some(twice) = new
        .questionnaires
        .iter()
        .find(|q| !audiences.insert(q.audience))
    {
        return Err(StorageError::Conflict(format!(
            "campaign {:?} lists a questionnaire for {} twice",
            new.name, twice.audience
        )));
    }
    crate::storage::write_transaction(conn, |conn| {
        for choice in &new.questionnaires {
            // Checked here for a clear message; the foreign key is the guarantee.
            if find_snapshot(
                conn,
                &choice.questionnaire_id,
                &choice.questionnaire_version,
            )?
            .is_none()
            {
                return Err(StorageError::not_found(
                    "questionnaire snapshot",
                    format!(
                        "{} version {}",
                        choice.questionnaire_id, choice.questionnaire_version
                    ),
                ));
            }
        }
        diesel::insert_into(campaigns::table)
            .values(&CampaignRow {
                name: &new.name,
                tlp: new.tlp,
                state: CampaignState::Open,
                sender_organisation: &new.sender_organisation,
                closes_on: new.closes_on,
                created_at: super::now(),
            })
            .execute(conn)?;
        let campaign_id = super::last_insert_id(conn)?;
        // One row at a time: the multi-backend cannot batch inserts, and there
        // are at most three audiences.
        for choice in &new.questionnaires {
            diesel::insert_into(campaign_questionnaires::table)
                .values(&CampaignQuestionnaireRow {
                    campaign_id,
                    audience: choice.audience,
                    questionnaire_id: &choice.questionnaire_id,
                    questionnaire_version: &choice.questionnaire_version,
                })
                .execute(conn)?;
        }
        get_campaign(conn, campaign_id)
    })
}

/// Sets a campaign's [`CampaignSettings`], all but a retention period and a review rule
/// it does not name.
pub fn set_settings(
    conn: &mut DbConn,
    id: i64,
    settings: &CampaignSettings,
) -> Result<CampaignDetails, StorageError> {
    let languages = settings.languages.as_ref().map(|l| l.join(","));
    let changed = diesel::update(campaigns::table.find(id))
        .set((
            campaigns::privacy_k.eq(settings.privacy_k),
            campaigns::languages.eq(languages),
        ))
        .execute(conn)?;
    if changed == 0 {
        return Err(StorageError::not_found("campaign", id));
    }
    if let Some(days) = settings.retention_days {
        diesel::update(campaigns::table.find(id))
            .set(campaigns::retention_days.eq(days))
            .execute(conn)?;
    }
    if let Some(required) = settings.review_required {
        diesel::update(campaigns::table.find(id))
            .set(campaigns::review_required.eq(required))
            .execute(conn)?;
    }
    get_campaign(conn, id)
}

/// Whether the campaign requires review (false for a campaign that does not exist, which
/// has no responses either).
pub fn review_required(conn: &mut DbConn, id: i64) -> Result<bool, StorageError> {
    Ok(campaigns::table
        .find(id)
        .select(campaigns::review_required)
        .first(conn)
        .optional()?
        .unwrap_or(false))
}

/// The states whose responses count in the campaign's reports (see
/// `ResponseState::counting_in_reports_of`).
pub fn counting_states(
    conn: &mut DbConn,
    id: i64,
) -> Result<Vec<crate::responses::ResponseState>, StorageError> {
    let required = review_required(conn, id)?;
    Ok(crate::responses::ResponseState::counting_in_reports_of(
        required,
    ))
}

/// The campaign with this id, with its questionnaires.
pub fn get_campaign(conn: &mut DbConn, id: i64) -> Result<CampaignDetails, StorageError> {
    let campaign = campaigns::table
        .find(id)
        .select(Campaign::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StorageError::not_found("campaign", id))?;
    let questionnaires = CampaignQuestionnaire::belonging_to(&campaign)
        .order(campaign_questionnaires::audience)
        .select(CampaignQuestionnaire::as_select())
        .load(conn)?;
    Ok(CampaignDetails {
        campaign,
        questionnaires,
    })
}

/// The questionnaire choices of `campaign`, by audience.
pub fn questionnaires_of(
    conn: &mut DbConn,
    campaign: &Campaign,
) -> Result<Vec<CampaignQuestionnaire>, StorageError> {
    Ok(super::on_backend!(conn, |c| {
        CampaignQuestionnaire::belonging_to(campaign)
            .order(campaign_questionnaires::audience)
            .select(CampaignQuestionnaire::as_select())
            .load(c)
    })?)
}

/// Every campaign, newest first, each with its questionnaires.
pub fn list_campaigns(conn: &mut DbConn) -> Result<Vec<CampaignDetails>, StorageError> {
    let all: Vec<Campaign> = campaigns::table
        .order(campaigns::id.desc())
        .select(Campaign::as_select())
        .load(conn)?;
    let questionnaires = CampaignQuestionnaire::belonging_to(&all)
        .order(campaign_questionnaires::audience)
        .select(CampaignQuestionnaire::as_select())
        .load(conn)?
        .grouped_by(&all);
    Ok(all
        .into_iter()
        .zip(questionnaires)
        .map(|(campaign, questionnaires)| CampaignDetails {
            campaign,
            questionnaires,
        })
        .collect())
}

/// Closes an open campaign; closing a closed one changes nothing. Its links stop working.
pub fn close_campaign(conn: &mut DbConn, id: i64) -> Result<CampaignDetails, StorageError> {
    crate::storage::write_transaction(conn, |conn| {
        diesel::update(
            campaigns::table
                .find(id)
                .filter(campaigns::state.eq(CampaignState::Open)),
        )
        .set((
            campaigns::state.eq(CampaignState::Closed),
            campaigns::closed_at.eq(Some(super::now())),
        ))
        .execute(conn)?;
        get_campaign(conn, id)
    })
}
