//! A campaign's series of rounds: the campaigns it follows, one after the other, and the
//! response an organisation submitted in the nearest earlier round.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::{CampaignDetails, get_campaign};
use crate::responses::ResponseState;
use crate::storage::responses::Response;
use crate::storage::schema::{campaigns, invitations, participants, responses};
use crate::storage::{DbConn, StorageError};

/// The most rounds a series is followed back: far more than any yearly assessment runs,
/// and a bound on the queries one report (the trend) makes.
pub const MAX_ROUNDS: usize = 50;

/// The series of rounds `campaign_id` ends: the campaigns it follows and itself, oldest
/// first, at most [`MAX_ROUNDS`] of them. A series that loops back on itself (which
/// creation refuses, see `campaigns::follows`, but a database edited by hand might hold)
/// ends where it would repeat a campaign.
pub fn rounds(conn: &mut DbConn, campaign_id: i64) -> Result<Vec<CampaignDetails>, StorageError> {
    let mut series = vec![get_campaign(conn, campaign_id)?];
    let mut seen = HashSet::from([campaign_id]);
    while let Some(earlier) = series.last().and_then(|d| d.campaign.follows_id) {
        if series.len() == MAX_ROUNDS || !seen.insert(earlier) {
            break;
        }
        series.push(get_campaign(conn, earlier)?);
    }
    series.reverse();
    Ok(series)
}

/// Whether following `campaign_id` leads back to a campaign already passed.
pub fn loops(conn: &mut DbConn, campaign_id: i64) -> Result<bool, StorageError> {
    let mut seen = HashSet::new();
    let mut next = Some(campaign_id);
    while let Some(id) = next {
        if !seen.insert(id) {
            return Ok(true);
        }
        next = campaigns::table
            .find(id)
            .select(campaigns::follows_id)
            .first::<Option<i64>>(conn)
            .optional()?
            .flatten();
    }
    Ok(false)
}

/// Makes campaign `id` the next round of `follows` (or a first round). Callers check
/// that it may be (`campaigns::follows`); the foreign key refuses an unknown campaign.
pub fn set_follows(conn: &mut DbConn, id: i64, follows: Option<i64>) -> Result<(), StorageError> {
    let changed = diesel::update(campaigns::table.find(id))
        .set(campaigns::follows_id.eq(follows))
        .execute(conn)?;
    if changed == 0 {
        return Err(StorageError::not_found("campaign", id));
    }
    Ok(())
}

/// Dates campaign `id` as a round run in the past: made at `created_at`, due on
/// `closes_on` and closed at `closed_at` (the demo's earlier round).
pub fn set_past_dates(
    conn: &mut DbConn,
    id: i64,
    created_at: NaiveDateTime,
    closes_on: NaiveDate,
    closed_at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(campaigns::table.find(id))
        .set((
            campaigns::created_at.eq(created_at),
            campaigns::closes_on.eq(closes_on),
            campaigns::state.eq(crate::campaigns::CampaignState::Closed),
            campaigns::closed_at.eq(Some(closed_at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// A response submitted in an earlier round, with the campaign it was given in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierResponse {
    pub campaign: CampaignDetails,
    pub response: Response,
}

/// The response organisation `organisation_id` last submitted to questionnaire
/// `questionnaire_id` in the nearest round before `campaign_id` where it submitted one;
/// `None` for a first round or an organisation new to the series. Organisations are
/// matched as stored, never by the address of whoever answered.
pub fn earlier_response(
    conn: &mut DbConn,
    campaign_id: i64,
    organisation_id: i64,
    questionnaire_id: &str,
) -> Result<Option<EarlierResponse>, StorageError> {
    let mut series = rounds(conn, campaign_id)?;
    series.pop();
    for campaign in series.into_iter().rev() {
        let found = responses::table
            .inner_join(invitations::table.inner_join(participants::table))
            .filter(participants::campaign_id.eq(campaign.campaign.id))
            .filter(participants::organisation_id.eq(organisation_id))
            .filter(responses::questionnaire_id.eq(questionnaire_id))
            .filter(
                responses::state.eq_any(ResponseState::counting_in_reports_of(
                    campaign.campaign.review_required,
                )),
            )
            .order((responses::submitted_at.desc(), responses::id.desc()))
            .select(Response::as_select())
            .first(conn)
            .optional()?;
        if let Some(response) = found {
            return Ok(Some(EarlierResponse { campaign, response }));
        }
    }
    Ok(None)
}
